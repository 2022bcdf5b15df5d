"""The article view draws a line without joining the whole text, and stays right after edits."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.document._document import Document as TextDocument

from annotator.models import DEFAULT_SCHEME
from annotator.tui.widgets.article_view import ArticleView

TEXT = "\n".join(f"Line {index}: “a quote number {index},” he said." for index in range(400))


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleView(TEXT, DEFAULT_SCHEME, id="article")


async def test_drawing_lines_does_not_join_the_text_each_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        joins = 0
        original = TextDocument.text

        def counting(document: TextDocument) -> str:
            nonlocal joins
            joins += 1
            return original.fget(document)  # type: ignore[attr-defined,no-any-return]

        monkeypatch.setattr(TextDocument, "text", property(counting))
        view._line_cache.clear()
        lines = [view.render_line(y) for y in range(20)]
        assert len(lines) == 20 and "Line 0" in lines[0].text
        assert joins <= 1  # the text is joined at most once, not once per line drawn
        assert view.text == TEXT


async def test_the_text_follows_edits_and_loads() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view.text == TEXT
        view.replace("LINE", (0, 0), (0, 4))
        assert view.text.startswith("LINE 0:")
        view.undo()
        assert view.text == TEXT
        view.load_text("other text")
        assert view.text == "other text"
