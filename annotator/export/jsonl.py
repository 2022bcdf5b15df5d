"""The ``jsonl`` export: one compact JSON object per (quote, annotator) row (see ``rows``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

from annotator.export.rows import iter_rows
from annotator.export.views import DocumentView
from annotator.jsonio import write_json_lines_to


def write_jsonl(views: Iterable[DocumentView], out: BinaryIO) -> None:
    write_json_lines_to(out, iter_rows(views))
