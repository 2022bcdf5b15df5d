"""Check the development corpus gold against its articles and print quote counts.

For every article in ``benchmarks/corpus/articles/`` the gold file ``gold/<id>.json`` must exist,
name the document, and every quote's ``text`` must be found in the article's cleaned text (the
``occurrence``-th match, 0 if absent, as ``benchmarks/extraction_quality.py`` locates it); the
quotes must be in text order and ``text_sha256`` should match the cleaned text. Prints counts of
quotes, direct, indirect (indirect + mixed) and quotes with an outlet per article, per outlet and
per split, and exits non-zero when a check fails.

Run: .venv/bin/python benchmarks/corpus/check_gold.py [--quiet]
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

import orjson

from annotator.corpus import iter_documents

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold"
KINDS = {"direct", "indirect", "mixed"}
SPLITS = {"tune", "test"}


def locate(text: str, snippet: str, occurrence: int) -> int:
    """Start of the ``occurrence``-th match of ``snippet`` (overlapping search), -1 if none."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(snippet, start + 1)
        if start == -1:
            return -1
    return start


def check_article(document_id: str, text: str, sha256: str) -> tuple[list[str], Counter[str]]:
    """Problems found in one article's gold and its counts."""
    problems: list[str] = []
    counts: Counter[str] = Counter()
    path = GOLD / f"{document_id}.json"
    if not path.is_file():
        return [f"{path}: missing gold file"], counts
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        return [f"{path}: not valid JSON: {exc}"], counts
    if data.get("document_id") != document_id:
        problems.append(f"{path}: $.document_id is {data.get('document_id')!r}")
    if data.get("text_sha256") != sha256:
        problems.append(f"{path}: $.text_sha256 differs from the cleaned text's")
    previous = -1
    for number, quote in enumerate(data.get("quotes", [])):
        where = f"{path}: $.quotes[{number}]"
        snippet = quote.get("text")
        if not isinstance(snippet, str) or not snippet.strip():
            problems.append(f"{where}: empty or missing text")
            continue
        if quote.get("kind") not in KINDS:
            problems.append(f"{where}: kind {quote.get('kind')!r} is not one of {sorted(KINDS)}")
        for field in ("speaker", "outlet"):
            if field not in quote:
                problems.append(f"{where}: no {field!r} (use null)")
        occurrence = quote.get("occurrence", 0)
        matches = text.count(snippet)
        if matches > 1 and "occurrence" not in quote:
            problems.append(f"{where}: text occurs {matches} times but no occurrence is given")
        start = locate(text, snippet, occurrence)
        if start == -1:
            problems.append(f"{where}: text not found in cleaned text: {snippet[:60]!r}")
            continue
        if start < previous:
            problems.append(f"{where}: out of text order")
        previous = start
        counts["quotes"] += 1
        counts["direct" if quote["kind"] == "direct" else "indirect"] += 1
        counts["with outlet"] += quote.get("outlet") is not None
    return problems, counts


def row(name: str, counts: Counter[str], width: int) -> str:
    share = counts["with outlet"] / counts["quotes"] if counts["quotes"] else 0.0
    return (
        f"{name:<{width}} {counts['articles']:>4} {counts['quotes']:>6} {counts['direct']:>6}"
        f" {counts['indirect']:>8} {counts['with outlet']:>7} {share:>6.0%}"
    )


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    problems: list[str] = []
    per_article: dict[str, Counter[str]] = {}
    per_outlet: dict[str, Counter[str]] = defaultdict(Counter)
    per_split: dict[str, Counter[str]] = defaultdict(Counter)
    total: Counter[str] = Counter()
    for document in iter_documents([ARTICLES]):
        split = document.metadata.get("split")
        if split not in SPLITS:
            problems.append(f"{document.source}: split {split!r} is not one of {sorted(SPLITS)}")
        if not document.metadata.get("url"):
            problems.append(f"{document.source}: no url")
        found, counts = check_article(document.id, document.text, document.sha256)
        problems.extend(found)
        counts["articles"] = 1
        per_article[document.id] = counts
        for bucket in (per_outlet[document.outlet or "(none)"], per_split[str(split)], total):
            bucket.update(counts)
    known = {path.stem for path in GOLD.glob("*.json")}
    for orphan in sorted(known - per_article.keys()):
        problems.append(f"{GOLD / orphan}.json: no article with this id")
    header = "art quotes direct indirect outlet  share"
    if not quiet:
        width = max([len(name) for name in per_article] + [10])
        print(f"{'article':<{width}} {header}")
        for name, counts in per_article.items():
            print(row(name, counts, width))
        print()
    width = max([len(name) for name in per_outlet] + [10])
    print(f"{'outlet':<{width}} {header}")
    for name in sorted(per_outlet):
        print(row(name, per_outlet[name], width))
    print()
    print(f"{'split':<{width}} {header}")
    for name in sorted(per_split):
        print(row(name, per_split[name], width))
    print(row("total", total, width))
    print(f"outlets: {len(per_outlet)}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
