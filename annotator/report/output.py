"""Writing the report to a folder: tables, then figures, each file atomically.

:func:`build_contents` computes everything in memory (file name → bytes) before
:func:`write_report` writes a single file, so a bad input leaves the folder as it was; each file
is written with :func:`~annotator.atomic.write_atomic` (temporary file, fsync, rename).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED
from annotator.agreement.report import AgreementReport
from annotator.atomic import write_atomic
from annotator.errors import AnnotatorError
from annotator.models import LabelScheme
from annotator.report.distributions import Statistics
from annotator.report.reliability import reliability_rows
from annotator.report.tables import csv_table, latex_table, markdown_table

#: Fields whose confusion matrices are drawn (speaker and outlet names are too many).
CONFUSION_FIELDS = ("stance", "sentiment")
FIGURES_EXTRA_NOTE = (
    "figures need the optional 'report' extra (matplotlib): pip install 'annotator[report]'; "
    "wrote the tables only"
)


@dataclass
class ReportContents:
    files: dict[str, bytes] = field(default_factory=dict)
    figures: list[str] = field(default_factory=list)  # figure names (each has .svg and .png)
    note: str | None = None


def build_contents(
    agreement: AgreementReport,
    statistics: Statistics,
    scheme: LabelScheme,
    *,
    figures: bool = True,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> ReportContents:
    """Every file of the report, by name; figures only when asked and matplotlib is there."""
    rows = reliability_rows(agreement)
    contents = ReportContents()
    contents.files["reliability.md"] = markdown_table(rows, draws, seed).encode()
    contents.files["reliability.csv"] = csv_table(rows).encode()
    contents.files["reliability.tex"] = latex_table(rows, draws, seed).encode()
    if not figures:
        return contents
    from annotator.report.figures import (
        FiguresUnavailable,
        figure_specs,
        render,
        require_matplotlib,
    )

    try:
        require_matplotlib()
    except FiguresUnavailable:
        contents.note = FIGURES_EXTRA_NOTE
        return contents
    confusion = {
        name: agreement.fields[name].confusion
        for name in CONFUSION_FIELDS
        if name in agreement.fields
    }
    for spec in figure_specs(statistics, scheme, confusion):
        svg, png = render(spec)
        contents.files[f"{spec.name}.svg"] = svg
        contents.files[f"{spec.name}.png"] = png
        contents.figures.append(spec.name)
    return contents


def check_output_folder(out: Path) -> None:
    """One-line refusals for an --out that is a file (or under one)."""
    for folder in (out, *out.parents):
        if folder.exists() and not folder.is_dir():
            raise AnnotatorError(f"{out}: {folder} is a file, not a folder; give another --out")


def write_report(out: Path, files: Mapping[str, bytes]) -> Sequence[Path]:
    """Write ``files`` into ``out`` (made if missing), each atomically; the paths written."""
    check_output_folder(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AnnotatorError(f"{out}: cannot make the folder: {exc.strerror or exc}") from exc
    written = []
    for name, data in files.items():
        path = out / name
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise AnnotatorError(f"{path}: not written: {exc.strerror or exc}") from exc
        written.append(path)
    return written
