"""Tokens for Prodigy's manual interfaces, aligned to every span that will be shown.

Prodigy's ``spans.manual``/``rel.manual`` views need ``tokens`` (``text``, ``start``, ``end``,
``id``, ``ws``) and spans with ``token_start``/``token_end`` (inclusive). Text is split into words
and single punctuation marks, then split again at every span boundary, so a span that ends inside
"D.C." (after "D.") still starts and ends on token boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

TOKEN = re.compile(r"\w+|[^\w\s]")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words and single punctuation marks, before any split at span boundaries."""
    return [match.span() for match in TOKEN.finditer(text)]


class Tokens:
    def __init__(
        self, text: str, boundaries: Iterable[int], words: list[tuple[int, int]] | None = None
    ) -> None:
        cuts = sorted(set(boundaries))
        count, next_cut = len(cuts), 0
        pieces: list[tuple[int, int]] = []
        for start, end in word_spans(text) if words is None else words:
            while next_cut < count and cuts[next_cut] <= start:
                next_cut += 1
            while next_cut < count and cuts[next_cut] < end:
                pieces.append((start, cuts[next_cut]))
                start = cuts[next_cut]
                next_cut += 1
            pieces.append((start, end))
        self.text = text
        self.spans = pieces
        self._starts = [s for s, _ in pieces]
        self._ends = [e for _, e in pieces]

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
