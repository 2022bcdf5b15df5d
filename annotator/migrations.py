"""The one place where old annotation files are brought up to the current ``schema_version``.

Version 1 → 2: each label gains ``quote``, the quote as the annotator saw it (span, text, kind,
cue, proposed speaker/outlet, extractor version). A version 1 file does not hold that, so the
migration needs the document and the extractor's current proposals: a label on a proposed span
takes that proposal, a label on an added quote takes the added quote, and a label whose span is
neither is anchored by its span only (text from the document, kind from the text, no speaker or
outlet) and reported. Without the document a version 1 file cannot be read: the error says to
run ``annotator migrate``. A file newer than this annotator is refused (and never overwritten).

To change the format again: bump ``ANNOTATION_SCHEMA_VERSION`` in ``models.py`` and add a
step from the previous version below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.errors import InvalidFileError
from annotator.models import (
    ANNOTATION_SCHEMA_VERSION,
    MANUAL_EXTRACTOR,
    Document,
    LabelledQuote,
    Quote,
    QuoteOrigin,
    current_extractor_version,
    kind_of_text,
    span_of_quote_id,
)

Migration = Callable[[dict[str, Any]], dict[str, Any]]

# from-version -> function producing the next version, for steps that need only the file
# (1 -> 2 needs the document: v1_to_v2)
ANNOTATION_MIGRATIONS: dict[int, Migration] = {}

# LabelledQuote.extractor of a migrated label whose span the current extractor does not propose
UNKNOWN_EXTRACTOR = "unknown"


class NeedsMigrationError(InvalidFileError):
    """An old file that can only be read with its document at hand (``annotator migrate``)."""


@dataclass
class MigrationReport:
    """What migrating one file did."""

    from_version: int
    labels: int = 0
    # labels whose span is neither proposed nor added: anchored by span only
    span_only: list[str] = field(default_factory=list)

    @property
    def migrated(self) -> bool:
        return self.from_version < ANNOTATION_SCHEMA_VERSION


def schema_version_of(data: Any, path: Path) -> int:
    """The file's ``schema_version``; refuses a file this annotator is too old to read."""
    if not isinstance(data, dict):
        raise InvalidFileError(path, f"expected a JSON object, found {type(data).__name__}", "$")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise InvalidFileError(path, "missing or non-integer schema_version", "$.schema_version")
    if version > ANNOTATION_SCHEMA_VERSION:
        raise InvalidFileError(
            path,
            f"schema_version {version} is newer than this annotator supports "
            f"({ANNOTATION_SCHEMA_VERSION}); upgrade annotator",
            "$.schema_version",
        )
    return version


def migrate_annotation(data: Any, path: Path, document: Document | None = None) -> Any:
    """Return ``data`` at the current schema version, or raise if it cannot be read."""
    return migrate_with_report(data, path, document)[0]


def migrate_with_report(
    data: Any, path: Path, document: Document | None
) -> tuple[Any, MigrationReport]:
    """``data`` at the current schema version, and what the migration did."""
    version = schema_version_of(data, path)
    report = MigrationReport(from_version=version)
    while version < ANNOTATION_SCHEMA_VERSION:
        if version == 1:
            if document is None:
                raise NeedsMigrationError(
                    path,
                    "schema_version 1 (labels do not say what was labelled): run "
                    "`annotator migrate` with the corpus to update it",
                    "$.schema_version",
                )
            data = v1_to_v2(data, document, path, report)
        else:
            step = ANNOTATION_MIGRATIONS.get(version)
            if step is None:
                raise InvalidFileError(
                    path, f"no migration from schema_version {version}", "$.schema_version"
                )
            data = step(data)
        version = data["schema_version"]
    return data, report


def v1_to_v2(
    data: dict[str, Any], document: Document, path: Path, report: MigrationReport
) -> dict[str, Any]:
    """Fill each label's ``quote`` from the current extraction of ``document`` (see above)."""
    if data.get("document_sha256") != document.sha256:
        raise InvalidFileError(
            path,
            f"schema_version 1 file made on another version of document {document.id!r} "
            f"({document.source} has other text): its labels cannot be anchored; migrate it "
            "with the text it was made on",
            "$.document_sha256",
        )
    proposals = {quote.id: quote for quote in document.quotes}
    added: dict[str, LabelledQuote] = {}
    raw_added = data.get("added_quotes")
    for item in raw_added if isinstance(raw_added, list) else []:
        try:
            quote = Quote.model_validate(item)
        except ValueError:
            continue  # the validation of the whole file reports it with its JSON path
        added[quote.id] = LabelledQuote.of(quote, MANUAL_EXTRACTOR)
    labels = data.get("labels")
    new_labels: list[Any] = []
    for label in labels if isinstance(labels, list) else []:
        quote_id = label.get("quote_id") if isinstance(label, dict) else None
        if not isinstance(quote_id, str) or "quote" in label:
            new_labels.append(label)
            continue
        snapshot = added.get(quote_id)
        if snapshot is None and quote_id in proposals:
            snapshot = LabelledQuote.of(proposals[quote_id], current_extractor_version())
        if snapshot is None:
            try:
                start, end = span_of_quote_id(quote_id)
            except ValueError:
                start = end = -1
            if not 0 <= start < end <= len(document.text):
                new_labels.append(label)  # reported by validation (span outside the text)
                continue
            text = document.text[start:end]
            snapshot = LabelledQuote(
                start=start,
                end=end,
                text=text,
                kind=kind_of_text(text),
                origin=QuoteOrigin.AUTO,
                extractor=UNKNOWN_EXTRACTOR,
            )
            report.span_only.append(quote_id)
        report.labels += 1
        new_labels.append({**label, "quote": snapshot.model_dump(mode="json")})
    return {**data, "schema_version": 2, "labels": new_labels}
