"""Sentence spans of a cleaned text, found in one linear pass.

A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotation marks or brackets) followed by
white space and an upper-case letter, digit or opening quotation mark, and at every paragraph
break. Abbreviations that almost never end a sentence (titles such as ``Dr.``, ``Mr.``, ``Gen.``,
single initials such as ``J.``, and country initialisms used as adjectives such as ``U.S.``) do
not end one; other dotted initialisms (``D.C.``) do when a capital follows, as Punkt-style
splitters treat them.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_NON_TERMINAL = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "maj",
    "sgt", "st", "jr", "sr", "mt", "no", "vs", "v", "cf", "e.g", "i.e", "etc", "fig", "vol",
    "u.s", "u.k", "u.n", "e.u", "rev", "hon", "amb", "adm", "pres", "approx", "inc",
    "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
}  # fmt: skip

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9])|\n\n+")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the ``.`` at ``dot`` belongs to an abbreviation that does not end a sentence."""
    match = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _NON_TERMINAL:
        return True
    return len(word) == 1 and word.isalpha() and match.group(1)[0].isupper()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, without surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith("\n"):
            end = match.start()
        else:
            if match.group()[0] == "." and _is_abbreviation(text, match.start()):
                continue
            end = match.end()
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


class SentenceIndex:
    """Find the sentence around an offset in O(log n)."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]

    def index_at(self, offset: int) -> int:
        """Index of the sentence containing ``offset`` (or the last one starting before it)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def span_at(self, offset: int) -> tuple[int, int]:
        if not self.spans:
            return (0, 0)
        return self.spans[self.index_at(offset)]
