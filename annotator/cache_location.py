"""Where the caches live and whether they are on: light (no pydantic), so that commands which
only read a cache entry (``annotator corpus``) need not load the models.

``$ANNOTATOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/annotator``, else ``~/.cache/annotator``;
``ANNOTATOR_NO_CACHE=1`` (``annotator --no-cache``) turns every cache off.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_ENV = "ANNOTATOR_CACHE_DIR"
NO_CACHE_ENV = "ANNOTATOR_NO_CACHE"


def default_cache_dir() -> Path:
    """Where the cache lives: ``$ANNOTATOR_CACHE_DIR``, ``$XDG_CACHE_HOME/annotator``, ``~/.cache/annotator``."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "annotator"


def cache_enabled() -> bool:
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")
