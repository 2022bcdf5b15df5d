"""What a key costs in frames: the one-line bars repaint only when their text changes, and
what the annotate screen keeps alive is frozen out of the garbage collector's walks while it
is open (and given back when it closes)."""

from __future__ import annotations

import gc
from typing import Any

from conftest import MakeApp

from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.widgets.label_bar import LabelBar, StatusLine

SIZE = (120, 40)


async def test_bars_repaint_only_when_their_text_changes(make_app: MakeApp) -> None:
    app = make_app(auto_advance=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        repainted: list[str] = []
        for bar in (screen.query_one(StatusLine), screen.query_one(LabelBar)):
            update = bar.update

            def counting(*args: Any, _bar: Any = bar, _update: Any = update, **kw: Any) -> None:
                repainted.append(type(_bar).__name__)
                _update(*args, **kw)

            bar.update = counting  # type: ignore[method-assign]
        screen._show_current(scroll=False)  # nothing changed: nothing to repaint
        assert repainted == []
        before = repr(screen.query_one(LabelBar).render())  # with its styles
        await pilot.press("1")  # a stance: the label bar lights it, the status counts it
        await pilot.pause()
        assert "LabelBar" in repainted and "StatusLine" in repainted
        assert repr(screen.query_one(LabelBar).render()) != before  # pro-US lit
        assert "1/" in str(screen.query_one(StatusLine).render())


async def test_the_open_screen_is_frozen_out_of_collections(make_app: MakeApp) -> None:
    app = make_app(auto_advance=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.pause()
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the document, its quotes and the widgets
        await pilot.press("escape")  # back to the documents
        await pilot.pause()
        assert not isinstance(app.screen, AnnotateScreen)
        assert gc.get_freeze_count() == 0
