"""Helpers shared by the extraction tests (not a test module)."""

from __future__ import annotations

from annotator.extract import extract_quotes
from annotator.models import Quote


def quote_holding(text: str, fragment: str) -> Quote:
    """The first quote extracted from ``text`` whose words hold ``fragment``."""
    quotes = [quote for quote in extract_quotes(text) if fragment in quote.text]
    assert quotes, f"no quote holds {fragment!r}"
    return quotes[0]
