"""Start-up: ``annotator --help`` and ``annotator corpus seeds --json`` against bare Python.

Each is the real command as a process, median of 7 interleaved runs with ``python -c pass``
(the reference). Targets (issue #15): ``--help`` ≤ 10×, ``corpus seeds --json`` ≤ 15× bare
Python. ``label`` on a cached document is shown too (no target).

Run: ``.venv/bin/python benchmarks/startup.py``
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import OUT, SEEDS, annotator_command, bare_python, cache_env, interleaved, report
from _common import run_process as run

REPEATS = 7


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    cache = OUT / "cache-startup"
    annotations = Path(tempfile.mkdtemp(prefix="startup-", dir=OUT))
    document = sorted(SEEDS.glob("*.txt"))[0].stem
    label = annotator_command(
        "label", "--annotator", "bench", "--annotations", str(annotations), "--corpus",
        str(SEEDS), document,
    )  # fmt: skip
    run(label, env=cache_env(cache))  # fills the cache
    runs = interleaved(
        {
            "python": bare_python,
            "help": lambda: run(annotator_command("--help")),
            "corpus": lambda: run(annotator_command("corpus", str(SEEDS), "--json")),
            "label": lambda: run(label, env=cache_env(cache)),
        },
        REPEATS,
    )
    python = runs["python"].median
    print(f"start-up, median of {REPEATS} interleaved runs; ratio to bare python -c pass")
    report("python -c pass (reference)", python)
    report("annotator --help", runs["help"].median, python, 10)
    report("annotator corpus seeds --json", runs["corpus"].median, python, 15)
    report("annotator label DOC (cached extraction)", runs["label"].median, python)


if __name__ == "__main__":
    main()
