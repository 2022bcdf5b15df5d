"""Benchmark: open a 1 MB article with 2,000 quotes in the UI and label quotes by keys.

Runs the real app headless with ``App.run_test`` and prints:
- time to first screen: from starting the app until the annotate screen shows the article;
- the mean time per key press while moving between quotes (``j``/``k``);
- time to label 1,000 quotes by key presses (a stance key then ``j``; every label is saved
  atomically before the next key), pressed one by one through the Pilot;
- time to label the next 1,000 quotes with the same keys queued at once (as key repeat or a
  fast typist would send them), which leaves out the Pilot's waiting.

Wall-clock figures with the Pilot include its own waiting for the screen to settle after
each key (tens of milliseconds that a real terminal does not add); the CPU figures are the
work done in the process.

Usage: ``python benchmarks/tui_open_and_label.py``
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from pathlib import Path

from textual import events

from annotator.models import Document, Quote, QuoteKind, sha256_text
from annotator.store import load_annotation_file
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.annotate import AnnotateScreen

TARGET_CHARACTERS = 1_000_000
QUOTES = 2_000
WORDS = [
    "Seoul",
    "Washington",
    "Beijing",
    "alliance",
    "trade",
    "security",
    "summit",
    "minister",
    "talks",
    "tariff",
    "chips",
    "peninsula",
    "cooperation",
    "dialogue",
    "pressure",
    "supply",
    "chain",
    "strategy",
    "partner",
    "rivalry",
]


def big_document(seed: int = 7) -> Document:
    """About 1 MB of text with 2,000 curly-quoted passages spread through it."""
    rng = random.Random(seed)
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    size = 0
    per_quote = TARGET_CHARACTERS // QUOTES
    while len(spans) < QUOTES:
        filler = " ".join(rng.choice(WORDS) for _ in range(per_quote // 9)) + ". "
        quote = "“" + " ".join(rng.choice(WORDS) for _ in range(12)) + ",” the minister said. "
        parts.append(filler)
        size += len(filler)
        spans.append((size, size + quote.index("”") + 1))
        parts.append(quote)
        size += len(quote)
        if len(spans) % 4 == 0:
            parts.append("\n\n")
            size += 2
    text = "".join(parts)
    quotes = [
        Quote.from_span(text, start, end, kind=QuoteKind.DIRECT, speaker="Park Jin")
        for start, end in spans
    ]
    return Document(
        id="big",
        source="big.txt",
        sha256=sha256_text(text),
        title="A long article",
        text=text,
        quotes=quotes,
    )


async def run() -> None:
    document = big_document()
    print(f"article: {len(document.text):,} characters, {len(document.quotes):,} quotes")
    with tempfile.TemporaryDirectory() as folder:
        annotations = Path(folder) / "annotations"
        started = time.perf_counter()
        app = AnnotatorApp(
            annotations_dir=annotations,
            annotator="bench",
            documents=[document],
            name_file=Path(folder) / "name",
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            while not isinstance(app.screen, AnnotateScreen):
                await pilot.pause(0.001)
            await pilot.pause()
            first_screen = time.perf_counter() - started
            print(f"time to first screen: {first_screen:.3f} s")

            started, cpu = time.perf_counter(), time.process_time()
            for _ in range(200):
                await pilot.press("j")
            for _ in range(200):
                await pilot.press("k")
            await pilot.pause()
            wall = (time.perf_counter() - started) / 400
            cpu = (time.process_time() - cpu) / 400
            print(
                f"moving between quotes (j/k, 400 presses): {wall * 1000:.1f} ms per key press "
                f"wall clock, {cpu * 1000:.1f} ms CPU"
            )

            started, cpu = time.perf_counter(), time.process_time()
            for index in range(1000):
                await pilot.press("1234"[index % 4], "j")
            await pilot.pause()
            wall = time.perf_counter() - started
            cpu = time.process_time() - cpu
            print(
                f"time to label 1,000 quotes by key presses (stance key + j, each label saved "
                f"atomically): {wall:.2f} s wall clock ({wall:.2f} ms per quote), {cpu:.2f} s CPU"
            )
            # the next 1,000 quotes with the keys queued as fast as a key-repeat would send them
            session = app.session
            assert session is not None
            started, cpu = time.perf_counter(), time.process_time()
            for index in range(1000):
                for key in ("1234"[index % 4], "j"):
                    app.post_message(events.Key(key, key))
            while session.progress().labelled < 2000:
                await pilot.pause(0.01)
            wall = time.perf_counter() - started
            cpu = time.process_time() - cpu
            print(
                f"time to label the next 1,000 quotes with the keys queued (no Pilot waits): "
                f"{wall:.2f} s wall clock ({wall:.2f} ms per quote), {cpu:.2f} s CPU"
            )
        saved = load_annotation_file(annotations / "bench" / "big.json", document=document)
        print(f"labels in the saved file: {sum(1 for label in saved.labels if label.stance):,}")


if __name__ == "__main__":
    asyncio.run(run())
