"""The one place where old file versions are brought up to the current ``schema_version``.

To change a file format: bump ``SCHEMA_VERSION`` in ``models.py``, add a function here that
turns a version-N dict into a version-N+1 dict, and register it in ``ANNOTATION_MIGRATIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.errors import InvalidFileError
from annotator.models import SCHEMA_VERSION

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# from-version -> function producing the next version
ANNOTATION_MIGRATIONS: dict[int, Migration] = {}


def migrate_annotation(data: Any, path: Path) -> Any:
    """Return ``data`` at the current schema version, or raise if it cannot be read."""
    if not isinstance(data, dict):
        raise InvalidFileError(path, f"expected a JSON object, found {type(data).__name__}", "$")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidFileError(path, "missing or non-integer schema_version", "$.schema_version")
    if version > SCHEMA_VERSION:
        raise InvalidFileError(
            path,
            f"schema_version {version} is newer than this annotator supports ({SCHEMA_VERSION}); "
            "upgrade annotator",
            "$.schema_version",
        )
    while version < SCHEMA_VERSION:
        step = ANNOTATION_MIGRATIONS.get(version)
        if step is None:
            raise InvalidFileError(
                path, f"no migration from schema_version {version}", "$.schema_version"
            )
        data = step(data)
        version = data["schema_version"]
    return data
