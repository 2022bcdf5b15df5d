"""The extractor's version: recorded with every label and part of every extraction cache key.

Bump it whenever a change to ``annotator.extract`` can change a proposed quote (bounds, kind,
speaker, role, outlet, cue or confidence). Kept in its own module so that reading it does not
import the extractor.
"""

from __future__ import annotations

EXTRACTOR_VERSION = "rules+syntax-2026.12.103"
