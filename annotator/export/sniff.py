"""What format an import file looks like, from its first bytes: so that importing a file as the
wrong format says which format it looks like, instead of "not valid JSON" or nothing at all.

Only the start of the file is read (64 KiB, or a JSON Lines file's first line), and a format is named only when the evidence is
plain (an array vs. lines of objects; the keys of the first object); otherwise ``None``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

from annotator.errors import AnnotatorError, InvalidFileError

HEAD_BYTES = 1 << 16
FIRST_LINE_BYTES = 16 << 20
NAMES = {
    "label-studio": "a Label Studio export (a JSON list of tasks)",
    "label-studio-task": "a single Label Studio task (an export is a JSON list of tasks)",
    "prodigy": "Prodigy JSONL (one task with 'spans' per line)",
    "doccano": "doccano JSONL (one text with 'label' or 'entities' per line)",
    "annotator-jsonl": "annotator's own JSONL export (one label per line), not an import format",
}
_PRODIGY_KEYS = {"spans", "answer", "_input_hash", "_task_hash", "_session_id"}
_DOCCANO_KEYS = {"label", "entities"}


def looks_like(path: Path) -> str | None:
    """A key of :data:`NAMES` for the format ``path`` plainly looks like, or ``None``."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
            if head.lstrip().startswith((b"{", b"\xef\xbb\xbf{")) and b"\n" not in head:
                # a long first line (Prodigy tokens, a whole article): read on to its end
                head += handle.readline(FIRST_LINE_BYTES)
    except OSError:
        return None  # the reader reports it, naming the file
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"["):
        return "label-studio" if b'"data"' in head else None
    if not head.startswith(b"{"):
        return None
    first = _first_object(head)
    if first is None:
        return None
    keys = set(first)
    if {"quote_id", "quote_start", "stance"} <= keys:
        return "annotator-jsonl"
    if "data" in keys and ({"annotations", "predictions"} & keys):
        return "label-studio-task"
    if keys & _PRODIGY_KEYS and not keys & _DOCCANO_KEYS:
        return "prodigy"
    if keys & _DOCCANO_KEYS and not keys & _PRODIGY_KEYS:
        return "doccano"
    return None


def _first_object(head: bytes) -> dict[str, Any] | None:
    line = head.split(b"\n", 1)[0]
    for candidate in (line, head):
        try:
            value = orjson.loads(candidate)
        except orjson.JSONDecodeError:
            continue
        return value if isinstance(value, dict) else None
    return None


def check_format(format_name: str, path: Path) -> None:
    """Refuse, naming what it looks like, a file that plainly is not ``format_name``."""
    found = looks_like(path)
    if found is None or found == format_name:
        return
    if found == "label-studio-task" and format_name == "label-studio":
        raise InvalidFileError(path, f"looks like {NAMES[found]}; wrap it in [ ] to import it")
    advice = (
        f"; import it with: annotator import {found} {path}"
        if found in ("label-studio", "prodigy", "doccano")
        else ""
    )
    raise AnnotatorError(
        f"{path}: not {NAMES[format_name].split(' (')[0]}: it looks like {NAMES[found]}{advice}"
    )
