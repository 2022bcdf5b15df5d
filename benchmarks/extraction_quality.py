"""Extraction quality on the seed articles against the gold annotation in benchmarks/gold/.

Prints precision, recall and F1 for direct quotes and for indirect (indirect + mixed) quotes, and
speaker and outlet accuracy on matched quotes. A system quote matches a gold quote of the same
group when their spans are equal after trimming punctuation and white space, or when they overlap
by at least 80% of the longer span. Only system quotes with confidence >= 0.5 count (lower ones
are borderline by design). Gold quotes are located in the cleaned text by their exact text, so a
cleaning change that moves offsets does not corrupt them; one that changes their words is an
error naming the quote.

Run: /work/venv/bin/python benchmarks/extraction_quality.py [--verbose]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import orjson

from annotator.extract import CONFIDENT, extract_document
from annotator.models import Document, Quote
from annotator.pipeline import load_corpus

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = Path(__file__).resolve().parent / "gold"
_PUNCTUATION = " \n\t.,;:!?\"'“”‘’«»()—–-"


@dataclass(frozen=True)
class GoldQuote:
    start: int
    end: int
    group: str
    speaker: str | None
    outlet: str | None


def group_of(kind: str) -> str:
    return "direct" if kind == "direct" else "indirect"


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _PUNCTUATION:
        start += 1
    while end > start and text[end - 1] in _PUNCTUATION:
        end -= 1
    return start, end


def load_gold(document: Document) -> list[GoldQuote]:
    path = GOLD_DIR / f"{document.id}.json"
    data = orjson.loads(path.read_bytes())
    if data.get("text_sha256") != document.sha256:
        print(f"note: {path.name}: text changed since annotation; locating quotes by their text")
    quotes = []
    for number, item in enumerate(data["quotes"]):
        snippet = item["text"]
        occurrence = item.get("occurrence", 0)
        start = -1
        for _ in range(occurrence + 1):
            start = document.text.find(snippet, start + 1)
        if start == -1:
            raise SystemExit(f"{path}: $.quotes[{number}]: text not found in document: {snippet!r}")
        quotes.append(
            GoldQuote(
                start, start + len(snippet), group_of(item["kind"]), item["speaker"], item["outlet"]
            )
        )
    return quotes


def matches(text: str, gold: GoldQuote, quote: Quote) -> bool:
    g_start, g_end = trimmed(text, gold.start, gold.end)
    s_start, s_end = trimmed(text, quote.start, quote.end)
    if (g_start, g_end) == (s_start, s_end):
        return True
    overlap = min(g_end, s_end) - max(g_start, s_start)
    longest = max(g_end - g_start, s_end - s_start)
    return longest > 0 and overlap / longest >= 0.8


def normalise_name(name: str | None) -> str:
    if not name:
        return ""
    name = re.sub(r"^(?:the|a|an|one)\s+", "", name.strip(), flags=re.IGNORECASE)
    return " ".join(name.lower().split())


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    def scores(self) -> tuple[float, float, float]:
        tp, fp, fn = self.true_positive, self.false_positive, self.false_negative
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def evaluate(verbose: bool) -> dict[str, float]:
    tallies = {"direct": Tally(), "indirect": Tally()}
    speaker_right = outlet_right = matched = 0
    for raw in load_corpus([ROOT / "seeds"], extract=False):
        document = extract_document(raw)
        gold = load_gold(document)
        system = [quote for quote in document.quotes if quote.confidence >= CONFIDENT]
        used: set[str] = set()
        for gold_quote in gold:
            candidates = [
                quote
                for quote in system
                if group_of(quote.kind.value) == gold_quote.group
                and quote.id not in used
                and matches(document.text, gold_quote, quote)
            ]
            tally = tallies[gold_quote.group]
            if not candidates:
                tally.false_negative += 1
                if verbose:
                    print(
                        f"MISS {document.id} {gold_quote.group}: "
                        f"{document.text[gold_quote.start : gold_quote.end][:80]!r}"
                    )
                continue
            quote = candidates[0]
            used.add(quote.id)
            tally.true_positive += 1
            matched += 1
            speaker_ok = normalise_name(quote.speaker) == normalise_name(gold_quote.speaker)
            outlet_ok = normalise_name(quote.outlet) == normalise_name(gold_quote.outlet)
            speaker_right += speaker_ok
            outlet_right += outlet_ok
            if verbose and not (speaker_ok and outlet_ok):
                print(
                    f"ATTR {document.id} {quote.id}: speaker {quote.speaker!r} (gold "
                    f"{gold_quote.speaker!r}), outlet {quote.outlet!r} (gold {gold_quote.outlet!r})"
                )
        for quote in system:
            if quote.id not in used:
                tallies[group_of(quote.kind.value)].false_positive += 1
                if verbose:
                    print(
                        f"EXTRA {document.id} {quote.kind.value} {quote.confidence}: "
                        f"{quote.text[:80]!r}"
                    )
    results: dict[str, float] = {}
    for group, tally in tallies.items():
        precision, recall, f1 = tally.scores()
        print(
            f"{group:8}  P={precision:.3f}  R={recall:.3f}  F1={f1:.3f}  "
            f"(tp={tally.true_positive} fp={tally.false_positive} fn={tally.false_negative})"
        )
        results[f"{group}_f1"] = f1
    speaker_accuracy = speaker_right / matched if matched else 0.0
    outlet_accuracy = outlet_right / matched if matched else 0.0
    print(f"speaker accuracy on {matched} matched quotes: {speaker_accuracy:.3f}")
    print(f"outlet accuracy on {matched} matched quotes:  {outlet_accuracy:.3f}")
    results["speaker_accuracy"] = speaker_accuracy
    results["outlet_accuracy"] = outlet_accuracy
    return results


if __name__ == "__main__":
    evaluate(verbose="--verbose" in sys.argv)
