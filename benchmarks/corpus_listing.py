"""The corpus screen on 1,000 articles: time until every document is listed (second open).

The real UI (``AnnotatorApp`` through Textual's Pilot, 120×40 headless terminal) is opened on the
generated 1,000-article corpus with an annotator who has labelled about half of the quotes (the
data of ``export_speed.py``), after one open has filled the extraction cache. Measured in a fresh
process each run: seconds from the process's start until the screen lists all 1,000 rows with
their quote counts, has finished loading and has drawn the frame that shows them (Pilot's
``pause()`` after the last row: pending messages handled and the screen refreshed), and the
whole process. Reference, in the same rounds:
``annotator corpus DIR --json`` (reading and cleaning the same files, no extraction).
Median of 3 interleaved runs. Target (issue #15): fully listed ≤ 2 s.

Run: ``.venv/bin/python benchmarks/corpus_listing.py``
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402
    OUT,
    PYTHON,
    annotator_command,
    cache_env,
    interleaved,
    report,
    run_process,
)

REPEATS = 3
TARGET_SECONDS = 2.0


async def open_and_wait(corpus: Path, annotations: Path) -> tuple[float, float]:
    from annotator.tui.app import AnnotatorApp
    from annotator.tui.screens.corpus import CorpusScreen
    from annotator.tui.widgets.document_table import DocumentTable

    app = AnnotatorApp([corpus], annotations, "analyst0", name_file=OUT / "bench-name")
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, CorpusScreen) and not screen._loading:
                break
            await pilot.pause(0.01)
        await pilot.pause()  # the frame with the last rows drawn
        listed = time.perf_counter() - START
        cpu = time.process_time()  # every thread of this process, from its start
        rows = screen.query_one(DocumentTable).row_count
        pending = sum(progress.extracting for progress in app.progress)
        if rows != 1000 or pending:
            sys.exit(f"listed {rows} rows, {pending} still extracting")
    return listed, cpu


def child() -> None:
    corpus, annotations = Path(sys.argv[2]), Path(sys.argv[3])
    listed, cpu = asyncio.run(open_and_wait(corpus, annotations))
    (OUT / "corpus-listing.seconds").write_text(f"{listed} {cpu}\n")


def main() -> None:
    import export_speed

    corpus, annotations, warm, labels = export_speed.prepare()
    env = cache_env(warm)
    command = [PYTHON, __file__, "--child", str(corpus), str(annotations)]
    run_process(command, env=env)  # the first open (cache already filled by prepare)
    listed: list[float] = []
    cpu: list[float] = []

    def open_ui() -> tuple[float, int]:
        result = run_process(command, env=env)
        wall, seconds = (OUT / "corpus-listing.seconds").read_text().split()
        listed.append(float(wall))
        cpu.append(float(seconds))
        return result

    runs = interleaved(
        {
            "corpus": lambda: run_process(annotator_command("corpus", str(corpus), "--json")),
            "ui": open_ui,
        },
        REPEATS,
    )
    listed.sort()
    cpu.sort()
    corpus_seconds = runs["corpus"].median
    print(
        f"corpus screen, 1,000 articles, annotator with {labels // 2:,} labels, second open; "
        f"median of {REPEATS} interleaved runs; ratio to `annotator corpus DIR --json`"
    )
    report("annotator corpus DIR --json (reference)", corpus_seconds)
    report("UI: start until all 1,000 rows listed", listed[len(listed) // 2], corpus_seconds,
           TARGET_SECONDS, ratio_target=False)  # fmt: skip
    # on a loaded machine the wall clock mostly measures the other processes: CPU beside it
    report("UI: CPU seconds of the process until listed (no target)", cpu[len(cpu) // 2])
    report("UI: whole process (listing, then quit)", runs["ui"].median, corpus_seconds)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child()
    else:
        main()
