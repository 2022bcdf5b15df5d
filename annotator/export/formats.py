"""The export and import formats by name, so the CLI and the benchmark share one list."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from annotator.export.csv import write_csv
from annotator.export.doccano import read_doccano, write_doccano
from annotator.export.importing import ImportedRecord
from annotator.export.json_format import write_json
from annotator.export.jsonl import write_jsonl
from annotator.export.label_studio import read_label_studio, write_label_studio
from annotator.export.options import ExportOptions
from annotator.export.prodigy import read_prodigy, write_prodigy
from annotator.export.views import DocumentView, ExportSource

EXPORT_FORMATS = ("json", "jsonl", "csv", "prodigy", "label-studio", "doccano")
IMPORT_FORMATS = ("label-studio", "prodigy", "doccano")


def write_export(
    format_name: str, source: ExportSource, out: BinaryIO, options: ExportOptions | None = None
) -> list[str]:
    """Stream the export of ``source`` in ``format_name`` to ``out``; returns notes for the user.

    The first document is read before anything is written, so a corpus that cannot be read at
    all leaves standard output empty (a file target is only replaced on success anyway).
    """
    options = options or ExportOptions()
    documents = source.documents()
    first = next(documents, None)
    views: Iterable[DocumentView] = documents if first is None else chain([first], documents)
    writers: dict[str, Callable[[Iterable[DocumentView], BinaryIO], None]] = {
        "jsonl": write_jsonl,
        "csv": write_csv,
        "prodigy": write_prodigy,
    }
    if format_name == "json":
        write_json(views, source.scheme, source.annotators, out)
    elif format_name == "label-studio":
        write_label_studio(views, out, options)
    elif format_name == "doccano":
        write_doccano(views, out, options)
    else:
        writers[format_name](views, out)
    return options.notes


def read_records(
    format_name: str, path: Path, stance_values: list[str], names: dict[str, str] | None = None
) -> Iterator[ImportedRecord]:
    """``names``: tool user (e-mail, id, name; lower case) -> annotator, from --annotator-map."""
    if format_name == "label-studio":
        return read_label_studio(path, stance_values, names)
    if format_name == "prodigy":
        return read_prodigy(path)
    return read_doccano(path, names)
