"""Benchmark: time and peak memory of ``annotator import label-studio`` on a big export.

Generates Label Studio files (a top-level JSON array of tasks, as Label Studio exports them)
from the seed corpus exported with both shipped annotators: each task is a copy of a seed task
whose text gets one more sentence and its own document id, so every task is a new document
(cleaned, extracted and written to the imported JSONL corpus). Two sizes are generated, about
7 MB and about 28 MB. Each is imported by the real command in a fresh process (median of
``--runs`` runs); the peak RSS of that process is read with ``os.wait4``.

Reference, measured in the same run: a process that only parses the whole 28 MB file with
``orjson.loads`` (what a non-streaming reader costs in memory before doing anything).

Target (memory bounded by the largest task, not by the file): the import of the 28 MB file may
use at most ``GROWTH_BOUND`` (0.5) times the extra file size over the 7 MB import's peak RSS; a
reader that holds the whole file (its parsed objects alone are several times the file size)
misses it. ``MISSED`` is printed beside a missed target.

Run: ``.venv/bin/python benchmarks/import_memory.py [--runs 3]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent
SMALL_BYTES = 7_000_000
BIG_BYTES = 28_000_000
GROWTH_BOUND = 0.5
ANNOTATOR = [sys.executable, "-m", "annotator"]


def seed_tasks(folder: Path) -> list[dict[str, object]]:
    out = folder / "seed-tasks.json"
    subprocess.run(
        [*ANNOTATOR, "export", "--format", "label-studio", "-o", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    tasks: list[dict[str, object]] = orjson.loads(out.read_bytes())
    return tasks


def build_file(path: Path, tasks: list[dict[str, object]], target: int) -> int:
    """Write copies of ``tasks`` (each with its own text and id) until ``target`` bytes."""
    written = 0
    number = 0
    with path.open("wb") as handle:
        handle.write(b"[\n")
        while written < target:
            task = orjson.loads(orjson.dumps(tasks[number % len(tasks)]))
            data = task["data"]
            data["text"] += f"\n\nThe spokesperson said this was statement number {number}."
            data["document_id"] = f"bench-{number:06d}"
            task["id"] = number + 1
            chunk = (b",\n" if number else b"") + orjson.dumps(task)
            handle.write(chunk)
            written += len(chunk)
            number += 1
        handle.write(b"\n]\n")
    return number


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak RSS (bytes) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {error.strip()}")
    return elapsed, usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux


def import_once(file: Path, folder: Path, run: int) -> tuple[float, int]:
    work = folder / f"run-{file.stem}-{run}"
    work.mkdir()
    command = [
        *ANNOTATOR,
        "import",
        "label-studio",
        str(file),
        "--annotations",
        str(work / "annotations"),
        "--documents",
        str(work / "imported.jsonl"),
        "--corpus",
        str(REPO / "seeds"),
    ]
    return measure(command, REPO)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        tasks = seed_tasks(folder)
        results: dict[str, tuple[int, int, float, int]] = {}
        for label, target in (("small", SMALL_BYTES), ("big", BIG_BYTES)):
            file = folder / f"{label}.json"
            count = build_file(file, tasks, target)
            runs = [import_once(file, folder, run) for run in range(args.runs)]
            seconds = statistics.median(run[0] for run in runs)
            peak = int(statistics.median(run[1] for run in runs))
            results[label] = (file.stat().st_size, count, seconds, peak)
        big_file = folder / "big.json"
        parse_command = [
            sys.executable,
            "-c",
            f"import orjson; orjson.loads(open({str(big_file)!r}, 'rb').read())",
        ]
        ref_seconds, ref_peak = measure(parse_command, REPO)

    mib = 1024 * 1024
    for label, (size, count, seconds, peak) in results.items():
        print(
            f"{label:5} file {size / mib:6.1f} MiB, {count:4} tasks: import {seconds:6.1f} s, "
            f"peak RSS {peak / mib:7.1f} MiB ({peak / size:.2f}x the file)"
        )
    print(
        f"reference: orjson.loads of the big file alone: {ref_seconds:.2f} s, "
        f"peak RSS {ref_peak / mib:.1f} MiB; import / reference: time "
        f"{results['big'][2] / ref_seconds:.1f}x, peak RSS {results['big'][3] / ref_peak:.2f}x"
    )
    small_size, _, _, small_peak = results["small"]
    big_size, _, _, big_peak = results["big"]
    growth = (big_peak - small_peak) / (big_size - small_size)
    verdict = "" if growth <= GROWTH_BOUND else "  MISSED"
    print(
        f"peak RSS growth: {growth:.2f} bytes per extra file byte "
        f"(target ≤ {GROWTH_BOUND}){verdict}"
    )


if __name__ == "__main__":
    main()
