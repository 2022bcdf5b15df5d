"""Benchmark: kill labelling with SIGKILL at random moments; saved work must survive every kill.

Two kinds of child process label the seed document ``000_f0025863dcde12f7`` as ``alice`` and
are killed with SIGKILL at a random moment:

- a session loop (a child forked from this script): each *call* applies a stance, a sentiment
  and a note to one quote with ``annotator.commands.label.apply_changes`` (what one
  ``annotator label QUOTE --stance .. --sentiment .. --note ..`` call does), and prints
  ``ack`` once the call returned (its labels are saved). Some kills hit the start-up
  (taking the lock, reading the file), most hit the loop;
- real ``annotator label`` commands (a new process each), killed at random moments of their
  run; one that exited before the kill is acknowledged.

After each kill the script checks the file and then prints the totals:

- invalid files: the annotation file does not load and validate;
- acknowledged labels lost: a quote whose last acknowledged stance/sentiment/note is not on
  disk (the call in flight may have replaced it, with its own values);
- calls half-applied: the call in flight at the kill left some of its fields written and
  others not;
- temp files left after the next write: ``.tmp`` files in the annotator's folder after the
  next writer opened the folder and saved (the kernel released the lock, the writer removed
  what the killed one left).

``MISSED`` is printed beside every non-zero figure. Usage:
``python benchmarks/kill_labelling.py [--kills 300] [--cli-kills 16] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_FILE = REPO / "seeds" / "000_f0025863dcde12f7.txt"
ANNOTATOR = "alice"
Fields = tuple[str | None, str | None, str | None]  # stance, sentiment, note


# --------------------------------------------------------------------------- the child


def child(annotations_dir: Path, document: object, seed: int, out: int) -> None:
    """Label until killed; ``begin``/``ack`` lines go straight to the pipe ``out`` (no buffer)."""
    from annotator.commands.label import apply_changes
    from annotator.session import AnnotationSession
    from annotator.store import AnnotationStore

    store = AnnotationStore(annotations_dir)
    writer = store.open_writer(ANNOTATOR)
    session = AnnotationSession(document, writer)  # type: ignore[arg-type]
    stances = store.scheme.stance_values()
    sentiments = store.scheme.sentiment_values()
    rng = random.Random(seed)
    # every other option of the call unset (False for flags, None otherwise)
    parameters = list(inspect.signature(apply_changes).parameters.values())[1:]
    defaults = {p.name: False if p.annotation in (bool, "bool") else None for p in parameters}
    os.write(out, b"ready\n")
    number = 0
    while True:
        index = rng.randrange(len(session.quotes))
        stance, sentiment = rng.choice(stances), rng.choice(sentiments)
        note = f"call-{seed}-{number}"
        quote_id = session.quotes[index].id
        session.move_to(index)
        line = f"{quote_id} {stance} {sentiment} {note}\n"
        os.write(out, f"begin {line}".encode())
        options = {"stance": stance, "sentiment": sentiment, "note": note}
        with session.batch():  # as `annotator label` does: one call, one write
            apply_changes(session, **{name: options.get(name, defaults[name]) for name in defaults})
        os.write(out, f"ack {line}".encode())
        number += 1


# --------------------------------------------------------------------------- checking


@dataclass
class Totals:
    kills: int = 0
    session_kills: int = 0
    cli_kills: int = 0
    cli_completed: int = 0
    invalid_files: int = 0
    labels_lost: int = 0
    half_applied: int = 0
    temps_after_next_write: int = 0
    temps_before_next_write: int = 0
    lock_not_released: int = 0
    acknowledged: int = 0
    calls_in_flight: int = 0
    problems: list[str] = field(default_factory=list)


def file_state(path: Path, document: object) -> dict[str, Fields] | None:
    """quote id -> (stance, sentiment, note) on disk; None if the file is invalid."""
    from annotator.errors import AnnotatorError
    from annotator.store import load_annotation_file

    if not path.exists():
        return {}
    try:
        annotation = load_annotation_file(path, document=document)  # type: ignore[arg-type]
    except AnnotatorError:
        return None
    return {
        label.quote_id: (label.stance, label.sentiment, label.note) for label in annotation.labels
    }


def check_call(
    totals: Totals,
    before: dict[str, Fields],
    acked: list[tuple[str, Fields]],
    in_flight: tuple[str, Fields] | None,
    after: dict[str, Fields],
    what: str,
) -> None:
    expected = dict(before)
    for quote_id, values in acked:
        expected[quote_id] = values
    totals.acknowledged += len(acked)
    for quote_id, values in expected.items():
        on_disk = after.get(quote_id, (None, None, None))
        if in_flight is not None and quote_id == in_flight[0]:
            continue  # checked below
        if on_disk != values:  # acknowledged in this run or in an earlier one
            totals.labels_lost += 1
            totals.problems.append(f"{what}: {quote_id} acknowledged {values}, on disk {on_disk}")
    if in_flight is None:
        return
    totals.calls_in_flight += 1
    quote_id, new = in_flight
    old = expected.get(quote_id, (None, None, None))
    on_disk = after.get(quote_id, (None, None, None))
    changed = [index for index in range(3) if old[index] != new[index]]
    written = [index for index in changed if on_disk[index] == new[index]]
    kept = [index for index in changed if on_disk[index] == old[index]]
    if len(written) + len(kept) != len(changed):
        totals.labels_lost += 1
        totals.problems.append(f"{what}: {quote_id} on disk {on_disk}: neither {old} nor {new}")
    elif written and kept:
        totals.half_applied += 1
        if len(totals.problems) < 50:
            totals.problems.append(
                f"{what}: {quote_id} half-applied: {on_disk} (was {old}, call {new})"
            )


def next_write(totals: Totals, annotations_dir: Path, document: object) -> None:
    """What the next writer does: take the lock (removing leftovers) and save the file."""
    from annotator.errors import AnnotatorError, LockedError
    from annotator.store import AnnotationStore

    folder = annotations_dir / ANNOTATOR
    totals.temps_before_next_write += sum(1 for p in folder.iterdir() if p.name.endswith(".tmp"))
    store = AnnotationStore(annotations_dir)
    try:
        with store.open_writer(ANNOTATOR) as writer:
            annotation = writer.load(document.id, document)  # type: ignore[attr-defined]
            if annotation is not None:
                writer.save(annotation)
    except LockedError:
        totals.lock_not_released += 1
    except AnnotatorError as exc:
        totals.problems.append(f"next write failed: {exc}")
    totals.temps_after_next_write += sum(1 for p in folder.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- rounds


def session_round(
    totals: Totals,
    annotations_dir: Path,
    document: object,
    rng: random.Random,
    number: int,
) -> None:
    path = annotations_dir / ANNOTATOR / f"{document.id}.json"  # type: ignore[attr-defined]
    before = file_state(path, document) or {}
    # a forked child starts labelling at once (the imports are done): more kills per minute
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: label until killed
        os.close(read_end)
        try:
            child(annotations_dir, document, number, write_end)
        finally:
            os._exit(1)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        if rng.random() < 0.25:
            time.sleep(rng.uniform(0.0, 0.01))  # in start-up: taking the lock, reading the file
        else:
            first = pipe.readline()
            if first.strip() != b"ready":
                totals.problems.append(f"child did not start: {first!r}")
            time.sleep(rng.uniform(0.0, 0.1))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        lines = pipe.read().decode("utf-8", "replace").splitlines()
    totals.kills += 1
    totals.session_kills += 1
    acked: list[tuple[str, Fields]] = []
    in_flight: tuple[str, Fields] | None = None
    for line in lines:
        parts = line.split()
        if len(parts) != 5 or parts[0] not in ("begin", "ack"):
            continue
        call = (parts[1], (parts[2], parts[3], parts[4]))
        if parts[0] == "begin":
            in_flight = call
        else:
            acked.append(call)
            in_flight = None
    after = file_state(path, document)
    if after is None:
        totals.invalid_files += 1
        totals.problems.append(f"session kill {number}: invalid file")
    else:
        check_call(totals, before, acked, in_flight, after, f"session kill {number}")
    next_write(totals, annotations_dir, document)


def cli_round(
    totals: Totals,
    annotations_dir: Path,
    document: object,
    rng: random.Random,
    number: int,
    duration: float,
) -> None:
    quotes = document.quotes  # type: ignore[attr-defined]
    path = annotations_dir / ANNOTATOR / f"{document.id}.json"  # type: ignore[attr-defined]
    before = file_state(path, document) or {}
    index = rng.randrange(len(quotes))
    stance = rng.choice(["pro-US", "pro-China", "balancing", "neutral"])
    sentiment = rng.choice(["negative", "neutral", "positive"])
    note = f"cli-{number}"
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "label", document.id, str(index + 1),  # type: ignore[attr-defined]
         "--annotator", ANNOTATOR, "--corpus", str(SEED_FILE), "--annotations",
         str(annotations_dir), "--stance", stance, "--sentiment", sentiment, "--note", note],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    # the writes come at the end of the run: kill mostly in its second half
    time.sleep(rng.uniform(0.5 * duration, 1.05 * duration))
    completed = process.poll() == 0
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()
    totals.kills += 1
    totals.cli_kills += 1
    call = (quotes[index].id, (stance, sentiment, note))
    after = file_state(path, document)
    if after is None:
        totals.invalid_files += 1
        totals.problems.append(f"annotator label kill {number}: invalid file")
    elif completed:
        totals.cli_completed += 1
        check_call(totals, before, [call], None, after, f"annotator label {number}")
    else:
        check_call(totals, before, [], call, after, f"annotator label kill {number}")
    next_write(totals, annotations_dir, document)


def measure_cli(annotations_dir: Path, document: object) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "annotator", "label", document.id, "1",  # type: ignore[attr-defined]
         "--annotator", ANNOTATOR, "--corpus", str(SEED_FILE), "--annotations",
         str(annotations_dir), "--stance", "neutral", "--sentiment", "neutral"],
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    return time.perf_counter() - start


def report(name: str, value: int) -> None:
    print(f"{name:<40} {value}{'   MISSED' if value else ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=300, help="session-loop kills")
    parser.add_argument("--cli-kills", type=int, default=16, help="annotator label kills")
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()

    sys.path.insert(0, str(REPO))
    for module in ("annotator.commands.label", "annotator.session", "annotator.store"):
        importlib.import_module(module)  # once, before the children fork
    from annotator.pipeline import load_corpus

    document = next(iter(load_corpus([SEED_FILE])))
    rng = random.Random(arguments.seed)
    totals = Totals()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kill-labelling-") as scratch:
        annotations_dir = Path(scratch) / "annotations"
        duration = measure_cli(annotations_dir, document) if arguments.cli_kills else 0.0
        rounds = ["session"] * arguments.kills + ["cli"] * arguments.cli_kills
        rng.shuffle(rounds)
        for number, kind in enumerate(rounds):
            if kind == "session":
                session_round(totals, annotations_dir, document, rng, number)
            else:
                cli_round(totals, annotations_dir, document, rng, number, duration)
    elapsed = time.perf_counter() - start
    print(
        f"kills: {totals.kills} ({totals.session_kills} session loop, {totals.cli_kills} "
        f"annotator label of ~{duration:.1f} s, {totals.cli_completed} of which had finished) "
        f"in {elapsed:.0f} s"
    )
    print(
        f"acknowledged calls checked: {totals.acknowledged}; calls in flight at a kill: "
        f"{totals.calls_in_flight}; temp files the kills left before the next write: "
        f"{totals.temps_before_next_write}"
    )
    report("invalid files", totals.invalid_files)
    report("acknowledged labels lost", totals.labels_lost)
    report("calls half-applied", totals.half_applied)
    report("temp files left after the next write", totals.temps_after_next_write)
    report("locks not released by a kill", totals.lock_not_released)
    for problem in totals.problems[:10]:
        print(f"  e.g. {problem}")


if __name__ == "__main__":
    main()
