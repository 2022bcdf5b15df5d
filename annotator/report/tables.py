"""The reliability table as Markdown, CSV and LaTeX.

Markdown and LaTeX round to three decimals and show an undefined figure as an em dash; the CSV
keeps every figure at full precision (``repr`` of the float, empty when undefined) and adds one
column per annotator pair, so a script can check it against ``annotator agreement --json``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from annotator.agreement.report import Figure
from annotator.report.reliability import ReliabilityRow

CSV_COLUMNS = (
    "field",
    "level",
    "alpha",
    "alpha_ci95_low",
    "alpha_ci95_high",
    "fleiss_kappa",
    "cohen_kappa_mean",
    "gwet_ac",
    "percent_agreement",
    "units",
    "annotators",
)
HEADERS = (
    "field",
    "level",
    "α",
    "95% CI",
    "Fleiss κ",
    "Cohen κ",
    "AC1/AC2",
    "% agreement",
    "units",
    "annotators",
)


def _fixed(value: Figure) -> str:
    return "—" if value is None else f"{value:.3f}"


def _interval(row: ReliabilityRow) -> str:
    if row.alpha_low is None or row.alpha_high is None:
        return "—"
    return f"[{row.alpha_low:.3f}, {row.alpha_high:.3f}]"


def _cohen(row: ReliabilityRow) -> str:
    if len(row.cohen_kappa) <= 1:
        return _fixed(next(iter(row.cohen_kappa.values()), None))
    return f"{_fixed(row.cohen_kappa_mean)} (mean of {len(row.cohen_kappa)} pairs)"


def _cells(row: ReliabilityRow) -> list[str]:
    return [
        row.field,
        row.level,
        _fixed(row.alpha),
        _interval(row),
        _fixed(row.fleiss_kappa),
        _cohen(row),
        _fixed(row.gwet),
        _fixed(row.percent_agreement),
        str(row.units),
        str(row.annotators),
    ]


def pairs_of(rows: Sequence[ReliabilityRow]) -> list[str]:
    """Every annotator pair named in the rows, sorted."""
    return sorted({pair for row in rows for pair in row.cohen_kappa})


def notes(draws: int, seed: int) -> list[str]:
    """What the columns mean; printed under the Markdown and LaTeX tables."""
    return [
        f"α: Krippendorff's alpha with a bootstrap 95% interval ({draws} draws, seed {seed}).",
        "Nominal rows: Fleiss' κ over the units every annotator labelled, Cohen's κ, Gwet's AC1. "
        "Ordinal rows: quadratically weighted Cohen's κ and Gwet's AC2.",
        "Cohen's κ is the pair's, or the mean over pairs (Light's κ) with more annotators. "
        "units: quotes labelled by two or more annotators; — : undefined.",
    ]


def markdown_table(rows: Sequence[ReliabilityRow], draws: int, seed: int) -> str:
    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    right = {2, 3, 4, 5, 6, 7, 8, 9}
    rule = ["---:" if index in right else "---" for index in range(len(HEADERS))]
    lines = ["# Reliability", "", line(HEADERS), line(rule)]
    lines.extend(line(_cells(row)) for row in rows)
    lines.append("")
    lines.extend(notes(draws, seed))
    return "\n".join(lines) + "\n"


def _full(value: Figure) -> str:
    return "" if value is None else repr(value)


def csv_table(rows: Sequence[ReliabilityRow]) -> str:
    pairs = pairs_of(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *(f"cohen_kappa[{pair}]" for pair in pairs)])
    for row in rows:
        writer.writerow(
            [
                row.field,
                row.level,
                _full(row.alpha),
                _full(row.alpha_low),
                _full(row.alpha_high),
                _full(row.fleiss_kappa),
                _full(row.cohen_kappa_mean),
                _full(row.gwet),
                _full(row.percent_agreement),
                row.units,
                row.annotators,
                *(_full(row.cohen_kappa.get(pair)) for pair in pairs),
            ]
        )
    return buffer.getvalue()


LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    return "".join(LATEX_SPECIALS.get(char, char) for char in text)


def latex_table(rows: Sequence[ReliabilityRow], draws: int, seed: int) -> str:
    """A ``table`` with a booktabs ``tabular`` (needs ``\\usepackage{booktabs}``)."""
    headers = [
        "Field",
        "Level",
        r"$\alpha$",
        r"95\% CI",
        r"Fleiss $\kappa$",
        r"Cohen $\kappa$",
        "AC1/AC2",
        r"\% agr.",
        "Units",
        "Annot.",
    ]
    lines = [
        r"\begin{table}[ht]",
        r"\centering",
        r"\begin{tabular}{llrrrrrrrr}",
        r"\toprule",
        " & ".join(headers) + r" \\",
        r"\midrule",
    ]
    for row in rows:
        cells = [latex_escape(cell).replace("—", "---") for cell in _cells(row)]
        lines.append(" & ".join(cells) + r" \\")
    lines.extend(
        [
            r"\bottomrule",
            r"\end{tabular}",
            r"\caption{Inter-annotator reliability. "
            + " ".join(latex_escape(note) for note in notes(draws, seed))
            .replace("α", r"$\alpha$")
            .replace("κ", r"$\kappa$")
            .replace("—", "---")
            + "}",
            r"\label{tab:reliability}",
            r"\end{table}",
        ]
    )
    return "\n".join(lines) + "\n"
