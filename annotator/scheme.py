"""Finding the project's label scheme.

Lookup order: an explicit ``--scheme FILE``; else ``scheme.json`` in the annotations folder
(``annotations/scheme.json`` by default), so the scheme travels with the annotations it describes;
else the built-in default (stance: pro-US, pro-China, balancing, neutral; sentiment: negative,
neutral, positive).
"""

from __future__ import annotations

from pathlib import Path

from annotator.errors import AnnotatorError
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


def resolve_label(scheme: LabelScheme, field: str, given: str) -> str:
    """The scheme's value for ``given``: a value, a key (``2``) or a name in any case (``pro-us``).

    Raises :class:`~annotator.errors.AnnotatorError` listing the valid values and keys.
    """
    labels = scheme.stance if field == "stance" else scheme.sentiment
    wanted = given.strip()
    for label in labels:
        if wanted == label.value or wanted == label.key:
            return label.value
    folded = wanted.casefold()
    for label in labels:
        if folded == label.value.casefold():
            return label.value
    valid = ", ".join(f"{label.value} (key {label.key})" for label in labels)
    raise AnnotatorError(
        f"--{field} {given!r} is not a {field} of scheme {scheme.name}; valid: {valid}"
    )
