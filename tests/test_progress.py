"""The progress helper draws nothing when stderr is not a terminal, and counts when it is."""

from __future__ import annotations

import io

from rich.console import Console

from annotator.progress import progress


def test_no_bar_and_no_output_when_disabled(capsys) -> None:
    with progress("extracting", 3, enabled=False) as advance:
        for _ in range(3):
            advance(1)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == ""


def test_default_follows_stderr_being_a_terminal(capsys) -> None:
    # under pytest stderr is captured, so it is not a terminal: nothing is drawn
    with progress("extracting", 2) as advance:
        advance(2)
    assert capsys.readouterr().err == ""


def test_enabled_bar_reaches_its_total(monkeypatch) -> None:
    buffer = io.StringIO()
    monkeypatch.setattr(
        "rich.console.Console",
        lambda **_kwargs: Console(file=buffer, force_terminal=True, width=80),
    )
    with progress("extracting", 4, enabled=True) as advance:
        for _ in range(4):
            advance()
    assert "4/4" in buffer.getvalue()
