"""How adjudication values are shown: one short line each, with file text made inert.

Everything from files goes through the project's one safe-text renderer
(:mod:`annotator.safe_text`); Rich ``Text`` built from it is never parsed as markup.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from annotator.adjudication.align import AlignedQuote
from annotator.models import DecisionField
from annotator.safe_text import safe_rich, safe_text


def inert(text: str) -> str:
    """``text`` as one inert line (control and invisible characters shown, never acted on)."""
    return safe_text(text)


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
    return safe_rich(text, style)


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
