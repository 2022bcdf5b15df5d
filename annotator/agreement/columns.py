"""What agreement reads of one annotation file: its names, its quote edits, a column per label field.

:func:`read_columns` reads annotation files into :class:`AnnotationColumns` without building an
object per label: each file is validated into dicts (:mod:`annotator.dict_validation`), as
strictly as the store's loader validates it, its columns are taken and the dicts dropped. A file
that validator refuses (or that lies in the wrong place) is loaded by the store's loader, so that
what is refused, and the one-line error naming the file and the JSON path, stay the loader's.
:func:`as_columns` gives the same columns for a loaded :class:`~annotator.models.AnnotationFile`:
the agreement units and quote boundaries are computed from columns either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from annotator.dict_validation import validate_annotation_dict
from annotator.jsonio import read_file_bytes
from annotator.models import AdjudicationRecord, AnnotationFile, LabelScheme, Quote
from annotator.store import check_location, load_annotation_file


@dataclass(frozen=True, slots=True)
class AnnotationColumns:
    """One annotation file as agreement reads it: a list per label field, in label order."""

    annotator: str
    document_id: str
    document_sha256: str
    adjudication: AdjudicationRecord | None
    added_quotes: list[Quote]
    deleted_quotes: list[str]
    quote_ids: list[str]
    stances: list[str | None]
    sentiments: list[str | None]
    #: the annotator's own attribution: ``None`` = as shown, ``''`` = none
    speakers: list[str | None]
    outlets: list[str | None]
    #: the attribution shown when labelling (the label's snapshot)
    shown_speakers: list[str | None]
    shown_outlets: list[str | None]


_LABEL_FIELDS = ("quote_id", "stance", "sentiment", "speaker", "outlet")
_QUOTE_FIELDS = ("speaker", "outlet")


def _of_dict(data: dict[str, Any]) -> AnnotationColumns:
    """The columns of a file validated into dicts."""
    labels = data["labels"]
    quotes = list(map(itemgetter("quote"), labels))
    quote_ids, stances, sentiments, speakers, outlets = (
        list(map(itemgetter(name), labels)) for name in _LABEL_FIELDS
    )
    shown_speakers, shown_outlets = (list(map(itemgetter(name), quotes)) for name in _QUOTE_FIELDS)
    return AnnotationColumns(
        data["annotator"],
        data["document_id"],
        data["document_sha256"],
        data["adjudication"],
        data["added_quotes"],
        data["deleted_quotes"],
        quote_ids,
        stances,
        sentiments,
        speakers,
        outlets,
        shown_speakers,
        shown_outlets,
    )


def as_columns(annotation: AnnotationFile | AnnotationColumns) -> AnnotationColumns:
    """The columns of a loaded annotation file (columns are returned as they are)."""
    if isinstance(annotation, AnnotationColumns):
        return annotation
    labels = annotation.labels
    quotes = list(map(attrgetter("quote"), labels))
    quote_ids, stances, sentiments, speakers, outlets = (
        list(map(attrgetter(name), labels)) for name in _LABEL_FIELDS
    )
    shown_speakers, shown_outlets = (list(map(attrgetter(name), quotes)) for name in _QUOTE_FIELDS)
    return AnnotationColumns(
        annotation.annotator,
        annotation.document_id,
        annotation.document_sha256,
        annotation.adjudication,
        annotation.added_quotes,
        annotation.deleted_quotes,
        quote_ids,
        stances,
        sentiments,
        speakers,
        outlets,
        shown_speakers,
        shown_outlets,
    )


def read_columns(paths: Iterable[Path], scheme: LabelScheme) -> Iterator[AnnotationColumns]:
    """The columns of each annotation file of ``paths`` (listed by
    :meth:`~annotator.store.AnnotationStore.paths`); raises the store's
    :class:`~annotator.errors.InvalidFileError` on the first bad one, as
    :meth:`~annotator.store.AnnotationStore.iter_files` does."""
    for path in paths:
        data = validate_annotation_dict(read_file_bytes(path), scheme)
        if (
            data is not None
            and data["annotator"] == path.parent.name
            and data["document_id"] == path.stem
        ):
            yield _of_dict(data)
        else:  # refused here: the loader refuses it too, with its error (or, if not, reads it)
            annotation = load_annotation_file(path, scheme)
            check_location(annotation, path)
            yield as_columns(annotation)
