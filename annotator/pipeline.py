"""File → corpus → extraction → Document: the one path every command and the UI use."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

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
    return module.extract_document


def load_corpus(
    paths: Iterable[Path],
    extract: bool = True,
    workers: int | None = 1,
    advance: Callable[[int], None] | None = None,
) -> Iterator[Document]:
    """Stream the corpus documents, with their quotes extracted unless ``extract`` is false.

    ``workers`` processes extract in parallel (``None``: all cores); the order is the corpus
    order and the result the same as with one. ``advance(1)`` is called per document.
    """
    extractor = _extractor() if extract else None
    documents = iter_documents(paths)
    if extractor is None:
        for document in documents:
            if advance is not None:
                advance(1)
            yield document
        return
    if workers == 1:
        for document in documents:
            extracted = extractor(document)
            if advance is not None:
                advance(1)
            yield extracted
        return
    from annotator.parallel import extract_all

    yield from extract_all(documents, workers, advance=advance)


def extract(document: Document) -> Document:
    """``document`` with its quotes extracted (unchanged when the extractor is not installed)."""
    extractor = _extractor()
    return extractor(document) if extractor is not None else document
