"""The development corpus's gold files stay valid, and two-annotator agreement is scored right.

``benchmarks/corpus/check_gold.py`` checks every gold file (first and second annotation) against
its article; ``benchmarks/gold_agreement.py`` scores one annotation against another with the
measures of ``benchmarks/extraction_quality.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _load(name: str, path: Path) -> ModuleType:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


@pytest.fixture(scope="module")
def agreement() -> ModuleType:
    return _load("gold_agreement", BENCHMARKS / "gold_agreement.py")


@pytest.mark.parametrize("mode", [[], ["--second"]], ids=["first gold", "second gold"])
def test_every_gold_file_matches_its_article(mode: list[str], capsys) -> None:
    check_gold = _load("check_gold", BENCHMARKS / "corpus" / "check_gold.py")
    assert check_gold.main(["--quiet", *mode]) == 0, capsys.readouterr().err


def _scored(agreement: ModuleType, document, gold, kinds, other) -> dict[str, float]:
    result = agreement.SetResult("pair")
    agreement.score_quotes(result, document, gold, agreement.as_quotes(document, other, kinds))
    return result.figures()


def test_an_annotation_agrees_with_itself_and_less_with_a_changed_copy(agreement) -> None:
    raw, first_path, _ = agreement.paired_articles()[0]
    gold = agreement.canonical(agreement.load_gold(raw, first_path))
    kinds = agreement.kinds_of(first_path)
    same = _scored(agreement, raw, gold, kinds, gold)
    assert same["direct_f1"] in (0.0, 1.0) and same["indirect_f1"] == 1.0
    assert same["speaker_accuracy"] == 1.0
    renamed = [replace(gold[0], speaker="Somebody Else"), *gold[1:]]
    changed = _scored(agreement, raw, gold, kinds, renamed)
    assert changed["speaker_accuracy"] == pytest.approx((len(gold) - 1) / len(gold))
    shorter = [replace(gold[0], end=gold[0].start + (gold[0].end - gold[0].start) // 2), *gold[1:]]
    cut = _scored(agreement, raw, gold, kinds, shorter)
    group = "direct_f1" if kinds[0] == "direct" else "indirect_f1"
    assert cut[group] < 1.0  # half a span is no match (80 % of the longer span is needed)


def test_outlets_are_compared_by_canonical_name(agreement) -> None:
    raw, first_path, _ = agreement.paired_articles()[0]
    gold = agreement.load_gold(raw, first_path)
    long_names = [replace(gold[0], outlet="the official Korean Central News Agency"), *gold[1:]]
    short_names = [replace(gold[0], outlet="KCNA"), *gold[1:]]
    assert agreement.canonical(long_names)[0].outlet == "KCNA"
    kinds = agreement.kinds_of(first_path)
    figures = _scored(
        agreement, raw, agreement.canonical(short_names), kinds, agreement.canonical(long_names)
    )
    assert figures["outlet_f1"] == 1.0
