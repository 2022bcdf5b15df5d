"""The UI's remembered annotator name: kept in :mod:`annotator.names` (the CLI reads it too)."""

from __future__ import annotations

from annotator.names import NAME_FILE, default_name_file, remember_name, remembered_name

__all__ = ["NAME_FILE", "default_name_file", "remember_name", "remembered_name"]
