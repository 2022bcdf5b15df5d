"""The rows of a corpus listing for one annotator, through the listing index.

Each row is a document's summary with the annotator's counts (labelled, quotes, flagged). For
a file, a text and an annotation file unchanged since they were indexed, a row costs a few
small reads (:mod:`annotator.listing`); whatever changed is read, cleaned, looked up in the
extraction cache or counted again, and indexed. A document the extraction cache does not hold
comes back as *pending*: the caller extracts it (:meth:`CorpusRows.extracted`), which counts it.

Core module: no Textual (the corpus screen and any command can list with it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.cache import cache_key
from annotator.listing import (
    Counts,
    DocumentSummary,
    ListingIndex,
    file_identity,
    open_listing_index,
    scheme_digest,
)
from annotator.locations import check_unique_id, corpus_files
from annotator.models import Document
from annotator.pipeline import CachedExtractor
from annotator.store import AnnotationStore


@dataclass
class Row:
    """One listed document: ``document`` is the extracted document when it was read on the
    way (else None: :meth:`CorpusRows.load` reads it when needed); ``counts`` is None while
    the document waits for extraction (``pending``; ``unextracted`` is then the document read)."""

    summary: DocumentSummary
    path: Path  # the corpus file it is in
    document: Document | None
    counts: Counts | None
    unextracted: Document | None = None

    @property
    def pending(self) -> bool:
        return self.counts is None


def counts_of(store: AnnotationStore, annotator: str, document: Document) -> Counts:
    """Count what ``annotator`` has done on the extracted ``document``; a bad file is
    reported in ``error``, not raised."""
    from annotator.annotations import effective_quotes, labels_by_quote
    from annotator.errors import AnnotatorError

    try:
        annotation = store.load(annotator, document.id, document)
    except AnnotatorError as exc:
        return Counts(0, len(document.quotes), 0, str(exc))
    quotes = effective_quotes(document, annotation)
    labels = labels_by_quote(annotation)
    labelled = sum(1 for q in quotes if (lab := labels.get(q.id)) is not None and lab.stance)
    flagged = sum(1 for q in quotes if (lab := labels.get(q.id)) is not None and lab.flagged)
    return Counts(labelled, len(quotes), flagged)


class CorpusRows:
    """Lists a corpus for ``annotator``; ``extractor`` None: documents have no quotes."""

    def __init__(
        self,
        store: AnnotationStore,
        annotator: str,
        extractor: CachedExtractor | None,
        index: ListingIndex | None = None,
        use_index: bool = True,
    ) -> None:
        self.store = store
        self.annotator = annotator
        self.extractor = extractor
        self.index = index if index is not None else (open_listing_index() if use_index else None)
        cache = extractor.cache if extractor is not None else None
        self.options = cache.options if cache is not None else {}
        self.scheme = scheme_digest(store.scheme.model_dump(mode="json"))

    # ------------------------------------------------------------------ listing

    def rows(self, paths: Iterable[Path]) -> Iterator[Row]:
        """Every document of the corpus in order; pending ones (not in the extraction cache)
        have ``counts`` None and their document read."""
        seen: dict[str, str] = {}
        for path in corpus_files(paths):
            before = file_identity(path)
            index = self.index
            summaries = index.documents(path, before) if index is not None else None
            documents: list[Document] | None = None
            if summaries is None:
                documents = list(_file_documents(path))
                summaries = [DocumentSummary.of(document) for document in documents]
                if index is not None and summaries:
                    index.put_documents(path, before, summaries)
            for position, summary in enumerate(summaries):
                check_unique_id(seen, summary.id, summary.source)
                read = documents[position] if documents is not None else None
                yield self._row(summary, path, read)

    def _row(self, summary: DocumentSummary, path: Path, read: Document | None) -> Row:
        key = self.extraction_key(summary)
        ids = self.index.quote_ids(key) if self.index is not None and key else None
        extracted: Document | None = None
        if ids is None:
            document = read if read is not None else self.read(path, summary)
            if self.extractor is None:
                extracted = document
            else:
                extracted = self.extractor.cached(document)
                if extracted is None:
                    return Row(summary, path, None, None, unextracted=document)  # pending
            ids = [quote.id for quote in extracted.quotes]
            if self.index is not None and key:
                self.index.put_quote_ids(key, ids)
        return Row(summary, path, extracted, self._counts(summary, path, key, len(ids), extracted))

    def extraction_key(self, summary: DocumentSummary) -> str | None:
        return cache_key(summary.sha256, self.options) if self.extractor is not None else None

    def _counts(
        self,
        summary: DocumentSummary,
        path: Path,
        key: str | None,
        quotes: int,
        extracted: Document | None,
    ) -> Counts:
        annotation = self.store.path_for(self.annotator, summary.id)
        before = file_identity(annotation)
        linked = os.path.islink(annotation) or os.path.islink(annotation.parent)
        if before is None and not linked and not os.path.lexists(annotation):
            return Counts(0, quotes, 0)  # no annotation file: nothing done yet
        index = self.index if key is not None and not linked else None
        if index is not None and before is not None:
            found = index.counts(self.annotator, before, key or "", self.scheme)
            if found is not None:
                return found
        if extracted is None:
            extracted = self.extract(self.read(path, summary))
        counts = counts_of(self.store, self.annotator, extracted)
        if index is not None:
            index.put_counts(self.annotator, annotation, before, key or "", self.scheme, counts)
        return counts

    # ------------------------------------------------------------------ documents

    def read(self, path: Path, summary: DocumentSummary) -> Document:
        """The document of ``summary`` read again from ``path`` (not extracted)."""
        from annotator.errors import InvalidFileError

        for document in _file_documents(path):
            if document.id == summary.id:
                return document
        raise InvalidFileError(path, f"document {summary.id!r} is no longer in this file")

    def extract(self, document: Document) -> Document:
        """``document`` with its quotes: from the extraction cache, else extracted (and cached)."""
        return self.extractor(document) if self.extractor is not None else document

    def extracted(self, row: Row) -> Row:
        """A pending row extracted (through the cache) and counted."""
        document = row.unextracted or self.read(row.path, row.summary)
        if self.extractor is not None:
            document = self.extractor.extract(document)
        return self.counted(row.path, document)

    def counted(self, path: Path, document: Document) -> Row:
        """The row of an extracted ``document`` (counted again, and indexed)."""
        summary = DocumentSummary.of(document)
        key = self.extraction_key(summary)
        if self.index is not None and key:
            self.index.put_quote_ids(key, [quote.id for quote in document.quotes])
        return Row(
            summary,
            path,
            document,
            self._counts(summary, path, key, len(document.quotes), document),
        )

    def load(self, row: Row) -> Document:
        """The extracted document of ``row`` (read and looked up now if the row had none)."""
        if row.document is not None:
            return row.document
        return self.extract(row.unextracted or self.read(row.path, row.summary))


def _file_documents(path: Path) -> Iterable[Document]:
    from annotator.corpus import iter_file_documents

    return iter_file_documents(path)
