"""Where the annotator's name is remembered between runs (read by the CLI, written by the UI).

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


def remembered_name(path: Path | None = None) -> str | None:
    """The remembered name, or ``None`` if there is none (or it is not a valid name)."""
    try:
        name = (path or default_name_file()).read_text(encoding="utf-8").strip()
        return check_safe_name(name)
    except (OSError, UnicodeDecodeError, ValueError):
        return None


def remember_name(path: Path, name: str) -> None:
    with contextlib.suppress(OSError):  # remembering is a convenience, not a requirement
        write_atomic(path, (check_safe_name(name) + "\n").encode("utf-8"))
