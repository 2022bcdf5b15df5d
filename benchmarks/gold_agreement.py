"""How far two annotators agree under ``benchmarks/gold/RULES.md``: the human ceiling of each figure.

For every corpus article with a second, independent gold file in ``benchmarks/corpus/gold2/``
(written without seeing the first, see its README), it scores the second annotation against the
first with exactly the measures of ``benchmarks/extraction_quality.py`` (direct and indirect
P/R/F1 with the 80 %-overlap match, speaker accuracy over matched quotes, outlet F1). F1 and
speaker accuracy are symmetric, so this is the agreement of the two; the outlet F1 and P/R read
the first gold as the reference. Outlets are compared by their canonical short name on both
sides (``Korean Central News Agency`` = ``KCNA``, ``Yonhap News Agency`` = ``Yonhap``: the
extractor's gazetteer, ``canonical_outlet``), since RULES.md did not say which form to write;
so is a speaker that is an outlet.

Beside it, on the same articles, the extractor against each annotation: a system figure close to
the human one is as good as this gold can tell; the issue's targets are worth reading against it.

``--errors`` prints the quotes the two annotators disagree on (allowed for tune articles only; the
second gold is never written for test articles).

``--annotators g2g,g2h`` keeps the articles whose second gold those annotators wrote (the
``annotator`` field of each file).

Run: .venv/bin/python benchmarks/gold_agreement.py [--errors] [--json] [--annotators A,B]
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path

import orjson

from annotator.extract import extract_document
from annotator.extract.outlets import canonical_outlet, outlet_named
from annotator.models import Document, Quote, QuoteKind
from annotator.pipeline import load_corpus

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction_quality import (  # a sibling script, not a package
    CORPUS,
    GoldQuote,
    SetResult,
    load_gold,
    report,
    score_quotes,
    tune_part,
)

SECOND_GOLD = CORPUS / "gold2"
FIGURES = ("direct_f1", "indirect_f1", "speaker_accuracy", "outlet_f1")


def canonical(gold: list[GoldQuote]) -> list[GoldQuote]:
    """``gold`` with every outlet, and every speaker that is an outlet, in its canonical short
    name (``Xinhua News Agency`` → ``Xinhua``)."""
    written = []
    for item in gold:
        outlet = canonical_outlet(item.outlet) if item.outlet else None
        speaker = (outlet_named(item.speaker) or item.speaker) if item.speaker else None
        written.append(replace(item, outlet=outlet, speaker=speaker))
    return written


def as_quotes(document: Document, gold: list[GoldQuote], kinds: list[str]) -> list[Quote]:
    """One annotator's gold as proposals (confidence 1) to score against the other's."""
    return [
        Quote.from_span(
            document.text,
            item.start,
            item.end,
            kind=QuoteKind(kind),
            speaker=item.speaker,
            outlet=item.outlet,
        )
        for item, kind in zip(gold, kinds, strict=True)
    ]


def kinds_of(path: Path) -> list[str]:
    return [item["kind"] for item in orjson.loads(path.read_bytes())["quotes"]]


def paired_articles(annotators: frozenset[str] = frozenset()) -> list[tuple[Document, Path, Path]]:
    """The corpus articles that have both a first and a second gold file (only those whose
    second gold is by one of ``annotators``, when given)."""
    pairs = []
    for raw in load_corpus([CORPUS / "articles"], extract=False):
        second = SECOND_GOLD / f"{raw.id}.json"
        if second.is_file():
            if annotators and orjson.loads(second.read_bytes()).get("annotator") not in annotators:
                continue
            if raw.metadata.get("split") != "tune":
                raise SystemExit(f"{second}: a second gold for a test article is not allowed")
            pairs.append((raw, CORPUS / "gold" / f"{raw.id}.json", second))
    return pairs


def merged(name: str, parts: list[SetResult]) -> SetResult:
    """The sum of per-article results (tallies, matches, right speakers)."""
    total = SetResult(name)
    for part in parts:
        total.documents += part.documents
        total.gold_quotes += part.gold_quotes
        for group, tally in part.tallies.items():
            mine = total.tallies[group]
            mine.true_positive += tally.true_positive
            mine.false_positive += tally.false_positive
            mine.false_negative += tally.false_negative
        total.matched += part.matched
        total.speaker_right += part.speaker_right
        total.outlet.true_positive += part.outlet.true_positive
        total.outlet.false_positive += part.outlet.false_positive
        total.outlet.false_negative += part.outlet.false_negative
        total.errors.extend(part.errors)
    return total


def intervals(parts: list[SetResult], rounds: int) -> dict[str, tuple[float, float]]:
    """95 % bootstrap intervals of each figure, resampling articles (seeded: reproducible)."""
    draw = random.Random(0)
    samples: dict[str, list[float]] = {key: [] for key in FIGURES}
    for _ in range(rounds):
        figures = merged("", [draw.choice(parts) for _ in parts]).figures()
        for key in FIGURES:
            samples[key].append(figures[key])
    bounds = {}
    for key, values in samples.items():
        values.sort()
        bounds[key] = (values[int(0.025 * rounds)], values[min(rounds - 1, int(0.975 * rounds))])
    return bounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--errors", action="store_true", help="print the disagreements (dev articles only)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--rounds", type=int, default=1000, help="bootstrap rounds (0: none)")
    parser.add_argument(
        "--annotators", default="", help="comma-separated second annotators to keep (e.g. g2g,g2h)"
    )
    options = parser.parse_args(argv)
    pairs = paired_articles(frozenset(name for name in options.annotators.split(",") if name))
    if not pairs:
        print(f"no second gold files in {SECOND_GOLD}", file=sys.stderr)
        return 1
    names = (
        "second annotator against the first",
        "extractor against the first annotator",
        "extractor against the second annotator",
    )
    per_article: list[list[SetResult]] = [[], [], []]
    for raw, first_path, second_path in pairs:
        document = extract_document(raw)
        first = canonical(load_gold(document, first_path))
        second = canonical(load_gold(document, second_path))
        second_quotes = as_quotes(document, second, kinds_of(second_path))
        comparisons = ((first, second_quotes), (first, document.quotes), (second, document.quotes))
        for parts, (gold, quotes) in zip(per_article, comparisons, strict=True):
            result = SetResult(document.id)
            score_quotes(result, document, gold, quotes)
            if tune_part(document.id) != "dev":
                result.errors.clear()  # val disagreements would show val gold: never printed
            parts.append(result)
    results = [merged(name, parts) for name, parts in zip(names, per_article, strict=True)]
    bounds = [intervals(parts, options.rounds) if options.rounds else {} for parts in per_article]
    if options.json:
        print(
            orjson.dumps(
                {
                    r.name: {"figures": r.figures(), "intervals": b}
                    for r, b in zip(results, bounds, strict=True)
                }
            ).decode()
        )
        return 0
    if options.errors:
        for line in results[0].errors:
            print(line.replace("EXTRA", "ONLY2").replace("MISS ", "ONLY1"))
    print(f"{len(pairs)} tune articles annotated twice, independently")
    for result, bound in zip(results, bounds, strict=True):
        for line in report(result, check_targets=False):
            if "scare quotes" not in line:
                print(line)
        if bound:
            print(
                f"  95% bootstrap intervals ({options.rounds} resamplings of the articles): "
                + ", ".join(f"{key} {low:.3f}-{high:.3f}" for key, (low, high) in bound.items())
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
