"""Agreement coefficients against published worked examples and the reference packages."""

from __future__ import annotations

import math

import numpy as np
import pytest

from annotator.agreement import (
    bootstrap_alpha,
    cohen_kappa,
    cohen_kappa_from_table,
    confusion_matrix,
    encode,
    fleiss_kappa,
    gwet_ac1,
    gwet_ac1_from_table,
    krippendorff_alpha,
    per_label_agreement,
    percent_agreement,
    scott_pi,
    scott_pi_from_table,
)

N = None
# Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), 4 coders x 12 units, missing
# values; also irrCAC's cac.raw4raters (Gwet 2014).
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
    [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
]

# Fleiss (1971): 30 patients, 6 psychiatrists, 5 diagnoses (as in R irr's `diagnoses`).
DIAGNOSES = np.array(
    [
        [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
        [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
        [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
        [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
        [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
        [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
        [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
        [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
    ]
)  # fmt: skip

# irrCAC's distrib.6raters: 15 subjects, counts of 6 raters per category (Gwet 2014).
DISTRIB_6RATERS = [
    [0, 0, 0, 6, 0], [0, 3, 0, 0, 3], [0, 1, 4, 0, 1], [0, 0, 0, 0, 6], [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0], [0, 0, 4, 0, 2], [2, 0, 3, 1, 0], [2, 0, 0, 4, 0], [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0], [1, 1, 0, 4, 0], [0, 3, 3, 0, 0], [1, 0, 0, 5, 0], [0, 2, 0, 3, 1],
]  # fmt: skip

# R irr's `anxiety` (raters 2 and 3), with R irr::kappa2 results quoted in statsmodels' tests.
ANXIETY_2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
ANXIETY_3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]

# irrCAC's cont3x3abstractors (two abstractors, 100 cases).
ABSTRACTORS = [[13, 0, 0], [0, 20, 7], [0, 4, 56]]


def rows_from_distribution(table: list[list[int]]) -> list[list[int]]:
    """Raters x subjects rows that reproduce a subjects x categories count table."""
    columns = [
        [category for category, count in enumerate(row) for _ in range(count)] for row in table
    ]
    return [list(rater) for rater in zip(*columns, strict=True)]


@pytest.mark.parametrize(
    ("level", "expected"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_matches_krippendorff_2011(level: str, expected: float) -> None:
    assert round(krippendorff_alpha(KRIPPENDORFF_2011, level), 3) == expected  # type: ignore[arg-type]
    as_array = np.array([[np.nan if v is None else v for v in row] for row in KRIPPENDORFF_2011])
    assert round(krippendorff_alpha(as_array, level), 3) == expected  # type: ignore[arg-type]


def test_alpha_from_ordered_labels_uses_rank_metric() -> None:
    names = {1: "very low", 2: "low", 3: "mid", 4: "high", 5: "very high"}
    labels = [[None if v is None else names[v] for v in row] for row in KRIPPENDORFF_2011]
    order = list(names.values())
    assert round(krippendorff_alpha(labels, "ordinal", categories=order), 3) == 0.815
    assert round(krippendorff_alpha(labels, "nominal"), 3) == 0.743
    # sorted alphabetically the labels would be in the wrong order: a different (wrong) figure
    assert round(krippendorff_alpha(labels, "ordinal"), 3) != 0.815
    with pytest.raises(ValueError, match="ratio level needs numeric"):
        krippendorff_alpha(labels, "ratio", categories=order)


def test_alpha_agrees_with_krippendorff_package_on_random_data() -> None:
    krippendorff = pytest.importorskip("krippendorff")
    rng = np.random.default_rng(7)
    data = rng.integers(1, 6, size=(4, 300)).astype(float)
    data[rng.random(data.shape) < 0.2] = np.nan
    for level in ("nominal", "ordinal", "interval", "ratio"):
        ours = krippendorff_alpha(data, level)  # type: ignore[arg-type]
        theirs = krippendorff.alpha(data, level_of_measurement=level)
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_irrcac_raw4raters() -> None:
    assert round(percent_agreement(KRIPPENDORFF_2011), 4) == 0.8182
    assert round(gwet_ac1(KRIPPENDORFF_2011), 4) == 0.7754
    assert round(fleiss_kappa(KRIPPENDORFF_2011, missing="gwet"), 4) == 0.7612


def test_irrcac_distrib_6raters() -> None:
    rows = rows_from_distribution(DISTRIB_6RATERS)
    categories = [0, 1, 2, 3, 4]
    assert round(gwet_ac1(rows, categories=categories), 4) == 0.4448
    assert round(fleiss_kappa(rows, categories=categories), 4) == 0.4139
    assert round(krippendorff_alpha(rows), 4) == 0.4204


def test_fleiss_1971_diagnoses() -> None:
    assert round(fleiss_kappa(DIAGNOSES.T.tolist()), 3) == 0.430
    assert fleiss_kappa(DIAGNOSES.T.tolist()) == pytest.approx(0.4302445, abs=1e-7)


def test_fleiss_complete_uses_only_units_everyone_rated() -> None:
    # in the 2011 example all four coders rated units 2-9 only
    everyone = [row[1:9] for row in KRIPPENDORFF_2011]
    assert all(value is not None for row in everyone for value in row)
    assert fleiss_kappa(KRIPPENDORFF_2011) == pytest.approx(fleiss_kappa(everyone))
    assert fleiss_kappa(KRIPPENDORFF_2011) != pytest.approx(
        fleiss_kappa(KRIPPENDORFF_2011, missing="gwet")
    )


def test_cohen_kappa_two_by_two_tables() -> None:
    # SAS PROC FREQ example quoted in statsmodels: kappa 0.4842, weighted (linear) 0.4701
    table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
    assert round(cohen_kappa_from_table(table), 4) == 0.4842
    assert round(cohen_kappa_from_table(table, "linear"), 4) == 0.4701
    # irrCAC cont3x3abstractors
    assert round(cohen_kappa_from_table(ABSTRACTORS), 4) == 0.7964
    assert round(scott_pi_from_table(ABSTRACTORS), 4) == 0.7962
    assert round(gwet_ac1_from_table(ABSTRACTORS), 4) == 0.8493


def test_cohen_kappa_matches_r_irr_with_rank_spaced_weights() -> None:
    # category 5 is unused: weights are spaced by rank of the labels used, as irr::kappa2 does
    assert cohen_kappa(ANXIETY_2, ANXIETY_3) == pytest.approx(-0.006289308, abs=1e-7)
    assert cohen_kappa(ANXIETY_2, ANXIETY_3, "linear") == pytest.approx(0.1459075, abs=1e-7)
    assert cohen_kappa(ANXIETY_2, ANXIETY_3, "quadratic") == pytest.approx(0.2520325, abs=1e-7)


def test_cohen_kappa_and_scott_pi_from_label_lists() -> None:
    table = np.array(ABSTRACTORS)
    first: list[str | None] = []
    second: list[str | None] = []
    names = ["ectopic", "AIU", "NIU"]
    for i, row in enumerate(table):
        for j, count in enumerate(row):
            first += [names[i]] * int(count)
            second += [names[j]] * int(count)
    first.append(None)  # a unit only the second annotator labelled is left out
    second.append("NIU")
    assert round(cohen_kappa(first, second), 4) == 0.7964
    assert round(scott_pi(first, second), 4) == 0.7962
    matrix, categories = confusion_matrix(first, second, categories=names)
    assert categories == tuple(names)
    assert matrix.tolist() == ABSTRACTORS


def test_two_annotator_multi_rater_formulas_reduce_to_pairwise_ones() -> None:
    rows = [ANXIETY_2, ANXIETY_3]
    table, _ = confusion_matrix(*rows)
    assert percent_agreement(rows) == pytest.approx(np.trace(table) / table.sum())
    assert gwet_ac1(rows) == pytest.approx(gwet_ac1_from_table(table))


def test_per_label_agreement_is_specific_agreement() -> None:
    first = ["a", "a", "a", "b", "b", "c"]
    second = ["a", "a", "b", "b", "c", "c"]
    per_label = per_label_agreement(encode([first, second]))
    # a: 2 agreements, 1 disagreement -> 2*2 / (2*2 + 1) ; b: 2*1/(2*1+2); c: 2*1/(2*1+1)
    assert per_label["a"] == pytest.approx(4 / 5)
    assert per_label["b"] == pytest.approx(2 / 4)
    assert per_label["c"] == pytest.approx(2 / 3)


def test_gwet_ac2_and_weighted_kappa_match_irrcac_quadratic_weights() -> None:
    # irrCAC "weighting" vignette: AC2 0.914 (cac.raw4raters), 0.4837438 (distrib.6raters);
    # kappa2.table(cont3x3abstractors, quadratic weights) 0.8921569
    assert round(gwet_ac1(KRIPPENDORFF_2011, weights="quadratic"), 3) == 0.914
    rows = rows_from_distribution(DISTRIB_6RATERS)
    ac2 = gwet_ac1(rows, weights="quadratic", categories=[0, 1, 2, 3, 4])
    assert ac2 == pytest.approx(0.4837438, abs=1e-6)
    assert cohen_kappa_from_table(ABSTRACTORS, "quadratic") == pytest.approx(0.8921569, abs=1e-6)


def test_bootstrap_is_seeded_and_brackets_alpha() -> None:
    first = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", draws=2000, seed=3)
    again = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", draws=2000, seed=3)
    other = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", draws=2000, seed=4)
    assert (first.low, first.high) == (again.low, again.high)
    assert first.samples.tolist() != other.samples.tolist()
    assert first.low < first.alpha < first.high
    assert round(first.alpha, 3) == 0.743
    assert len(first.samples) == 2000
    # the draws centre on alpha (the resampling keeps the expected disagreement fixed)
    assert abs(float(first.samples.mean()) - first.alpha) < 0.02
    narrower = bootstrap_alpha(KRIPPENDORFF_2011, "nominal", draws=2000, seed=3, confidence=0.5)
    assert first.low < narrower.low < narrower.high < first.high


def test_bootstrap_uses_kalpha_pair_count_unless_overridden() -> None:
    rng = np.random.default_rng(5)
    truth = rng.integers(0, 3, size=5000)
    rows = np.where(rng.random((2, 5000)) < 0.85, truth, rng.integers(0, 3, size=(2, 5000)))
    kalpha = bootstrap_alpha(rows.astype(float), draws=500, seed=0)
    # 9 non-zero cells -> M = 225 pairs per draw; all 5000 pairs give a much narrower interval
    uncapped = bootstrap_alpha(rows.astype(float), draws=500, seed=0, pairs_per_draw=5000)
    assert uncapped.high - uncapped.low < (kalpha.high - kalpha.low) / 3
    assert uncapped.low < uncapped.alpha < uncapped.high


def test_bootstrap_interval_narrows_with_more_data() -> None:
    rng = np.random.default_rng(11)
    truth = rng.integers(0, 4, size=2000)
    noisy = np.where(rng.random((3, 2000)) < 0.8, truth, rng.integers(0, 4, size=(3, 2000)))
    small = bootstrap_alpha(noisy[:, :100].astype(float), draws=1000, seed=0)
    large = bootstrap_alpha(noisy.astype(float), draws=1000, seed=0)
    assert large.high - large.low < small.high - small.low
    assert large.low < krippendorff_alpha(noisy.astype(float)) < large.high


# --------------------------------------------------------------------------- edge cases


def test_all_agree_on_one_label_is_undefined_not_one() -> None:
    rows = [["neutral"] * 5, ["neutral"] * 5]
    assert math.isnan(krippendorff_alpha(rows))
    assert math.isnan(cohen_kappa(*rows))
    assert math.isnan(scott_pi(*rows))
    assert math.isnan(fleiss_kappa(rows))
    assert percent_agreement(rows) == 1.0  # raw agreement is defined
    assert math.isnan(bootstrap_alpha(rows).low)


def test_one_label_only_but_many_categories_gives_ac1() -> None:
    rows = [["neutral"] * 5, ["neutral"] * 5]
    # with the scheme's four labels AC1 is defined (and high); from one label alone it is not
    assert gwet_ac1(rows, categories=["pro-US", "pro-China", "balancing", "neutral"]) == 1.0
    assert math.isnan(gwet_ac1(rows))


def test_all_agree_with_several_labels_is_one() -> None:
    rows = [["a", "b", "c", "a"], ["a", "b", "c", "a"], ["a", None, "c", None]]
    assert krippendorff_alpha(rows) == 1.0
    assert fleiss_kappa(rows, missing="gwet") == 1.0
    assert gwet_ac1(rows) == 1.0
    assert cohen_kappa(rows[0], rows[1]) == 1.0


def test_one_annotator_and_no_pairable_unit_are_nan() -> None:
    one = [["a", "b", "a"]]
    disjoint = [["a", None, None], [None, "b", None], [None, None, "a"]]
    for rows in (one, disjoint):
        assert math.isnan(krippendorff_alpha(rows))
        assert math.isnan(krippendorff_alpha(rows, "ordinal", categories=["a", "b"]))
        assert math.isnan(percent_agreement(rows))
        assert math.isnan(fleiss_kappa(rows, missing="gwet"))
        assert math.isnan(gwet_ac1(rows))
        assert math.isnan(bootstrap_alpha(rows).alpha)
    assert math.isnan(fleiss_kappa(one))
    assert math.isnan(cohen_kappa(disjoint[0], disjoint[1]))


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="row 1 has 2 values but row 0 has 3"):
        krippendorff_alpha([["a", "b", "c"], ["a", "b"]])
    with pytest.raises(ValueError, match="'maybe' is not one of the categories"):
        krippendorff_alpha([["yes", "maybe"], ["no", "yes"]], categories=["no", "yes"])
    with pytest.raises(ValueError, match="unknown level"):
        krippendorff_alpha([[1, 2], [1, 2]], "cardinal")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="draws must be at least 1"):
        bootstrap_alpha([[1, 2], [1, 2]], draws=0)


@pytest.mark.parametrize("path", ["value counts", "annotator pairs"])
@pytest.mark.parametrize("annotators", [2, 5, 10])
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_equals_krippendorff_package_to_1e_12(
    annotators: int, level: str, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both vectorised paths (few labels: value counts; many, e.g. speaker names: all annotator
    pairs in chunks of units) agree with the package. The package builds units × labels² arrays,
    so many labels are simulated by forcing the pair path (with small chunks) on small data."""
    import krippendorff

    from annotator.agreement import krippendorff as ours_module
    from annotator.agreement import reliability

    if path == "annotator pairs":
        monkeypatch.setattr(ours_module, "DENSE_WORK", 0)
        monkeypatch.setattr(reliability, "PAIR_CHUNK_CELLS", 1000)
    rng = np.random.default_rng(annotators * 7 + len(level))
    for labels, units in ((5, 3000), (40, 500)):
        truth = rng.integers(1, labels + 1, size=units)
        noise = rng.integers(1, labels + 1, size=(annotators, units))
        data = np.where(rng.random((annotators, units)) < 0.6, truth, noise).astype(np.float64)
        data[rng.random(data.shape) < 0.15] = np.nan
        ours = krippendorff_alpha(data, level)  # type: ignore[arg-type]
        theirs = float(krippendorff.alpha(data, level_of_measurement=level))
        assert abs(ours - theirs) <= 1e-12, (labels, ours, theirs)
