"""The export and import formats by name, so the CLI and the benchmark share one list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.export.csv import CsvRenderer
from annotator.export.doccano import DoccanoRenderer, read_doccano
from annotator.export.importing import ImportedRecord
from annotator.export.json_format import JsonRenderer
from annotator.export.jsonl import JsonlRenderer
from annotator.export.label_studio import LabelStudioRenderer, read_label_studio
from annotator.export.options import ExportOptions
from annotator.export.pieces import Renderer, write_views
from annotator.export.prodigy import ProdigyRenderer, read_prodigy
from annotator.export.views import ExportSource
from annotator.models import LabelScheme

EXPORT_FORMATS = ("json", "jsonl", "csv", "prodigy", "label-studio", "doccano")
IMPORT_FORMATS = ("label-studio", "prodigy", "doccano")


def renderer_for(
    format_name: str, scheme: LabelScheme, annotators: list[str], options: ExportOptions
) -> Renderer:
    """The renderer of ``format_name`` (the one per-format part of every export)."""
    if format_name == "json":
        return JsonRenderer(scheme, annotators)
    if format_name == "jsonl":
        return JsonlRenderer()
    if format_name == "csv":
        return CsvRenderer()
    if format_name == "prodigy":
        return ProdigyRenderer()
    if format_name == "label-studio":
        return LabelStudioRenderer(options)
    if format_name == "doccano":
        return DoccanoRenderer(options)
    raise ValueError(f"unknown export format {format_name!r}")


def write_export(
    format_name: str, source: ExportSource, out: BinaryIO, options: ExportOptions | None = None
) -> list[str]:
    """Stream the export of ``source`` in ``format_name`` to ``out``, in this process; returns
    notes for the user (also added to ``options.notes``).

    The first document is rendered before anything is written, so a corpus that cannot be read
    at all leaves standard output empty (a file target is only replaced on success anyway).
    """
    options = options or ExportOptions()
    renderer = renderer_for(format_name, source.scheme, source.annotators, options)
    write_views(renderer, source.documents(), out)
    options.notes.extend(renderer.notes())
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
