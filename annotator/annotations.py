"""What one annotator sees of a document: its effective quotes and resolved attributions.

The current proposals (the document's extracted quotes) minus those the annotator deleted, plus
those they added, plus every labelled quote whose span is no longer proposed. A labelled quote
is shown as the annotator saw it when labelling (its saved snapshot, ``QuoteLabel.quote``), not
as the extractor proposes it now. Shared by the annotation session, agreement and export.
"""

from __future__ import annotations

from annotator.models import AnnotationFile, Document, Quote, QuoteLabel


def effective_quotes(
    document: Document,
    annotation: AnnotationFile | None,
    snapshots: dict[str, Quote] | None = None,
) -> list[Quote]:
    """The annotator's quote list for ``document``, in text order.

    A label whose saved text no longer fits the document at its offsets (another version of
    the text, not re-anchored yet) is not part of the list. ``snapshots``, when given, receives
    each listed label's saved quote as a :class:`Quote` (``label.quote.to_quote()``), by id.
    """
    if annotation is None:
        return list(document.quotes)
    deleted = set(annotation.deleted_quotes)
    by_id = {quote.id: quote for quote in document.quotes if quote.id not in deleted}
    added = {quote.id: quote for quote in annotation.added_quotes}
    for quote in annotation.added_quotes:
        by_id.setdefault(quote.id, quote)
    for label in annotation.labels:
        if label.quote_id not in deleted and label.quote.fits(document.text):
            shown = label.quote.to_quote()
            if snapshots is not None:
                snapshots[label.quote_id] = shown
            own = added.get(label.quote_id)
            if own is not None and own.replaces is not None:
                # the snapshot holds no ``replaces``: a re-bounded quote keeps naming the old one
                shown = shown.model_copy(update={"replaces": own.replaces})
            by_id[label.quote_id] = shown
    return sorted(by_id.values(), key=lambda quote: (quote.start, quote.end))


def resolved_speaker(quote: Quote, label: QuoteLabel | None) -> str | None:
    """The speaker the annotator settled on: their own if given ('' means none), else the one
    they saw (the label's snapshot); an unlabelled quote's is the proposal's."""
    return quote.speaker if label is None else label.resolved_speaker


def resolved_outlet(quote: Quote, label: QuoteLabel | None) -> str | None:
    """The outlet the annotator settled on (see :func:`resolved_speaker`)."""
    return quote.outlet if label is None else label.resolved_outlet


def labels_by_quote(annotation: AnnotationFile | None) -> dict[str, QuoteLabel]:
    return {} if annotation is None else {label.quote_id: label for label in annotation.labels}
