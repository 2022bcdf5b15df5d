"""Benchmark: export 1,000 documents x 3 annotators to every format, streaming.

Builds a synthetic corpus from the seed articles (each copy gets its own id and a varied
sentence with an emoji, so texts differ), marks its curly-quoted passages as quotes, writes three
annotators' files (labels, attribution overrides, a deleted and an added quote), then exports to
every format into a temporary folder. Prints per format the wall time, the output size and the
peak Python heap while exporting (tracemalloc, separate pass) — far below the output size because
documents are streamed one at a time.

Run: /work/venv/bin/python benchmarks/export_speed.py [--documents N]
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import orjson

from annotator.corpus import default_corpus_path
from annotator.export.formats import EXPORT_FORMATS, write_export
from annotator.export.output import open_output
from annotator.export.views import ExportSource
from annotator.models import DEFAULT_SCHEME, AnnotationFile, Document, Quote, QuoteLabel
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore

ANNOTATORS = ("ann", "ben", "cho")
QUOTED = re.compile(r"“[^”]{8,}”")


def with_quotes(document: Document) -> Document:
    """Stand-in for extraction: every curly-quoted passage is a quote."""
    quotes = [
        Quote.from_span(document.text, m.start(), m.end(), kind="direct", speaker="Speaker")
        for m in QUOTED.finditer(document.text)
    ]
    return document.model_copy(update={"quotes": quotes})


def build_corpus(folder: Path, count: int) -> Path:
    seeds = [
        path.read_text(encoding="utf-8") for path in sorted(default_corpus_path().glob("*.txt"))
    ]
    corpus = folder / "corpus.jsonl"
    with corpus.open("wb") as handle:
        for n in range(count):
            text = seeds[n % len(seeds)] + (
                f"\n\nThe spokesperson 🙂 said “this is statement number {n} of the day.”\n"
            )
            handle.write(orjson.dumps({"id": f"doc-{n:05d}", "text": text}) + b"\n")
    return corpus


def documents(corpus: Path) -> Iterator[Document]:
    return (with_quotes(document) for document in load_corpus([corpus], extract=False))


def annotate(corpus: Path, store: AnnotationStore) -> int:
    rng = random.Random(7)
    stances, sentiments = DEFAULT_SCHEME.stance_values(), DEFAULT_SCHEME.sentiment_values()
    files = 0
    writers = {name: store.open_writer(name) for name in ANNOTATORS}
    try:
        for document in documents(corpus):
            for name in ANNOTATORS:
                quotes = document.quotes
                labels = [
                    QuoteLabel.for_quote(
                        quote,
                        "bench",
                        stance=rng.choice(stances),
                        sentiment=rng.choice(sentiments),
                        speaker=rng.choice([None, None, "Someone Else", ""]),
                        seconds=round(rng.uniform(2, 40), 1),
                        updated_at="2026-01-01T00:00:00Z",
                    )
                    for quote in quotes[1:]
                ]
                start = document.text.index(" ", 100)
                added = Quote.from_span(
                    document.text, start + 1, start + 30, kind="indirect", origin="manual"
                )
                writers[name].save(
                    AnnotationFile(
                        annotator=name,
                        document_id=document.id,
                        document_sha256=document.sha256,
                        scheme=DEFAULT_SCHEME.ref,
                        labels=labels,
                        added_quotes=[added],
                        deleted_quotes=[quotes[0].id] if quotes else [],
                    )
                )
                files += 1
    finally:
        for writer in writers.values():
            writer.release()
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        corpus = build_corpus(folder, args.documents)
        store = AnnotationStore(folder / "annotations", scheme=DEFAULT_SCHEME)
        started = time.perf_counter()
        files = annotate(corpus, store)
        print(
            f"setup: {args.documents} documents, {len(ANNOTATORS)} annotators, "
            f"{files} annotation files in {time.perf_counter() - started:.1f} s"
        )
        started = time.perf_counter()
        quotes = sum(len(d.quotes) for d in documents(corpus))
        read_seconds = time.perf_counter() - started
        print(f"reading + cleaning the corpus alone: {read_seconds:.2f} s ({quotes} quotes)")
        print(f"{'format':<13} {'time':>8} {'output':>10} {'peak heap':>10}")
        for format_name in EXPORT_FORMATS:
            target = folder / f"export.{format_name}"
            source = ExportSource(documents(corpus), store, list(ANNOTATORS))
            started = time.perf_counter()
            with open_output(target) as out:
                write_export(format_name, source, out)
            seconds = time.perf_counter() - started
            source = ExportSource(documents(corpus), store, list(ANNOTATORS))
            tracemalloc.start()
            with open_output(target) as out:
                write_export(format_name, source, out)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            size = target.stat().st_size
            print(
                f"{format_name:<13} {seconds:>6.2f} s {size / 1e6:>7.1f} MB {peak / 1e6:>7.1f} MB"
            )


if __name__ == "__main__":
    main()
