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


def write_csv(views: Iterable[DocumentView], out: BinaryIO, batch: int = 512) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(ROW_FIELDS)
    pending = 1
    for row in iter_rows(views):
        writer.writerow([cell(row[name]) for name in ROW_FIELDS])
        pending += 1
        if pending >= batch:
            out.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    out.write(buffer.getvalue().encode("utf-8"))
