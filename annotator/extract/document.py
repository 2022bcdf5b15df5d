"""Extraction of one document: the extractor's findings turned into quotes and entities."""

from __future__ import annotations

from annotator.extract.confidence import CONFIDENT
from annotator.extract.entities import build_entities
from annotator.extract.extractor import DocumentExtractor, Found
from annotator.models import Document, Quote


def _to_quotes(text: str, found: list[Found]) -> list[Quote]:
    by_span: dict[tuple[int, int], Found] = {}
    for item in found:
        key = (item.start, item.end)
        current = by_span.get(key)
        if current is None or item.confidence > current.confidence:
            by_span[key] = item
    quotes = []
    for (start, end), item in sorted(by_span.items()):
        quotes.append(
            Quote.from_span(
                text,
                start,
                end,
                kind=item.kind,
                speaker=item.source.speaker,
                speaker_role=item.source.role,
                outlet=item.source.outlet,
                cue=" ".join(item.cue.split()) if item.cue else None,
                confidence=item.confidence,
            )
        )
    return quotes


def extract_quotes(text: str) -> list[Quote]:
    """The quotes of a cleaned text, sorted by start."""
    return _to_quotes(text, DocumentExtractor(text).run())


def extract_document(document: Document) -> Document:
    """A copy of ``document`` with its quotes and entities extracted."""
    extractor = DocumentExtractor(document.text)
    quotes = _to_quotes(document.text, extractor.run())
    confident = [quote for quote in quotes if quote.confidence >= CONFIDENT]
    entities = build_entities(
        extractor.names,
        [(quote.speaker, quote.speaker_role) for quote in confident],
        sorted({quote.outlet for quote in confident if quote.outlet}),
    )
    return document.model_copy(update={"quotes": quotes, "entities": entities})
