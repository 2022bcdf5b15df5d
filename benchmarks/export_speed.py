"""Speed of ``annotator export`` as the user runs it, cold and warm extraction cache.

Data (generated once into ``benchmarks/out/``): 1,000 articles of about 10 KB (10 MB) made of
seed paragraphs and new quoted sentences, and 2 annotators' files labelling about half of the
quotes each. Every figure is the real command as a process, median of 3 interleaved runs:

- ``extract --json`` with no cache (what every export cost before the cache) and warm;
- ``export --format F`` for every format on a warm cache, and ``jsonl`` on a cold one.

Target (issue #15): every export on a warm cache ≤ 0.3× ``extract --json`` without a cache
(the time extraction takes). The ratio to ``extract --json`` on a warm cache is printed too.

Run: ``.venv/bin/python benchmarks/export_speed.py`` (a few minutes on 2 busy cores)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (
    OUT,
    annotator_command,
    cache_env,
    extract_quote_ids,
    generate_corpus,
    interleaved,
    report,
    run_process,
    write_annotations,
)

from annotator.export.formats import EXPORT_FORMATS

ARTICLES = 1000
ARTICLE_BYTES = 10_000
REPEATS = 3
TARGET = 0.3


def prepare() -> tuple[Path, Path, Path, int]:
    corpus = generate_corpus(OUT / "corpus-1000", ARTICLES, ARTICLE_BYTES)
    warm = OUT / "cache-1000"
    annotations = OUT / "annotations-1000"
    marker = annotations / ".complete"
    if not marker.exists():
        shutil.rmtree(annotations, ignore_errors=True)
        documents = extract_quote_ids(corpus, warm)
        labels = write_annotations(annotations, documents, annotators=2, share=0.5)
        (annotations / ".complete").write_text(str(labels))
    else:
        run_process(annotator_command("extract", str(corpus), "--json"), env=cache_env(warm))
    return corpus, annotations, warm, int(marker.read_text())


def main() -> None:
    corpus, annotations, warm, labels = prepare()
    size = sum(path.stat().st_size for path in corpus.glob("*.txt")) / 1e6
    scratch = Path(tempfile.mkdtemp(prefix="export-bench-", dir=OUT))

    def cold_env() -> dict[str, str]:
        folder = scratch / "cold-cache"
        shutil.rmtree(folder, ignore_errors=True)
        return cache_env(folder)

    def export(format_name: str, env_of: object) -> object:
        def run() -> tuple[float, int]:
            env = env_of() if callable(env_of) else env_of
            command = annotator_command(
                "export", "--corpus", str(corpus), "--annotations", str(annotations),
                "--format", format_name, "-o", str(scratch / f"export.{format_name}"),
            )  # fmt: skip
            return run_process(command, env=env)

        return run

    extract = annotator_command("extract", str(corpus), "--json")
    commands = {
        "extract --json, no cache": lambda: run_process(
            annotator_command("--no-cache", "extract", str(corpus), "--json")
        ),
        "extract --json, warm cache": lambda: run_process(extract, env=cache_env(warm)),
        "export jsonl, cold cache": export("jsonl", cold_env),
        **{f"export {name}, warm cache": export(name, cache_env(warm)) for name in EXPORT_FORMATS},
    }
    runs = interleaved(commands, REPEATS)  # type: ignore[arg-type]
    shutil.rmtree(scratch, ignore_errors=True)
    print(
        f"annotator export on {ARTICLES} articles ({size:.1f} MB), 2 annotators, {labels:,} "
        f"labels; median of {REPEATS} interleaved runs (whole process)"
    )
    uncached = runs["extract --json, no cache"].median
    cached = runs["extract --json, warm cache"].median
    report("extract --json, no cache (reference)", uncached)
    print(
        f"  {'':<58} CPU {runs['extract --json, no cache'].median_cpu:.2f} s (all its workers: "
        "idle cores make its wall clock about CPU / cores, busy ones bring it near its CPU)"
    )
    report("extract --json, warm cache", cached, uncached)
    report("export jsonl, cold cache", runs["export jsonl, cold cache"].median, uncached)
    print("  warm-cache exports: ratio to extract --json with no cache (target), then to warm")
    for name in EXPORT_FORMATS:
        value = runs[f"export {name}, warm cache"].median
        report(f"export {name}, warm cache", value, uncached, TARGET)
        print(f"  {'':<58} {'':9}     ratio to warm extract {value / cached:5.2f}x")
        cpu = runs[f"export {name}, warm cache"].median_cpu
        print(f"  {'':<58} {'':9}     CPU {cpu:.2f} s, ratio to no-cache extract's CPU "
              f"{cpu / runs['extract --json, no cache'].median_cpu:5.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
