"""The export of a corpus, its documents rendered on every core and written in corpus order.

The parent lists the corpus as :class:`~annotator.corpus_sources.DocumentSource` pointers (a
file's path, a JSON Lines line) and groups them in chunks; each chunk goes to a worker
process (:func:`annotator.parallel.map_in_order`: a bounded number in flight, no process at
all with one worker or a corpus of one chunk), which reads its documents, looks them up in
the extraction cache (extracting and storing the misses, together), loads their annotation
files, builds their views and renders each document's bytes (:class:`~annotator.export.pieces.
Renderer`, the one per-format part). The parent writes the pieces in corpus order, checks that
document ids are unique, and adds up the format's tallies for its notes.

Errors come out as they do one document at a time: a document that cannot be read, or whose
annotation files are broken, is reported after every document before it has been written and
nothing after it; the first document's failure leaves the output untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from annotator.cache import open_cache
from annotator.corpus_sources import DocumentSource, iter_sources, read_source
from annotator.errors import AnnotatorError
from annotator.export.formats import renderer_for
from annotator.export.options import ExportOptions
from annotator.export.pieces import PieceWriter, Renderer
from annotator.export.views import ExportSource
from annotator.gc_pause import paused_gc
from annotator.locations import check_unique_id
from annotator.models import Document
from annotator.parallel import map_in_order
from annotator.pipeline import CachedExtractor, cached_extractor
from annotator.store import AnnotationStore

CHUNK_CHARS = 100_000  # a chunk closes when its documents reach this many bytes ...
CHUNK_DOCUMENTS = 16  # ... or this many documents

Advance = Callable[[int], None]


@dataclass(frozen=True)
class ExportJob:
    """What every worker needs to render documents (sent once to each)."""

    format_name: str
    store: AnnotationStore
    annotators: list[str]
    options: ExportOptions


@dataclass
class ChunkResult:
    """A chunk's rendered documents (id, source, bytes) in order; ``failure``: the error that
    stopped it (the failing document's id and source when it was read, and the message)."""

    pieces: list[tuple[str, str, bytes]] = field(default_factory=list)
    failure: tuple[str | None, str | None, str] | None = None
    tallies: list[int] = field(default_factory=list)
    stored: int = 0  # documents extracted and stored in the cache


class _Worker:
    """A worker's renderer, view source and cached extractor, made once."""

    def __init__(self, job: ExportJob) -> None:
        self.renderer = renderer_for(job.format_name, job.store.scheme, job.annotators, job.options)
        self.source = ExportSource(corpus=(), store=job.store, annotators=job.annotators)
        self.extractor: CachedExtractor | None = cached_extractor()


_worker: _Worker | None = None


def _start(job: ExportJob) -> None:
    global _worker
    _worker = _Worker(job)


def _extracted(
    extractor: CachedExtractor | None, documents: list[Document]
) -> tuple[list[Document], int]:
    """The documents with their quotes: from the cache, else extracted together (their parses
    batched) and stored; and how many were stored."""
    if extractor is None:
        return documents, 0
    found = [extractor.cached(document) for document in documents]
    misses = [document for document, hit in zip(documents, found, strict=True) if hit is None]
    fresh: Iterator[Document] = iter(())
    if misses:
        from annotator.extract.parse_batches import extract_together

        fresh = iter(extract_together(misses, extractor.extractor))
    result: list[Document] = []
    stored = 0
    for hit in found:
        if hit is None:
            hit = next(fresh)
            if extractor.cache is not None:
                extractor.cache.put(hit)
                stored += 1
        result.append(hit)
    return result, stored


def render_chunk(task: tuple[int, list[DocumentSource]]) -> ChunkResult:
    """The pieces of a chunk's documents (numbered from ``task[0]``), in order, up to the first
    failure."""
    assert _worker is not None, "render_chunk runs in a worker started by _start"
    first, sources = task
    result = ChunkResult()
    read_failure: str | None = None
    documents: list[Document] = []
    with paused_gc():
        for source in sources:
            try:
                documents.append(read_source(source))
            except AnnotatorError as exc:
                read_failure = str(exc)
                break
        documents, result.stored = _extracted(_worker.extractor, documents)
        renderer = _worker.renderer
        for number, document in enumerate(documents, start=first):
            try:
                piece = renderer.document(number, _worker.source.view(document))
            except AnnotatorError as exc:
                result.failure = (document.id, document.source, str(exc))
                break
            result.pieces.append((document.id, document.source, piece))
        else:
            if read_failure is not None:
                result.failure = (None, None, read_failure)
    result.tallies = renderer.take_tallies()
    return result


Chunk = tuple[AnnotatorError | None, tuple[int, list[DocumentSource]]]


def _chunks(paths: Iterable[Path]) -> Iterator[Chunk]:
    """(the corpus error after this chunk's documents, or None; (first number, sources)): the
    corpus in chunks, in order; after an error in the listing, nothing more."""
    number = 1
    sources: list[DocumentSource] = []
    size = 0
    try:
        for source in iter_sources(paths):
            sources.append(source)
            size += source.size()
            if size >= CHUNK_CHARS or len(sources) >= CHUNK_DOCUMENTS:
                yield None, (number, sources)
                number += len(sources)
                sources, size = [], 0
    except AnnotatorError as exc:
        yield exc, (number, sources)
        return
    if sources:
        yield None, (number, sources)


def export_corpus(
    job: ExportJob,
    paths: Iterable[Path],
    out: BinaryIO,
    workers: int | None = None,
    advance: Advance | None = None,
) -> list[str]:
    """Write the export of the corpus at ``paths`` to ``out`` (``workers`` processes; default:
    all cores); returns the notes for the user."""
    renderer: Renderer = renderer_for(
        job.format_name, job.store.scheme, job.annotators, job.options
    )
    writer = PieceWriter(renderer, out)
    seen: dict[str, str] = {}
    stored = 0
    try:
        for corpus_error, result in map_in_order(
            render_chunk,
            _chunks(paths),
            workers,
            initializer=_start,
            initargs=(job,),
            what="an export worker",
        ):
            stored += result.stored
            for document_id, source, piece in result.pieces:
                check_unique_id(seen, document_id, source)
                writer.write(piece)
                if advance is not None:
                    advance(1)
            renderer.add_tallies(result.tallies)
            if result.failure is not None:
                document_id, source, message = result.failure
                if document_id is not None and source is not None:
                    check_unique_id(seen, document_id, source)
                raise AnnotatorError(message)
            if corpus_error is not None:
                raise corpus_error
        writer.close()
    finally:
        if stored:
            cache = open_cache()
            if cache is not None:
                cache.prune()
    job.options.notes.extend(renderer.notes())
    return job.options.notes
