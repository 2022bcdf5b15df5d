"""Shared fixtures: the bundled seed corpus and a scratch annotations folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


@pytest.fixture(autouse=True)
def private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and the commands it runs as processes) uses its own extraction cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("ANNOTATOR_NO_CACHE", raising=False)
    monkeypatch.delenv("ANNOTATOR_CACHE_LIMIT", raising=False)
    return folder


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def annotations_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "annotations"
    folder.mkdir()
    return folder
