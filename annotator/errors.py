"""User-facing errors: each carries one line saying what is wrong and where."""

from __future__ import annotations

import errno
from pathlib import Path


class AnnotatorError(Exception):
    """An error caused by input or state the user can fix; shown as one line, no traceback."""


class InvalidFileError(AnnotatorError):
    """A file that cannot be read or does not validate."""

    def __init__(self, path: Path | str, reason: str, json_path: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        self.json_path = json_path
        where = f"{self.path}: {json_path}: " if json_path else f"{self.path}: "
        super().__init__(where + reason)


class LockedError(AnnotatorError):
    """Another process is writing the same annotator's files."""


class ConflictError(AnnotatorError):
    """The file changed on disk and here, differently, for the same quotes: nothing was written."""

    def __init__(self, path: Path | str, quote_ids: list[str], fields: list[str] | None = None):
        self.path = str(path)
        self.quote_ids = list(quote_ids)
        self.fields = list(fields or [])
        what = []
        if self.quote_ids:
            what.append("quote" + ("s " if len(self.quote_ids) > 1 else " ") + ", ".join(quote_ids))
        if self.fields:
            what.append(", ".join(self.fields))
        super().__init__(
            f"{self.path}: changed on disk since it was opened (git pull? another program?) and "
            f"here, differently, for {' and '.join(what)}; nothing saved. Your changes stay on "
            "screen: close annotator, keep one version of the file (e.g. git checkout or git "
            "stash it) and open it again"
        )


class MachineError(AnnotatorError, OSError):
    """An operating-system failure (full disk, read-only folder, ...) reading or writing a file.

    Still an :class:`OSError` (same ``errno``), so code that tolerates OS errors keeps working.
    """

    def __init__(self, message: str, error_number: int | None = None) -> None:
        OSError.__init__(self, error_number, message)
        self.message = message

    def __str__(self) -> str:
        return self.message


_ADVICE: dict[int, str] = {
    errno.ENOSPC: "the disk is full; free some space",
    errno.EDQUOT: "the disk quota is used up; free some space",
    errno.EROFS: "the file system is read-only; use a writable folder",
    errno.EACCES: "permission denied; check the permissions of the file and its folder",
    errno.EPERM: "operation not permitted; check the permissions of the file and its folder",
    errno.ENAMETOOLONG: "the path is too long; use a shorter folder or file name",
    errno.EISDIR: "a folder is in the way where a file should be; move or rename that folder",
    errno.ENOTDIR: "a file is in the way where a folder should be; move or rename that file",
    errno.ENOENT: "it does not exist; check the path",
    errno.ELOOP: "it is a symbolic link (or a loop of links); replace it by a regular file",
    errno.EIO: "input/output error; check the disk",
    errno.EMFILE: "too many open files; close some programs",
}


def machine_reason(exc: OSError) -> str:
    """What went wrong and what to do, for an operating-system error (no file name)."""
    advice = _ADVICE.get(exc.errno) if exc.errno is not None else None
    return advice or exc.strerror or str(exc) or type(exc).__name__


def machine_error(exc: OSError, path: Path | str, action: str = "cannot write") -> MachineError:
    """One line naming ``path``, what failed and what to do."""
    if isinstance(exc, MachineError):
        return exc
    return MachineError(f"{path}: {action}: {machine_reason(exc)}", exc.errno)
