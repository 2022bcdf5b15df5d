"""How shipped labels fare under the current extractor (issue #7's promise, checked for #11).

A label keeps the quote as it was shown (``QuoteLabel.quote``), so a new extractor cannot change
what was labelled. :func:`reanchor_labels` re-extracts a document and places its labels on the
text with ``annotator.anchoring``, and sorts each label into one of:

* ``exact``: kept on its span, and the new extractor proposes that very span again;
* ``kept``: kept on its span (its snapshot), though the new extractor proposes another span;
* ``moved``: its text found elsewhere (the text changed), label moved there;
* ``unplaced``: its text is gone; kept unchanged and listed for the annotator.

It also returns, per label, the label's effective quote (``annotations.effective_quotes``) and
its resolved judgement, so a caller can check that nothing changed meaning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from annotator.anchoring import Placement, anchor_labels
from annotator.annotations import effective_quotes
from annotator.extract import extract_document
from annotator.models import AnnotationFile, Document


@dataclass(frozen=True)
class LabelFate:
    quote_id: str
    placement: str  # exact, kept, moved, unplaced
    before: tuple[object, ...]  # text, stance, sentiment, speaker, outlet as saved
    after: tuple[object, ...] | None  # the same as seen under the new extractor


def _meaning(text: str | None, label: object) -> tuple[object, ...]:
    return (
        text,
        label.stance,  # type: ignore[attr-defined]
        label.sentiment,  # type: ignore[attr-defined]
        label.resolved_speaker,  # type: ignore[attr-defined]
        label.resolved_outlet,  # type: ignore[attr-defined]
    )


def reanchor_labels(raw: Document, annotation: AnnotationFile) -> list[LabelFate]:
    """The fate of each label of ``annotation`` when ``raw`` is extracted again now."""
    document = extract_document(raw)
    proposed = {quote.id for quote in document.quotes}
    report = anchor_labels(annotation.labels, document.text)
    placed = annotation.model_copy(
        update={
            "labels": [
                item.label for item in report.anchored if item.placement != Placement.UNPLACED
            ]
        }
    )
    shown = {quote.id: quote for quote in effective_quotes(document, placed)}
    fates = []
    for item in report.anchored:
        original = next(label for label in annotation.labels if label.quote_id == item.old_id)
        before = _meaning(original.quote.text, original)
        if item.placement == Placement.UNPLACED:
            fates.append(LabelFate(item.old_id, "unplaced", before, None))
            continue
        quote = shown.get(item.new_id)
        after = _meaning(quote.text if quote else None, item.label)
        if item.placement == Placement.MOVED:
            placement = "moved"
        else:
            placement = "exact" if item.old_id in proposed else "kept"
        fates.append(LabelFate(item.old_id, placement, before, after))
    return fates


def summary(fates: list[LabelFate]) -> str:
    counts = Counter(fate.placement for fate in fates)
    changed = sum(1 for fate in fates if fate.after is not None and fate.after != fate.before)
    return (
        f"re-anchoring {len(fates)} shipped labels: {counts['exact']} exactly (span proposed "
        f"again), {counts['kept']} kept on their span (now proposed differently), "
        f"{counts['moved']} moved, {counts['unplaced']} unplaced; {changed} changed meaning"
    )
