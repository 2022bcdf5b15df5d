"""The ``csv`` export: the ``jsonl`` rows as UTF-8 CSV with RFC 4180 quoting.

Lines end in CRLF, fields holding a comma, quote or line break are quoted, quotes are doubled.
Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``,
tab or carriage return) get a leading apostrophe, as OWASP recommends against CSV injection.
Booleans are ``true``/``false``, missing values are empty cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import BinaryIO

from annotator.export.pieces import Renderer, write_views
from annotator.export.rows import ROW_FIELDS, iter_rows
from annotator.export.views import DocumentView

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Prefix a cell a spreadsheet would treat as a formula with an apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, str):
        return neutralise(value)
    return str(value)


class CsvRenderer(Renderer):
    """The header row, then each document's rows."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.StringIO(newline="")
        self.writer = csv.writer(self.buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self.writer.writerow(ROW_FIELDS)
        self.head = self._take()

    def _take(self) -> bytes:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text.encode("utf-8")

    def document(self, number: int, view: DocumentView) -> bytes:
        writerow = self.writer.writerow
        for row in iter_rows([view]):
            writerow([cell(row[name]) for name in ROW_FIELDS])
        return self._take()


def write_csv(views: Iterable[DocumentView], out: BinaryIO) -> None:
    write_views(CsvRenderer(), views, out)
