"""How adjudication values are shown: one short line each, with file text made inert.

``inert`` replaces control, bidi and other invisible format characters by U+FFFD (the
project's safe-text renderer, ``annotator.safe_text``, is not on this branch yet; once merged,
``inert`` should call it). Rich ``Text`` built from the result is never parsed as markup.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from rich.text import Text

from annotator.adjudication.align import AlignedQuote
from annotator.models import DecisionField

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def inert(text: str) -> str:
    """``text`` with characters that could act on a terminal replaced (same length)."""
    text = _UNSAFE.sub("\ufffd", text)
    if any(unicodedata.category(char) == "Cf" and char not in "\u200c\u200d" for char in text):
        text = "".join(
            "\ufffd" if unicodedata.category(char) == "Cf" and char not in "\u200c\u200d" else char
            for char in text
        )
    return text


def short(text: str, width: int = 60) -> str:
    """One line of at most ``width`` characters, inert."""
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return inert(text)


def shown_value(field: DecisionField, value: Any, width: int = 40) -> str:
    """A field value as the screen and the CLI show it."""
    if value is None:
        return "—"
    if field == "quote":
        return "quote" if value else "not a quote"
    if field == "bounds":
        start, end = value
        return f"{start}-{end}"
    if field == "flag":
        return "flagged" if value else "not flagged"
    if field in ("speaker", "outlet") and value == "":
        return "(none)"
    return short(str(value), width)


def rich_text(text: str, style: str = "") -> Text:
    return Text(inert(text), style=style)


def describe(item: AlignedQuote) -> str:
    """One line on how the annotators' quotes differ here ('' when they all have the same)."""
    parts = []
    extracted = {(quote.start, quote.end) for quote in item.extracted}
    added = [r.annotator for r in item.readings if r.span is not None and r.span not in extracted]
    without = [r.annotator for r in item.readings if r.quote is None]
    spans = {r.span for r in item.readings if r.span is not None}
    if added and not extracted:
        parts.append(f"added by {', '.join(added)}")
    if without:
        parts.append(f"not a quote for {', '.join(without)}")
    if len(spans) > 1:
        parts.append(
            "bounds differ: "
            + ", ".join(
                f"{r.annotator} {r.span[0]}-{r.span[1]}"
                for r in item.readings
                if r.span is not None
            )
        )
    elif added and extracted:
        parts.append(f"re-bounded by {', '.join(added)}")
    return inert("; ".join(parts))
