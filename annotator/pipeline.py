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


def load_corpus(paths: Iterable[Path], extract: bool = True) -> Iterator[Document]:
    """Stream the corpus documents, with their quotes extracted unless ``extract`` is false."""
    extractor = _extractor() if extract else None
    for document in iter_documents(paths):
        yield extractor(document) if extractor is not None else document


def extract(document: Document) -> Document:
    """``document`` with its quotes extracted (unchanged when the extractor is not installed)."""
    extractor = _extractor()
    return extractor(document) if extractor is not None else document
