"""Shared fixtures: the bundled seed corpus and a scratch annotations folder."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS = REPO_ROOT / "seeds"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def annotations_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "annotations"
    folder.mkdir()
    return folder
