"""The confidence under which a proposed quote is borderline (kept in its own light module)."""

from __future__ import annotations

CONFIDENT = 0.5  # quotes below this confidence are borderline (scare quotes, titles)
