"""JSON Schemas generated from the models (``schemas/*.schema.json``; never hand-edited).

Every model that is written to a file is listed in ``SCHEMA_MODELS``; ``annotator schema``
writes them and ``annotator schema --check`` (and a test) fails when a file is stale.
"""

from __future__ import annotations

from pathlib import Path

import orjson
from pydantic import BaseModel

from annotator.export.json_format import ExportFile
from annotator.models import AnnotationFile, Document, LabelScheme

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "document": Document,
    "annotation": AnnotationFile,
    "scheme": LabelScheme,
    "export": ExportFile,
}


def render_schemas() -> dict[str, bytes]:
    """File name -> bytes of every generated schema."""
    rendered: dict[str, bytes] = {}
    for name, model in sorted(SCHEMA_MODELS.items()):
        schema = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
        rendered[f"{name}.schema.json"] = (
            orjson.dumps(schema, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
        )
    return rendered


def stale_schemas(folder: Path) -> list[str]:
    """Names of schema files in ``folder`` that are missing or differ from the models."""
    stale = []
    for name, content in render_schemas().items():
        path = folder / name
        if not path.is_file() or path.read_bytes() != content:
            stale.append(name)
    return stale
