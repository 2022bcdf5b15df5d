"""Bootstrap confidence interval for Krippendorff's alpha (Hayes & Krippendorff 2007).

The algorithm of Hayes' KALPHA macro (v3.0, 2011) and Krippendorff's "Algorithm for bootstrapping
Krippendorff's α": instead of resampling units, it resamples *pairs of values* from the
coincidence matrix, keeping the expected disagreement ``D_e`` of the data fixed.

1. Each cell ``c ≤ k`` of the coincidence matrix is drawn with probability ``o_ck / n`` on the
   diagonal and ``2 o_ck / n`` off it.
2. A draw takes ``M = min(25 q, (m - 1) n / 2)`` pairs, ``q`` the number of non-zero cells,
   ``m`` the number of annotators, ``n`` the number of pairable values, and gives
   ``alpha* = 1 - Σ δ²(drawn pairs) / (M · D_e)`` (floored at -1).
3. KALPHA's small-sample correction: a draw of alpha* = 1 when only one value occurs on the
   diagonal counts as 0, and at most ``round(draws · Σ_c (o_cc / n)^P)`` of the alpha* = 1 draws
   (``P`` = number of pairs in the data) are kept at 1 (the others become 0).
4. The interval is read from the sorted draws at KALPHA's positions (the 25th and 976th of 1000).

Seeded with ``seed`` (numpy's PCG64), so a given seed and number of draws always give the same
interval.

Note on large data: because of the ``25 q`` cap on ``M`` (in KALPHA and in Krippendorff's
algorithm alike), the interval of a study with thousands of units stays about as wide as that of
``25 q`` pairs. ``pairs_per_draw`` overrides ``M`` (e.g. ``(m - 1) n / 2``, the uncapped value)
for who wants the interval to narrow with the amount of data; the default stays the published one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from annotator.agreement.krippendorff import (
    Level,
    alpha_from_coincidences,
    coincidences,
    distances,
)
from annotator.agreement.reliability import CodedData, ReliabilityInput, encode

DEFAULT_DRAWS = 1000
DEFAULT_SEED = 0


@dataclass(frozen=True)
class AlphaInterval:
    """Alpha, its bootstrap confidence interval and the draws it was read from."""

    alpha: float
    low: float
    high: float
    confidence: float
    draws: int
    samples: npt.NDArray[np.float64]


def bootstrap_alpha(
    data: ReliabilityInput | CodedData,
    level: Level = "nominal",
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
    confidence: float = 0.95,
    categories: list[Any] | None = None,
    pairs_per_draw: int | None = None,
) -> AlphaInterval:
    """Alpha with a bootstrap confidence interval; NaN bounds when alpha is undefined."""
    if draws < 1:
        raise ValueError(f"draws must be at least 1, not {draws}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie between 0 and 1, not {confidence}")
    coded = encode(data, categories)
    observed, marginals = coincidences(coded)
    delta = distances(coded, level, marginals)
    alpha = alpha_from_coincidences(observed, marginals, delta)
    empty = np.zeros(0, dtype=np.float64)
    if math.isnan(alpha):
        return AlphaInterval(alpha, math.nan, math.nan, confidence, 0, empty)
    total = float(marginals.sum())
    expected_disagreement = float((np.outer(marginals, marginals) * delta).sum()) / (
        total * (total - 1.0)
    )
    rows, columns = np.nonzero(np.triu(observed) > 0)  # only cells that can be drawn
    probabilities = np.where(rows == columns, 1.0, 2.0) * observed[rows, columns] / total
    probabilities /= probabilities.sum()
    cell_delta = delta[rows, columns]
    nonzero_cells = int(np.count_nonzero(observed > 0))
    if pairs_per_draw is None:
        pairs_per_draw = int(min(25 * nonzero_cells, (coded.n_annotators - 1) * total / 2.0))
    pairs_per_draw = max(pairs_per_draw, 1)
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(pairs_per_draw, probabilities, size=draws)
    samples = 1.0 - (counts @ cell_delta) / (pairs_per_draw * expected_disagreement)
    samples = np.maximum(samples, -1.0)
    samples = _kalpha_correction(samples, observed, coded, total)
    samples.sort()
    tail = (1.0 - confidence) / 2.0
    # KALPHA's positions (1-based): trunc(0.025 B) and trunc(0.975 B) + 1; the epsilon keeps
    # 0.975 * 1000 from flooring to 974 in floating point
    low_index = max(math.floor(tail * draws + 1e-9) - 1, 0)
    high_index = min(math.floor((1.0 - tail) * draws + 1e-9), draws - 1)
    return AlphaInterval(
        alpha, float(samples[low_index]), float(samples[high_index]), confidence, draws, samples
    )


def _kalpha_correction(
    samples: npt.NDArray[np.float64],
    observed: npt.NDArray[np.float64],
    coded: CodedData,
    total: float,
) -> npt.NDArray[np.float64]:
    diagonal = np.diag(observed)
    values_on_diagonal = int(np.count_nonzero(diagonal > 0))
    perfect = np.flatnonzero(samples >= 1.0)
    if values_on_diagonal == 1:
        samples[perfect] = 0.0
        return samples
    per_unit = coded.raters_per_unit()
    pairs_in_data = float((per_unit * (per_unit - 1)).sum() / 2.0)
    expected_perfect = round(len(samples) * float(((diagonal / total) ** pairs_in_data).sum()))
    if expected_perfect > 0 and values_on_diagonal > 1:
        samples[perfect[: min(expected_perfect, len(perfect))]] = 0.0
    return samples
