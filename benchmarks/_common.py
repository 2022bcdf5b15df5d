"""What the benchmarks share: timing real processes (median of interleaved runs, peak RSS),
printing a figure with its ratio and ``MISSED`` beside a missed target, and generated data.

Generated data goes to ``benchmarks/out/`` (gitignored).
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SEEDS = ROOT / "seeds"
PYTHON = sys.executable


@dataclass
class Runs:
    """Wall-clock seconds, peak RSS (bytes) and CPU seconds of each run of one command."""

    label: str
    seconds: list[float] = field(default_factory=list)
    peak_rss: list[int] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def median_cpu(self) -> float:
        """User + system CPU seconds of the process and the children it waited for (what
        the command costs whatever else runs on the machine); NaN if not measured."""
        return statistics.median(self.cpu) if self.cpu else float("nan")


class Timing(tuple):  # type: ignore[type-arg]
    """``(wall seconds, peak RSS)`` as before, with the run's CPU seconds as ``.cpu``."""

    cpu: float

    def __new__(cls, seconds: float, rss: int, cpu: float) -> Timing:
        timing = super().__new__(cls, (seconds, rss))
        timing.cpu = cpu
        return timing

    @property
    def median_rss(self) -> int:
        return int(statistics.median(self.peak_rss)) if self.peak_rss else 0


def annotator_command(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "annotator", *arguments]


def run_process(
    command: Sequence[str], env: dict[str, str] | None = None, stdout_path: Path | None = None
) -> tuple[float, int]:
    """Run ``command`` once: (wall seconds, peak RSS in bytes), CPU seconds as ``.cpu`` (a
    :class:`Timing`); exits if it fails."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(command), stdout=out, stderr=subprocess.PIPE, env=env, cwd=ROOT
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        stderr = process.stderr.read() if process.stderr else b""
    finally:
        if stdout_path:
            out.close()  # type: ignore[union-attr]
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}): {stderr.decode()[-2000:]}")
    # ru_maxrss is in KiB on Linux; the CPU times include the children the process waited for
    return Timing(elapsed, usage.ru_maxrss * 1024, usage.ru_utime + usage.ru_stime)


def interleaved(
    commands: dict[str, Callable[[], tuple[float, int]]], repeats: int
) -> dict[str, Runs]:
    """Run every command once per round, ``repeats`` rounds, so load changes hit all alike."""
    results = {name: Runs(name) for name in commands}
    for _ in range(repeats):
        for name, run in commands.items():
            timing = run()
            seconds, rss = timing
            results[name].seconds.append(seconds)
            results[name].peak_rss.append(rss)
            cpu = getattr(timing, "cpu", None)
            if cpu is not None:
                results[name].cpu.append(cpu)
    return results


def report(
    label: str,
    value: float,
    reference: float | None = None,
    target: float | None = None,
    unit: str = "s",
    ratio_target: bool = True,
) -> bool:
    """Print one figure; with a target, ``MISSED`` when over it. Returns whether it was met.

    ``target`` applies to the ratio to ``reference`` when given (``ratio_target``), else to
    the value itself.
    """
    text = f"  {label:<58} {value:9.3f} {unit}"
    checked = value
    if reference is not None:
        ratio = value / reference if reference else float("inf")
        text += f"   ratio {ratio:6.2f}x"
        if ratio_target:
            checked = ratio
    met = True
    if target is not None:
        met = checked <= target
        text += (
            f"   target ≤ {target:g}{'x' if reference is not None and ratio_target else ' ' + unit}"
        )
        text += "" if met else "   MISSED"
    print(text, flush=True)
    return met


def bare_python() -> tuple[float, int]:
    return run_process([PYTHON, "-c", "pass"])


# --------------------------------------------------------------------------- generated corpus

SPEAKERS = [
    ("Wang Yi", "Foreign Minister"),
    ("Antony Blinken", "Secretary of State"),
    ("Lee Hsien Loong", "Prime Minister"),
    ("Jake Sullivan", "National Security Adviser"),
    ("Zhao Lijian", "spokesman"),
    ("Ursula von der Leyen", "Commission President"),
]
OUTLETS = ["Global Times", "Reuters", "The Straits Times", "South China Morning Post", "Xinhua"]
CUES = ["said", "told reporters", "added", "warned", "stressed"]


def _seed_paragraphs() -> list[str]:
    from annotator.corpus import iter_documents

    paragraphs: list[str] = []
    for document in iter_documents([SEEDS]):
        paragraphs.extend(document.text[start:end] for start, end in document.paragraphs())
    return [paragraph for paragraph in paragraphs if len(paragraph) > 80]


def generate_corpus(folder: Path, articles: int, article_bytes: int, seed: int = 15) -> Path:
    """``articles`` distinct articles of about ``article_bytes`` each: seed paragraphs in a new
    order with new quoted and reported sentences, so that every text (and cache key) differs."""
    marker = folder / f".complete-{articles}-{article_bytes}-{seed}"
    if marker.exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pool = _seed_paragraphs()
    for number in range(articles):
        lines = [f"Title: Talks, tariffs and the strait, part {number}", ""]
        size = 0
        while size < article_bytes:
            if rng.random() < 0.5:
                paragraph = rng.choice(pool)
            else:
                name, role = rng.choice(SPEAKERS)
                outlet, cue = rng.choice(OUTLETS), rng.choice(CUES)
                paragraph = (
                    f"“We will keep talking on issue {number}-{size}, and we expect the other side "
                    f"to keep its word,” {role} {name} {cue}. {name} told {outlet} that the "
                    f"measures announced in week {rng.randint(1, 52)} would hurt exporters."
                )
            lines.extend([paragraph, ""])
            size += len(paragraph.encode("utf-8")) + 2
        (folder / f"article_{number:04d}.txt").write_text("\n".join(lines), encoding="utf-8")
    marker.touch()
    return folder


def extract_quote_ids(corpus: Path, cache_dir: Path) -> dict[str, tuple[str, list[dict[str, Any]]]]:
    """``annotator extract --json`` once (which also fills ``cache_dir``): id -> (sha256, quotes)."""
    import orjson

    listing = OUT / "extract-listing.jsonl"
    env = {**os.environ, "ANNOTATOR_CACHE_DIR": str(cache_dir)}
    run_process(annotator_command("extract", str(corpus), "--json"), env=env, stdout_path=listing)
    found: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    with listing.open("rb") as handle:
        for line in handle:
            document = orjson.loads(line)
            found[document["id"]] = (document["sha256"], document["quotes"])
    listing.unlink()
    return found


def write_annotations(
    root: Path,
    documents: dict[str, tuple[str, list[dict[str, Any]]]],
    annotators: int,
    share: float,
    seed: int = 15,
) -> int:
    """Annotation files (valid, as the store writes them) labelling ``share`` of the quotes."""
    import orjson

    from annotator.extract.version import EXTRACTOR_VERSION
    from annotator.models import ANNOTATION_SCHEMA_VERSION, DEFAULT_SCHEME, utc_now

    snapshot_fields = ("start", "end", "text", "kind", "cue", "speaker", "speaker_role", "outlet")

    rng = random.Random(seed)
    stances = DEFAULT_SCHEME.stance_values()
    sentiments = DEFAULT_SCHEME.sentiment_values()
    now = utc_now().isoformat().replace("+00:00", "Z")
    labels_written = 0
    for number in range(annotators):
        name = f"analyst{number}"
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for document_id, (sha256, quotes) in documents.items():
            labels = [
                {
                    "quote_id": quote["id"],
                    "quote": {
                        **{key: quote.get(key) for key in snapshot_fields},
                        "origin": "auto",
                        "confidence": quote.get("confidence", 1.0),
                        "extractor": EXTRACTOR_VERSION,
                    },
                    "stance": rng.choice(stances),
                    "sentiment": rng.choice(sentiments),
                    "speaker": None,
                    "outlet": None,
                    "note": None,
                    "flagged": False,
                    "seconds": float(rng.randint(3, 60)),
                    "updated_at": now,
                }
                for quote in quotes
                if rng.random() < share
            ]
            labels_written += len(labels)
            data = {
                "schema_version": ANNOTATION_SCHEMA_VERSION,
                "annotator": name,
                "document_id": document_id,
                "document_sha256": sha256,
                "scheme": DEFAULT_SCHEME.ref.model_dump(mode="json"),
                "labels": labels,
                "added_quotes": [],
                "deleted_quotes": [],
            }
            (folder / f"{document_id}.json").write_bytes(
                orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
            )
    return labels_written


def cache_env(cache_dir: Path) -> dict[str, str]:
    return {**os.environ, "ANNOTATOR_CACHE_DIR": str(cache_dir)}
