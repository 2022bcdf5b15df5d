"""Prodigy JSONL tasks: ``{"text", "spans": [{"start", "end", "label", ...}], "meta", "answer"}``.

Offsets are Python character offsets into ``text`` (Prodigy is a Python tool and slices
``text[start:end]``), so they equal this project's offsets. One task per (document, annotator with
a file for it), with ``_annotator_id``/``_session_id`` set to the annotator; documents nobody has
annotated become input tasks (no ``answer``) carrying the extracted quotes. A span's ``label`` is
its stance (``QUOTE`` when it has none); the other fields ride along as extra span keys.
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
from annotator.models import Quote


def document_meta(view: DocumentView) -> dict[str, Any]:
    document = view.document
    return {
        "document_id": document.id,
        "title": document.title,
        "outlet": document.outlet,
        "published": document.published,
    }


def span_of(quote: Quote, judgement: Judgement) -> dict[str, Any]:
    return {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "label": judgement.stance or QUOTE_LABEL,
        **judgement_fields(quote, judgement),
    }


def iter_tasks(views: Iterable[DocumentView]) -> Iterator[dict[str, Any]]:
    for view in views:
        annotated = [name for name, file in view.annotations.items() if file is not None]
        for annotator in annotated:
            yield {
                "text": view.document.text,
                "meta": {**document_meta(view), "annotator": annotator},
                "spans": [span_of(q, j) for q, j in view.annotator_quotes(annotator)],
                "answer": "accept",
                "_annotator_id": annotator,
                "_session_id": annotator,
            }
        if not annotated:
            spans = []
            for quote in view.document.quotes:
                unlabelled = Judgement("", True, None, quote.speaker, quote.outlet)
                spans.append(span_of(quote, unlabelled))
            yield {"text": view.document.text, "meta": document_meta(view), "spans": spans}


def write_prodigy(views: Iterable[DocumentView], out: BinaryIO) -> None:
    write_json_lines_to(out, iter_tasks(views))


def read_prodigy(path: Path) -> Iterator[ImportedRecord]:
    """Records of a Prodigy JSONL file; tasks without ``answer: accept`` are skipped."""
    for number, task in read_json_objects(path):
        where = f"{path}: line {number}"
        text = record_text(task, where)
        meta = task.get("meta") or {}
        if not isinstance(meta, dict):
            raise AnnotatorError(f"{where}: meta must be an object")
        answer = task.get("answer")
        annotator = (
            optional_id(task.get("_annotator_id"), where, "_annotator_id")
            or optional_id(task.get("_session_id"), where, "_session_id")
            or optional_id(meta.get("annotator"), where, "meta.annotator")
        )
        document_id = optional_id(meta.get("document_id"), where, "meta.document_id")
        spans = task.get("spans", [])
        if not isinstance(spans, list):
            raise AnnotatorError(f"{where}: spans must be a list")
        quotes = []
        for index, span in enumerate(spans):
            if not isinstance(span, dict):
                raise AnnotatorError(f"{where}: spans[{index}] must be an object")
            start, end = span.get("start"), span.get("end")
            span_where = f"{where}: span {start}-{end}"
            if start is None or end is None:
                raise AnnotatorError(f"{where}: spans[{index}] lacks start or end")
            if not is_int(start) or not is_int(end):
                raise AnnotatorError(f"{where}: spans[{index}]: start and end must be integers")
            check_span(text, start, end, span_where, span.get("text"))
            item = ImportedQuote(where=span_where, start=start, end=end)
            item.stance = stance_from_label(span.get("label"), span_where)
            quotes.append(quote_fields(span, item))
        metadata = {
            k: v for k, v in meta.items() if k not in {"document_id", "annotator"} and v is not None
        }
        yield ImportedRecord(
            where=where,
            annotator=annotator,
            document_id=document_id,
            text=text,
            metadata=metadata,
            quotes=quotes,
            unannotated=answer != "accept",
        )
