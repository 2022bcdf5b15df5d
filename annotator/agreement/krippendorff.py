"""Krippendorff's alpha at the nominal, ordinal, interval and ratio levels.

Follows Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011): the coincidence matrix
``o[c, k] = Σ_u (number of c-k pairs in unit u) / (m_u - 1)`` over the units with ``m_u ≥ 2``
values (pairable units), marginals ``n_c``, ``n = Σ n_c``, and

    alpha = 1 - (n - 1) · Σ o[c,k] δ²(c,k) / Σ n_c n_k δ²(c,k)

The ordinal metric is Krippendorff's rank-based one, which depends on the marginal frequencies:
``δ²(c,k) = (Σ_{g=c..k} n_g - (n_c + n_k)/2)²`` with the categories in the order given.
Interval and ratio use the category values (for labels given in order, their rank 0, 1, 2, …).

Undefined results are NaN, never a silent 1.0:
- no pairable unit (one annotator, or no unit labelled by two annotators);
- no expected disagreement (every pairable value is the same label, so agreement cannot be told
  from chance; the ``krippendorff`` package raises an error in this case).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from annotator.agreement.reliability import MISSING, CodedData, ReliabilityInput, encode

Level = Literal["nominal", "ordinal", "interval", "ratio"]
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")


def krippendorff_alpha(
    data: ReliabilityInput | CodedData,
    level: Level = "nominal",
    categories: Sequence[Any] | None = None,
) -> float:
    """Krippendorff's alpha of reliability data (annotator rows, ``None``/NaN = missing).

    ``categories`` gives the value domain in order (low to high for ordinal labels); without it
    the values found are sorted. Returns NaN when alpha is undefined (see the module docstring).
    """
    coded = encode(data, categories)
    if level == "nominal":
        return _nominal_alpha(coded)
    observed, marginals = coincidences(coded)
    return alpha_from_coincidences(observed, marginals, distances(coded, level, marginals))


def _nominal_alpha(coded: CodedData) -> float:
    """Nominal alpha without building the coincidence matrix.

    With δ = 1 off the diagonal, Σ o δ = n - Σ_c o_cc and Σ n_c n_k δ = n² - Σ_c n_c², and
    Σ_c o_cc is the number of agreeing ordered pairs of each unit over ``m_u - 1``.
    """
    per_unit = coded.raters_per_unit()
    pairable = per_unit >= 2
    if not pairable.any():
        return math.nan
    agreeing = coded.agreeing_pairs_per_unit()[pairable]
    observed_agreement = float((agreeing / (per_unit[pairable] - 1.0)).sum())
    marginals = coded.category_totals(pairable.astype(np.float64))
    total = float(marginals.sum())
    expected = total * total - float((marginals * marginals).sum())
    if expected <= 0:
        return math.nan
    return 1.0 - (total - 1.0) * (total - observed_agreement) / expected


#: Up to this many units × categories² multiply-adds the coincidences come from the value-count
#: table (few categories: stance, sentiment); above it, from pairs of annotators (speaker names).
DENSE_WORK = 6_000_000


def coincidences(coded: CodedData) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """The coincidence matrix ``o`` and its marginals ``n_c`` over the pairable units.

    With few categories: ``o = Σ_u (r_u r_uᵀ - diag(r_u)) / (m_u - 1)`` from the value counts
    ``r_u`` of the pairable units, one ``einsum`` whatever the number of annotators (no BLAS
    matrix product: its threads thrash on a busy machine). With many categories (free-text
    fields such as speaker names), a units × categories table would be too large, so
    ``o[c, k] += 1 / (m_u - 1)`` for each ordered pair of annotators that gave unit u the values
    c and k, all pairs at once in chunks of units (:meth:`CodedData.annotator_pairs`).
    """
    size = coded.n_categories
    per_unit = coded.raters_per_unit()
    if coded.n_units * size * size <= DENSE_WORK:
        pairable = per_unit >= 2
        counts = coded.value_counts()[pairable].astype(np.float64)
        weighted = counts / (per_unit[pairable] - 1.0)[:, None]
        matrix = np.einsum("uc,uk->ck", weighted, counts, optimize=False)
        matrix[np.diag_indices(size)] -= weighted.sum(axis=0)
        return matrix, matrix.sum(axis=1)
    weights = np.where(per_unit >= 2, 1.0 / np.maximum(per_unit - 1, 1), 0.0)
    observed = np.zeros(size * size, dtype=np.float64)
    for first, second, units in coded.annotator_pairs():
        both = (first != MISSING) & (second != MISSING)
        observed += np.bincount(
            (first * size + second)[both],
            weights=np.broadcast_to(weights[units], first.shape)[both],
            minlength=size * size,
        )
    matrix = observed.reshape(size, size)
    matrix = matrix + matrix.T
    return matrix, matrix.sum(axis=1)


def distances(
    coded: CodedData, level: Level, marginals: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """The squared distance δ²(c, k) between every two categories at a level of measurement."""
    size = coded.n_categories
    if level == "nominal":
        return 1.0 - np.eye(size)
    if level == "ordinal":
        cumulative = np.concatenate(([0.0], np.cumsum(marginals)))
        low = np.minimum.outer(np.arange(size), np.arange(size))
        high = np.maximum.outer(np.arange(size), np.arange(size))
        between = cumulative[high + 1] - cumulative[low]
        return (between - (marginals[:, None] + marginals[None, :]) / 2.0) ** 2
    values = category_values(coded.categories, level)
    if level == "interval":
        return np.subtract.outer(values, values) ** 2
    if level == "ratio":
        sums = np.add.outer(values, values)
        differences = np.subtract.outer(values, values)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(sums != 0, differences / np.where(sums != 0, sums, 1.0), 0.0)
        return ratio**2
    raise ValueError(f"unknown level of measurement {level!r}; use one of {', '.join(LEVELS)}")


def category_values(categories: Sequence[Any], level: Level) -> npt.NDArray[np.float64]:
    """Numbers for the interval and ratio metrics: the values, or ranks of ordered labels."""
    if all(isinstance(value, int | float) and not isinstance(value, bool) for value in categories):
        return np.asarray(categories, dtype=np.float64)
    if level == "ratio":
        raise ValueError("the ratio level needs numeric values, not labels")
    return np.arange(len(categories), dtype=np.float64)


def alpha_from_coincidences(
    observed: npt.NDArray[np.float64],
    marginals: npt.NDArray[np.float64],
    delta: npt.NDArray[np.float64],
) -> float:
    total = float(marginals.sum())
    if total == 0:
        return math.nan
    expected = float((np.outer(marginals, marginals) * delta).sum())
    if expected <= 0:
        return math.nan
    return 1.0 - (total - 1.0) * float((observed * delta).sum()) / expected


def per_label_agreement(coded: CodedData) -> dict[Any, float]:
    """For each label, the share of its pairable values paired with the same label: ``o_cc / n_c``.

    Krippendorff's category-specific agreement; for two annotators it equals the specific
    (positive) agreement ``2a / (2a + b + c)``. NaN for a label no pairable value has.
    """
    observed, marginals = coincidences(coded)
    result: dict[Any, float] = {}
    for code, label in enumerate(coded.categories):
        result[label] = (
            float(observed[code, code] / marginals[code]) if marginals[code] > 0 else math.nan
        )
    return result
