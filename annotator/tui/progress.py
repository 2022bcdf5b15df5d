"""Per-document progress of one annotator (labelled / total, flagged), for the corpus screen."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.annotations import effective_quotes, labels_by_quote
from annotator.errors import AnnotatorError
from annotator.models import Document
from annotator.store import AnnotationStore


@dataclass
class DocumentProgress:
    document: Document
    labelled: int = 0
    total: int = 0
    flagged: int = 0
    error: str | None = None
    extracting: bool = False  # listed from the corpus, quotes not extracted yet

    @property
    def done(self) -> bool:
        return self.total > 0 and self.labelled == self.total


def document_progress(
    store: AnnotationStore, annotator: str, document: Document
) -> DocumentProgress:
    """Count what the annotator has done on ``document``; a bad file is reported, not raised."""
    try:
        annotation = store.load(annotator, document.id, document)
    except AnnotatorError as exc:
        return DocumentProgress(document, total=len(document.quotes), error=str(exc))
    quotes = effective_quotes(document, annotation)
    labels = labels_by_quote(annotation)
    labelled = sum(1 for q in quotes if (lab := labels.get(q.id)) is not None and lab.stance)
    flagged = sum(1 for q in quotes if (lab := labels.get(q.id)) is not None and lab.flagged)
    return DocumentProgress(document, labelled, len(quotes), flagged)
