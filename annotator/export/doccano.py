"""doccano JSONL for a sequence-labelling project with relations (doccano 1.8, measured).

One line per (document, annotator with a file for it)::

    {"text": ..., "entities": [{"id", "start_offset", "end_offset", "label"}, ...],
     "relations": [{"id", "from_id", "to_id", "type"}, ...],
     "document_id", "annotator", "title", "author", "outlet", "published", "quotes": [...]}

Import it into a *Sequence Labeling* project with "Use relation labeling" on, as the
*RelationExtraction* JSONL format; doccano exports the same shape back (plus ``id`` and
``Comments``). Offsets are **UTF-16 code units**: doccano stores whatever it is given and its
annotation page (grapheme mode off, the default) counts JavaScript string units, so every
character outside the BMP counts two. A quote's label is its stance (``QUOTE`` when it has none)
and wins over the metadata on import; ``SPEAKER``/``OUTLET`` spans linked from a quote carry its
attribution. The other keys become the example's metadata in doccano and fill what doccano
cannot hold (sentiment, notes, seconds, ...). doccano drops overlapping spans on import unless the
project allows them: the export says so when a line has overlapping quotes, and the import keeps
(and reports) any quote missing on the way back. Documents nobody annotated get one line with
``"annotator": null``; such lines are imported only with ``--annotator``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate
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
    json_type,
    judgement_fields,
    optional_id,
    quote_fields,
    record_text,
    stance_from_label,
)
from annotator.export.offsets import DOCCANO_UNIT, offsets_for
from annotator.export.options import ExportOptions
from annotator.export.pieces import Renderer, write_views
from annotator.export.relations import (
    FIELD_OF,
    MENTION_LABELS,
    RELATION_OF,
    Mention,
    exported_mention,
    linked_value,
    mentions_of,
)
from annotator.export.views import DocumentView, Judgement
from annotator.jsonio import read_json_objects
from annotator.models import Quote, quote_id_for, span_of_quote_id

RESERVED = {
    "id",
    "text",
    "label",
    "labels",
    "entities",
    "relations",
    "Comments",
    "document_id",
    "annotator",
    "quotes",
}


def _overlaps(spans: list[tuple[int, int]]) -> int:
    """Pairs of overlapping spans (sorted sweep)."""
    count = 0
    ordered = sorted(spans)
    for i, (_, end) in enumerate(ordered):
        for start, _ in ordered[i + 1 :]:
            if start >= end:
                break
            count += 1
    return count


def _overlap_test(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """``overlaps(start, end)``: whether ``start < e and end > s`` for some ``(s, e)`` of
    ``spans`` (a bisection over the spans by start, with the furthest end so far)."""
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    furthest_end = list(accumulate((end for _, end in ordered), max))

    def overlaps(start: int, end: int) -> bool:
        candidates = bisect_left(starts, end)  # spans starting before this one ends
        return bool(candidates) and furthest_end[candidates - 1] > start

    return overlaps


def line_for(
    view: DocumentView,
    annotator: str | None,
    pairs: list[tuple[Quote, Judgement]],
    relations_project: bool = True,
) -> tuple[dict[str, Any], int]:
    """The line and its number of overlapping quote pairs.

    ``relations_project=False``: the plain sequence-labelling shape (``"label": [[start, end,
    label]]``, quotes only) for projects without relation labelling.
    """
    document = view.document
    text = document.text
    offsets = offsets_for(text, DOCCANO_UNIT)
    quote_spans = [(q.start, q.end) for q, _ in pairs]
    entities: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    mention_ids: dict[str, int] = {}
    details = []

    def entity(start: int, end: int, label: str) -> int:
        number = len(entities) + 1
        entities.append(
            {
                "id": number,
                "start_offset": offsets.to_tool(start),
                "end_offset": offsets.to_tool(end),
                "label": label,
            }
        )
        return number

    quote_ids = [entity(q.start, q.end, j.stance or QUOTE_LABEL) for q, j in pairs]
    overlaps_a_quote = _overlap_test(quote_spans)
    taken: list[tuple[int, int]] = []  # the mention entities' tool offsets, in entity order
    for (quote, judgement), quote_entity in zip(pairs, quote_ids, strict=True):
        detail = judgement_fields(quote, judgement)
        if not relations_project:
            details.append(detail)
            continue
        found: list[Mention] = []
        for mention in mentions_of(text, quote, judgement.speaker, judgement.outlet):
            # a mention overlapping a quote would be dropped by doccano: keep the name only
            if overlaps_a_quote(mention.start, mention.end):
                continue
            if mention.key not in mention_ids:
                start16, end16 = offsets.to_tool(mention.start), offsets.to_tool(mention.end)
                if any(start16 < e and end16 > s for s, e in taken):
                    continue
                mention_ids[mention.key] = entity(mention.start, mention.end, mention.label)
                taken.append((start16, end16))
            found.append(mention)
            relations.append(
                {
                    "id": len(relations) + 1,
                    "from_id": quote_entity,
                    "to_id": mention_ids[mention.key],
                    "type": RELATION_OF[mention.label],
                }
            )
            detail[f"{FIELD_OF[mention.label]}_mention"] = mention.as_list()
        details.append(detail)
    spans: dict[str, Any] = (
        {"entities": entities, "relations": relations}
        if relations_project
        else {"label": [[e["start_offset"], e["end_offset"], e["label"]] for e in entities]}
    )
    line = {
        "text": text,
        **spans,
        "document_id": document.id,
        "annotator": annotator,
        "title": document.title,
        "author": document.author,
        "outlet": document.outlet,
        "published": document.published,
        "quotes": details,
    }
    return line, _overlaps(quote_spans)


def document_lines(view: DocumentView, options: ExportOptions) -> list[tuple[dict[str, Any], int]]:
    """The lines of one document (one per annotator with a file for it, else one with the
    proposals) and each line's number of overlapping quote pairs."""
    annotated = [name for name, file in view.annotations.items() if file is not None]
    plain = not options.doccano_relations
    lines = [line_for(view, name, view.annotator_quotes(name), not plain) for name in annotated]
    if not annotated:
        pairs = [(q, Judgement("", True, None, q.speaker, q.outlet)) for q in view.document.quotes]
        lines.append(line_for(view, None, pairs, not plain))
    return lines


def overlap_note(overlapping_lines: int, overlapping_pairs: int) -> list[str]:
    """The note for the user when lines have overlapping quotes (none when none has)."""
    if not overlapping_lines:
        return []
    return [
        f"doccano: {overlapping_lines} line(s) have overlapping quotes ({overlapping_pairs} "
        "pair(s)); doccano drops them silently unless the project has 'Allow overlapping "
        "spans' on (import reports any quote missing on the way back)"
    ]


def iter_lines(views: Iterable[DocumentView], options: ExportOptions) -> Iterator[dict[str, Any]]:
    overlapping_lines = overlapping_pairs = 0
    for view in views:
        for line, overlaps in document_lines(view, options):
            if overlaps:
                overlapping_lines += 1
                overlapping_pairs += overlaps
            yield line
    options.notes.extend(overlap_note(overlapping_lines, overlapping_pairs))


class DoccanoRenderer(Renderer):
    """One JSON line per (document, annotator); tallies: lines with overlapping quotes, and
    their overlapping pairs."""

    def __init__(self, options: ExportOptions | None = None) -> None:
        super().__init__()
        self.options = options or ExportOptions()
        self.tallies = [0, 0]

    def document(self, number: int, view: DocumentView) -> bytes:
        parts = []
        for line, overlaps in document_lines(view, self.options):
            if overlaps:
                self.tallies[0] += 1
                self.tallies[1] += overlaps
            parts.append(orjson.dumps(line, option=orjson.OPT_APPEND_NEWLINE))
        return b"".join(parts)

    def notes(self) -> list[str]:
        return overlap_note(*self.tallies)


def write_doccano(
    views: Iterable[DocumentView], out: BinaryIO, options: ExportOptions | None = None
) -> None:
    options = options or ExportOptions()
    renderer = DoccanoRenderer(options)
    write_views(renderer, views, out)
    options.notes.extend(renderer.notes())


def _entity_id(value: Any, where: str) -> int | str | None:
    """An entity id as doccano writes it (an integer; a string or null also do)."""
    if value is None or isinstance(value, str) or is_int(value):
        return value
    raise AnnotatorError(f"{where} must be an integer, not {json_type(value)}")


def _spans(data: dict[str, Any], where: str) -> list[tuple[str, Any, Any, Any, Any]]:
    """(name for messages, entity id, start, end, label) from ``entities`` (relation projects)
    or ``label`` (plain sequence labelling)."""
    if "entities" in data:
        entities = data["entities"]
        if not isinstance(entities, list) or not all(isinstance(e, dict) for e in entities):
            raise AnnotatorError(f"{where}: entities must be a list of objects")
        return [
            (
                f"entities[{index}]",
                _entity_id(e.get("id"), f"{where}: entities[{index}].id"),
                e.get("start_offset"),
                e.get("end_offset"),
                e.get("label"),
            )
            for index, e in enumerate(entities)
        ]
    spans = data.get("label", data.get("labels", []))
    if not isinstance(spans, list):
        raise AnnotatorError(f"{where}: label must be a list of [start, end, label]")
    result = []
    for index, span in enumerate(spans):
        if not isinstance(span, list) or len(span) != 3:
            raise AnnotatorError(f"{where}: label[{index}] must be [start, end, label]")
        result.append((f"label[{index}]", None, *span))
    return result


def read_doccano(path: Path, names: dict[str, str] | None = None) -> Iterator[ImportedRecord]:
    names = names or {}
    for number, data in read_json_objects(path):
        where = f"{path}: line {number}"
        text = record_text(data, where)
        offsets = offsets_for(text, DOCCANO_UNIT)
        details = data.get("quotes") or []
        if not isinstance(details, list) or not all(isinstance(d, dict) for d in details):
            raise AnnotatorError(f"{where}: quotes must be a list of objects")
        if not all(isinstance(d.get("quote_id"), str | None) for d in details):
            raise AnnotatorError(f"{where}: quotes[].quote_id must be a string")
        by_id = {d.get("quote_id"): d for d in details}
        quotes: dict[Any, tuple[ImportedQuote, dict[str, Any]]] = {}
        mentions: dict[Any, tuple[str, int, int]] = {}
        for index, (name, entity_id, start16, end16, label) in enumerate(_spans(data, where)):
            if not is_int(start16) or not is_int(end16):
                raise AnnotatorError(f"{where}: {name}: start and end must be integers")
            span_where = f"{where}: span {start16}-{end16}"
            try:
                start, end = offsets.from_tool(start16), offsets.from_tool(end16)
            except ValueError as exc:
                raise AnnotatorError(f"{span_where}: {exc} (UTF-16 offsets)") from None
            if start != start16 or end != end16:
                span_where += f" (characters {start}-{end})"
            check_span(text, start, end, span_where)
            key = entity_id if entity_id is not None else f"#{index}"
            if label in MENTION_LABELS:
                mentions[key] = (label, start, end)
                continue
            item = ImportedQuote(where=span_where, start=start, end=end)
            detail = by_id.get(quote_id_for(start, end)) or {}
            quote_fields(detail, item)
            # doccano's own label wins over the stance in the metadata
            item.stance = stance_from_label(label, span_where)
            quotes[key] = (item, detail)
        relations = data.get("relations") or []
        if not isinstance(relations, list) or not all(isinstance(r, dict) for r in relations):
            raise AnnotatorError(f"{where}: relations must be a list of objects")
        links: dict[tuple[Any, str], tuple[int, int]] = {}
        for position, relation in enumerate(relations):
            source = _entity_id(relation.get("from_id"), f"{where}: relations[{position}].from_id")
            target = _entity_id(relation.get("to_id"), f"{where}: relations[{position}].to_id")
            if source in mentions and target in quotes:
                source, target = target, source
            if source in quotes and target in mentions:
                label, start, end = mentions[target]
                links[(source, FIELD_OF[label])] = (start, end)
        for key, (item, detail) in quotes.items():
            for field in ("speaker", "outlet"):
                exported = exported_mention(
                    detail.get(f"{field}_mention"), f"{item.where}: {field}_mention"
                )
                linked = links.get((key, field))
                if linked is None and not exported:
                    continue
                current = getattr(item, field)
                value = linked_value(
                    text, linked, exported, current if isinstance(current, str) else None
                )
                setattr(item, field, value)
        record_quotes = [item for item, _ in quotes.values()]
        warnings = _missing(where, details, record_quotes, text)
        annotator = optional_id(data.get("annotator"), where, "annotator")
        if annotator is not None:
            annotator = names.get(annotator.lower(), annotator)
        document_id = optional_id(data.get("document_id"), where, "document_id")
        metadata = {k: v for k, v in data.items() if k not in RESERVED and v is not None}
        yield ImportedRecord(
            where=where,
            annotator=annotator,
            document_id=document_id,
            text=text,
            metadata=metadata,
            quotes=sorted(record_quotes, key=lambda q: (q.start, q.end)),
            unattributed=annotator is None,
            warnings=warnings,
        )


def _missing(
    where: str, details: list[dict[str, Any]], quotes: list[ImportedQuote], text: str
) -> list[str]:
    """Quotes the export carried that came back without a span: kept if doccano dropped them
    as overlaps (they overlap another exported quote), reported as deleted otherwise."""
    present = {quote_id_for(q.start, q.end) for q in quotes}
    exported: list[tuple[str, tuple[int, int], dict[str, Any]]] = []
    for detail in details:
        quote_id = detail.get("quote_id")
        if isinstance(quote_id, str):
            try:
                exported.append((quote_id, span_of_quote_id(quote_id), detail))
            except ValueError:
                continue
    warnings = []
    for quote_id, (start, end), detail in exported:
        if quote_id in present or end > len(text):
            continue
        overlapped = any(
            other != quote_id and s < end and e > start for other, (s, e), _ in exported
        )
        if overlapped:
            item = ImportedQuote(where=f"{where}: quote {quote_id}", start=start, end=end)
            quote_fields(detail, item)
            quotes.append(item)
            warnings.append(
                f"{where}: quote {quote_id} came back without its span (doccano drops "
                "overlapping spans unless the project allows them); kept from the metadata"
            )
        else:
            warnings.append(f"{where}: quote {quote_id} was removed in doccano; deleted")
    return warnings
