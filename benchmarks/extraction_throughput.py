"""Extraction throughput and memory of the real ``annotator extract DIR --json`` process.

Corpora of 250 and 500 generated articles (about 2.5 and 5 MB; see ``_common.generate_corpus``)
are extracted by ``annotator --no-cache extract DIR --json`` (output to a file), median of 3
interleaved runs. The reference, measured in the same rounds, is a Python process that reads
the same files and only tokenises them with one regex. Printed: seconds, MB/s, the ratio to the
reference, and the peak RSS of the process (``os.wait4``). Memory should stay flat as the corpus
doubles (documents are streamed): target peak RSS at 5 MB ≤ 1.25× that at 2.5 MB.
A warm-cache run is shown for comparison.

Run: ``.venv/bin/python benchmarks/extraction_throughput.py`` (a few minutes on 2 busy cores)
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    OUT,
    PYTHON,
    annotator_command,
    cache_env,
    generate_corpus,
    interleaved,
    report,
    run_process,
)

REPEATS = 3
TOKENISE = (
    "import re, sys\n"
    "from pathlib import Path\n"
    "word = re.compile(r'\\w+|[^\\w\\s]')\n"
    "count = 0\n"
    "for path in sorted(Path(sys.argv[1]).glob('*.txt')):\n"
    "    count += len(word.findall(path.read_text(encoding='utf-8')))\n"
    "print(count)\n"
)


def main() -> None:
    corpora = {
        250: generate_corpus(OUT / "corpus-250", 250, 10_000),
        500: generate_corpus(OUT / "corpus-500", 500, 10_000),
    }
    output = OUT / "extract-throughput.jsonl"
    warm = OUT / "cache-throughput"
    run_process(annotator_command("extract", str(corpora[250]), "--json"), env=cache_env(warm))
    commands = {}
    for articles, folder in corpora.items():
        extract = annotator_command("--no-cache", "extract", str(folder), "--json")
        commands[f"extract {articles}"] = lambda c=extract: run_process(c, stdout_path=output)
        commands[f"tokenise {articles}"] = lambda f=folder: run_process(
            [PYTHON, "-c", TOKENISE, str(f)]
        )
    warm_command = annotator_command("extract", str(corpora[250]), "--json")
    commands["warm 250"] = lambda: run_process(
        warm_command, env=cache_env(warm), stdout_path=output
    )
    runs = interleaved(commands, REPEATS)
    output.unlink(missing_ok=True)
    print(f"annotator extract DIR --json (no cache), median of {REPEATS} interleaved runs")
    for articles, folder in corpora.items():
        megabytes = sum(path.stat().st_size for path in folder.glob("*.txt")) / 1e6
        ours, reference = runs[f"extract {articles}"], runs[f"tokenise {articles}"]
        report(f"{articles} articles, {megabytes:.1f} MB: extract", ours.median, reference.median)
        report(f"  throughput ({ours.median_rss / 1e6:.0f} MB peak RSS)", megabytes / ours.median,
               unit="MB/s")  # fmt: skip
        report(f"  reference: read + one-regex tokenise ({reference.median_rss / 1e6:.0f} MB RSS)",
               reference.median)  # fmt: skip
    small, large = runs["extract 250"].median_rss, runs["extract 500"].median_rss
    report(
        "peak RSS 500 articles (ratio to 250 articles)", large / 1e6, small / 1e6, 1.25, unit="MB"
    )
    report("250 articles, warm cache (ratio to no cache)", runs["warm 250"].median,
           runs["extract 250"].median)  # fmt: skip


if __name__ == "__main__":
    main()
