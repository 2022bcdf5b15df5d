"""Check the development corpus gold (benchmarks/corpus/gold/) against its articles and count it.

For every article in ``benchmarks/corpus/articles/`` it loads the cleaned text the way the tool
does (``annotator.corpus.iter_jsonl``), requires a gold file with the same document id, checks that
``text_sha256`` matches the cleaned text, that every quote's text occurs in it (the
``occurrence``-th match; ``occurrence`` is required when the text occurs more than once and
refused otherwise), that kinds are known, that quotes are in text order, and that the split is
``tune`` or ``test``. Then it prints counts per article, per outlet and per split: quotes,
direct, indirect (indirect + mixed) and quotes with an outlet.

``--second`` checks the second, independent annotation in ``benchmarks/corpus/gold2/`` the same
way, for the articles that have one (``benchmarks/gold_agreement.py`` compares the two).

Exit status 1 when any check fails. It never runs the extractor.

Run: .venv/bin/python benchmarks/corpus/check_gold.py [--quiet] [--second]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from annotator.corpus import iter_jsonl
from annotator.errors import AnnotatorError

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold"
SECOND_GOLD = HERE / "gold2"  # a second annotator's gold for some articles
KINDS = {"direct", "indirect", "mixed"}
SPLITS = {"tune", "test"}


@dataclass
class Counts:
    articles: int = 0
    quotes: int = 0
    direct: int = 0
    indirect: int = 0
    with_outlet: int = 0

    def add(self, other: Counts) -> None:
        self.articles += other.articles
        self.quotes += other.quotes
        self.direct += other.direct
        self.indirect += other.indirect
        self.with_outlet += other.with_outlet

    def row(self, label: str) -> str:
        return (
            f"{label:<48} {self.articles:>4} {self.quotes:>6} {self.direct:>6} "
            f"{self.indirect:>8} {self.with_outlet:>7}"
        )


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    per_article: dict[str, Counts] = field(default_factory=dict)
    per_outlet: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_split: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_outlet_split: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))


def locate(text: str, snippet: str, occurrence: int) -> int:
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(snippet, start + 1)
        if start == -1:
            return -1
    return start


def check_article(path: Path, report: Report, gold_dir: Path = GOLD) -> None:
    try:
        documents = list(iter_jsonl(path))
    except AnnotatorError as exc:
        report.problems.append(f"{path.name}: cannot be read: {exc}")
        return
    if len(documents) != 1:
        report.problems.append(f"{path.name}: holds {len(documents)} documents, expected 1")
        return
    document = documents[0]
    raw = orjson.loads(path.read_bytes().splitlines()[0])
    split = raw.get("split")
    outlet = raw.get("outlet") or "?"
    if split not in SPLITS:
        report.problems.append(f"{path.name}: $.split is {split!r}, expected tune or test")
    if not raw.get("url"):
        report.problems.append(f"{path.name}: $.url is missing")
    if document.id != path.stem:
        report.problems.append(f"{path.name}: $.id {document.id!r} differs from the file name")
    gold_path = gold_dir / f"{document.id}.json"
    if not gold_path.is_file():
        report.problems.append(f"{path.name}: no gold file {gold_path.name}")
        return
    try:
        gold = orjson.loads(gold_path.read_bytes())
    except orjson.JSONDecodeError as exc:
        report.problems.append(f"{gold_path.name}: not valid JSON: {exc}")
        return
    if gold.get("document_id") != document.id:
        report.problems.append(f"{gold_path.name}: $.document_id is not {document.id!r}")
    if gold.get("text_sha256") != document.sha256:
        report.problems.append(f"{gold_path.name}: $.text_sha256 does not match the cleaned text")
    counts = Counts(articles=1)
    previous = -1
    for number, quote in enumerate(gold.get("quotes", [])):
        where = f"{gold_path.name}: $.quotes[{number}]"
        snippet = quote.get("text", "")
        kind = quote.get("kind")
        if kind not in KINDS:
            report.problems.append(f"{where}: kind {kind!r} is not direct, indirect or mixed")
        if not snippet.strip():
            report.problems.append(f"{where}: empty text")
            continue
        found = document.text.count(snippet)
        if "occurrence" in quote and found < 2:
            report.problems.append(f"{where}: occurrence given but the text occurs {found} time(s)")
        if "occurrence" not in quote and found > 1:
            report.problems.append(f"{where}: text occurs {found} times; give occurrence")
        start = locate(document.text, snippet, quote.get("occurrence", 0))
        if start == -1:
            report.problems.append(f"{where}: text not found in the cleaned text: {snippet[:60]!r}")
            continue
        if start < previous:
            report.problems.append(f"{where}: not in text order")
        previous = start
        counts.quotes += 1
        if kind == "direct":
            counts.direct += 1
        else:
            counts.indirect += 1
        if quote.get("outlet"):
            counts.with_outlet += 1
    report.per_article[f"{document.id} [{split}]"] = counts
    report.per_outlet[outlet].add(counts)
    report.per_split[str(split)].add(counts)
    report.per_outlet_split[(outlet, str(split))] += 1


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    report = Report()
    gold_dir = SECOND_GOLD if "--second" in argv else GOLD
    articles = sorted(ARTICLES.glob("*.jsonl"))
    if gold_dir is SECOND_GOLD:
        articles = [path for path in articles if (gold_dir / f"{path.stem}.json").is_file()]
    for path in articles:
        check_article(path, report, gold_dir)
    article_ids = {path.stem for path in articles}
    for gold_path in sorted(gold_dir.glob("*.json")):
        if gold_path.stem not in article_ids:
            report.problems.append(f"{gold_path.name}: gold without an article")
    header = f"{'':<48} {'arts':>4} {'quotes':>6} {'direct':>6} {'indirect':>8} {'outlet':>7}"
    total = Counts()
    if not quiet:
        print(header)
        for label, counts in report.per_article.items():
            print(counts.row(label))
        print("\nper outlet (articles tune/test)")
    for outlet, counts in sorted(report.per_outlet.items()):
        total.add(counts)
        if not quiet:
            tune = report.per_outlet_split[(outlet, "tune")]
            test = report.per_outlet_split[(outlet, "test")]
            print(counts.row(f"{outlet} ({tune}/{test})"))
    print("\nper split")
    for split, counts in sorted(report.per_split.items()):
        print(counts.row(split))
    print(total.row(f"total ({len(report.per_outlet)} outlets)"))
    for problem in report.problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
