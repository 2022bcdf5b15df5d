"""An export file cut into pieces: what comes before the documents, each document's bytes,
what goes between two documents, and what comes after them.

Every format is a :class:`Renderer`; its only per-format work is :meth:`Renderer.document`,
the bytes of one document, which depend on that document alone (and on its number in the
export, for the formats that number their tasks). So the documents can be rendered anywhere
(:mod:`annotator.export.parallel`: in worker processes) and joined in corpus order into the
same file. What a format counts across documents (doccano's overlapping quotes) is kept in
:attr:`Renderer.tallies`, which add up, and turned into notes for the user at the end.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from annotator.export.views import DocumentView


class Renderer:
    """One export format; the defaults are a file that is its documents, one after another."""

    head: bytes = b""  # before the first document (also written for an empty export)
    separator: bytes = b""  # between two documents
    tail: bytes = b""  # after the last document

    def __init__(self) -> None:
        self.tallies: list[int] = []  # counts over the documents rendered, added by position

    def document(self, number: int, view: DocumentView) -> bytes:
        """The bytes of the ``number``-th document of the export (from 1)."""
        raise NotImplementedError

    def take_tallies(self) -> list[int]:
        """The tallies so far, reset to zero (what a worker hands back with its documents)."""
        taken = self.tallies
        self.tallies = [0] * len(taken)
        return taken

    def add_tallies(self, tallies: list[int]) -> None:
        self.tallies = [mine + theirs for mine, theirs in zip(self.tallies, tallies, strict=True)]

    def notes(self) -> list[str]:
        """One-line messages for the user about the whole export (from the tallies)."""
        return []


class PieceWriter:
    """Writes rendered documents to ``out`` in the order given, with the format's head,
    separators and tail. The head goes out with the first document, so a corpus whose first
    document cannot be read or rendered leaves ``out`` untouched."""

    def __init__(self, renderer: Renderer, out: BinaryIO) -> None:
        self.renderer = renderer
        self.out = out
        self.written = 0

    def write(self, piece: bytes) -> None:
        self.out.write(self.renderer.head if self.written == 0 else self.renderer.separator)
        self.out.write(piece)
        self.written += 1

    def close(self) -> None:
        """The end of the file (after the head, for an export with no document)."""
        if self.written == 0:
            self.out.write(self.renderer.head)
        self.out.write(self.renderer.tail)


def write_views(renderer: Renderer, views: Iterable[DocumentView], out: BinaryIO) -> None:
    """The export of ``views``, rendered here one document at a time."""
    writer = PieceWriter(renderer, out)
    for number, view in enumerate(views, start=1):
        writer.write(renderer.document(number, view))
    writer.close()
