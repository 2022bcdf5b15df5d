"""Per-document progress of one annotator (labelled / total, flagged), for the corpus screen."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.corpus_rows import Row
from annotator.listing import DocumentSummary


@dataclass
class DocumentProgress:
    summary: DocumentSummary
    labelled: int = 0
    total: int = 0
    flagged: int = 0
    error: str | None = None
    extracting: bool = False  # listed from the corpus, quotes not extracted yet

    @property
    def done(self) -> bool:
        return self.total > 0 and self.labelled == self.total


def row_progress(row: Row) -> DocumentProgress:
    """The progress shown for a listed row (a pending one: still extracting)."""
    counts = row.counts
    if counts is None:
        return DocumentProgress(row.summary, extracting=True)
    return DocumentProgress(
        row.summary, counts.labelled, counts.total, counts.flagged, counts.error
    )
