"""Where the app remembers the annotator's name (and the auto-advance setting) between runs.

The name lives in the user's configuration, not in the (shared, often version-controlled)
annotations folder: ``$ANNOTATOR_CONFIG_DIR/annotator-name`` if that variable is set, else
``$XDG_CONFIG_HOME/annotator/annotator-name``, else ``~/.config/annotator/annotator-name``.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from annotator.atomic import write_atomic
from annotator.models import check_safe_name

NAME_FILE = "annotator-name"


def default_name_file() -> Path:
    explicit = os.environ.get("ANNOTATOR_CONFIG_DIR")
    if explicit:
        return Path(explicit) / NAME_FILE
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "annotator" / NAME_FILE


def remembered_name(path: Path) -> str | None:
    """The remembered name, or ``None`` if there is none (or it is not a valid name)."""
    try:
        name = path.read_text(encoding="utf-8").strip()
        return check_safe_name(name)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def remember_name(path: Path, name: str) -> None:
    with contextlib.suppress(OSError):  # remembering is a convenience, not a requirement
        write_atomic(path, (check_safe_name(name) + "\n").encode("utf-8"))


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
