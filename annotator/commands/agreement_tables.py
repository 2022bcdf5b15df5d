"""The tables of ``annotator agreement`` (Rich): per field, its figures, per-label agreement and
pairwise confusion matrices; quote-boundary counts; ``--against``'s scores. Loaded only when
tables are printed, so that ``--json`` never loads Rich's tables.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from annotator.agreement.report import (
    AgreementReport,
    FieldAgreement,
    Figure,
    OrdinalFieldAgreement,
    QuoteBoundaries,
)
from annotator.cli_support import stdout_console
from annotator.commands.plain_tables import print_plain
from annotator.safe_text import safe_rich

#: Confusion matrices with more labels than this (speaker and outlet names) are left to --json.
MAX_PRINTED_LABELS = 12


def against_table(field: str, reference: str, scores: dict[str, Any]) -> Group:
    summary = Table(
        title=safe_rich(f"{field}: each annotator against {reference}"), title_justify="left"
    )
    for column in ("annotator", "units", "accuracy", "Cohen's kappa"):
        summary.add_column(column, justify="left" if column == "annotator" else "right")
    labels = Table(
        title=safe_rich(f"{field}: per label against {reference} (precision / recall)"),
        title_justify="left",
    )
    labels.add_column("annotator")
    labels.add_column("label")
    for column in ("precision", "recall", "given", f"{reference}"):
        labels.add_column(column, justify="right")
    for name, score in scores.items():
        summary.add_row(
            safe_rich(name),
            safe_rich(str(score.n_units)),
            _number(score.accuracy),
            _number(score.cohen_kappa),
        )
        for label, figures in score.per_label.items():
            labels.add_row(
                safe_rich(name),
                safe_rich(label),
                _number(figures.precision),
                _number(figures.recall),
                safe_rich(str(figures.annotator_count), justify="right"),
                safe_rich(str(figures.reference_count), justify="right"),
            )
    if len({label for score in scores.values() for label in score.per_label}) > MAX_PRINTED_LABELS:
        return Group(summary, safe_rich(f"{field}: per-label figures: see --json", style="dim"))
    return Group(summary, labels)


def print_report(report: AgreementReport) -> None:
    # (to a file or a pipe, plain tables are written without Rich's layout: the same bytes)
    for name, figures in report.fields.items():
        print_plain(stdout_console, field_tables(name, figures))
    if report.quote_boundaries is not None:
        print_plain(stdout_console, boundary_table(report.quote_boundaries))


def _number(value: Figure) -> Text:
    return safe_rich("—" if value is None else f"{value:.3f}", justify="right")


def _interval(bounds: tuple[Figure, Figure]) -> Text:
    low, high = bounds
    if low is None or high is None:
        return safe_rich("—")
    return safe_rich(f"[{low:.3f}, {high:.3f}]")


def field_tables(name: str, figures: FieldAgreement) -> Group:
    """The summary, per-label and confusion tables of one field."""
    summary = Table(
        title=safe_rich(
            f"{name}: {figures.n_units} units labelled by two or more of "
            f"{figures.n_annotators} annotators"
        ),
        title_justify="left",
    )
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_column("95% interval (bootstrap)")
    summary.add_row(
        safe_rich("Krippendorff's alpha (nominal)"),
        _number(figures.krippendorff_alpha),
        _interval(figures.krippendorff_alpha_ci95),
    )
    if isinstance(figures, OrdinalFieldAgreement):
        summary.add_row(
            safe_rich("Krippendorff's alpha (ordinal)"),
            _number(figures.krippendorff_alpha_ordinal),
            _interval(figures.krippendorff_alpha_ordinal_ci95),
        )
    summary.add_row(safe_rich("Fleiss' kappa (units all labelled)"), _number(figures.fleiss_kappa))
    summary.add_row(safe_rich("Gwet's AC1"), _number(figures.gwet_ac1))
    if isinstance(figures, OrdinalFieldAgreement):
        summary.add_row(safe_rich("Gwet's AC2 (quadratic)"), _number(figures.gwet_ac2_quadratic))
    summary.add_row(safe_rich("percent agreement"), _number(figures.percent_agreement))
    for pair, value in figures.pairwise_cohen_kappa.items():
        summary.add_row(safe_rich(f"Cohen's kappa {pair}"), _number(value))
    if isinstance(figures, OrdinalFieldAgreement):
        for pair, value in figures.pairwise_cohen_kappa_linear.items():
            summary.add_row(safe_rich(f"Cohen's kappa {pair}, linear weights"), _number(value))
        for pair, value in figures.pairwise_cohen_kappa_quadratic.items():
            summary.add_row(safe_rich(f"Cohen's kappa {pair}, quadratic weights"), _number(value))
    parts: list[Any] = [summary]
    if len(figures.per_label) <= MAX_PRINTED_LABELS:
        per_label = Table(title=safe_rich(f"{name}: agreement per label"), title_justify="left")
        per_label.add_column("label")
        per_label.add_column("agreement", justify="right")
        for label, value in figures.per_label.items():
            per_label.add_row(safe_rich(label), _number(value))
        parts.append(per_label)
    for pair, matrix in figures.confusion.items():
        parts.append(confusion_table(name, pair, matrix))
    return Group(*parts)


def confusion_table(name: str, pair: str, matrix: dict[str, dict[str, int]]) -> Table | Text:
    first, second = pair.split("|", 1)
    if len(matrix) > MAX_PRINTED_LABELS:
        return safe_rich(
            f"{name}: {pair} confusion matrix has {len(matrix)} labels; see --json", style="dim"
        )
    table = Table(
        title=safe_rich(f"{name}: {first} (rows) × {second} (columns)"), title_justify="left"
    )
    table.add_column(safe_rich(f"{first} \\ {second}"))
    labels = list(matrix)
    for label in labels:
        table.add_column(safe_rich(label), justify="right")
    for row_label in labels:
        row = matrix[row_label]
        table.add_row(
            safe_rich(row_label),
            *(
                safe_rich(str(row[column]), style="bold" if column == row_label else "")
                for column in labels
            ),
        )
    return table


def boundary_table(boundaries: QuoteBoundaries) -> Group:
    kept = Table(title=safe_rich("quote boundaries: quotes kept"), title_justify="left")
    for column in ("annotator", "documents", "kept", "added", "deleted"):
        kept.add_column(column, justify="left" if column == "annotator" else "right")
    for name, counts in boundaries.annotators.items():
        kept.add_row(
            safe_rich(name),
            safe_rich(str(counts.documents)),
            safe_rich(str(counts.kept)),
            safe_rich(str(counts.added)),
            safe_rich(str(counts.deleted)),
        )
    pairs = Table(
        title=safe_rich("quote boundaries: span F1 between annotators"), title_justify="left"
    )
    for column in ("pair", "documents", "same span", "exact F1", "overlap F1"):
        pairs.add_column(column, justify="left" if column == "pair" else "right")
    for pair, figures in boundaries.pairs.items():
        pairs.add_row(
            safe_rich(pair),
            safe_rich(str(figures.documents)),
            safe_rich(str(figures.exact_matches)),
            _number(figures.exact_f1),
            _number(figures.overlap_f1),
        )
    return Group(kept, pairs)
