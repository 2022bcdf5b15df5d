"""The agreement report of ``annotator agreement``: one block of figures per field.

:func:`build_report` turns annotation files into :class:`AgreementReport`, whose JSON form
(``to_json_object``) is the shape documented for ``annotator agreement --json``: one object per
field with ``n_units`` (units at least two annotators labelled), ``n_annotators``, nominal
``krippendorff_alpha`` and its bootstrap ``krippendorff_alpha_ci95``, ``fleiss_kappa`` (over the
units every annotator labelled), ``pairwise_cohen_kappa``, ``gwet_ac1`` (q = the scheme's labels
for stance and sentiment, the names used for speaker and outlet), ``percent_agreement``, ``per_label`` agreement and pairwise
``confusion`` matrices (rows: the first name of the pair). Sentiment adds the ordinal alpha and
linearly and quadratically weighted kappas. Pair keys are the two names, sorted, joined by ``|``.
Every figure is computed over the ``n_units`` units (a unit only one annotator labelled says
nothing about agreement; irrCAC's AC1 would still count it in the label shares ``π_k``).
An undefined figure is ``null`` (NaN in Python), never 1.0.
When annotators added or deleted quotes, a ``quote_boundaries`` object follows the fields.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from annotator.agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED, bootstrap_alpha
from annotator.agreement.boundaries import boundary_agreement
from annotator.agreement.columns import AnnotationColumns, as_columns
from annotator.agreement.kappa import (
    cohen_kappa_from_table,
    fleiss_kappa,
    gwet_ac1,
    pair_table,
    percent_agreement,
)
from annotator.agreement.krippendorff import per_label_agreement
from annotator.agreement.reliability import MISSING, CodedData
from annotator.agreement.units import FIELDS, Field, FieldData, field_data
from annotator.models import AnnotationFile, Document, LabelScheme

PAIR_SEPARATOR = "|"
Figure = float | None


class ReportModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FieldAgreement(ReportModel):
    """Agreement on one nominal field."""

    n_units: int
    n_annotators: int
    krippendorff_alpha: Figure
    krippendorff_alpha_ci95: tuple[Figure, Figure]
    fleiss_kappa: Figure
    pairwise_cohen_kappa: dict[str, Figure]
    gwet_ac1: Figure
    percent_agreement: Figure
    per_label: dict[str, Figure]
    confusion: dict[str, dict[str, dict[str, int]]]


class OrdinalFieldAgreement(FieldAgreement):
    """Agreement on an ordered field (sentiment): the nominal figures plus ordinal ones."""

    krippendorff_alpha_ordinal: Figure
    krippendorff_alpha_ordinal_ci95: tuple[Figure, Figure]
    pairwise_cohen_kappa_linear: dict[str, Figure]
    pairwise_cohen_kappa_quadratic: dict[str, Figure]
    gwet_ac2_quadratic: Figure


class AnnotatorQuoteCounts(ReportModel):
    documents: int
    kept: int
    added: int
    deleted: int


class PairBoundaryAgreement(ReportModel):
    documents: int
    exact_matches: int
    exact_f1: Figure
    overlap_f1: Figure


class QuoteBoundaries(ReportModel):
    annotators: dict[str, AnnotatorQuoteCounts]
    pairs: dict[str, PairBoundaryAgreement]


class AgreementReport(ReportModel):
    fields: dict[str, FieldAgreement | OrdinalFieldAgreement]
    annotators: list[str]
    quote_boundaries: QuoteBoundaries | None = None

    def to_json_object(self) -> dict[str, Any]:
        """The ``--json`` output: the fields by name, then ``quote_boundaries`` if any."""
        result: dict[str, Any] = {
            name: figures.model_dump(mode="json") for name, figures in self.fields.items()
        }
        if self.quote_boundaries is not None:
            result["quote_boundaries"] = self.quote_boundaries.model_dump(mode="json")
        return result


def figure(value: float) -> Figure:
    """NaN (undefined) becomes ``None`` so that JSON shows ``null``."""
    return None if math.isnan(value) else float(value)


def pair_key(first: str, second: str) -> str:
    return PAIR_SEPARATOR.join(sorted((first, second)))


def build_report(
    files: Iterable[AnnotationFile | AnnotationColumns],
    scheme: LabelScheme,
    fields: Sequence[Field] = FIELDS,
    documents: Mapping[str, Document] | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> AgreementReport:
    """Every figure of every requested field over the given annotation files (loaded, or read
    as columns: :func:`annotator.agreement.columns.read_columns`)."""
    annotation_files = list(map(as_columns, files))
    data = field_data(annotation_files, fields, scheme)
    report_fields: dict[str, FieldAgreement | OrdinalFieldAgreement] = {}
    for field in fields:
        report_fields[field] = field_agreement(data[field], draws, seed)
    boundaries = boundary_agreement(annotation_files, documents)
    quote_boundaries = None
    if boundaries.any_edits:
        quote_boundaries = QuoteBoundaries(
            annotators={
                name: AnnotatorQuoteCounts(
                    documents=counts.documents,
                    kept=counts.kept,
                    added=counts.added,
                    deleted=counts.deleted,
                )
                for name, counts in boundaries.annotators.items()
            },
            pairs={
                pair_key(*names): PairBoundaryAgreement(
                    documents=pair.documents,
                    exact_matches=pair.exact_matches,
                    exact_f1=figure(pair.exact_f1),
                    overlap_f1=figure(pair.overlap_f1),
                )
                for names, pair in boundaries.pairs.items()
            },
        )
    return AgreementReport(
        fields=report_fields,
        annotators=sorted({annotation.annotator for annotation in annotation_files}),
        quote_boundaries=quote_boundaries,
    )


def field_agreement(
    data: FieldData, draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED
) -> FieldAgreement | OrdinalFieldAgreement:
    """The figures of one field (annotators with no value in it are left out)."""
    coded, names = _without_empty_annotators(data)
    pairable = coded.raters_per_unit() >= 2
    coded = CodedData(codes=coded.codes[:, pairable], categories=coded.categories)
    free_text = data.field in ("speaker", "outlet")
    if free_text:
        # names form no fixed scheme: the categories are the names the compared units carry
        coded = _only_used_categories(coded)
    nominal = bootstrap_alpha(coded, "nominal", draws=draws, seed=seed)
    pairs = [(i, j) for i in range(len(names)) for j in range(i + 1, len(names))]
    # names are sorted, so the rows of each table are the pair key's first name
    tables = {pair_key(names[i], names[j]): pair_table(coded, i, j) for i, j in pairs}
    common: dict[str, Any] = {
        "n_units": int(pairable.sum()),
        "n_annotators": len(names),
        "krippendorff_alpha": figure(nominal.alpha),
        "krippendorff_alpha_ci95": (figure(nominal.low), figure(nominal.high)),
        "fleiss_kappa": figure(fleiss_kappa(coded)),
        "pairwise_cohen_kappa": {
            key: figure(cohen_kappa_from_table(table)) for key, table in tables.items()
        },
        "gwet_ac1": figure(gwet_ac1(coded)),
        "percent_agreement": figure(percent_agreement(coded)),
        "per_label": {
            str(label): figure(value) for label, value in per_label_agreement(coded).items()
        },
        "confusion": {
            key: _confusion_dict(table, coded.categories, drop_unused=free_text)
            for key, table in tables.items()
        },
    }
    if not data.ordered:
        return FieldAgreement(**common)
    ordinal = bootstrap_alpha(coded, "ordinal", draws=draws, seed=seed)
    return OrdinalFieldAgreement(
        **common,
        krippendorff_alpha_ordinal=figure(ordinal.alpha),
        krippendorff_alpha_ordinal_ci95=(figure(ordinal.low), figure(ordinal.high)),
        pairwise_cohen_kappa_linear={
            key: figure(cohen_kappa_from_table(table, "linear")) for key, table in tables.items()
        },
        pairwise_cohen_kappa_quadratic={
            key: figure(cohen_kappa_from_table(table, "quadratic")) for key, table in tables.items()
        },
        gwet_ac2_quadratic=figure(gwet_ac1(coded, weights="quadratic")),
    )


def _without_empty_annotators(data: FieldData) -> tuple[CodedData, list[str]]:
    has_values = (data.coded.codes != MISSING).any(axis=1)
    names = [name for name, keep in zip(data.annotators, has_values, strict=True) if keep]
    order = sorted(range(len(names)), key=lambda index: names[index])
    codes = data.coded.codes[has_values][order]
    return CodedData(codes=codes, categories=data.coded.categories), [names[i] for i in order]


def _only_used_categories(coded: CodedData) -> CodedData:
    used = np.zeros(coded.n_categories + 1, dtype=bool)
    used[coded.codes.ravel()] = True  # MISSING (-1) marks the extra last slot
    kept = np.flatnonzero(used[:-1])
    new_code = np.full(coded.n_categories + 1, MISSING, dtype=np.int64)
    new_code[kept] = np.arange(len(kept))
    return CodedData(
        codes=new_code[coded.codes], categories=tuple(coded.categories[i] for i in kept)
    )


def _confusion_dict(
    table: np.ndarray, categories: Sequence[Any], drop_unused: bool
) -> dict[str, dict[str, int]]:
    used = (table.sum(axis=0) + table.sum(axis=1)) > 0
    keep = [index for index in range(len(categories)) if used[index] or not drop_unused]
    names = [str(categories[index]) for index in keep]
    counts = table[np.ix_(keep, keep)].tolist()  # Python ints, read in one go
    return {
        name: dict(zip(names, row, strict=True)) for name, row in zip(names, counts, strict=True)
    }
