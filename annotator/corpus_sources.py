"""A corpus as pointers to its documents, cheap to send to another process, read there.

:func:`iter_sources` lists the documents of a corpus in the order :func:`annotator.corpus.
iter_documents` yields them, without cleaning any: a text file is its path, a line of a JSON
Lines file its path, line number and raw bytes (not parsed). :func:`read_source` makes the
document of one, with the errors reading it in order would give (a file that is no corpus
file, a JSON Lines file that cannot be opened, is UTF-16, or cannot be read, is reported by
:func:`iter_sources` where the reading would have reached it). Document ids are not checked
for uniqueness here: the reader that puts the documents in order does that
(:func:`annotator.locations.check_unique_id`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import NamedTuple

from annotator.corpus import jsonl_document, load_text_file
from annotator.errors import InvalidFileError
from annotator.jsonio import json_object_line, read_json_lines
from annotator.locations import JSONL_SUFFIXES, TEXT_SUFFIXES, corpus_files
from annotator.models import Document


class DocumentSource(NamedTuple):
    """Where one document is: a text file (``line`` 0, no ``raw``) or one line of a JSON
    Lines file (its number and bytes)."""

    path: str
    line: int = 0
    raw: bytes | None = None

    def size(self) -> int:
        """About how many characters the document has (its bytes)."""
        if self.raw is not None:
            return len(self.raw)
        try:
            return os.stat(self.path).st_size
        except OSError:
            return 0  # reading it reports the problem


def iter_sources(paths: Iterable[Path]) -> Iterator[DocumentSource]:
    """The corpus documents' sources, in corpus order (files in name order)."""
    for path in corpus_files(paths):
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            name = str(path)
            for number, raw in read_json_lines(path):
                yield DocumentSource(name, number, raw)
        elif suffix in TEXT_SUFFIXES:
            yield DocumentSource(str(path))
        else:
            raise InvalidFileError(
                path, f"unsupported file type {suffix or '(none)'}; use .txt, .md or .jsonl"
            )


def read_source(source: DocumentSource) -> Document:
    """The document ``source`` points to, read and cleaned."""
    path = Path(source.path)
    if source.raw is None:
        return load_text_file(path)
    return jsonl_document(path, source.line, json_object_line(source.raw, path, source.line))
