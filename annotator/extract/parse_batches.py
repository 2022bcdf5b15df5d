"""Several documents extracted together, their sentences parsed in shared batches.

The syntax model parses a batch of sentences in about 60 % of the CPU time it takes to parse
them one by one (the parser advances all the batch's sentences together, and the matrix products
are larger). One document asks for its parses one at a time, each when a rule first needs it,
so alone it cannot batch. :func:`extract_together` runs each document's extraction in a thread of
its own: a thread that needs a parse waits; once every unfinished thread waits, the sentences
they wait for are parsed in one batch (``syntax.parse_many``) and the threads go on. Only one
thread runs Python at a time, so this saves the parser's time and spends no more of the rules'.

Each document's result is the one it gets alone: the extractor keeps no state between documents,
and a sentence's parse does not depend on the other sentences of its batch (checked in
``tests/test_parse_batches.py``). A document whose extraction fails raises its error, the first
in input order, once all the others are done.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

__all__ = ["current_batch", "extract_together"]

T = TypeVar("T")
R = TypeVar("R")

_LOCAL = threading.local()


class _Batch:
    """The parse requests of a group of extraction threads, answered a batch at a time."""

    def __init__(self, running: int) -> None:
        self.condition = threading.Condition()
        self.running = running  # threads not finished
        self.waiting: dict[int, tuple[str, tuple[int, int]]] = {}  # thread number → request
        self.answers: dict[int, object] = {}  # thread number → parse or exception

    def request(self, text: str, span: tuple[int, int]):  # type: ignore[no-untyped-def]
        """Thread side: the parse of ``text[span]``, made in the next batch."""
        number = _LOCAL.number
        with self.condition:
            self.waiting[number] = (text, span)
            self.condition.notify_all()
            while number not in self.answers:
                self.condition.wait()
            answer = self.answers.pop(number)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def finished(self) -> None:
        with self.condition:
            self.running -= 1
            self.condition.notify_all()

    def serve(self) -> None:
        """Coordinator side: parse what the threads wait for until every thread is done."""
        while True:
            with self.condition:
                while self.running and len(self.waiting) < self.running:
                    self.condition.wait()
                if not self.running:
                    return
                requests = self.waiting
                self.waiting = {}
            answers = _parse(list(requests.values()))
            with self.condition:
                self.answers.update(zip(requests, answers, strict=True))
                self.condition.notify_all()


def _parse(requests: list[tuple[str, tuple[int, int]]]) -> list[object]:
    """The parse (or the error) of every request: one batch, or one by one when it fails."""
    from annotator.extract.syntax import SyntaxModelError, parse_many

    try:
        return list(parse_many(requests))
    except SyntaxModelError as exc:  # the model is broken for everyone: each layer learns it
        return [exc] * len(requests)
    except Exception:  # one bad request must not fail the others
        answers: list[object] = []
        for request in requests:
            try:
                answers.append(parse_many([request])[0])
            except Exception as exc:  # handed to the thread that asked
                answers.append(exc)
        return answers


def current_batch() -> _Batch | None:
    """The batch this thread's parse requests go to (``None``: parse at once)."""
    return getattr(_LOCAL, "batch", None)


def extract_together(items: Sequence[T], extract: Callable[[T], R]) -> list[R]:
    """``[extract(item) for item in items]``, with the parses of all the items made in batches."""
    if len(items) < 2:
        return [extract(item) for item in items]
    batch = _Batch(len(items))
    results: list[R | None] = [None] * len(items)
    errors: list[BaseException | None] = [None] * len(items)

    def run(number: int) -> None:
        _LOCAL.batch, _LOCAL.number = batch, number
        try:
            results[number] = extract(items[number])
        except BaseException as exc:  # raised by the caller's thread below
            errors[number] = exc
        finally:
            batch.finished()

    threads = [
        threading.Thread(target=run, args=(number,), daemon=True, name=f"extract-{number}")
        for number in range(len(items))
    ]
    for thread in threads:
        thread.start()
    batch.serve()
    for thread in threads:
        thread.join()
    for error in errors:
        if error is not None:
            raise error
    return results  # type: ignore[return-value]
