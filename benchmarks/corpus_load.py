"""Load time and peak memory of corpus cleaning on a 20 MB article.

1. A 20 MB article made of the two seeds repeated (header, Markdown links, bold, boilerplate,
   single-newline paragraphs and headings all included), loaded with ``iter_documents``:
   best of 3 wall-clock times, then the peak of Python allocations (``tracemalloc``, separate run).
   Targets: under 5 seconds; peak under 12x the file size.
2. A 1 MB line full of unclosed ``**`` markers (regression: a quadratic regex took a minute
   on 200 KB). Target: under 1 second.

Run: ``/work/venv/bin/python benchmarks/corpus_load.py``
"""

from __future__ import annotations

import tempfile
import time
import tracemalloc
from pathlib import Path

from annotator.corpus import clean_article, iter_documents

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TARGET_BYTES = 20_000_000
REPEATS = 3
TIME_TARGET_SECONDS = 5.0
MEMORY_TARGET_FACTOR = 12


def build_article(folder: Path) -> Path:
    header_seed, plain_seed = (
        (SEEDS / name).read_text(encoding="utf-8")
        for name in ("000_f0025863dcde12f7.txt", "002_ca6aa25ebd0c7d75.txt")
    )
    unit = header_seed + "\n\n" + plain_seed + "\n\n"
    copies = TARGET_BYTES // len(unit.encode("utf-8")) + 1
    path = folder / "twenty-megabytes.txt"
    path.write_text(unit * copies, encoding="utf-8")
    return path


def load(path: Path) -> int:
    (document,) = iter_documents([path])
    return len(document.text)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = build_article(Path(folder))
        size = path.stat().st_size
        times = []
        characters = 0
        for _ in range(REPEATS):
            start = time.perf_counter()
            characters = load(path)
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        load(path)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    best = min(times)
    factor = peak / size
    print(f"article: {size / 1e6:.1f} MB on disk, {characters / 1e6:.1f} M characters cleaned")
    print(
        f"load time: best {best:.2f} s of {REPEATS} (all: {', '.join(f'{t:.2f}' for t in times)})"
        f" — target < {TIME_TARGET_SECONDS:.0f} s: {'OK' if best < TIME_TARGET_SECONDS else 'MISSED'}"
    )
    print(
        f"peak Python memory: {peak / 1e6:.0f} MB = {factor:.1f}x the file"
        f" — target < {MEMORY_TARGET_FACTOR}x: {'OK' if factor < MEMORY_TARGET_FACTOR else 'MISSED'}"
    )

    line = "Start of the text. " + "**a " * 250_000 + "end."
    start = time.perf_counter()
    clean_article(line + "\n\nA second paragraph ends here.\n")
    elapsed = time.perf_counter() - start
    print(
        f"1 MB line of unclosed ** markers: {elapsed:.2f} s"
        f" — target < 1 s: {'OK' if elapsed < 1 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
