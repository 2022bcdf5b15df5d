"""Speed of ``annotator report`` and ``annotator stats`` against ``annotator agreement --json``.

The same 200 annotation files of 500 quotes each as ``agreement_speed.py`` (4 annotators × 50
documents, 40 speakers, timed labels), written with the store into a temporary folder. Each
command runs as a process, median of 3 runs; the reference, ``agreement --json``, is measured in
the same run. Targets (ratio to the reference):

- ``stats --json`` ≤ 1.0 (the distributions need no bootstrap);
- ``report --no-figures`` ≤ 1.5 (the agreement report, read once, plus the distributions);
- ``report`` with its 20 figures (12 confusion matrices, SVG and PNG) ≤ 6.0.

Run: ``.venv/bin/python benchmarks/report_speed.py``
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from agreement_speed import write_annotation_files

RUNS = 3
TARGETS = {"stats --json": 1.0, "report --no-figures": 1.5, "report": 6.0}


def median_seconds(command: list[str]) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, check=False)
        timings.append(time.perf_counter() - start)
        if completed.returncode != 0:
            print(completed.stderr.decode())
            raise SystemExit(f"{' '.join(command)} failed")
    return statistics.median(timings)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "annotations"
        out = Path(folder) / "report"
        files = write_annotation_files(root)
        annotator = [sys.executable, "-m", "annotator"]
        reference = median_seconds([*annotator, "agreement", str(root), "--json"])
        print(
            f"{files} annotation files x 500 quotes, median of {RUNS} runs (whole process)\n"
            f"  agreement --json (reference): {reference:6.2f} s"
        )
        commands = {
            "stats --json": [*annotator, "stats", "--annotations", str(root), "--json"],
            "report --no-figures": [
                *annotator, "report", "--annotations", str(root), "--out", str(out),
                "--no-figures",
            ],
            "report": [*annotator, "report", "--annotations", str(root), "--out", str(out)],
        }  # fmt: skip
        for name, command in commands.items():
            seconds = median_seconds(command)
            ratio = seconds / reference
            target = TARGETS[name]
            verdict = "" if ratio <= target else "  MISSED"
            print(
                f"  {name + ':':29} {seconds:6.2f} s  ratio {ratio:5.2f} "
                f"(target <= {target}){verdict}"
            )


if __name__ == "__main__":
    main()
