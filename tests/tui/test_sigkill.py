"""Kill the app mid-session with SIGKILL: the file validates and holds every label given."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tui_documents import seed_documents

from annotator.store import AnnotationStore, load_annotation_file

CHILD = Path(__file__).with_name("sigkill_child.py")


def test_sigkill_mid_session_loses_at_most_the_keystroke_in_flight(
    annotations_dir: Path,
) -> None:
    document = seed_documents()[0]
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(CHILD.parent), str(CHILD.parents[2])]),
    }
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(annotations_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    reported: dict[str, str] = {}
    try:
        assert child.stdout is not None
        # 30 labels: every quote once, then the first six get a new stance (the loop wraps)
        for _ in range(len(document.quotes) + 6):
            line = child.stdout.readline()
            assert line, f"the child stopped: {child.stderr.read() if child.stderr else ''}"
            _, quote_id, stance = line.split()
            reported[quote_id] = stance
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    path = annotations_dir / "alice" / f"{document.id}.json"
    saved = {
        label.quote_id: label.stance
        for label in load_annotation_file(path, document=document).labels
    }
    # every label reported before the kill is on disk, except possibly one changed by the
    # keystroke in flight (reported labels are saved before they are printed)
    differing = {quote_id for quote_id, stance in reported.items() if saved.get(quote_id) != stance}
    assert len(differing) <= 1, differing
    assert set(saved) == set(reported)
    # the kernel released the write lock with the process
    AnnotationStore(annotations_dir).open_writer("alice").release()
