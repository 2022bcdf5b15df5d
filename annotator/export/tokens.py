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


class Tokens:
    def __init__(self, text: str, boundaries: Iterable[int]) -> None:
        cuts = sorted(set(boundaries))
        pieces: list[tuple[int, int]] = []
        for match in TOKEN.finditer(text):
            start, end = match.start(), match.end()
            inner = cuts[bisect_left(cuts, start + 1) : bisect_left(cuts, end)]
            for cut in inner:
                pieces.append((start, cut))
                start = cut
            pieces.append((start, end))
        self.text = text
        self.spans = pieces
        self._starts = [s for s, _ in pieces]
        self._ends = [e for _, e in pieces]

    def as_json(self) -> list[dict[str, Any]]:
        text = self.text
        return [
            {
                "text": text[start:end],
                "start": start,
                "end": end,
                "id": number,
                "ws": end < len(text) and text[end].isspace(),
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
