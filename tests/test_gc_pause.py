"""The garbage-collector pause used while loading many files (and while exporting) restores the
collector's state."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.gc_pause import paused_gc


def test_pauses_and_restores_even_on_error() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_export_runs_with_the_collector_paused_and_gives_it_back(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import annotator.commands.export as command

    seen: list[bool] = []
    real = command.export_corpus

    def spy(*args: Any, **kwargs: Any) -> list[str]:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(command, "export_corpus", spy)
    out = tmp_path / "seeds.jsonl"
    result = CliRunner().invoke(
        main,
        ["export", "--corpus", str(seeds_dir), "--annotations", str(tmp_path / "none"),
         "--format", "jsonl", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert seen == [False] and gc.isenabled()
    assert out.stat().st_size > 0
