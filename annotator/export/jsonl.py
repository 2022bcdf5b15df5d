"""The ``jsonl`` export: one compact JSON object per (quote, annotator) row (see ``rows``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO

import orjson

from annotator.export.pieces import Renderer, write_views
from annotator.export.rows import iter_rows
from annotator.export.views import DocumentView


class JsonlRenderer(Renderer):
    def document(self, number: int, view: DocumentView) -> bytes:
        return b"".join(
            orjson.dumps(row, option=orjson.OPT_APPEND_NEWLINE) for row in iter_rows([view])
        )


def write_jsonl(views: Iterable[DocumentView], out: BinaryIO) -> None:
    write_views(JsonlRenderer(), views, out)
