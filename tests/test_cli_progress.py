"""Long commands draw a progress bar on stderr when it is a terminal, and never with --json or
when stderr is not a terminal (the command runs as a process, stderr on a pseudo-terminal)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import orjson

REPO = Path(__file__).resolve().parent.parent


def run_with_terminal_stderr(*args: str, cwd: Path = REPO) -> tuple[bytes, bytes, int]:
    """(stdout, what reached the terminal on stderr, exit status)."""
    master, slave = pty.openpty()
    environment = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100"}
    environment.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        cwd=cwd,
        env=environment,
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # read the terminal while stdout is read: a full pty would block the bar
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed its end
                break
            if not chunk:
                break
            chunks.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    stdout = process.stdout.read() if process.stdout else b""
    status = process.wait(timeout=120)
    reader.join(timeout=120)
    os.close(master)
    return stdout, b"".join(chunks), status


def test_a_bar_on_a_terminal_and_stdout_untouched() -> None:
    stdout, terminal, status = run_with_terminal_stderr("extract", "seeds")
    assert status == 0
    assert b"extracting" in terminal and b"/" in terminal  # "extracting ━━━ 12/60"
    assert b"extracting" not in stdout and b"\x1b[?25l" not in stdout  # no bar on stdout


def test_export_and_agreement_show_their_bars_on_a_terminal() -> None:
    # the shipped annotations of the seed documents (alice, bob)
    for args, label in (
        (("export", "--format", "csv"), b"exporting"),
        (("agreement", "annotations"), b"reading annotations"),
    ):
        stdout, terminal, status = run_with_terminal_stderr(*args)
        assert status == 0, args
        assert label in terminal, args
        assert label not in stdout and b"\x1b[?25l" not in stdout, args


def test_no_bar_with_json_output() -> None:
    stdout, terminal, status = run_with_terminal_stderr("corpus", "seeds", "--json")
    assert status == 0
    assert terminal == b""
    rows = [orjson.loads(line) for line in stdout.splitlines()]
    assert len(rows) == len(list((REPO / "seeds").glob("*.txt")))


def test_no_bar_when_stderr_is_not_a_terminal() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "corpus", "seeds"],
        capture_output=True,
        cwd=REPO,
        check=True,
    )
    assert result.stderr == b""
    assert b"documents" in result.stdout
