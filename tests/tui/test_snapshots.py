"""Snapshots of the corpus, annotate and help screens at 80×24 and 120×40.

Regenerate with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the SVGs
in ``__snapshots__/`` before committing them.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import MakeApp

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
def test_corpus_screen(snap_compare: Any, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_annotate_screen(snap_compare: Any, make_app: MakeApp, size: tuple[int, int]) -> None:
    # open the first document and move to its fourth quote
    assert snap_compare(make_app(), press=["enter", "j", "j", "j"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare: Any, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), press=["enter", "question_mark"], terminal_size=size)
