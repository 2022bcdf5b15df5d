"""Extraction of many documents on several cores, in corpus order.

:func:`extract_all` takes a stream of documents and yields them extracted, in the order they came,
whatever the number of workers: the result is the same as extracting them one by one (the
extractor is deterministic and each document is extracted on its own). Documents are sent to a
``ProcessPoolExecutor`` in chunks (several small articles, or one large one), a bounded number of
chunks at a time, so memory stays flat however long the corpus is. A chunk's documents are
extracted together (``extract.parse_batches``): their sentences are parsed in shared batches.
Forked workers inherit the syntax model, loaded once before the fork. Each worker process imports the
extractor (and loads the syntax model, when the extractor uses it) once, in its initializer.

A ``lookup`` (the extraction cache) is asked first: documents it answers are never dispatched. A
``store`` receives every document extracted here. When the whole stream fits in one chunk, or
with one worker, no process is started at all (one worker reads the stream in chunks too and
extracts each chunk's misses together here, so its parses are batched as well). An error from the input stream (a bad file) is
raised after every document before it has been yielded, as it would be without workers.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from annotator.errors import AnnotatorError
from annotator.models import Document

__all__ = ["CHUNK_CHARS", "CHUNK_DOCUMENTS", "default_workers", "extract_all", "map_in_order"]

CHUNK_CHARS = 200_000  # a chunk closes when its texts reach this many characters ...
CHUNK_DOCUMENTS = 32  # ... or this many documents
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: enough to keep it busy, few enough to stream
MAX_WAITING = 256  # documents waiting behind an unfinished chunk before the stream pauses

K = TypeVar("K")
A = TypeVar("A")
R = TypeVar("R")

Lookup = Callable[[Document], Document | None]
Store = Callable[[Document], None]
Advance = Callable[[int], None]


def default_workers() -> int:
    """All the cores this process may use."""
    counter = getattr(os, "process_cpu_count", None)  # Python ≥ 3.13
    count = counter() if counter is not None else None
    if count is None and hasattr(os, "sched_getaffinity"):
        count = len(os.sched_getaffinity(0))
    return max(1, count or os.cpu_count() or 1)


def _extract_one(document: Document) -> Document:
    from annotator.extract import extract_document

    return extract_document(document)


def _extract_chunk(documents: list[Document]) -> list[Document]:
    """The chunk's documents, extracted, in order: together, so that their sentences are
    parsed in shared batches (``extract.parse_batches``; the same result, in less time)."""
    from annotator.extract.parse_batches import extract_together

    return extract_together(documents, _extract_one)


def _exit_with_parent(parent: int) -> None:
    """Worker thread: end the worker when its parent is gone (killed with -9, say), since a
    forked worker holds both ends of its queue and would otherwise wait for work forever."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _warm_up(parent: int) -> None:
    """Worker initializer: import the extractor and load the syntax model (when used) once."""
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    from annotator.extract import extract_document  # noqa: F401 - loads the extractor modules

    syntax = sys.modules.get("annotator.extract.syntax")
    if syntax is not None:
        with contextlib.suppress(Exception):  # the first parse reports a missing model properly
            syntax.load_model()


def _load_model_before_fork(context: multiprocessing.context.BaseContext) -> None:
    """Load the syntax model in this process before forking workers: they inherit it (its
    pages shared, not copied) instead of each loading its own, which saves the CPU time of one
    load per worker (about 2 s each). A spawned worker loads its own in ``_warm_up``."""
    if context.get_start_method() != "fork":
        return
    with contextlib.suppress(Exception):  # the first parse reports a missing model properly
        from annotator.extract.syntax import load_model

        load_model()


def _context() -> multiprocessing.context.BaseContext:
    # fork is cheap and inherits the imported extractor, but is unsafe once threads run (the UI)
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


class _Chunk:
    """Documents sent to a worker together; ``future`` is set once submitted."""

    def __init__(self) -> None:
        self.documents: list[Document] = []
        self.chars = 0
        self.future: Future[list[Document]] | None = None

    def add(self, document: Document) -> None:
        self.documents.append(document)
        self.chars += len(document.text)

    def full(self) -> bool:
        return self.chars >= CHUNK_CHARS or len(self.documents) >= CHUNK_DOCUMENTS


def _one_process(
    stream: Iterator[Document],
    lookup: Lookup | None,
    store: Store | None,
    finished: Callable[[Document], Document],
) -> Iterator[Document]:
    """One worker, this process: the documents in chunks, each chunk's misses extracted
    together (their parses batched), yielded in input order; a bad file is raised after the
    documents before it."""
    failure: AnnotatorError | None = None
    ended = False
    while not ended and failure is None:
        chunk = _Chunk()  # the misses of this round
        held: list[Document | None] = []  # a cached result, or None for the next miss
        while not chunk.full() and len(held) < MAX_WAITING:
            try:
                document = next(stream)
            except StopIteration:
                ended = True
                break
            except AnnotatorError as exc:
                failure = exc
                break
            cached = lookup(document) if lookup is not None else None
            held.append(cached)
            if cached is None:
                chunk.add(document)
        if not held:
            break
        extracted = iter(_extract_chunk(chunk.documents))
        for cached in held:
            if cached is None:
                result = next(extracted)
                if store is not None:
                    store(result)
                yield finished(result)
            else:
                yield finished(cached)
    if failure is not None:
        raise failure


def extract_all(
    documents: Iterable[Document],
    workers: int | None = None,
    *,
    lookup: Lookup | None = None,
    store: Store | None = None,
    advance: Advance | None = None,
) -> Iterator[Document]:
    """``documents`` extracted on ``workers`` processes (default: all cores), in input order."""
    workers = default_workers() if workers is None else max(1, workers)
    order: deque[Document | _Chunk] = deque()  # ready documents and chunks, in input order
    pool: ProcessPoolExecutor | None = None
    in_flight = 0
    failure: BaseException | None = None
    stream = iter(documents)

    def finished(document: Document) -> Document:
        if advance is not None:
            advance(1)
        return document

    def extracted_here(document: Document) -> Document:
        result = _extract_one(document)
        if store is not None:
            store(result)
        return result

    def submit(chunk: _Chunk) -> None:
        nonlocal pool, in_flight
        if pool is None:
            context = _context()
            _load_model_before_fork(context)
            pool = ProcessPoolExecutor(
                workers, mp_context=context, initializer=_warm_up, initargs=(os.getpid(),)
            )
            # the workers are forked by the first submit: what they inherit (the model) stays
            # out of their garbage collections, which neither walk it nor copy its pages
            gc.freeze()
            try:
                chunk.future = pool.submit(_extract_chunk, chunk.documents)
            finally:
                gc.unfreeze()
        else:
            chunk.future = pool.submit(_extract_chunk, chunk.documents)
        in_flight += 1

    def drain(chunk: _Chunk) -> Iterator[Document]:
        nonlocal in_flight
        assert chunk.future is not None
        try:
            results = chunk.future.result()
        except BrokenProcessPool:
            raise AnnotatorError(
                "an extraction worker died (out of memory or killed); "
                "try fewer workers with --workers"
            ) from None
        in_flight -= 1
        for result in results:
            if store is not None:
                store(result)
            yield finished(result)

    def ready_front(final: bool) -> Iterator[Document]:
        """Yield from the front of ``order`` what is done; wait for the front chunk while too
        many chunks are in flight or documents waiting (and for everything, when ``final``)."""
        while order:
            front = order[0]
            if isinstance(front, Document):
                order.popleft()
                yield finished(front)
                continue
            if front.future is None:  # the open chunk: more documents may join it
                if not final:
                    return
                submit(front)
            assert front.future is not None
            crowded = in_flight > workers * IN_FLIGHT_PER_WORKER or len(order) > MAX_WAITING
            if not (final or crowded or front.future.done()):
                return
            order.popleft()
            yield from drain(front)

    if workers == 1:
        yield from _one_process(stream, lookup, store, finished)
        return
    clean_exit = False
    try:
        open_chunk: _Chunk | None = None
        local_budget = CHUNK_DOCUMENTS  # misses between cache hits extracted here, no pool yet
        held: _Chunk | None = None  # a first full chunk, sent only once a second document comes
        while True:
            try:
                document = next(stream)
            except StopIteration:
                break
            except AnnotatorError as exc:  # bad input: first deliver what came before it
                failure = exc
                break
            if held is not None:
                submit(held)
                held = None
            cached = lookup(document) if lookup is not None else None
            if cached is not None:
                if open_chunk is not None and pool is None and local_budget > 0:
                    # a few new documents in a cached corpus: not worth starting processes
                    order.pop()
                    local_budget -= len(open_chunk.documents)
                    for waiting in open_chunk.documents:
                        yield finished(extracted_here(waiting))
                elif open_chunk is not None:
                    submit(open_chunk)  # keep order: the chunk before the hit goes out now
                open_chunk = None
                if pool is None and not order:
                    yield finished(cached)
                    continue
                order.append(cached)
            else:
                if open_chunk is None:
                    open_chunk = _Chunk()
                    order.append(open_chunk)
                open_chunk.add(document)
                if open_chunk.full():
                    if pool is None:
                        held = open_chunk  # one large document alone needs no process pool
                    else:
                        submit(open_chunk)
                    open_chunk = None
            yield from ready_front(final=False)
        if pool is None and len(order) == 1 and isinstance(order[0], _Chunk):
            # the whole stream fitted in one chunk: no process is worth starting
            chunk = order.popleft()
            assert isinstance(chunk, _Chunk)
            for result in _extract_chunk(chunk.documents):
                if store is not None:
                    store(result)
                yield finished(result)
        yield from ready_front(final=True)
        clean_exit = True
    finally:
        if pool is not None:
            pool.shutdown(wait=clean_exit, cancel_futures=True)
    if failure is not None:
        raise failure


def _start_worker(
    parent: int, initializer: Callable[..., None] | None, initargs: tuple[Any, ...]
) -> None:
    """Initializer of a :func:`map_in_order` worker: it ends with its parent, leaves ctrl-c to
    the parent (which stops handing out work and lets the workers finish theirs), then runs the
    caller's ``initializer``."""
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def map_in_order(
    function: Callable[[A], R],
    items: Iterable[tuple[K, A]],
    workers: int | None = None,
    *,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    what: str = "a worker",
) -> Iterator[tuple[K, R]]:
    """``(key, function(argument))`` for each ``(key, argument)`` of ``items``, in their order,
    computed on ``workers`` processes (default: all cores).

    The arguments are sent to the workers (pickled: keep them small, such as paths), the keys
    stay here. At most ``IN_FLIGHT_PER_WORKER`` items per worker are in flight, so memory stays
    bounded however many items come. Each worker runs ``initializer(*initargs)`` once. With one
    worker, or a single item, no process is started: ``initializer`` and ``function`` run in
    this process. An error raised by ``function`` is raised here in order (after the results
    before it); a worker that dies is an :class:`AnnotatorError`. Stopping early (an error, the
    caller closing the iterator, ctrl-c) cancels what is queued and leaves no worker behind.
    """
    workers = default_workers() if workers is None else max(1, workers)
    stream = iter(items)
    head = list(itertools.islice(stream, 2)) if workers > 1 else []
    if len(head) < 2:
        if initializer is not None:
            initializer(*initargs)
        for key, argument in itertools.chain(head, stream):
            yield key, function(argument)
        return
    context = _context()
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )
    pending: deque[tuple[K, Future[R]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER

    def result(future: Future[R]) -> R:
        try:
            return future.result()
        except BrokenProcessPool:
            raise AnnotatorError(
                f"{what} died (out of memory or killed); try fewer workers with --workers"
            ) from None

    failure: Exception | None = None  # raised by ``items``: after the results before it
    pairs = itertools.chain(head, stream)
    try:
        for index in itertools.count():
            try:
                key, argument = next(pairs)
            except StopIteration:
                break
            except Exception as exc:
                failure = exc
                break
            if index == 0:
                # what the workers inherit stays out of their garbage collections (as above)
                gc.freeze()
                try:
                    pending.append((key, pool.submit(function, argument)))
                finally:
                    gc.unfreeze()
            else:
                pending.append((key, pool.submit(function, argument)))
            while pending and (len(pending) > limit or pending[0][1].done()):
                done_key, future = pending.popleft()
                yield done_key, result(future)
        while pending:
            done_key, future = pending.popleft()
            yield done_key, result(future)
    finally:
        # what is queued is dropped; the workers finish the items they have (the interpreter
        # would wait for them at exit anyway), so no pool thread outlives this call
        pool.shutdown(wait=True, cancel_futures=True)
    if failure is not None:
        raise failure
