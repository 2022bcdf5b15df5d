"""Tokens for Prodigy's manual interfaces, aligned to every span that will be shown.

Prodigy's ``spans.manual``/``rel.manual`` views need ``tokens`` (``text``, ``start``, ``end``,
``id``, ``ws``) and spans with ``token_start``/``token_end`` (inclusive). Text is split into words
and single punctuation marks, then split again at every span boundary, so a span that ends inside
"D.C." (after "D.") still starts and ends on token boundaries.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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
        words = word_spans(text) if words is None else words
        starts = [start for start, _ in words]
        # the cuts strictly inside a word, by word (cuts come sorted, so words come in order)
        inside: dict[int, list[int]] = {}
        for cut in sorted(set(boundaries)):
            index = bisect_right(starts, cut) - 1  # the last word starting at or before the cut
            if index >= 0 and words[index][0] < cut < words[index][1]:
                inside.setdefault(index, []).append(cut)
        if not inside:
            pieces = list(words)
        else:
            pieces = []
            copied = 0
            for index, cuts in inside.items():
                pieces.extend(words[copied:index])
                start, end = words[index]
                for cut in cuts:
                    pieces.append((start, cut))
                    start = cut
                pieces.append((start, end))
                copied = index + 1
            pieces.extend(words[copied:])
            starts = [start for start, _ in pieces]
        self.text = text
        self.spans = pieces
        self._starts = starts
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
