"""doccano JSONL for sequence labelling: ``{"text", "label": [[start, end, label], ...], ...}``.

Offsets are Python character offsets (code points): doccano's backend is Python and its exports
slice ``text[start:end]``; they equal this project's offsets. One line per (document, annotator
with a file for it); documents nobody annotated get one line with ``"annotator": null`` holding the
extracted quotes (skipped on import). A span's label is its stance (``QUOTE`` when it has none);
other keys (``document_id``, ``annotator``, ``quotes`` with speaker, outlet, sentiment, note, ...)
become the document's metadata in doccano and are read back on import.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from annotator.errors import AnnotatorError
from annotator.export.importing import (
    QUOTE_LABEL,
    ImportedQuote,
    ImportedRecord,
    check_span,
    is_int,
    judgement_fields,
    optional_id,
    quote_fields,
    record_text,
    stance_from_label,
)
from annotator.export.views import DocumentView, Judgement
from annotator.jsonio import read_json_objects, write_json_lines_to
from annotator.models import Quote, quote_id_for

RESERVED = {"id", "text", "label", "labels", "document_id", "annotator", "quotes"}


def line_for(
    view: DocumentView, annotator: str | None, pairs: list[tuple[Quote, Judgement]]
) -> dict[str, Any]:
    document = view.document
    return {
        "text": document.text,
        "label": [[q.start, q.end, j.stance or QUOTE_LABEL] for q, j in pairs],
        "document_id": document.id,
        "annotator": annotator,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published,
        "quotes": [judgement_fields(q, j) for q, j in pairs],
    }


def iter_lines(views: Iterable[DocumentView]) -> Iterator[dict[str, Any]]:
    for view in views:
        annotated = [name for name, file in view.annotations.items() if file is not None]
        for annotator in annotated:
            yield line_for(view, annotator, view.annotator_quotes(annotator))
        if not annotated:
            pairs = [
                (q, Judgement("", True, None, q.speaker, q.outlet)) for q in view.document.quotes
            ]
            yield line_for(view, None, pairs)


def write_doccano(views: Iterable[DocumentView], out: BinaryIO) -> None:
    write_json_lines_to(out, iter_lines(views))


def read_doccano(path: Path) -> Iterator[ImportedRecord]:
    for number, data in read_json_objects(path):
        where = f"{path}: line {number}"
        text = record_text(data, where)
        spans = data.get("label", data.get("labels", []))
        if not isinstance(spans, list):
            raise AnnotatorError(f"{where}: label must be a list of [start, end, label]")
        details = data.get("quotes") or []
        if not isinstance(details, list) or not all(isinstance(d, dict) for d in details):
            raise AnnotatorError(f"{where}: quotes must be a list of objects")
        if not all(isinstance(d.get("quote_id"), str | None) for d in details):
            raise AnnotatorError(f"{where}: quotes[].quote_id must be a string")
        by_id = {d.get("quote_id"): d for d in details}
        quotes = []
        for index, span in enumerate(spans):
            if not isinstance(span, list) or len(span) != 3:
                raise AnnotatorError(f"{where}: label[{index}] must be [start, end, label]")
            start, end, label = span
            if not is_int(start) or not is_int(end):
                raise AnnotatorError(f"{where}: label[{index}]: start and end must be integers")
            span_where = f"{where}: span {start}-{end}"
            check_span(text, start, end, span_where)
            item = ImportedQuote(where=span_where, start=start, end=end)
            item.stance = stance_from_label(label, span_where)
            detail = by_id.get(quote_id_for(start, end))
            if detail is not None:
                quote_fields(detail, item)
            quotes.append(item)
        annotator = optional_id(data.get("annotator"), where, "annotator")
        document_id = optional_id(data.get("document_id"), where, "document_id")
        metadata = {k: v for k, v in data.items() if k not in RESERVED and v is not None}
        yield ImportedRecord(
            where=where,
            annotator=annotator,
            document_id=document_id,
            text=text,
            metadata=metadata,
            quotes=quotes,
            unannotated="annotator" in data and annotator is None,
        )
