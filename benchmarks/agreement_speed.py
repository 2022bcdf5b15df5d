"""Speed of agreement: nominal alpha against the ``krippendorff`` package, and the CLI.

1. 5 annotators × 200,000 units, 4 labels, 10% missing, fixed seed: nominal alpha from the same
   float array with NaN for both implementations (best of 5 runs each), and ours from string
   labels with ``None`` as they come out of annotation files. Target: ratio ≤ 1.0.
2. ``annotator agreement --json`` on 200 annotation files of 500 quotes each (4 annotators ×
   50 documents), written with the store into a temporary folder, run as a subprocess.
   Target: under 2 seconds.

Run: ``/work/venv/bin/python benchmarks/agreement_speed.py``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from annotator.agreement import krippendorff_alpha
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    LabelledQuote,
    QuoteLabel,
    quote_id_for,
)
from annotator.store import AnnotationStore

SEED = 20240501
ANNOTATORS = 5
UNITS = 200_000
LABELS = 4
MISSING_SHARE = 0.10
REPEATS = 5


def best_time(function: Callable[[], float], repeats: int = REPEATS) -> tuple[float, float]:
    best = float("inf")
    result = float("nan")
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def alpha_benchmark() -> None:
    import krippendorff

    rng = np.random.default_rng(SEED)
    truth = rng.integers(0, LABELS, size=UNITS)
    noise = rng.integers(0, LABELS, size=(ANNOTATORS, UNITS))
    values = np.where(rng.random((ANNOTATORS, UNITS)) < 0.7, truth, noise).astype(np.float64)
    values[rng.random(values.shape) < MISSING_SHARE] = np.nan
    names = np.array(["pro-US", "pro-China", "balancing", "neutral"], dtype=object)
    labels = [[None if np.isnan(value) else names[int(value)] for value in row] for row in values]

    theirs_time, theirs = best_time(
        lambda: float(krippendorff.alpha(values, level_of_measurement="nominal"))
    )
    ours_time, ours = best_time(lambda: krippendorff_alpha(values))
    labels_time, from_labels = best_time(lambda: krippendorff_alpha(labels))
    print(
        f"nominal alpha, {ANNOTATORS} annotators x {UNITS:,} units, {LABELS} labels, "
        f"{MISSING_SHARE:.0%} missing (seed {SEED}, best of {REPEATS})"
    )
    print(
        f"  krippendorff package (float array, NaN): {theirs_time * 1000:8.1f} ms  alpha={theirs:.6f}"
    )
    print(
        f"  annotator (float array, NaN):            {ours_time * 1000:8.1f} ms  alpha={ours:.6f}"
    )
    print(
        f"  annotator (string labels, None):         {labels_time * 1000:8.1f} ms  alpha={from_labels:.6f}"
    )
    print(f"  ratio annotator/krippendorff, same float input: {ours_time / theirs_time:.3f}")
    print(f"  ratio annotator from labels/krippendorff:       {labels_time / theirs_time:.3f}")
    if abs(ours - theirs) > 1e-9 or abs(from_labels - theirs) > 1e-9:
        print("  MISMATCH between implementations")


def write_annotation_files(root: Path, annotators: int = 4, documents: int = 50) -> int:
    rng = np.random.default_rng(SEED)
    store = AnnotationStore(root)
    stances = DEFAULT_SCHEME.stance_values()
    sentiments = DEFAULT_SCHEME.sentiment_values()
    speakers = [f"Speaker {index}" for index in range(40)]
    written = 0
    truth_stance = rng.integers(0, len(stances), size=(documents, 500))
    truth_sentiment = rng.integers(0, len(sentiments), size=(documents, 500))
    for annotator in range(annotators):
        name = f"annotator{annotator}"
        with store.open_writer(name) as writer:
            for document in range(documents):
                labels = []
                for quote in range(500):
                    agree = rng.random() < 0.75
                    stance = truth_stance[document, quote] if agree else rng.integers(len(stances))
                    sentiment = (
                        truth_sentiment[document, quote] if agree else rng.integers(len(sentiments))
                    )
                    speaker = None if rng.random() < 0.8 else speakers[int(rng.integers(40))]
                    labels.append(
                        QuoteLabel(
                            quote_id=quote_id_for(quote * 100, quote * 100 + 60),
                            quote=LabelledQuote(
                                start=quote * 100,
                                end=quote * 100 + 60,
                                text="x" * 60,
                                kind="direct",
                                speaker="Proposed Speaker",
                                extractor="bench",
                            ),
                            stance=stances[int(stance)],
                            sentiment=sentiments[int(sentiment)],
                            speaker=speaker,
                            seconds=float(rng.integers(5, 60)),
                        )
                    )
                writer.save(
                    AnnotationFile(
                        annotator=name,
                        document_id=f"doc{document:03d}",
                        document_sha256="0" * 64,
                        scheme=DEFAULT_SCHEME.ref,
                        labels=labels,
                    )
                )
                written += 1
    return written


def cli_benchmark() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "annotations"
        files = write_annotation_files(root)
        for extra in (["--json"], []):
            command = [sys.executable, "-m", "annotator", "agreement", str(root), *extra]
            timings = []
            for _ in range(3):
                start = time.perf_counter()
                completed = subprocess.run(command, capture_output=True, check=False)
                timings.append(time.perf_counter() - start)
                if completed.returncode != 0:
                    print(completed.stderr.decode())
                    raise SystemExit("annotator agreement failed")
            print(
                f"annotator agreement {' '.join(extra) or '(tables)'} on {files} files x 500 "
                f"quotes: best {min(timings):.2f} s, worst {max(timings):.2f} s "
                "(target < 2 s; whole process incl. start-up)"
            )


if __name__ == "__main__":
    alpha_benchmark()
    cli_benchmark()
