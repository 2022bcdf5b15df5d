"""The statistics screen at 80×24: opened with s (and the palette) from the corpus and annotate
screens, charts of every annotator's saved labels, read-only, closed with escape."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from conftest import MakeApp, screen_text
from rich.console import Console
from textual.widgets import Static

from annotator.models import Document
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.corpus import CorpusScreen
from annotator.tui.screens.stats import StatsScreen

SIZE = (80, 24)
SHIPPED = Path(__file__).resolve().parents[2] / "annotations"


def shown_text(screen: StatsScreen, width: int = 78) -> str:
    """The whole chart (also the part scrolled out of view) as plain text."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(screen.query_one("#stats-text", Static).content)
    return console.export_text()


async def open_stats(pilot: object, app: object, *keys: str) -> StatsScreen:
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, StatsScreen)
    return screen


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*.json"))}


async def test_s_opens_the_statistics_of_every_annotator(
    make_app: MakeApp, annotations_dir: Path
) -> None:
    shutil.copytree(SHIPPED / "bob", annotations_dir / "bob")
    before = snapshot(annotations_dir)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        screen = await open_stats(pilot, app, "s")
        visible = screen_text(app)
        assert "68 labels, 1 annotator, 2 documents" in visible
        assert "Stance by outlet" in visible and "█ pro-US" in visible
        text = shown_text(screen)
        for title in ("Stance by outlet", "Sentiment by speaker", "Stance per annotator"):
            assert title in text
        assert "2021-04" in text  # the corpus's publication dates reach the screen
        assert max(len(line) for line in text.splitlines()) <= 78
        footer = app.screen.query_one("Footer")
        assert footer.region.bottom == SIZE[1]  # everything fits at 80×24, the body scrolls
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
    assert snapshot(annotations_dir) == before  # the screen only reads


async def test_statistics_from_the_annotate_screen_show_the_label_just_made(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("1", "9")  # pro-US, positive: saved at once
        screen = await open_stats(pilot, app, "s")
        text = shown_text(screen)
        assert "1 label, 1 annotator, 1 document" in text
        assert "alice" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)


async def test_the_palette_opens_statistics(make_app: MakeApp, annotations_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"statistics")
        await pilot.pause(0.3)
        screen = await open_stats(pilot, app, "enter")
        # the message follows the temporary path, so where it wraps depends on that path's length
        assert "no annotation files yet" in " ".join(shown_text(screen).split())


async def test_s_typed_in_a_note_is_text(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n", *"sources", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert app.screen.session.label_for(documents[0].quotes[0].id).note == "sources"  # type: ignore[union-attr]
