"""Speed of ``annotator report`` and ``annotator stats`` against ``annotator agreement --json``.

The annotation files of ``agreement_speed.py`` (10 annotators × 200 documents × 50 labelled
quotes: 2,000 files, 100,000 labels, generated once into ``benchmarks/out/``). Each command runs
as a process, median of 3 interleaved runs; the reference, ``agreement --json`` on the same
files, is measured in the same rounds. Targets (ratio to the reference):

- ``stats --json`` ≤ 1.0 (the distributions need no bootstrap);
- ``report --no-figures`` ≤ 1.5 (the agreement report, computed once, plus the distributions);
- ``report`` with every figure (90 confusion matrices for 45 pairs, SVG and PNG) ≤ 15.

Run: ``.venv/bin/python benchmarks/report_speed.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, annotator_command, interleaved, report, run_process
from agreement_speed import write_annotation_files

REPEATS = 3
TARGETS = {"stats --json": 1.0, "report --no-figures": 1.5, "report": 15.0}


def main() -> bool:
    root = OUT / "agreement-annotations"
    files = write_annotation_files(root, annotators=10, documents=200, quotes=50)
    out = OUT / "report"
    commands = {
        "agreement --json": annotator_command("agreement", str(root), "--json"),
        "stats --json": annotator_command("stats", "--annotations", str(root), "--json"),
        "report --no-figures": annotator_command(
            "report", "--annotations", str(root), "--out", str(out), "--no-figures"
        ),
        "report": annotator_command("report", "--annotations", str(root), "--out", str(out)),
    }
    runs = interleaved(
        {
            name: (lambda command=command: run_process(command))
            for name, command in commands.items()
        },
        REPEATS,
    )
    print(
        f"report and stats on {files} files × 50 labels (10 annotators × 200 documents), "
        f"median of {REPEATS}; ratio to agreement --json"
    )
    reference = runs["agreement --json"].median
    report("agreement --json (reference)", reference)
    met = True
    for name, target in TARGETS.items():
        met = report(name, runs[name].median, reference, target) and met
    return met


if __name__ == "__main__":
    main()
