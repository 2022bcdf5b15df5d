"""Reliability data from annotation files: one unit per ``(document_id, quote_id)``.

For ``stance`` and ``sentiment`` an annotator's value is their label (``None`` = not labelled);
the categories are the scheme's labels (sentiment in its order, low to high).

For ``speaker`` and ``outlet`` the value is the attribution the annotator settled on, for every
quote they labelled at all: their own (``''`` = "no speaker/outlet", shown as :data:`NO_VALUE`),
else the one they saw when labelling (the label's saved quote). It is read from the label alone,
never from a re-extraction, so the corpus is not needed and a new extractor changes nothing.
Names are compared with whitespace collapsed and case ignored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress, filterfalse
from typing import Literal

import numpy as np

from annotator.agreement.columns import AnnotationColumns, as_columns
from annotator.agreement.reliability import MISSING, CodedData
from annotator.models import AnnotationFile, LabelScheme

Field = Literal["stance", "sentiment", "speaker", "outlet"]
FIELDS: tuple[Field, ...] = ("stance", "sentiment", "speaker", "outlet")
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
    files: Iterable[AnnotationFile | AnnotationColumns],
    fields: Iterable[Field],
    scheme: LabelScheme,
) -> dict[Field, FieldData]:
    """Reliability data of each requested field over all units any annotator labelled (read
    from the files' columns, :mod:`annotator.agreement.columns`)."""
    wanted = tuple(fields)
    # unit numbers in order of first appearance, kept per document: quote id -> number
    unit_numbers: dict[str, dict[str, int]] = {}
    unit_list: list[Unit] = []
    annotator_index: dict[str, int] = {}
    # per field: lists of (annotator, unit, value) kept as three parallel lists
    cells: dict[Field, tuple[list[int], list[int], list[str]]] = {
        field: ([], [], []) for field in wanted
    }
    display: dict[Field, dict[str, str]] = {field: {} for field in wanted}
    # raw name -> its display form; a name's display form never changes once set, and most
    # labels repeat a few names, so each distinct raw name is normalised once
    seen: dict[Field, dict[str, str]] = {field: {} for field in wanted}
    for annotation in map(as_columns, files):
        row = annotator_index.setdefault(annotation.annotator, len(annotator_index))
        document_id = annotation.document_id
        quote_ids = annotation.quote_ids
        numbers = unit_numbers.setdefault(document_id, {})
        for quote_id in filterfalse(numbers.__contains__, quote_ids):
            numbers[quote_id] = len(unit_list)  # (a file labels a quote once)
            unit_list.append((document_id, quote_id))
        columns = list(map(numbers.__getitem__, quote_ids))
        for field in wanted:
            rows, unit_columns, values = cells[field]
            if field in ("stance", "sentiment"):
                labelled = annotation.stances if field == "stance" else annotation.sentiments
                chosen = list(compress(columns, labelled))
                given = list(filter(None, labelled))
            else:
                names, known = display[field], seen[field]
                chosen = columns
                raw = _attributions(field, annotation)
                given = list(map(known.get, raw))
                if None in given:  # names not seen before: learn their display forms
                    given = [
                        name if name is not None else _learn(value, names, known)
                        for name, value in zip(given, raw, strict=True)
                    ]
            rows.extend([row] * len(chosen))
            unit_columns.extend(chosen)
            values.extend(given)
    annotators = tuple(annotator_index)
    units = tuple(unit_list)
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


def _attributions(field: Field, annotation: AnnotationColumns) -> list[str]:
    """The speaker or outlet each annotator settled on (see the module docstring), ``''`` for
    none: :attr:`QuoteLabel.resolved_speaker` (or ``resolved_outlet``) of each label."""
    if field == "speaker":
        own, shown = annotation.speakers, annotation.shown_speakers
    else:
        own, shown = annotation.outlets, annotation.shown_outlets
    return [
        (shown_name if own_name is None else own_name) or ""
        for own_name, shown_name in zip(own, shown, strict=True)
    ]


def _learn(value: str, display: dict[str, str], known: dict[str, str]) -> str:
    """The display form of raw name ``value``, remembered in ``known``."""
    name = known[value] = _name(value, display)
    return name


def _name(value: str, display: dict[str, str]) -> str:
    """The display form of a name; names equal up to case and spacing share the first form."""
    collapsed = " ".join(value.split())
    if not collapsed:
        display.setdefault(NO_VALUE, NO_VALUE)
        return NO_VALUE
    key = collapsed.casefold()
    if key == NO_VALUE.casefold():
        key = f"{key} "
    return display.setdefault(key, collapsed)


def _category_order(value: str) -> tuple[int, str]:
    return (0 if value == NO_VALUE else 1, value.casefold())
