"""Atomic file writes: temp file in the same folder, fsync, rename, fsync of the folder.

The temporary file is ``.<name>.<8 random characters>.tmp`` next to the target; a writer
killed mid-write leaves one behind, which :func:`remove_leftover_temps` clears. An existing
target keeps its permission bits; one without write permission (e.g. 0444) or that is a
symbolic link is refused, never replaced. Operating-system failures (full disk, read-only
folder, ...) become one-line :class:`~annotator.errors.MachineError`\\ s naming the target.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.errors import MachineError, machine_error

# what tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") creates
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}\.tmp")


def check_replaceable(path: Path) -> int | None:
    """The permission bits ``path`` must keep, ``None`` if it does not exist; refuse links and
    read-only files."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise machine_error(exc, path) from exc
    # refusals are MachineErrors (OSErrors), so callers that tolerate OS errors still do
    if stat.S_ISLNK(status.st_mode):
        raise MachineError(
            f"{path}: is a symbolic link; not replaced (replace it by the file)", errno.ELOOP
        )
    if stat.S_ISDIR(status.st_mode):
        raise MachineError(
            f"{path}: cannot write: a folder is in the way where a file should be; "
            "move or rename that folder",
            errno.EISDIR,
        )
    if not stat.S_ISREG(status.st_mode):
        raise MachineError(f"{path}: is not a regular file; not replaced", errno.EINVAL)
    mode = stat.S_IMODE(status.st_mode)
    if not mode & stat.S_IWUSR:
        raise MachineError(
            f"{path}: is read-only (mode {mode:04o}); not replaced. "
            f"Make it writable (chmod u+w {path}) if it should change",
            errno.EACCES,
        )
    return mode


@contextlib.contextmanager
def atomic_writer(path: Path, buffering: int = -1) -> Iterator[BinaryIO]:
    """A binary stream whose content replaces ``path`` only if the block finishes without error.

    Readers see the old file or the new one, never half of one; on error the old file stays
    and the temporary file is removed.
    """
    folder = path.parent
    temp_name: str | None = None
    in_block = False
    try:
        mode = check_replaceable(path)
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        # mkstemp makes 0600: keep the old file's mode, or use the usual one for a new file
        os.fchmod(fd, mode if mode is not None else 0o666 & ~current_umask())
        with os.fdopen(fd, "wb", buffering=buffering) as handle:
            in_block = True
            yield handle
            in_block = False
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as exc:
        _remove(temp_name)
        # an error of another file used inside the block is the caller's to report
        if in_block and exc.filename is not None:
            raise
        raise machine_error(exc, path) from exc
    except BaseException:
        _remove(temp_name)
        raise
    fsync_folder(folder)


def _remove(temp_name: str | None) -> None:
    if temp_name is not None:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path) as handle:
        handle.write(data)


def remove_leftover_temps(folder: Path, suffix: str = "", min_age: float = 0.0) -> list[Path]:
    """Delete the temporary files of killed atomic writers in ``folder``; returns them.

    Only names of the atomic writer's pattern whose target ends with ``suffix`` and that are
    at least ``min_age`` seconds old are touched. Call it only while holding the lock that
    every writer of those targets takes: then no live writer's temporary file can exist.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match is None or not match["target"].endswith(suffix):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(status.st_mode) or now - status.st_mtime < min_age:
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
