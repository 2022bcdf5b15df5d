"""The reliability table: one row per field and level, read from the agreement report.

The numbers are those of :func:`annotator.agreement.report.build_report`, the function behind
``annotator agreement --json``, never recomputed: for each field a nominal row (Krippendorff's
alpha with its bootstrap 95% interval, Fleiss' kappa, Cohen's kappa per pair, Gwet's AC1,
percent agreement) and, for the ordered sentiment, an ordinal row (ordinal alpha and interval,
quadratically weighted Cohen's kappa, Gwet's AC2 with quadratic weights). ``units`` are the quotes
two or more annotators labelled in that field, ``annotators`` those with a value in it. With
more than one pair of annotators the table shows the mean of the pairwise kappas (Light's kappa).
"""

from __future__ import annotations

import statistics
from typing import Literal

from pydantic import BaseModel, ConfigDict

from annotator.agreement.report import AgreementReport, Figure, OrdinalFieldAgreement

Level = Literal["nominal", "ordinal"]


class ReliabilityRow(BaseModel):
    """One line of the table."""

    model_config = ConfigDict(extra="forbid")

    field: str
    level: Level
    alpha: Figure
    alpha_low: Figure
    alpha_high: Figure
    fleiss_kappa: Figure
    cohen_kappa: dict[str, Figure]
    cohen_kappa_mean: Figure
    gwet: Figure
    percent_agreement: Figure
    units: int
    annotators: int


def mean_of(values: list[Figure]) -> Figure:
    """The mean of the defined values; ``None`` when one is undefined or there are none."""
    if not values or any(value is None for value in values):
        return None
    return statistics.fmean(value for value in values if value is not None)


def reliability_rows(report: AgreementReport) -> list[ReliabilityRow]:
    """The table's rows, in the report's field order (ordinal right after its nominal row)."""
    rows: list[ReliabilityRow] = []
    for name, figures in report.fields.items():
        low, high = figures.krippendorff_alpha_ci95
        rows.append(
            ReliabilityRow(
                field=name,
                level="nominal",
                alpha=figures.krippendorff_alpha,
                alpha_low=low,
                alpha_high=high,
                fleiss_kappa=figures.fleiss_kappa,
                cohen_kappa=dict(figures.pairwise_cohen_kappa),
                cohen_kappa_mean=mean_of(list(figures.pairwise_cohen_kappa.values())),
                gwet=figures.gwet_ac1,
                percent_agreement=figures.percent_agreement,
                units=figures.n_units,
                annotators=figures.n_annotators,
            )
        )
        if isinstance(figures, OrdinalFieldAgreement):
            low, high = figures.krippendorff_alpha_ordinal_ci95
            weighted = figures.pairwise_cohen_kappa_quadratic
            rows.append(
                ReliabilityRow(
                    field=name,
                    level="ordinal",
                    alpha=figures.krippendorff_alpha_ordinal,
                    alpha_low=low,
                    alpha_high=high,
                    fleiss_kappa=None,  # Fleiss' kappa has no ordinal form
                    cohen_kappa=dict(weighted),
                    cohen_kappa_mean=mean_of(list(weighted.values())),
                    gwet=figures.gwet_ac2_quadratic,
                    percent_agreement=figures.percent_agreement,
                    units=figures.n_units,
                    annotators=figures.n_annotators,
                )
            )
    return rows
