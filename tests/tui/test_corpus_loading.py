"""The corpus screen on a real corpus folder: cached documents listed at once, the others
extracted in a worker with progress while the screen keeps answering keys."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from annotator import pipeline
from annotator.cache import ExtractionCache
from annotator.extract import extract_document
from annotator.models import Document
from annotator.pipeline import load_corpus
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.corpus import CorpusScreen
from annotator.tui.widgets.document_table import DocumentTable

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def make_corpus(folder: Path, copies: int) -> list[Document]:
    """``copies`` distinct articles per seed (one paragraph added mid-body)."""
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        paragraphs = seed.read_text(encoding="utf-8").split("\n\n")
        middle = len(paragraphs) // 2
        for number in range(copies):
            added = f"The talks resumed on day {number}, officials said."
            text = "\n\n".join([*paragraphs[:middle], added, *paragraphs[middle:]])
            (folder / f"{seed.stem}_{number}.txt").write_text(text, encoding="utf-8")
    return list(load_corpus([folder], extract=False))


def cell(table: DocumentTable, row: int, column: int) -> str:
    return str(table.get_row_at(row)[column])


async def wait_for(pilot: object, condition: object, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def test_cached_rows_first_then_worker_fills_the_rest(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    documents = make_corpus(tmp_path / "corpus", 3)  # 6 documents
    cache = ExtractionCache(private_cache)
    cached_ids = {document.id for document in documents[::2]}
    for document in documents[::2]:
        cache.put(extract_document(document))
    release = threading.Event()
    extracted: list[str] = []

    def slow_extractor(document: Document) -> Document:
        assert release.wait(30), "the test never released the extractor"
        extracted.append(document.id)
        return extract_document(document)

    monkeypatch.setattr(pipeline, "_extractor", lambda: slow_extractor)
    app = AnnotatorApp(
        [tmp_path / "corpus"],
        tmp_path / "annotations",
        "alice",
        name_file=tmp_path / "name",
    )
    async with app.run_test(size=(120, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        table = screen.query_one(DocumentTable)
        await wait_for(pilot, lambda: table.row_count == 6)
        # every row is listed while extraction is still blocked: cached ones with their quotes
        for row, document in enumerate(documents):
            if document.id in cached_ids:
                expected = len(extract_document(document).quotes)
                assert cell(table, row, 1) == str(expected) and expected > 0
            else:
                assert cell(table, row, 2) == "extracting"
        status = str(screen.query_one("#corpus-status").render())
        assert "extracting 0/3" in status
        # the screen answers keys meanwhile, and a pending document does not open
        await pilot.press("j")
        assert table.cursor_row == 1
        await pilot.press("enter")
        assert not isinstance(app.screen, AnnotateScreen)
        release.set()
        await wait_for(pilot, lambda: not screen._loading)
        assert sorted(extracted) == sorted(d.id for d in documents if d.id not in cached_ids)
        for row, document in enumerate(documents):
            assert cell(table, row, 1) == str(len(extract_document(document).quotes))
            assert app.document_at(row).quotes == extract_document(document).quotes
        assert "extracting" not in str(screen.query_one("#corpus-status").render())
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, AnnotateScreen))
    # what the worker extracted went into the cache: the next start lists all at once
    again = ExtractionCache(private_cache)
    assert all(again.get(document) is not None for document in documents)
