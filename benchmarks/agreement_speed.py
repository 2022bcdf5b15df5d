"""Speed of agreement: every alpha level against the ``krippendorff`` package, and the CLI.

1. Alpha at the nominal, ordinal, interval and ratio levels for 2, 5 and 10 annotators ×
   100,000 units, 5 ordered labels, 10% missing (fixed seed), from the same float array with NaN:
   median of 5 interleaved runs each; target ratio ours/package ≤ 1.0 and values equal to 1e-12.
2. ``annotator agreement --json`` (and the tables) as a process on 10 annotators × 200 documents
   × 50 labelled quotes (2,000 files, 100,000 labels), median of 3 runs; target ≤ 1.5 s. The
   reference is bare ``python -c pass`` measured in the same rounds.

Run: ``.venv/bin/python benchmarks/agreement_speed.py`` (``--cli`` runs the second part only)
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, annotator_command, bare_python, interleaved, report, run_process

from annotator.agreement import krippendorff_alpha
from annotator.models import DEFAULT_SCHEME, quote_id_for, utc_now

SEED = 20240501
UNITS = 100_000
LABELS = 5
MISSING_SHARE = 0.10
ALPHA_REPEATS = 5
CLI_REPEATS = 3
LEVELS = ("nominal", "ordinal", "interval", "ratio")
CLI_TARGET_SECONDS = 1.5


def alpha_benchmark() -> bool:
    import krippendorff

    print(
        f"alpha: ours vs the krippendorff package, {UNITS:,} units, {LABELS} labels, "
        f"{MISSING_SHARE:.0%} missing, median of {ALPHA_REPEATS} interleaved runs"
    )
    rng = np.random.default_rng(SEED)
    all_met = True
    for annotators in (2, 5, 10):
        truth = rng.integers(0, LABELS, size=UNITS)
        noise = rng.integers(0, LABELS, size=(annotators, UNITS))
        values = np.where(rng.random((annotators, UNITS)) < 0.7, truth, noise).astype(np.float64)
        values[rng.random(values.shape) < MISSING_SHARE] = np.nan
        for level in LEVELS:
            ours_times, theirs_times = [], []
            ours = theirs = float("nan")
            for _ in range(ALPHA_REPEATS):
                start = time.perf_counter()
                theirs = float(krippendorff.alpha(values, level_of_measurement=level))
                theirs_times.append(time.perf_counter() - start)
                start = time.perf_counter()
                ours = krippendorff_alpha(values, level)  # type: ignore[arg-type]
                ours_times.append(time.perf_counter() - start)
            met = report(
                f"{level} alpha, {annotators} annotators (package "
                f"{statistics.median(theirs_times) * 1000:.0f} ms)",
                statistics.median(ours_times) * 1000,
                statistics.median(theirs_times) * 1000,
                target=1.0,
                unit="ms",
            )
            equal = abs(ours - theirs) <= 1e-12
            if not equal:
                print(f"    values differ: ours {ours!r} package {theirs!r}   MISSED")
            all_met = all_met and met and equal
    return all_met


def write_annotation_files(root: Path, annotators: int, documents: int, quotes: int) -> int:
    """Annotation files as the store writes them (valid against the schema), fast."""
    marker = root / f".complete-{annotators}-{documents}-{quotes}"
    if marker.exists():
        return annotators * documents
    shutil.rmtree(root, ignore_errors=True)
    rng = np.random.default_rng(SEED)
    stances = DEFAULT_SCHEME.stance_values()
    sentiments = DEFAULT_SCHEME.sentiment_values()
    speakers = [f"Speaker {index}" for index in range(40)]
    truth_stance = rng.integers(0, len(stances), size=(documents, quotes))
    truth_sentiment = rng.integers(0, len(sentiments), size=(documents, quotes))
    now = utc_now().isoformat().replace("+00:00", "Z")
    for annotator in range(annotators):
        name = f"annotator{annotator:02d}"
        folder = root / name
        folder.mkdir(parents=True)
        for document in range(documents):
            labels = []
            for quote in range(quotes):
                agree = rng.random() < 0.75
                stance = truth_stance[document, quote] if agree else rng.integers(len(stances))
                sentiment = (
                    truth_sentiment[document, quote] if agree else rng.integers(len(sentiments))
                )
                speaker = None if rng.random() < 0.8 else speakers[int(rng.integers(40))]
                labels.append(
                    {
                        "quote_id": quote_id_for(quote * 100, quote * 100 + 60),
                        "quote": {
                            "start": quote * 100,
                            "end": quote * 100 + 60,
                            "text": "x" * 60,
                            "kind": "direct",
                            "speaker": "Wang Yi",
                            "extractor": "benchmark",
                        },
                        "stance": stances[int(stance)],
                        "sentiment": sentiments[int(sentiment)],
                        "speaker": speaker,
                        "outlet": None,
                        "note": None,
                        "flagged": False,
                        "seconds": float(rng.integers(5, 60)),
                        "updated_at": now,
                    }
                )
            data = {
                "schema_version": 2,
                "annotator": name,
                "document_id": f"doc{document:03d}",
                "document_sha256": "0" * 64,
                "scheme": DEFAULT_SCHEME.ref.model_dump(mode="json"),
                "labels": labels,
                "added_quotes": [],
                "deleted_quotes": [],
            }
            (folder / f"doc{document:03d}.json").write_bytes(
                orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
            )
    marker.touch()
    return annotators * documents


def cli_benchmark() -> bool:
    root = OUT / "agreement-annotations"
    files = write_annotation_files(root, annotators=10, documents=200, quotes=50)
    # the files must be valid: one run of `annotator validate` would take long; agreement
    # itself validates every file it reads and fails on the first bad one
    runs = interleaved(
        {
            "python": bare_python,
            "json": lambda: run_process(annotator_command("agreement", str(root), "--json")),
            "tables": lambda: run_process(annotator_command("agreement", str(root))),
        },
        CLI_REPEATS,
    )
    print(
        f"annotator agreement on {files} files × 50 labels (10 annotators × 200 documents), "
        f"median of {CLI_REPEATS}; ratio to bare Python start-up"
    )
    python = runs["python"].median
    report("bare python -c pass", python)
    met_json = report(
        "agreement --json", runs["json"].median, python, CLI_TARGET_SECONDS, ratio_target=False
    )
    met_tables = report(
        "agreement (tables)", runs["tables"].median, python, CLI_TARGET_SECONDS, ratio_target=False
    )
    # what each costs whatever else runs (the target is wall clock: on a busy machine the
    # CPU seconds say how far the command itself is from it)
    for name in ("json", "tables"):
        print(f"  {'':<58} {runs[name].median_cpu:9.3f} s CPU ({name}, median)")
    return met_json and met_tables


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", action="store_true", help="only the CLI part (2.)")
    if not parser.parse_args().cli:
        alpha_benchmark()
    cli_benchmark()
