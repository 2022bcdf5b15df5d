"""User-facing errors: each carries one line saying what is wrong and where."""

from __future__ import annotations

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
