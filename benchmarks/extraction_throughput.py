"""Extraction at scale: throughput of the real process, cold and warm cache, growth, worst cases.

Figures (each the median of ``--repeats`` interleaved runs; ``MISSED`` beside a missed target):

1. ``annotator --no-cache extract DIR --json`` (all cores) on a corpus of about 1,000 articles
   and 10 MB, recombined from the paragraphs of ``seeds/`` and ``benchmarks/corpus/articles``
   (every article distinct). Reference, measured in the same rounds: one Python process that
   reads the same files and only tokenises them with one regex. Printed: seconds, MB/s, ratio
   (target ≤ 60× on 2 cores with the syntax layer; goal ≤ 20×), peak memory of the whole process
   tree (sum of PSS, sampled from /proc). The same with ``--workers 1``, and warm (cache filled before).
2. One 10 KB article, extracted in a process whose extractor (and model) is already loaded:
   target ≤ 0.3 s.
3. Growth: one ordinary news document of 1 KB, 10 KB, 100 KB, 1 MB and 5 MB (seed paragraphs),
   extracted in one process: MB/s per size, ``MISSED`` when a size runs at under half the 1 KB
   rate.
4. Worst cases, whole process: a 2 MB document that is mostly quotations (real quotations from
   the corpus, each with its cue; target: at least half the rate of the ordinary news of the same
   size) and a 50 MB document on a single line (target: it finishes; rate and peak RSS printed).

Run: ``.venv/bin/python benchmarks/extraction_throughput.py`` (``--quick``: 300 articles, growth to
1 MB, a 10 MB single line, one run each; ``--skip-huge`` leaves out the single-line document).
Generated data goes to ``benchmarks/out/`` (gitignored).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, PYTHON, ROOT, SEEDS, annotator_command, cache_env, report

ARTICLES = ROOT / "benchmarks" / "corpus" / "articles"
TOKENISE = (
    "import re, sys\n"
    "from pathlib import Path\n"
    "word = re.compile(r'\\w+|[^\\w\\s]')\n"
    "count = 0\n"
    "for path in sorted(Path(sys.argv[1]).glob('*.txt')):\n"
    "    count += len(word.findall(path.read_text(encoding='utf-8')))\n"
    "print(count)\n"
)
RATIO_TARGET = 60.0
RATIO_GOAL = 20.0
ONE_ARTICLE_TARGET = 0.3
GROWTH_SIZES = (1_000, 10_000, 100_000, 1_000_000, 5_000_000)

# ----------------------------------------------------------------------------- process tree RSS


def _pss(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes (shared pages split among their sharers)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree_rss(root: int) -> int:
    """Memory of ``root`` and all its descendants: the sum of their PSS (from /proc), so the
    pages forked workers share with their parent are counted once."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += _pss(pid)
        stack.extend(children.get(pid, []))
    return total


def run_tree(
    command: Sequence[str], env: dict[str, str] | None = None, stdout_path: Path | None = None
) -> tuple[float, int]:
    """Run ``command`` once: (wall seconds, peak RSS of its process tree in bytes)."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    peak = 0
    try:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.PIPE, env=env, cwd=ROOT
        )
        done = threading.Event()

        def sample() -> None:
            nonlocal peak
            while not done.wait(0.05):
                peak = max(peak, _tree_rss(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, stderr = process.communicate()
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return elapsed, peak


def median_runs(runs: list[tuple[float, int]]) -> tuple[float, int]:
    return statistics.median(s for s, _ in runs), max(r for _, r in runs)


# ----------------------------------------------------------------------------- generated inputs


def paragraph_pool() -> list[str]:
    from annotator.corpus import iter_documents

    paragraphs: list[str] = []
    for document in iter_documents([SEEDS, ARTICLES]):
        paragraphs.extend(document.text[start:end] for start, end in document.paragraphs())
    return [paragraph for paragraph in paragraphs if len(paragraph) > 80]


def quotation_pool(paragraphs: list[str]) -> list[str]:
    """The longer direct quotations of the corpus (their text between the marks)."""
    from annotator.extract.marks import find_passages

    found = []
    for paragraph in paragraphs:
        for passage in find_passages(paragraph):
            text = paragraph[passage.start : passage.end]
            if passage.closed and len(text.split()) >= 8 and "\n" not in text:
                found.append(text.strip(" ,."))
    return found


def news_text(rng: random.Random, pool: list[str], size: int, title: str) -> str:
    parts = [title]
    length = len(title)
    while length < size:
        paragraph = rng.choice(pool)
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)[: max(size, len(title) + 1)]


def build_corpus(folder: Path, articles: int, pool: list[str]) -> Path:
    marker = folder / f".complete-{articles}"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        old.unlink()
    rng = random.Random(articles)
    for number in range(articles):
        size = rng.randint(6_000, 14_000)
        text = news_text(rng, pool, size, f"Talks, tariffs and the strait, part {number}")
        (folder / f"article_{number:04d}.txt").write_text(text + "\n", encoding="utf-8")
    marker.touch()
    return folder


def quote_heavy_text(rng: random.Random, quotations: list[str], size: int) -> str:
    """A document that is mostly quotations: “…,” X said. “…” X told Y: “…”"""
    speakers = ["Kim Jong-un", "Wang Yi", "the spokesman", "Lee Jae-myung", "he", "she"]
    parts: list[str] = []
    length = 0
    while length < size:
        first, second = rng.choice(quotations), rng.choice(quotations)
        speaker = rng.choice(speakers)
        shape = rng.random()
        if shape < 0.4:
            paragraph = f"“{first},” {speaker} said. “{second}.”"
        elif shape < 0.7:
            paragraph = f"{speaker.capitalize()} told reporters: “{first}. {second}.”"
        else:
            paragraph = f"“{first},” {speaker} said, “{second}.”"
        parts.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(parts)


def quoted_share(text: str) -> float:
    from annotator.extract.marks import find_passages

    return sum(p.end - p.start for p in find_passages(text)) / max(1, len(text))


# ----------------------------------------------------------------------------- in-process timing

IN_PROCESS = """
import sys, time
from annotator.corpus import build_document
from annotator.extract import extract_document
paths = sys.argv[2:]
warm = build_document(open(paths[0], encoding='utf-8').read()[:20000], 'warm', 'warm')
extract_document(warm)  # extractor (and model) loaded before timing
for path in paths:
    document = build_document(open(path, encoding='utf-8').read(), 'doc', path)
    runs = []
    for _ in range(int(sys.argv[1])):
        start = time.perf_counter()
        extract_document(document)
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(len(document.text), runs[len(runs) // 2], flush=True)
"""


def in_process(paths: list[Path], repeats: int) -> list[tuple[int, float]]:
    """(characters, median seconds) of extracting each file in one warmed-up process."""
    output = subprocess.run(
        [PYTHON, "-c", IN_PROCESS, str(repeats), *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.split()
    return [(int(output[i]), float(output[i + 1])) for i in range(0, len(output), 2)]


# ----------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, one run each")
    parser.add_argument("--repeats", type=int, default=None, help="runs per figure (default 3)")
    parser.add_argument("--skip-huge", action="store_true", help="no single-line document")
    options = parser.parse_args()
    repeats = options.repeats or (1 if options.quick else 3)
    articles = 300 if options.quick else 1_000
    growth = GROWTH_SIZES[:4] if options.quick else GROWTH_SIZES
    huge_bytes = 10_000_000 if options.quick else 50_000_000

    OUT.mkdir(parents=True, exist_ok=True)
    pool = paragraph_pool()
    corpus = build_corpus(OUT / f"scale-corpus-{articles}", articles, pool)
    files = sorted(corpus.glob("*.txt"))
    megabytes = sum(path.stat().st_size for path in files) / 1e6
    cores = os.cpu_count() or 1
    print(f"corpus: {len(files)} articles, {megabytes:.1f} MB, {cores} cores; {repeats} run(s)")

    output = OUT / "scale-extract.jsonl"
    cold = annotator_command("--no-cache", "extract", str(corpus), "--json")
    single = [*cold, "--workers", "1"]
    warm_dir = OUT / "scale-cache"
    warm = annotator_command("extract", str(corpus), "--json")
    run_tree(warm, env=cache_env(warm_dir), stdout_path=output)  # fill the cache
    tokenise = [PYTHON, "-c", TOKENISE, str(corpus)]
    runs: dict[str, list[tuple[float, int]]] = {"tok": [], "cold": [], "one": [], "warm": []}
    for _ in range(repeats):
        runs["tok"].append(run_tree(tokenise))
        runs["cold"].append(run_tree(cold, stdout_path=output))
        runs["one"].append(run_tree(single, stdout_path=output))
        runs["warm"].append(run_tree(warm, env=cache_env(warm_dir), stdout_path=output))
    reference, _ = median_runs(runs["tok"])
    print("\n1. whole process on the corpus")
    report("tokenise only (reference)", reference)
    for key, label in (("cold", "all cores"), ("one", "--workers 1"), ("warm", "warm cache")):
        seconds, peak = median_runs(runs[key])
        target = RATIO_TARGET if key == "cold" else None
        report(f"extract --json, {label}", seconds, reference, target)
        if key == "cold":
            report(f"extract --json, {label}: goal", seconds, reference, RATIO_GOAL)
        print(f"      {megabytes / seconds:6.2f} MB/s   peak RSS {peak / 1e6:7.1f} MB (tree)")

    print("\n2. one 10 KB article, extractor loaded")
    rng = random.Random(10)
    article = OUT / "scale-article-10k.txt"
    article.write_text(news_text(rng, pool, 10_000, "One article"), encoding="utf-8")
    [(_, seconds)] = in_process([article], max(5, repeats))
    report("extract_document(10 KB article)", seconds, target=ONE_ARTICLE_TARGET)

    print("\n3. growth: one news document per size, extractor loaded")
    sized = []
    for size in growth:
        path = OUT / f"scale-news-{size}.txt"
        if not path.exists():
            path.write_text(news_text(random.Random(size), pool, size, "News"), encoding="utf-8")
        sized.append(path)
    figures = in_process(sized, repeats)
    base_rate = figures[0][0] / figures[0][1]
    for (characters, seconds), size in zip(figures, growth, strict=True):
        rate = characters / seconds / 1e6
        missed = "" if rate >= base_rate / 2 / 1e6 else "   MISSED (< half the 1 KB rate)"
        print(f"  {size / 1e3:>8.0f} KB  {seconds:8.3f} s  {rate:6.2f} MB/s{missed}", flush=True)

    print("\n4. worst cases, whole process")
    quotations = quotation_pool(pool)
    heavy = OUT / "scale-quote-heavy-2mb.txt"
    news = OUT / "scale-news-2mb.txt"
    if not heavy.exists():
        heavy.write_text(quote_heavy_text(random.Random(2), quotations, 2_000_000), "utf-8")
    if not news.exists():
        news.write_text(news_text(random.Random(3), pool, 2_000_000, "News"), "utf-8")
    heavy_text = heavy.read_text(encoding="utf-8")
    print(f"  quote-heavy document: {quoted_share(heavy_text):.0%} of it inside quotation marks")
    rates = {}
    for label, path in (("news 2 MB", news), ("quote-heavy 2 MB", heavy)):
        command = annotator_command("--no-cache", "extract", str(path), "--json")
        seconds, peak = median_runs([run_tree(command, stdout_path=output) for _ in range(repeats)])
        rates[label] = path.stat().st_size / seconds / 1e6
        print(
            f"  {label:<20} {seconds:8.2f} s  {rates[label]:6.2f} MB/s  peak {peak / 1e6:7.1f} MB"
        )
    half = rates["quote-heavy 2 MB"] >= rates["news 2 MB"] / 2
    print(
        f"  quote-heavy / news rate: {rates['quote-heavy 2 MB'] / rates['news 2 MB']:.2f}"
        f"   target ≥ 0.5{'' if half else '   MISSED'}"
    )
    if not options.skip_huge:
        line = OUT / f"scale-single-line-{huge_bytes // 1_000_000}mb.txt"
        if not line.exists():
            text = news_text(random.Random(50), pool, huge_bytes, "One line").replace("\n", " ")
            line.write_text(text, encoding="utf-8")
        command = annotator_command("--no-cache", "extract", str(line), "--json")
        seconds, peak = run_tree(command, stdout_path=output)
        size = line.stat().st_size / 1e6
        print(
            f"  single line {size:.0f} MB   {seconds:8.2f} s  {size / seconds:6.2f} MB/s"
            f"  peak {peak / 1e6:7.1f} MB  (finished)"
        )
    output.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
