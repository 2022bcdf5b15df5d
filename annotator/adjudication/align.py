"""Alignment: every annotator's quotes of one document grouped into the quotes to adjudicate.

The spans of a document are the extracted quotes plus every quote any annotator has (their
effective quotes: proposals they kept, quotes they added or re-bounded, labelled snapshots).
Spans that overlap, or that one re-bounds (``Quote.replaces``), form one :class:`AlignedQuote`.
For each annotator an aligned quote holds their :class:`Reading`: the quote they have there (or
``None`` when for them it is not a quote: deleted, or never added) and their label on it.
When one annotator has two quotes in a group (they split a quote in two), the labelled one,
else the longest, is their reading.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.annotations import effective_quotes
from annotator.models import AnnotationFile, Document, Quote, QuoteLabel


@dataclass(frozen=True)
class Reading:
    """One annotator's view of an aligned quote."""

    annotator: str
    quote: Quote | None  # None: not a quote for this annotator
    label: QuoteLabel | None

    @property
    def span(self) -> tuple[int, int] | None:
        return None if self.quote is None else (self.quote.start, self.quote.end)


@dataclass(frozen=True)
class AlignedQuote:
    """A group of overlapping spans of one document and each annotator's reading of it."""

    key: str  # the id of the group's first span (text order): stable while the spans are
    start: int
    end: int
    span_ids: tuple[str, ...]
    extracted: tuple[Quote, ...]  # the document's proposals in the group
    readings: tuple[Reading, ...]  # one per annotator, in annotator order

    def reading(self, annotator: str) -> Reading | None:
        for reading in self.readings:
            if reading.annotator == annotator:
                return reading
        return None

    def quote_at(self, span: tuple[int, int]) -> Quote | None:
        """An annotator's (or the extractor's) quote with this span."""
        for reading in self.readings:
            if reading.span == span:
                return reading.quote
        for quote in self.extracted:
            if (quote.start, quote.end) == span:
                return quote
        return None

    def label_at(self, span: tuple[int, int]) -> QuoteLabel | None:
        """The first label any annotator made on this span."""
        for reading in self.readings:
            if reading.span == span and reading.label is not None:
                return reading.label
        return None

    def contains(self, start: int, end: int) -> bool:
        return start < self.end and self.start < end


def align_document(document: Document, files: list[AnnotationFile]) -> list[AlignedQuote]:
    """The aligned quotes of ``document`` over ``files`` (one per annotator), in text order."""
    views: list[tuple[str, list[Quote], dict[str, QuoteLabel]]] = []
    spans: dict[str, Quote] = {quote.id: quote for quote in document.quotes}
    for annotation in files:
        quotes = effective_quotes(document, annotation)
        labels = {label.quote_id: label for label in annotation.labels}
        views.append((annotation.annotator, quotes, labels))
        for quote in quotes:
            spans.setdefault(quote.id, quote)
    parent = {quote_id: quote_id for quote_id in spans}

    def find(quote_id: str) -> str:
        while parent[quote_id] != quote_id:
            parent[quote_id] = parent[parent[quote_id]]
            quote_id = parent[quote_id]
        return quote_id

    def union(first: str, second: str) -> None:
        root_first, root_second = find(first), find(second)
        if root_first != root_second:
            parent[root_second] = root_first

    ordered = sorted(spans.values(), key=lambda quote: (quote.start, quote.end))
    reach_end, reach_id = -1, ""
    for quote in ordered:  # sweep: each span joins the group of any earlier span it overlaps
        if quote.start < reach_end:
            union(reach_id, quote.id)
        if quote.end > reach_end:
            reach_end, reach_id = quote.end, quote.id
        if quote.replaces is not None and quote.replaces in spans:
            union(quote.replaces, quote.id)
    groups: dict[str, list[Quote]] = {}
    for quote in ordered:
        groups.setdefault(find(quote.id), []).append(quote)
    extracted_ids = {quote.id for quote in document.quotes}
    aligned: list[AlignedQuote] = []
    for members in groups.values():
        ids = {quote.id for quote in members}
        start = min(quote.start for quote in members)
        end = max(quote.end for quote in members)
        readings = []
        for annotator, quotes, labels in views:
            mine = [quote for quote in quotes if quote.id in ids]
            mine.sort(key=lambda quote: (quote.id not in labels, quote.start - quote.end))
            chosen = mine[0] if mine else None
            label = None if chosen is None else labels.get(chosen.id)
            readings.append(Reading(annotator, chosen, label))
        aligned.append(
            AlignedQuote(
                key=members[0].id,
                start=start,
                end=end,
                span_ids=tuple(quote.id for quote in members),
                extracted=tuple(quote for quote in members if quote.id in extracted_ids),
                readings=tuple(readings),
            )
        )
    aligned.sort(key=lambda item: (item.start, item.end))
    return aligned
