"""Reliability data from annotation files: one unit per ``(document_id, quote_id)``.

For ``stance`` and ``sentiment`` an annotator's value is their label (``None`` = not labelled);
the categories are the scheme's labels (sentiment in its order, low to high).

For ``speaker`` and ``outlet`` the value is the attribution the annotator settled on, for every
quote they labelled at all. Without the corpus the extracted attribution is unknown, so:

- a quote the annotator *added* is resolved fully (its own speaker/outlet, or the label's);
- a label that sets the field uses that value (``''`` = "no speaker/outlet", shown as
  :data:`NO_VALUE`); names are compared with whitespace collapsed and case ignored;
- a label that leaves the field null ("as extracted") gets the value :data:`AS_EXTRACTED`, which
  means "accepted the extraction": two annotators who both accepted it agree, and an annotator
  who accepted it disagrees with one who typed a different name. When the documents are given
  (``documents``), the extracted attribution is used instead, exactly as
  :func:`annotator.annotations.resolved_speaker` does — then typing the extracted name agrees
  with accepting it, which without the corpus counts as a disagreement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np

from annotator.agreement.reliability import MISSING, CodedData
from annotator.annotations import resolved_outlet, resolved_speaker
from annotator.models import AnnotationFile, Document, LabelScheme, Quote, QuoteLabel

Field = Literal["stance", "sentiment", "speaker", "outlet"]
FIELDS: tuple[Field, ...] = ("stance", "sentiment", "speaker", "outlet")
AS_EXTRACTED = "(as extracted)"
NO_VALUE = "(none)"

Unit = tuple[str, str]


@dataclass(frozen=True)
class FieldData:
    """One field's reliability data with the names of its rows and columns."""

    field: Field
    annotators: tuple[str, ...]
    units: tuple[Unit, ...]
    coded: CodedData
    ordered: bool


def field_data(
    files: Iterable[AnnotationFile],
    fields: Iterable[Field],
    scheme: LabelScheme,
    documents: Mapping[str, Document] | None = None,
) -> dict[Field, FieldData]:
    """Reliability data of each requested field over all units any annotator labelled."""
    wanted = tuple(fields)
    unit_index: dict[Unit, int] = {}
    annotator_index: dict[str, int] = {}
    # per field: lists of (annotator, unit, value) kept as three parallel lists
    cells: dict[Field, tuple[list[int], list[int], list[str]]] = {
        field: ([], [], []) for field in wanted
    }
    display: dict[Field, dict[str, str]] = {field: {} for field in wanted}
    for annotation in files:
        row = annotator_index.setdefault(annotation.annotator, len(annotator_index))
        document_id = annotation.document_id
        labels = annotation.labels
        columns = [
            unit_index.setdefault((document_id, label.quote_id), len(unit_index))
            for label in labels
        ]
        quotes: dict[str, Quote] = {}
        if "speaker" in wanted or "outlet" in wanted:
            quotes = _extracted_quotes(documents, annotation)
            quotes.update((quote.id, quote) for quote in annotation.added_quotes)
        for field in wanted:
            rows, unit_columns, values = cells[field]
            if field in ("stance", "sentiment"):
                given = [getattr(label, field) for label in labels]
                chosen = [column for column, value in zip(columns, given, strict=True) if value]
                given = [value for value in given if value]
            elif not quotes:
                # nothing extracted to resolve against: the label's own value or "as extracted"
                names = display[field]
                chosen = columns
                own = [getattr(label, field) for label in labels]
                if None in own:
                    names.setdefault(AS_EXTRACTED, AS_EXTRACTED)
                given = [AS_EXTRACTED if value is None else _name(value, names) for value in own]
            else:
                names = display[field]
                chosen = columns
                given = [
                    _attribution(field, label, quotes.get(label.quote_id), names)
                    for label in labels
                ]
            rows.extend([row] * len(chosen))
            unit_columns.extend(chosen)
            values.extend(given)
    annotators = tuple(annotator_index)
    units = tuple(unit_index)
    result: dict[Field, FieldData] = {}
    for field in wanted:
        rows, columns, values = cells[field]
        if field == "stance":
            categories: list[str] = scheme.stance_values()
        elif field == "sentiment":
            categories = scheme.sentiment_values()
        else:
            categories = sorted(set(display[field].values()), key=_category_order)
        code_of = {value: code for code, value in enumerate(categories)}
        codes = np.full((len(annotators), len(units)), MISSING, dtype=np.int64)
        if values:
            codes[np.asarray(rows), np.asarray(columns)] = np.fromiter(
                map(code_of.__getitem__, values), dtype=np.int64, count=len(values)
            )
        result[field] = FieldData(
            field=field,
            annotators=annotators,
            units=units,
            coded=CodedData(codes=codes, categories=tuple(categories)),
            ordered=field == "sentiment",
        )
    return result


def _extracted_quotes(
    documents: Mapping[str, Document] | None, annotation: AnnotationFile
) -> dict[str, Quote]:
    """The extracted quotes of the annotated text (none if the text has changed since)."""
    document = documents.get(annotation.document_id) if documents else None
    if document is None or document.sha256 != annotation.document_sha256:
        return {}
    return {quote.id: quote for quote in document.quotes}


def _attribution(
    field: Field, label: QuoteLabel, quote: Quote | None, display: dict[str, str]
) -> str:
    """The speaker or outlet the annotator settled on (see the module docstring)."""
    if quote is not None:
        if field == "speaker":
            return _name(resolved_speaker(quote, label) or "", display)
        return _name(resolved_outlet(quote, label) or "", display)
    own = label.speaker if field == "speaker" else label.outlet
    if own is None:
        display.setdefault(AS_EXTRACTED, AS_EXTRACTED)
        return AS_EXTRACTED
    return _name(own, display)


def _name(value: str, display: dict[str, str]) -> str:
    """The display form of a name; names equal up to case and spacing share the first form."""
    collapsed = " ".join(value.split())
    if not collapsed:
        display.setdefault(NO_VALUE, NO_VALUE)
        return NO_VALUE
    key = collapsed.casefold()
    if key in (AS_EXTRACTED.casefold(), NO_VALUE.casefold()):
        key = f"{key} "
    return display.setdefault(key, collapsed)


def _category_order(value: str) -> tuple[int, str]:
    return (0 if value in (AS_EXTRACTED, NO_VALUE) else 1, value.casefold())
