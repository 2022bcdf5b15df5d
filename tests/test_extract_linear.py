"""Extraction work grows linearly with the text, on the inputs that used to make it quadratic.

Work is counted, not timed: every regular-expression call the extractor modules make is wrapped
and charged the length of the text window it was allowed to scan (a search: up to its first
match). An unbounded window (a pattern
matched from a cue to the end of a sentence that runs for megabytes) makes the total grow with
the square of the text; bounded windows keep it proportional.
"""

from __future__ import annotations

import random
import re
import types
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from annotator.extract import (
    attribution,
    cues,
    entities,
    extract_quotes,
    extractor,
    marks,
    outlets,
    reported,
    sentences,
)

MODULES = (attribution, cues, entities, extractor, marks, outlets, reported, sentences)
WORDS = [
    "the",
    "minister",
    "said",
    "that",
    "talks",
    "would",
    "go",
    "on",
    "and",
    "Kim",
    "argued",
    "the",
    "plan",
    "was",
    "sound",
    "while",
    "Seoul",
    "told",
    "reporters",
    "according",
    "to",
    "officials",
]


class Counter:
    def __init__(self) -> None:
        self.work = 0

    def charge(self, string: str, pos: int = 0, endpos: int | None = None) -> None:
        end = len(string) if endpos is None else min(endpos, len(string))
        self.work += max(0, end - pos) + 1


class CountingPattern:
    """A compiled pattern that charges its counter for every call."""

    def __init__(self, pattern: re.Pattern[str], counter: Counter) -> None:
        self._pattern = pattern
        self._counter = counter

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def _scan(self, method: str, string: str, *args: Any) -> Any:
        self._counter.charge(string, *args[:2])
        return getattr(self._pattern, method)(string, *args)

    def match(self, string: str, *args: Any) -> Any:
        return self._scan("match", string, *args)

    def search(self, string: str, *args: Any) -> Any:
        # a search stops at its first match: charged up to there (or the whole window)
        found = self._pattern.search(string, *args)
        pos = args[0] if args else 0
        end = found.end() if found else (args[1] if len(args) > 1 else len(string))
        self._counter.charge(string, pos, end)
        return found

    def fullmatch(self, string: str, *args: Any) -> Any:
        return self._scan("fullmatch", string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        return self._scan("finditer", string, *args)

    def findall(self, string: str, *args: Any) -> Any:
        return self._scan("findall", string, *args)

    def sub(self, replacement: Any, string: str, count: int = 0) -> Any:
        self._counter.charge(string)
        return self._pattern.sub(replacement, string, count)

    def split(self, string: str, maxsplit: int = 0) -> Any:
        self._counter.charge(string)
        return self._pattern.split(string, maxsplit)


def counting_re(counter: Counter) -> types.SimpleNamespace:
    """A stand-in for the ``re`` module whose functions charge the counter."""
    namespace = types.SimpleNamespace(**{name: getattr(re, name) for name in dir(re)})

    def wrap(name: str) -> Callable[..., Any]:
        def call(pattern: Any, string: str, *args: Any, **kwargs: Any) -> Any:
            counter.charge(string)
            return getattr(re, name)(pattern, string, *args, **kwargs)

        return call

    for name in ("match", "search", "fullmatch", "finditer", "findall", "split"):
        setattr(namespace, name, wrap(name))

    def sub(pattern: Any, replacement: Any, string: str, *args: Any, **kwargs: Any) -> Any:
        counter.charge(string)
        return re.sub(pattern, replacement, string, *args, **kwargs)  # noqa: B034

    namespace.sub = sub
    return namespace


@pytest.fixture
def counter(monkeypatch: pytest.MonkeyPatch) -> Counter:
    counter = Counter()
    for module in MODULES:
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, CountingPattern(value, counter))
        if getattr(module, "re", None) is re:
            monkeypatch.setattr(module, "re", counting_re(counter))
    return counter


def sentence_without_end(size: int) -> str:
    """One endless sentence of news words: no full stop, no paragraph break."""
    rng = random.Random(size)
    words: list[str] = []
    length = 0
    while length < size:
        word = rng.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)


def quotation_dense(size: int) -> str:
    """One paragraph that is almost nothing but quotations, with and without cues."""
    rng = random.Random(size)
    pieces = [
        "“We will not accept this,” Kim said, ",
        "“No,” he said, “never,” ",
        "Lee said that “the talks failed” and ",
        "“Peace now” ",
        "“talks” and “deals” ",
        "according to Park “the plan is dead” ",
    ]
    parts: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(pieces)
        parts.append(piece)
        length += len(piece)
    return "".join(parts)


def title_case(size: int) -> str:
    return sentence_without_end(size).title()


def capitals(size: int) -> str:
    return sentence_without_end(size).upper()


@pytest.mark.parametrize(
    "make", [sentence_without_end, quotation_dense, title_case, capitals], ids=lambda f: f.__name__
)
def test_work_grows_linearly(make: Callable[[int], str], counter: Counter) -> None:
    small, large = make(10_000), make(40_000)
    extract_quotes(small)
    small_work = counter.work
    counter.work = 0
    extract_quotes(large)
    large_work = counter.work
    ratio = large_work / small_work
    # four times the text: four times the work (a quadratic pass would be sixteen)
    assert small_work > len(small)
    assert ratio < 4 * 1.25, f"work grew {ratio:.1f}x for 4x the text"


def test_counter_sees_an_unbounded_window(counter: Counter) -> None:
    """The counter is not blind: a window running to the end of the text is charged for it."""
    text = sentence_without_end(20_000)
    before = counter.work
    for offset in range(0, len(text), 100):
        reported.THAT_AFTER.match(text, offset)
    unbounded = counter.work - before
    assert unbounded > len(text) * len(text) / 100 / 3
