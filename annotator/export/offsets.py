"""Offset conversion between Python string indices (code points) and each tool's offset unit.

Measured with the real tools (docs/export.md): Label Studio 1.23 and Prodigy count code points,
like Python, so their offsets equal this project's; doccano 1.8's annotation page (grapheme mode
off, the default) counts UTF-16 code units, as JavaScript strings do, so every character outside
the Basic Multilingual Plane (emoji, flags, rare CJK) counts twice there and once here.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from enum import StrEnum

ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetUnit(StrEnum):
    CODE_POINTS = "code points"
    UTF16 = "UTF-16 code units"


# as measured (docs/export.md "Offsets")
LABEL_STUDIO_UNIT = OffsetUnit.CODE_POINTS
DOCCANO_UNIT = OffsetUnit.UTF16
PRODIGY_UNIT = OffsetUnit.CODE_POINTS


class Utf16Offsets:
    """Converts offsets in one text; costs nothing for texts without astral-plane characters."""

    unit = OffsetUnit.UTF16

    def __init__(self, text: str) -> None:
        self.text = text
        # code-point positions of the characters that take two UTF-16 code units
        self._astral = (
            [match.start() for match in ASTRAL.finditer(text)] if not text.isascii() else []
        )
        # their UTF-16 positions
        self._astral_utf16 = [position + n for n, position in enumerate(self._astral)]

    @property
    def utf16_length(self) -> int:
        return len(self.text) + len(self._astral)

    @property
    def length(self) -> int:
        return self.utf16_length

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

    to_tool = to_utf16
    from_tool = from_utf16


class CodePointOffsets:
    """The identity conversion (the tool counts code points), with the same bounds check."""

    unit = OffsetUnit.CODE_POINTS

    def __init__(self, text: str) -> None:
        self.text = text

    @property
    def length(self) -> int:
        return len(self.text)

    def to_tool(self, index: int) -> int:
        return index

    def from_tool(self, offset: int) -> int:
        if offset < 0 or offset > len(self.text):
            raise ValueError(f"offset {offset} is outside the text ({len(self.text)} characters)")
        return offset


ToolOffsets = Utf16Offsets | CodePointOffsets


def offsets_for(text: str, unit: OffsetUnit) -> ToolOffsets:
    """The converter between Python indices of ``text`` and ``unit``."""
    return Utf16Offsets(text) if unit is OffsetUnit.UTF16 else CodePointOffsets(text)
