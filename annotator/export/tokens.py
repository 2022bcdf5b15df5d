"""Tokens for Prodigy's manual interfaces, aligned to every span that will be shown.

Prodigy's ``spans.manual``/``rel.manual`` views need ``tokens`` (``text``, ``start``, ``end``,
``id``, ``ws``) and spans with ``token_start``/``token_end`` (inclusive). Text is split into words
and single punctuation marks, then split again at every span boundary, so a span that ends inside
"D.C." (after "D.") still starts and ends on token boundaries.

A document's words (:class:`Words`) are found once and shared by every task made of it; a task's
:class:`Tokens` copies them only when a boundary falls inside a word, and the JSON of a token
list is made once per distinct split (:meth:`Words.tokens_json`): tasks of the same document
split the same way (usually all: quotes start and end on word edges) share its bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from typing import Any

import orjson

TOKEN = re.compile(r"\w+|[^\w\s]")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words and single punctuation marks, before any split at span boundaries."""
    return [match.span() for match in TOKEN.finditer(text)]


class Words:
    """A document's words (:func:`word_spans`) with their starts and ends, made once."""

    def __init__(self, text: str, words: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.spans = word_spans(text) if words is None else words
        self.starts = [start for start, _ in self.spans]
        self.ends = [end for _, end in self.spans]
        self._json: dict[tuple[int, ...], bytes] = {}

    def tokens_json(self, tokens: Tokens) -> bytes:
        """``orjson.dumps(tokens.as_json())``, made once per distinct split of these words."""
        found = self._json.get(tokens.cuts)
        if found is None:
            found = self._json[tokens.cuts] = orjson.dumps(tokens.as_json())
        return found


class Tokens:
    def __init__(
        self,
        text: str,
        boundaries: Iterable[int],
        words: list[tuple[int, int]] | Words | None = None,
    ) -> None:
        known = words if isinstance(words, Words) else Words(text, words)
        spans, starts = known.spans, known.starts
        # the cuts strictly inside a word, by word (cuts come sorted, so words come in order)
        inside: dict[int, list[int]] = {}
        for cut in sorted(set(boundaries)):
            index = bisect_right(starts, cut) - 1  # the last word starting at or before the cut
            if index >= 0 and spans[index][0] < cut < spans[index][1]:
                inside.setdefault(index, []).append(cut)
        self.text = text
        #: the boundaries that split a word, in order (with the words, they make the tokens)
        self.cuts: tuple[int, ...] = tuple(cut for cuts in inside.values() for cut in cuts)
        if not inside:  # the words themselves, shared
            self.spans = spans
            self._starts = starts
            self._ends = known.ends
            return
        pieces: list[tuple[int, int]] = []
        copied = 0
        for index, cuts in inside.items():
            pieces.extend(spans[copied:index])
            start, end = spans[index]
            for cut in cuts:
                pieces.append((start, cut))
                start = cut
            pieces.append((start, end))
            copied = index + 1
        pieces.extend(spans[copied:])
        self.spans = pieces
        self._starts = [start for start, _ in pieces]
        self._ends = [end for _, end in pieces]

    def as_json(self) -> list[dict[str, Any]]:
        text = self.text
        length = len(text)
        return [
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "id": number,
                "ws": end < length and text[end].isspace(),
            }
            for number, (start, end) in enumerate(self.spans)
        ]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """(first, last) token of the span (last inclusive), for spans made of whole tokens.

        Leading/trailing whitespace of a span is not in a token; the range covers the tokens
        inside the span.
        """
        first = bisect_left(self._ends, start + 1)
        last = bisect_left(self._starts, end) - 1
        return first, max(first, last)
