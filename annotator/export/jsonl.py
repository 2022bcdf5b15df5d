"""The ``jsonl`` export: one compact JSON object per (quote, annotator) row (see ``rows``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import orjson

from annotator.export.rows import iter_rows
from annotator.export.views import DocumentView


def write_jsonl(views: Iterable[DocumentView], out: BinaryIO) -> None:
    for row in iter_rows(views):
        out.write(orjson.dumps(row) + b"\n")
