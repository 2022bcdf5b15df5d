"""Prodigy JSONL tasks for the manual span and relation interfaces.

Each task: ``text``, ``tokens`` (aligned to every span, see :mod:`annotator.export.tokens`),
``spans`` (``start``/``end`` in Python character offsets — Prodigy is a Python tool and slices
``text[start:end]`` — plus ``token_start``/``token_end``), the speaker/outlet mentions as
``SPEAKER``/``OUTLET`` spans linked to their quote in ``relations``, ``meta``, ``answer``,
``_annotator_id``/``_session_id``, ``_input_hash``/``_task_hash`` and ``_view_id``. One task per
(document, annotator with a file for it); documents nobody annotated become input tasks (no
``answer``) carrying the extracted quotes. A quote span's ``label`` is its stance (``QUOTE`` when
it has none) and wins over the ``stance`` key the export also writes; the other fields ride along
as extra span keys and fill what Prodigy cannot hold.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

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
from annotator.export.pieces import Renderer, write_views
from annotator.export.relations import (
    FIELD_BY_RELATION,
    FIELD_OF,
    MENTION_LABELS,
    RELATION_OF,
    Mention,
    exported_mention,
    linked_value,
    mentions_of,
)
from annotator.export.tokens import Tokens, Words
from annotator.export.views import DocumentView, Judgement
from annotator.jsonio import read_json_objects
from annotator.models import Quote

_MENTION_KEY = {label: f"{field}_mention" for label, field in FIELD_OF.items()}


def prodigy_hash(value: Any) -> int:
    """A stable signed 32-bit hash of a JSON value (Prodigy's hashes are signed 32-bit ints)."""
    digest = hashlib.blake2b(orjson.dumps(value, option=orjson.OPT_SORT_KEYS), digest_size=4)
    return int.from_bytes(digest.digest(), "big", signed=True)


def document_meta(view: DocumentView) -> dict[str, Any]:
    document = view.document
    return {
        "document_id": document.id,
        "title": document.title,
        "author": document.author,
        "outlet": document.outlet,
        "published": document.published,
    }


def task_for(
    view: DocumentView,
    pairs: list[tuple[Quote, Judgement]],
    annotator: str | None,
    words: list[tuple[int, int]] | Words | None = None,
    token_lists: dict[tuple[int, ...], list[dict[str, Any]]] | None = None,
) -> dict[str, Any]:
    """The task of one annotator (``None``: an input task with the proposals).

    ``words``: the document's words, found once for all its tasks. ``token_lists``: the
    ``tokens`` lists made for other tasks of the same document, by their splits; a task split
    the same way (usually all: quotes start and end on word edges) reuses that list object
    instead of making its thousands of token objects again.
    """
    task, tokens = _task(view, pairs, annotator, words, None)
    if token_lists is None:
        task["tokens"] = tokens.as_json()
    else:
        found = token_lists.get(tokens.cuts)
        task["tokens"] = (
            found if found is not None else token_lists.setdefault(tokens.cuts, tokens.as_json())
        )
    return task


def _task(
    view: DocumentView,
    pairs: list[tuple[Quote, Judgement]],
    annotator: str | None,
    words: list[tuple[int, int]] | Words | None,
    input_hash: int | None,
) -> tuple[dict[str, Any], Tokens]:
    """:func:`task_for` with its ``tokens`` left ``None`` (in its place among the keys), and
    the :class:`Tokens` they are made of. ``input_hash``: the text's, if known."""
    text = view.document.text
    mentions: list[list[Mention]] = [
        mentions_of(text, quote, judgement.speaker, judgement.outlet) for quote, judgement in pairs
    ]
    # one span per position: a name that is both speaker and outlet is one span, two relations
    distinct: dict[tuple[int, int], Mention] = {}
    for found in mentions:
        for m in found:
            distinct.setdefault((m.start, m.end), m)
    boundaries = [b for q, _ in pairs for b in (q.start, q.end)]
    boundaries += [b for m in distinct.values() for b in (m.start, m.end)]
    tokens = Tokens(text, boundaries, words)
    token_range = tokens.token_range
    # each distinct mention's tokens, found once for its relations and its span
    mention_tokens = {key: token_range(*key) for key in distinct}
    spans: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    for (quote, judgement), found in zip(pairs, mentions, strict=True):
        start, end = quote.start, quote.end
        token_start, token_end = token_range(start, end)
        label = judgement.stance or QUOTE_LABEL
        span = {
            "start": start,
            "end": end,
            "text": quote.text,
            "label": label,
            "token_start": token_start,
            "token_end": token_end,
            **judgement_fields(quote, judgement),
        }
        for m in found:
            span[_MENTION_KEY[m.label]] = m.as_list()
        spans.append(span)
        for mention in found:
            child_start, child_end = mention_tokens[(mention.start, mention.end)]
            relations.append(
                {
                    "head": token_start,
                    "child": child_start,
                    "head_span": {
                        "start": start,
                        "end": end,
                        "token_start": token_start,
                        "token_end": token_end,
                        "label": label,
                    },
                    "child_span": {
                        "start": mention.start,
                        "end": mention.end,
                        "label": distinct[(mention.start, mention.end)].label,
                        "token_start": child_start,
                        "token_end": child_end,
                    },
                    "label": RELATION_OF[mention.label],
                }
            )
    for key, mention in distinct.items():
        first, last = mention_tokens[key]
        spans.append(
            {
                "start": mention.start,
                "end": mention.end,
                "text": text[mention.start : mention.end],
                "label": mention.label,
                "token_start": first,
                "token_end": last,
            }
        )
    spans.sort(key=lambda s: (s["start"], s["end"]))
    meta = document_meta(view)
    task: dict[str, Any] = {"text": text, "meta": meta, "tokens": None, "spans": spans}
    if relations:
        task["relations"] = relations
    task["_input_hash"] = prodigy_hash({"text": text}) if input_hash is None else input_hash
    task["_task_hash"] = prodigy_hash(
        {"input": task["_input_hash"], "spans": spans, "relations": relations}
    )
    task["_view_id"] = "relations" if relations else "spans_manual"
    if annotator is not None:
        meta["annotator"] = annotator
        task.update({"answer": "accept", "_annotator_id": annotator, "_session_id": annotator})
    return task, tokens


def _document_pairs(
    view: DocumentView,
) -> Iterator[tuple[str | None, list[tuple[Quote, Judgement]]]]:
    """(annotator, their quotes) of each task of a document: one per annotator with a file for
    it, else one input task (``None``) with the proposals."""
    annotated = [name for name, file in view.annotations.items() if file is not None]
    for annotator in annotated:
        yield annotator, view.annotator_quotes(annotator)
    if not annotated:
        yield (
            None,
            [(q, Judgement("", True, None, q.speaker, q.outlet)) for q in view.document.quotes],
        )


def iter_tasks(views: Iterable[DocumentView]) -> Iterator[dict[str, Any]]:
    for view in views:
        words = Words(view.document.text)  # once per document, split per task
        token_lists: dict[tuple[int, ...], list[dict[str, Any]]] = {}
        for annotator, pairs in _document_pairs(view):
            yield task_for(view, pairs, annotator, words, token_lists)


class ProdigyRenderer(Renderer):
    """One task per line, as ``iter_tasks`` makes them; the text's hash and the ``tokens`` JSON
    are made once per document (and split), and the tokens' bytes go into each line as
    they are."""

    def document(self, number: int, view: DocumentView) -> bytes:
        text = view.document.text
        words = Words(text)
        input_hash = prodigy_hash({"text": text})
        parts: list[bytes] = []
        for annotator, pairs in _document_pairs(view):
            task, tokens = _task(view, pairs, annotator, words, input_hash)
            del task["tokens"]
            head = orjson.dumps({"text": task.pop("text"), "meta": task.pop("meta")})
            parts.append(head[:-1])
            parts.append(b',"tokens":')
            parts.append(words.tokens_json(tokens))
            parts.append(b",")
            parts.append(orjson.dumps(task, option=orjson.OPT_APPEND_NEWLINE)[1:])
        return b"".join(parts)


def write_prodigy(views: Iterable[DocumentView], out: BinaryIO) -> None:
    write_views(ProdigyRenderer(), views, out)


def _span_key(span: Any) -> tuple[int, int] | None:
    if not isinstance(span, dict):
        return None
    start, end = span.get("start"), span.get("end")
    return (start, end) if isinstance(start, int) and isinstance(end, int) else None


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
        relations = task.get("relations") or []
        if not isinstance(relations, list) or not all(isinstance(r, dict) for r in relations):
            raise AnnotatorError(f"{where}: relations must be a list of objects")
        quotes: dict[tuple[int, int], tuple[ImportedQuote, dict[str, Any]]] = {}
        mention_labels: dict[tuple[int, int], str] = {}
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
            if span.get("label") in MENTION_LABELS:
                mention_labels[(start, end)] = span["label"]
                continue
            item = ImportedQuote(where=span_where, start=start, end=end)
            quote_fields(span, item)
            # the tool's own label wins over the stance key the export wrote beside it
            item.stance = stance_from_label(span.get("label"), span_where)
            quotes[(start, end)] = (item, span)
        links: dict[tuple[tuple[int, int], str], tuple[int, int]] = {}
        for relation in relations:
            ends = [_span_key(relation.get("head_span")), _span_key(relation.get("child_span"))]
            if ends[0] in mention_labels and ends[1] in quotes:
                ends.reverse()
            if ends[0] not in quotes or ends[1] not in mention_labels:
                continue  # a relation between other spans: not attribution
            # the relation's label names the field (one span may be speaker and outlet)
            relation_label = relation.get("label")
            field = FIELD_BY_RELATION.get(
                relation_label if isinstance(relation_label, str) else "",
                FIELD_OF[mention_labels[ends[1]]],  # type: ignore[index]
            )
            links[(ends[0], field)] = ends[1]  # type: ignore[index,assignment]
        for key, (item, span) in quotes.items():
            for field in ("speaker", "outlet"):
                exported = exported_mention(
                    span.get(f"{field}_mention"), f"{item.where}: {field}_mention"
                )
                linked = links.get((key, field))
                if linked is None and not exported:
                    continue  # no link either way: the metadata (or extraction) stands
                current = getattr(item, field)
                setattr(
                    item,
                    field,
                    linked_value(
                        text, linked, exported, current if isinstance(current, str) else None
                    ),
                )
        metadata = {
            k: v for k, v in meta.items() if k not in {"document_id", "annotator"} and v is not None
        }
        yield ImportedRecord(
            where=where,
            annotator=annotator,
            document_id=document_id,
            text=text,
            metadata=metadata,
            quotes=sorted((q for q, _ in quotes.values()), key=lambda q: (q.start, q.end)),
            unannotated=answer != "accept",
        )
