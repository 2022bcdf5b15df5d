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
from functools import cached_property
from itertools import accumulate
from typing import Any

import orjson

TOKEN = re.compile(r"\w+|[^\w\s]")
_SPLIT = re.compile(f"({TOKEN.pattern})")  # TOKEN, kept by re.split between the gaps


def word_spans(text: str) -> list[tuple[int, int]]:
    """Words and single punctuation marks, before any split at span boundaries."""
    return [match.span() for match in TOKEN.finditer(text)]


class Words:
    """A document's words (:func:`word_spans`) with their starts and ends, made once.

    Found with one ``re.split`` (the words and the whitespace between them, which give every
    offset by their lengths) rather than a match object per word; the words' texts and whether
    whitespace follows each are kept for :meth:`tokens_json` (``None`` for given ``words``).
    """

    def __init__(self, text: str, words: list[tuple[int, int]] | None = None) -> None:
        self.text = text
        self._texts: list[str] | None = None
        self._gaps: list[str] | None = None
        if words is None:
            # parts: gap, word, gap, word, ..., gap; each gap is whitespace only (maybe empty)
            parts = _SPLIT.split(text)
            offsets = list(accumulate(map(len, parts), initial=0))
            count = len(parts) // 2
            self._texts = parts[1::2]
            self._gaps = parts[2::2]
            self.starts = offsets[1 : 2 * count : 2]
            self.ends = offsets[2 : 2 * count + 1 : 2]
        else:
            self.__dict__["spans"] = words
            self.starts = [start for start, _ in words]
            self.ends = [end for _, end in words]
        self._json: dict[tuple[int, ...], bytes] = {}

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each word (made only when a task's split needs them)."""
        return list(zip(self.starts, self.ends, strict=True))

    def tokens_json(self, tokens: Tokens) -> bytes:
        """``orjson.dumps(tokens.as_json())``, made once per distinct split of these words."""
        found = self._json.get(tokens.cuts)
        if found is None:
            if not tokens.cuts and self._texts is not None and self._gaps is not None:
                found = orjson.dumps(
                    [
                        {"text": word, "start": start, "end": end, "id": number, "ws": gap != ""}
                        for word, start, end, number, gap in zip(
                            self._texts,
                            self.starts,
                            self.ends,
                            range(len(self._texts)),
                            self._gaps,
                            strict=True,
                        )
                    ]
                )
            else:
                found = orjson.dumps(tokens.as_json())
            self._json[tokens.cuts] = found
        return found


class Tokens:
    def __init__(
        self,
        text: str,
        boundaries: Iterable[int],
        words: list[tuple[int, int]] | Words | None = None,
    ) -> None:
        known = words if isinstance(words, Words) else Words(text, words)
        starts, ends = known.starts, known.ends
        # the cuts strictly inside a word, by word (cuts come sorted, so words come in order)
        inside: dict[int, list[int]] = {}
        for cut in sorted(set(boundaries)):
            index = bisect_right(starts, cut) - 1  # the last word starting at or before the cut
            if index >= 0 and starts[index] < cut < ends[index]:
                inside.setdefault(index, []).append(cut)
        self.text = text
        #: the boundaries that split a word, in order (with the words, they make the tokens)
        self.cuts: tuple[int, ...] = tuple(cut for cuts in inside.values() for cut in cuts)
        if not inside:  # the words themselves, shared
            self._words = known
            self._starts = starts
            self._ends = ends
            return
        spans = known.spans
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
        self.__dict__["spans"] = pieces
        self._starts = [start for start, _ in pieces]
        self._ends = [end for _, end in pieces]

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of each token (set at once when a boundary split a word)."""
        return self._words.spans

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
