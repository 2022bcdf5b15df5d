"""Where an export goes: standard output, or a file replaced atomically once fully written."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.atomic import fsync_folder


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_output(target: Path | None) -> Iterator[BinaryIO]:
    """A binary stream for ``target`` (``None`` or ``-`` = stdout).

    A file is written to a temporary file in the same folder and renamed over ``target`` only
    when the block finishes without error, so a failed export leaves any old file untouched.
    """
    if target is None or str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.chmod(temp_name, 0o666 & ~current_umask())  # mkstemp makes 0600; exports are shareable
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_folder(folder)
