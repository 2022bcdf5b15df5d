"""The corpus screen's line-drawn table: many rows, cursor keys, paging, clicks, wide and
hostile titles, and a row updated in place."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp, screen_text
from rich.cells import cell_len
from test_safe_display import CLICK, OSC_TITLE, RLO, assert_no_raw

from annotator.models import Document
from annotator.tui.progress import DocumentProgress
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.corpus import CorpusScreen
from annotator.tui.widgets.document_table import DocumentTable


def many(documents: list[Document], count: int) -> list[Document]:
    """``count`` documents (the seeds under new ids and titles)."""
    return [
        documents[n % len(documents)].model_copy(
            update={"id": f"doc-{n:03d}", "title": f"Article number {n:03d}"}
        )
        for n in range(count)
    ]


def shown_rows(app: object) -> list[str]:
    return screen_text(app).splitlines()  # type: ignore[arg-type]


async def test_a_long_list_draws_the_visible_rows_and_follows_the_cursor(
    make_app: MakeApp, documents: list[Document]
) -> None:
    docs = many(documents, 120)
    app = make_app(docs=docs)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        table = screen.query_one(DocumentTable)
        assert table.row_count == 120
        text = screen_text(app)
        assert "title" in text and "quotes" in text  # the header
        assert "Article number 000" in text and "Article number 119" not in text
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 119
        text = screen_text(app)
        assert "Article number 119" in text and "Article number 000" not in text
        assert "title" in text.splitlines()[1]  # the header stays on top while scrolled
        await pilot.press("home", "pagedown")
        await pilot.pause()
        page = table.cursor_row
        assert 10 <= page < 24  # one screenful of rows down
        assert f"Article number {page:03d}" in screen_text(app)
        await pilot.press("k", "k", "down")
        await pilot.pause()
        assert table.cursor_row == page - 1
        await pilot.press("pageup", "pageup", "up")
        assert table.cursor_row == 0
        # a click on a row opens that document
        row = next(i for i, line in enumerate(shown_rows(app)) if "Article number 003" in line)
        await pilot.click(DocumentTable, offset=(5, row - 1))  # row 0 is the status line
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert app.session is not None and app.session.document.id == "doc-003"


async def test_a_row_updated_in_place_and_a_wider_cell_widens_its_column(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app(docs=many(documents, 5))
    async with app.run_test(size=(120, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        table = screen.query_one(DocumentTable)
        summary = app.rows[2].summary
        screen.update_document(DocumentProgress(summary, labelled=12345, total=99999, flagged=7))
        await pilot.pause()
        line = next(line for line in shown_rows(app) if "Article number 002" in line)
        assert "12345/99999" in line and "99999" in line.split("12345/99999")[0]
        assert [str(cell) for cell in table.get_row_at(2)][1:4] == ["99999", "12345/99999", "7"]
        # the other rows kept their cells, aligned under the widened columns
        other = next(line for line in shown_rows(app) if "Article number 001" in line)
        assert other.index("Article number 001") == line.index("Article number 002")


async def test_hostile_and_wide_titles_are_shown_inert_and_cut_by_cells(
    make_app: MakeApp, documents: list[Document], tmp_path: Path
) -> None:
    hostile = documents[0].model_copy(
        update={"id": "evil", "title": f"Title {OSC_TITLE} {CLICK}t[/] {RLO}x"}
    )
    wide = documents[1].model_copy(update={"id": "wide", "title": "中国外交部" * 20})
    app = make_app(docs=[hostile, wide])
    async with app.run_test(size=(140, 20)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert_no_raw(text)
        assert f"Title ␛]0;pwned␇ {CLICK}t[/] <U+202E>x" in text
        line = next(line for line in text.splitlines() if "中国外交部" in line)
        assert "…" in line  # cut to the title column, in cells
        # the quote count ends where the header's "quotes" does, counted in terminal cells
        header = next(line for line in text.splitlines() if "quotes" in line)
        count = f" {len(wide.quotes)} "
        assert cell_len(line[: line.index(count) + len(count) - 1]) == cell_len(
            header[: header.index("quotes") + len("quotes")]
        )
        assert app.is_running


async def test_rows_are_drawn_again_in_a_new_theme(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app(docs=many(documents, 3))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DocumentTable)

        def backgrounds() -> list[object]:
            return [
                next(iter(table.render_line(y))).style.bgcolor  # type: ignore[union-attr]
                for y in (0, 1, 2)
            ]

        dark = backgrounds()
        app.theme = "textual-light"
        await pilot.pause()
        light = backgrounds()
        assert all(before != after for before, after in zip(dark, light, strict=True))
