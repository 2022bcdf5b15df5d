"""The article view draws a screen line from that line's slice of the text only, redraws only
what a change covers, and keeps selection, cursor and offsets right (keys and mouse)."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from annotator.models import DEFAULT_SCHEME, Quote, QuoteKind
from annotator.tui.widgets.article_view import UNLABELLED, ArticleView, stance_highlight

# one paragraph of ~60,000 characters (as a 1 MB article has), then short lines
PARAGRAPH = " ".join(f"word{index} “a quote {index},” he said." for index in range(2000))
TEXT = PARAGRAPH + "\n\n" + "\n".join(f"Line {index}: 한미 동맹 {index}." for index in range(50))


class ViewApp(App[None]):
    def compose(self) -> ComposeResult:
        yield ArticleView(TEXT, DEFAULT_SCHEME, id="article")


def quotes_of(text: str) -> list[Quote]:
    found, start = [], text.find("“")
    while start != -1 and len(found) < 40:
        end = text.index("”", start) + 1
        found.append(Quote.from_span(text, start, end, kind=QuoteKind.DIRECT))
        start = text.find("“", end)
    return found


async def test_a_screen_line_is_built_from_its_own_slice_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        quotes = quotes_of(TEXT)
        view.set_quotes(quotes, [UNLABELLED] * len(quotes))
        await pilot.pause()
        longest = 0
        original = Text.__init__

        def measuring(self: Text, text: str = "", *args: object, **kwargs: object) -> None:
            nonlocal longest
            longest = max(longest, len(text))
            original(self, text, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Text, "__init__", measuring)
        view._strips.clear()
        lines = [view.render_line(y) for y in range(24)]
        width = view.scrollable_content_region.width
        assert all(line.cell_length == width for line in lines)
        assert "word0" in lines[0].text
        assert longest <= width + 1  # not the 60,000-character paragraph


async def test_lines_show_the_text_at_their_offsets_and_wrap_by_cells() -> None:
    app = ViewApp()
    async with app.run_test(size=(60, 20)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        width = view.scrollable_content_region.width
        for needle in ("word0 ", "word777 ", "word1999 ", "Line 7:", "Line 49:"):
            offset = TEXT.index(needle)
            y = view.wrapped_y(offset)
            assert y is not None
            view.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            top = int(view.scroll_y)
            assert needle.strip() in view.render_line(y - top).text.replace("\u00a0", " ")
        # wide characters take two cells: no drawn line is wider than the view
        y = view.wrapped_y(TEXT.index("Line 3:"))
        assert y is not None
        view.scroll_to(y=y, animate=False, immediate=True)
        await pilot.pause()
        assert view.render_line(0).cell_length == width


async def test_a_highlight_change_redraws_only_its_own_lines() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        quotes = quotes_of(TEXT)
        view.set_quotes(quotes, [UNLABELLED] * len(quotes))
        await pilot.pause()
        for y in range(24):
            view.render_line(y)
        drawn = set(view._strips)
        quote = quotes[3]
        first, last = view.wrapped_y(quote.start), view.wrapped_y(quote.end)
        assert first is not None and last is not None
        view.set_quote_highlight(quote.id, stance_highlight("pro-US"))
        # only the screen lines of that quote are forgotten, not the rest of its paragraph
        assert first in drawn and first not in view._strips and last not in view._strips
        others = drawn - set(range(first, last + 1))
        assert others and others <= set(view._strips)
        view.set_current(quote.id, scroll=False)
        again = view.render_line(first - int(view.scroll_y))
        assert again is view.render_line(first - int(view.scroll_y))  # cached once drawn


async def test_selection_by_keys_and_mouse_gives_text_offsets() -> None:
    app = ViewApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(ArticleView)
        await pilot.pause()
        assert view.selected_span() is None
        view.select_span(6, 11)
        assert view.selected_span() == (6, 11) and TEXT[6:11] == "“a qu"
        await pilot.click(ArticleView, offset=(0, 0))
        assert view.has_focus and view.selected_span() is None
        assert view.offset_of(view.cursor_location) == 0
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right")
        assert view.selected_span() == (0, 4) and TEXT[0:4] == "word"
        await pilot.press("right")
        assert view.selected_span() is None and view.offset_of(view.cursor_location) == 5
        await pilot.press("down")
        row, column = view.cursor_location
        assert row == 0 and column > 60  # the next screen line of the same paragraph
        await pilot.press("end", "shift+home")
        span = view.selected_span()
        assert span is not None and "\n" not in TEXT[span[0] : span[1]]
        # drag with the mouse: from cell 0 to cell 10 of the first line
        await pilot.mouse_down(ArticleView, offset=(0, 0))
        await pilot.hover(ArticleView, offset=(10, 0))
        await pilot.mouse_up(ArticleView, offset=(10, 0))
        assert view.selected_span() == (0, 10)
