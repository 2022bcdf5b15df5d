"""Offset conversion between Python string indices (code points) and UTF-16 code units.

Label Studio counts offsets as JavaScript does (UTF-16 code units), so every character outside
the Basic Multilingual Plane (emoji, rare CJK) counts twice there and once in Python.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # characters taking two UTF-16 code units


class Utf16Offsets:
    """Converts offsets in one text; costs nothing for texts without astral-plane characters."""

    def __init__(self, text: str) -> None:
        self.text = text
        # code-point positions of the characters that take two UTF-16 code units
        self._astral = (
            [match.start() for match in _ASTRAL.finditer(text)] if not text.isascii() else []
        )
        # their UTF-16 positions
        self._astral_utf16 = [position + n for n, position in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        return len(self.text) + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """UTF-16 offset of Python index ``index`` (0..len(text))."""
        return index + bisect_left(self._astral, index)

    def from_utf16(self, offset: int) -> int:
        """Python index of UTF-16 ``offset``; ValueError if it is outside or splits a character."""
        if offset < 0 or offset > self.utf16_length:
            raise ValueError(
                f"offset {offset} is outside the text ({self.utf16_length} UTF-16 code units)"
            )
        before = bisect_left(self._astral_utf16, offset)  # astral characters starting before it
        if before and self._astral_utf16[before - 1] + 1 == offset:
            raise ValueError(f"offset {offset} falls inside a surrogate pair")
        return offset - before
