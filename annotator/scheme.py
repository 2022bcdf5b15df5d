"""Finding the project's label scheme.

Lookup order: an explicit ``--scheme FILE``; else ``scheme.json`` in the annotations folder
(``annotations/scheme.json`` by default), so the scheme travels with the annotations it describes;
else the built-in default (stance: pro-US, pro-China, balancing, neutral; sentiment: negative,
neutral, positive).
"""

from __future__ import annotations

from pathlib import Path

from annotator.jsonio import read_json_bytes, validate_model
from annotator.models import DEFAULT_SCHEME, LabelScheme

SCHEME_FILE_NAME = "scheme.json"


def find_scheme(annotations_dir: Path | None = None, explicit: Path | None = None) -> LabelScheme:
    """The label scheme in force for an annotations folder (see the module docstring)."""
    if explicit is not None:
        return load_scheme_file(explicit)
    if annotations_dir is not None:
        candidate = annotations_dir / SCHEME_FILE_NAME
        if candidate.is_file():
            return load_scheme_file(candidate)
    return DEFAULT_SCHEME


def load_scheme_file(path: Path) -> LabelScheme:
    return validate_model(LabelScheme, read_json_bytes(path), path)
