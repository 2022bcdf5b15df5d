"""What one annotator sees of a document: its effective quotes and resolved attributions.

A document's extracted quotes, minus those the annotator deleted, plus those they added
(sorted by position). Shared by the annotation session, agreement and export.
"""

from __future__ import annotations

from annotator.models import AnnotationFile, Document, Quote, QuoteLabel


def effective_quotes(document: Document, annotation: AnnotationFile | None) -> list[Quote]:
    """The annotator's quote list for ``document``, in text order."""
    if annotation is None:
        return list(document.quotes)
    deleted = set(annotation.deleted_quotes)
    quotes = [quote for quote in document.quotes if quote.id not in deleted]
    known = {quote.id for quote in quotes}
    quotes.extend(quote for quote in annotation.added_quotes if quote.id not in known)
    quotes.sort(key=lambda quote: (quote.start, quote.end))
    return quotes


def resolved_speaker(quote: Quote, label: QuoteLabel | None) -> str | None:
    """The speaker the annotator settled on: their own if given ('' means none), else extracted."""
    if label is not None and label.speaker is not None:
        return label.speaker or None
    return quote.speaker


def resolved_outlet(quote: Quote, label: QuoteLabel | None) -> str | None:
    """The outlet the annotator settled on: their own if given ('' means none), else extracted."""
    if label is not None and label.outlet is not None:
        return label.outlet or None
    return quote.outlet


def labels_by_quote(annotation: AnnotationFile | None) -> dict[str, QuoteLabel]:
    return {} if annotation is None else {label.quote_id: label for label in annotation.labels}
