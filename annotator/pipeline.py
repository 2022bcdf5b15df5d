"""File → corpus → extraction → Document: the one path every command and the UI use.

Extraction goes through the extraction cache (:mod:`annotator.cache`), so a document whose
cleaned text was extracted before by the same extractor is not extracted again.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annotator.cache import ExtractionCache, open_cache
from annotator.corpus import iter_documents
from annotator.models import Document

Extractor = Callable[[Document], Document]


def _extractor() -> Extractor | None:
    try:
        module = importlib.import_module("annotator.extract")
    except ModuleNotFoundError as exc:
        if exc.name != "annotator.extract":
            raise
        return None

    def extract_document(document: Document) -> Document:
        # looked up on first call: the extractor module loads only when a document misses the cache
        return module.extract_document(document)

    return extract_document


class CachedExtractor:
    """Extract documents through the cache; ``finish()`` keeps the cache within its limit."""

    def __init__(self, extractor: Extractor, cache: ExtractionCache | None) -> None:
        self.extractor = extractor
        self.cache = cache

    def cached(self, document: Document) -> Document | None:
        """The document with its cached extraction, or None when it must be extracted."""
        return self.cache.get(document) if self.cache is not None else None

    def extract(self, document: Document) -> Document:
        """Extract (no cache look-up) and store the result."""
        extracted = self.extractor(document)
        if self.cache is not None:
            self.cache.put(extracted)
        return extracted

    def __call__(self, document: Document) -> Document:
        found = self.cached(document)
        return found if found is not None else self.extract(document)

    def finish(self) -> None:
        if self.cache is not None and self.cache.written:
            self.cache.prune()


def cached_extractor(cache: ExtractionCache | None = None) -> CachedExtractor | None:
    """The extractor behind the cache (``open_cache()`` unless given), or None without one."""
    extractor = _extractor()
    if extractor is None:
        return None
    return CachedExtractor(extractor, cache if cache is not None else open_cache())


def load_corpus(
    paths: Iterable[Path],
    extract: bool = True,
    cache: ExtractionCache | None = None,
    only: Callable[[Document], bool] | None = None,
    workers: int | None = None,
    advance: Callable[[int], None] | None = None,
) -> Iterator[Document]:
    """Stream the corpus documents, with their quotes extracted unless ``extract`` is false.

    With ``only``, the documents it rejects are skipped before extraction (and not yielded).
    ``workers`` processes extract the documents the cache does not hold, in parallel (default
    ``None``: all cores; a corpus that fits in one chunk starts no process); the order is the
    corpus order and the result the same as with one worker.
    ``advance(1)`` is called after each document.
    """
    documents = iter_documents(paths)
    if only is not None:
        documents = (document for document in documents if only(document))
    extractor = cached_extractor(cache) if extract else None
    if extractor is None:
        for document in documents:
            yield document
            if advance is not None:
                advance(1)
        return
    try:
        from annotator.parallel import extract_all

        store = extractor.cache.put if extractor.cache is not None else None
        yield from extract_all(
            documents, workers, lookup=extractor.cached, store=store, advance=advance
        )
    finally:
        extractor.finish()


def extract(document: Document) -> Document:
    """``document`` with its quotes extracted, through the cache (unchanged without extractor)."""
    extractor = cached_extractor()
    if extractor is None:
        return document
    try:
        return extractor(document)
    finally:
        extractor.finish()
