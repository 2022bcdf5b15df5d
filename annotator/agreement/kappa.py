"""Kappa-type coefficients: Cohen's kappa (weighted), Scott's pi, Fleiss' kappa, Gwet's AC1/AC2,
percent agreement and the confusion matrix of two annotators.

Formulas follow Cohen (1960, 1968), Scott (1955), Fleiss (1971) and Gwet, *Handbook of
Inter-Rater Reliability* (4th ed., 2014) as implemented in his R package ``irrCAC``:
for several annotators with missing ratings, ``p_a`` is the mean over units rated by at least two
annotators of ``Σ_k r_ik (r_ik - 1) / (r_i (r_i - 1))`` and the category shares are
``π_k = mean over rated units of r_ik / r_i``.

Undefined results are NaN (no unit both/several annotators rated; chance agreement of 1 because
only one label was used; fewer than two categories for AC1), never a silent 1.0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from annotator.agreement.reliability import MISSING, CodedData, ReliabilityInput, encode

Weights = Literal["linear", "quadratic"] | None
MissingPolicy = Literal["complete", "gwet"]


def weight_matrix(size: int, weights: Weights) -> npt.NDArray[np.float64]:
    """Agreement weights over ``size`` ordered categories spaced by rank (1 on the diagonal)."""
    if weights is None:
        return np.eye(size)
    if size < 2:
        return np.ones((size, size))
    ranks = np.arange(size, dtype=np.float64)
    distance = np.abs(np.subtract.outer(ranks, ranks)) / (size - 1)
    if weights == "linear":
        return 1.0 - distance
    if weights == "quadratic":
        return 1.0 - distance**2
    raise ValueError(f"unknown weights {weights!r}; use None, 'linear' or 'quadratic'")


# --------------------------------------------------------------------------- two annotators


def confusion_matrix(
    first: Sequence[Any], second: Sequence[Any], categories: Sequence[Any] | None = None
) -> tuple[npt.NDArray[np.int64], tuple[Any, ...]]:
    """Counts ``table[i, j]`` of units the first annotator put in category i and the second in j.

    Only units both labelled count. Returns the table and its categories (rows and columns).
    """
    coded = encode([list(first), list(second)], categories)
    return _table(coded, 0, 1), coded.categories


def _table(coded: CodedData, first: int, second: int) -> npt.NDArray[np.int64]:
    a, b = coded.pair(first, second)
    size = coded.n_categories
    return np.bincount(a * size + b, minlength=size * size).reshape(size, size)


def cohen_kappa(
    first: Sequence[Any],
    second: Sequence[Any],
    weights: Weights = None,
    categories: Sequence[Any] | None = None,
) -> float:
    """Cohen's kappa of two annotators over the units both labelled (``None`` = missing).

    Weighted kappa spaces the weights by the rank of the ordered labels that occur in either
    annotator's data (as R's ``irr::kappa2`` and scikit-learn do); ``categories`` gives that order.
    """
    table, _ = confusion_matrix(first, second, categories)
    return cohen_kappa_from_table(table, weights)


def cohen_kappa_from_table(table: npt.ArrayLike, weights: Weights = None) -> float:
    """Cohen's kappa of a square contingency table (categories in order, unused ones dropped)."""
    counts = np.asarray(table, dtype=np.float64)
    used = (counts.sum(axis=0) + counts.sum(axis=1)) > 0
    counts = counts[np.ix_(used, used)]
    total = counts.sum()
    if total == 0:
        return math.nan
    proportions = counts / total
    agreement = weight_matrix(len(counts), weights)
    observed = float((agreement * proportions).sum())
    expected = float((agreement * np.outer(proportions.sum(axis=1), proportions.sum(axis=0))).sum())
    if expected >= 1.0:
        return math.nan
    return (observed - expected) / (1.0 - expected)


def scott_pi(
    first: Sequence[Any], second: Sequence[Any], categories: Sequence[Any] | None = None
) -> float:
    """Scott's pi of two annotators over the units both labelled."""
    table, _ = confusion_matrix(first, second, categories)
    return scott_pi_from_table(table)


def scott_pi_from_table(table: npt.ArrayLike) -> float:
    counts = np.asarray(table, dtype=np.float64)
    total = counts.sum()
    if total == 0:
        return math.nan
    observed = float(np.trace(counts) / total)
    shares = (counts.sum(axis=0) + counts.sum(axis=1)) / (2.0 * total)
    expected = float((shares * shares).sum())
    if expected >= 1.0:
        return math.nan
    return (observed - expected) / (1.0 - expected)


def gwet_ac1_from_table(table: npt.ArrayLike) -> float:
    """Gwet's AC1 of a two-annotator contingency table over all its categories."""
    counts = np.asarray(table, dtype=np.float64)
    total = counts.sum()
    size = len(counts)
    if total == 0 or size < 2:
        return math.nan
    observed = float(np.trace(counts) / total)
    shares = (counts.sum(axis=0) + counts.sum(axis=1)) / (2.0 * total)
    expected = float((shares * (1.0 - shares)).sum() / (size - 1))
    return (observed - expected) / (1.0 - expected)


# --------------------------------------------------------------------------- many annotators


def percent_agreement(
    data: ReliabilityInput | CodedData, categories: Sequence[Any] | None = None
) -> float:
    """Share of agreeing annotator pairs, averaged over the units at least two annotators rated.

    For two annotators this is the plain proportion of units they labelled alike.
    """
    coded = encode(data, categories)
    raters = coded.raters_per_unit()
    pairable = raters >= 2
    if not pairable.any():
        return math.nan
    agreeing = coded.agreeing_pairs_per_unit()[pairable]
    raters = raters[pairable].astype(np.float64)
    return float((agreeing / (raters * (raters - 1.0))).mean())


def _weighted_agreement(coded: CodedData, agreement: npt.NDArray[np.float64]) -> float:
    """Gwet's weighted ``p_a`` (for AC2); builds the units × categories table, so small scales."""
    counts = coded.value_counts()
    raters = counts.sum(axis=1)
    pairable = raters >= 2
    if not pairable.any():
        return math.nan
    counts = counts[pairable].astype(np.float64)
    raters = raters[pairable].astype(np.float64)
    weighted = counts @ agreement.T
    per_unit = (counts * (weighted - 1.0)).sum(axis=1) / (raters * (raters - 1.0))
    return float(per_unit.mean())


def _category_shares(coded: CodedData, units: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """``π_k``: mean over the given rated units of the share of their ratings in category k."""
    raters = coded.raters_per_unit()
    rated = units & (raters > 0)
    if not rated.any():
        return np.zeros(coded.n_categories)
    weights = np.where(rated, 1.0 / np.maximum(raters, 1), 0.0)
    return coded.category_totals(weights) / int(rated.sum())


def fleiss_kappa(
    data: ReliabilityInput | CodedData,
    missing: MissingPolicy = "complete",
    categories: Sequence[Any] | None = None,
) -> float:
    """Fleiss' kappa (1971).

    ``missing="complete"`` (Fleiss' own definition) uses only the units every annotator rated;
    ``missing="gwet"`` is Gwet's generalisation to missing ratings (irrCAC's ``fleiss.kappa.raw``).
    """
    coded = encode(data, categories)
    raters = coded.raters_per_unit()
    if missing == "complete":
        if coded.n_annotators < 2:
            return math.nan
        coded = CodedData(
            codes=coded.codes[:, raters == coded.n_annotators], categories=coded.categories
        )
        raters = coded.raters_per_unit()
    elif missing != "gwet":
        raise ValueError(f"unknown missing-data policy {missing!r}; use 'complete' or 'gwet'")
    observed = percent_agreement(coded)
    if math.isnan(observed):
        return math.nan
    shares = _category_shares(coded, raters > 0)
    expected = float((shares * shares).sum())
    if expected >= 1.0:
        return math.nan
    return (observed - expected) / (1.0 - expected)


def gwet_ac1(
    data: ReliabilityInput | CodedData,
    weights: Weights = None,
    categories: Sequence[Any] | None = None,
) -> float:
    """Gwet's AC1 (or AC2 with ``weights``) for any number of annotators, missing ratings allowed.

    The number of categories ``q`` is the length of ``categories`` when given (the labels the
    annotators could choose from), else the number of values that occur — as in irrCAC. AC1 stays
    stable where one label dominates, unlike kappa. NaN with fewer than two categories or no unit
    rated by two annotators.
    """
    coded = encode(data, categories)
    size = coded.n_categories
    if size < 2:
        return math.nan
    if weights is None:
        agreement = np.eye(size)
        observed = percent_agreement(coded)
    else:
        agreement = weight_matrix(size, weights)
        observed = _weighted_agreement(coded, agreement)
    if math.isnan(observed):
        return math.nan
    shares = _category_shares(coded, coded.raters_per_unit() > 0)
    expected = float(agreement.sum() * (shares * (1.0 - shares)).sum() / (size * (size - 1)))
    return (observed - expected) / (1.0 - expected)


def pairwise(coded: CodedData) -> list[tuple[int, int]]:
    """Every pair of annotator indices ``(i, j)`` with ``i < j``."""
    count = coded.n_annotators
    return [(i, j) for i in range(count) for j in range(i + 1, count)]


def pair_table(coded: CodedData, first: int, second: int) -> npt.NDArray[np.int64]:
    """Confusion table of two annotators (rows: first) over every category of ``coded``."""
    return _table(coded, first, second)


__all__ = [
    "MISSING",
    "cohen_kappa",
    "cohen_kappa_from_table",
    "confusion_matrix",
    "fleiss_kappa",
    "gwet_ac1",
    "gwet_ac1_from_table",
    "pair_table",
    "pairwise",
    "percent_agreement",
    "scott_pi",
    "scott_pi_from_table",
    "weight_matrix",
]
