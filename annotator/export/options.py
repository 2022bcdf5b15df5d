"""Options some exports and imports take, and the notes they hand back to the user.

``annotator_map`` ties this project's annotators to another tool's users: on export, annotator
name -> e-mail (Label Studio ``completed_by``); on import, the tool's e-mail, user id or user
name -> annotator name. ``notes`` collects one-line messages (e.g. doccano overlaps) that the
command prints on standard error after the export.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from annotator.errors import AnnotatorError
from annotator.jsonio import read_json_bytes
from annotator.models import check_safe_name

DEFAULT_EMAIL_DOMAIN = "annotator.invalid"


@dataclass
class ExportOptions:
    emails: dict[str, str] = field(default_factory=dict)  # annotator -> e-mail
    notes: list[str] = field(default_factory=list)
    doccano_relations: bool = True  # False: plain sequence labelling ("label" lists)

    def email_of(self, annotator: str) -> str:
        return self.emails.get(annotator) or f"{annotator}@{DEFAULT_EMAIL_DOMAIN}"


def read_annotator_map(path: Path) -> dict[str, str]:
    """A JSON object of strings: ``{"alice": "alice@example.org", ...}`` (either direction)."""
    data = read_json_bytes(path)
    if not isinstance(data, dict):
        raise AnnotatorError(f'{path}: expected a JSON object such as {{"alice": "a@example.org"}}')
    for key, value in data.items():
        if not isinstance(value, str) or not value.strip():
            raise AnnotatorError(f"{path}: $.{key}: expected a non-empty string")
    return {str(key).strip(): value.strip() for key, value in data.items()}


def export_emails(mapping: dict[str, str], path: Path) -> dict[str, str]:
    """annotator -> e-mail from a map written either way round (name: email or email: name)."""
    emails = {}
    for key, value in mapping.items():
        name, email = (value, key) if "@" in key and "@" not in value else (key, value)
        try:
            check_safe_name(name)
        except ValueError as exc:
            raise AnnotatorError(f"{path}: annotator {name!r}: {exc}") from None
        emails[name] = email
    return emails


def import_names(mapping: dict[str, str], path: Path) -> dict[str, str]:
    """tool user (e-mail, id or name) -> annotator from a map written either way round."""
    names = {}
    for key, value in mapping.items():
        tool_user, name = (value, key) if "@" in value and "@" not in key else (key, value)
        try:
            check_safe_name(name)
        except ValueError as exc:
            raise AnnotatorError(f"{path}: annotator {name!r}: {exc}") from None
        names[tool_user.lower()] = name
    return names
