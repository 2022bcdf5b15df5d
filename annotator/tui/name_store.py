"""The UI's remembered annotator name (kept in :mod:`annotator.names`, the CLI reads it too) and
the auto-advance setting, remembered beside it in the same config folder."""

from __future__ import annotations

import contextlib
from pathlib import Path

from annotator.atomic import write_atomic
from annotator.names import NAME_FILE, default_name_file, remember_name, remembered_name

__all__ = [
    "NAME_FILE",
    "auto_advance_file",
    "default_name_file",
    "remember_auto_advance",
    "remember_name",
    "remembered_auto_advance",
    "remembered_name",
]

AUTO_ADVANCE_FILE = "auto-advance"


def auto_advance_file(name_file: Path) -> Path:
    """The auto-advance setting lives beside the remembered name (same config folder)."""
    return name_file.with_name(AUTO_ADVANCE_FILE)


def remembered_auto_advance(path: Path) -> bool:
    """The remembered auto-advance setting: on unless ``off`` was saved."""
    try:
        return path.read_text(encoding="utf-8").strip() != "off"
    except (OSError, UnicodeDecodeError):
        return True


def remember_auto_advance(path: Path, on: bool) -> None:
    with contextlib.suppress(OSError):  # a convenience, like the name
        write_atomic(path, b"on\n" if on else b"off\n")
