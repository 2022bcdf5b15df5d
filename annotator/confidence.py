"""The confidence under which an extracted quote is borderline (scare quotes, titles, terms).

Its own module so that the UI can mark borderline proposals without loading the extractor.
"""

from __future__ import annotations

CONFIDENT = 0.5  # quotes below this confidence are borderline (scare quotes, titles)
