"""The screens as a person meets them: name prompt, corpus progress and resume, hostile
article text (markup, wide characters, emoji, very long lines), small and large terminals."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp, saved_file, screen_text
from rich.cells import cell_len
from tui_documents import text_document

from annotator.models import Document
from annotator.store import AnnotationStore
from annotator.tui.name_store import remembered_name
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.corpus import CorpusScreen
from annotator.tui.screens.name_prompt import NamePromptScreen

MARKUP_TEXT = (
    "Intro [bold]not bold[/] and [link=https://example.com]a link[/link] and "
    "[@click=app.quit]click me[/] end.\n\n"
    "“Quoted [red]words[/red] that stay literal,” said the minister.\n\n"
    "“김정은 and 習近平 met 👍🏽 in 평양 to talk about 半导体 supply chains,” 박진 said.\n\n"
    + "Longline" * 500
    + "\n\n“The last quote of a long article, about 한미동맹 and more,” she said."
)


def hostile_document() -> Document:
    document = text_document("hostile", MARKUP_TEXT, title="Title with [bold]markup[/] and 한국어")
    quotes = [
        quote.model_copy(update={"speaker": speaker})
        for quote, speaker in zip(
            document.quotes,
            ["[red]Kim[/red]", "박진 (Park Jin)", "[@click=app.quit]x[/]"],
            strict=True,
        )
    ]
    return document.model_copy(update={"quotes": quotes})


def assert_fits(text: str, width: int, height: int) -> None:
    lines = text.rstrip("\n").split("\n")
    assert len(lines) == height
    assert all(cell_len(line) <= width for line in lines)


async def test_article_markup_is_shown_literally_and_does_nothing(
    make_app: MakeApp, annotations_dir: Path
) -> None:
    document = hostile_document()
    app = make_app(docs=[document])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        shown = screen_text(app)
        for literal in (
            "[bold]not bold[/]",
            "[link=https://example.com]a link[/link]",
            "[@click=app.quit]click me[/]",
            "[red]words[/red]",
            "[red]Kim[/red]",
        ):
            assert literal in shown, literal
        # clicking on the would-be action link does nothing but place the cursor
        row = next(i for i, line in enumerate(shown.split("\n")) if "[@click=app.quit]" in line)
        column = cell_len(shown.split("\n")[row].split("[@click")[0]) + 3
        await pilot.click(offset=(column, row))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        await pilot.press("escape", "1")  # leave the article, label the current quote
        assert saved_file(annotations_dir, document).labels[0].stance == "pro-US"


async def test_wide_characters_emoji_and_long_lines_keep_the_layout(make_app: MakeApp) -> None:
    document = hostile_document()
    for size in ((80, 24), (200, 60)):
        app = make_app(docs=[document])
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("j")  # the quote with Korean, Chinese and an emoji
            await pilot.pause()
            shown = screen_text(app)
            assert_fits(shown, *size)
            assert "박진 (Park Jin)" in shown or "박진 (Park" in shown
            lines = shown.rstrip("\n").split("\n")
            assert "labelled" in lines[0]  # progress on the first line
            assert "pro-US" in lines[-2] and "positive" in lines[-2]  # the label bar
            await pilot.press("j")  # past the 4,000-character line
            await pilot.pause()
            assert_fits(screen_text(app), *size)


async def test_panels_stack_at_80x24_and_sit_side_by_side_when_wide(make_app: MakeApp) -> None:
    for size, stacked in (((80, 24), True), ((200, 60), False)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            article = screen.query_one("#article").region
            quotes = screen.query_one("#quotes").region
            detail = screen.query_one("#detail").region
            for region in (article, quotes, detail):
                assert region.height >= 3 and region.right <= size[0]
                assert region.bottom <= size[1] - 2  # above the label bar and footer
            if stacked:
                assert article.bottom <= quotes.y < detail.y
                assert article.width >= 76
            else:
                assert quotes.x >= article.right and detail.y > quotes.y
                assert article.height >= 50


async def test_a_document_without_quotes_opens_and_can_get_one(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    empty = documents[1].model_copy(update={"quotes": []})
    app = make_app(docs=[empty])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert "no quotes" in screen_text(app)
        await pilot.press("1", "j", "tab", "x", "f", "e", "n", "u")  # nothing to act on
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        assert not (annotations_dir / "alice" / f"{empty.id}.json").exists()
        await pilot.press("a", "ctrl+u", "0", "tab", "ctrl+u", *"30", "enter")
        await pilot.pause()
        assert len(saved_file(annotations_dir, empty).added_quotes) == 1


async def test_name_prompt_validates_and_remembers_the_name(
    make_app: MakeApp, tmp_path: Path, annotations_dir: Path
) -> None:
    name_file = tmp_path / "config" / "annotator-name"
    app = make_app(annotator=None, name_file=name_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NamePromptScreen)
        await pilot.press(*"../evil", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NamePromptScreen)
        assert "not a safe name" in screen_text(app)
        await pilot.press("ctrl+u", *"carol", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        await pilot.press("enter", "2")
    assert remembered_name(name_file) == "carol"
    assert (annotations_dir / "carol").is_dir()
    app = make_app(annotator=None, name_file=name_file)  # remembered: no prompt
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen) and app.annotator == "carol"


async def test_name_prompt_refuses_a_name_in_use_by_another_window(
    make_app: MakeApp, tmp_path: Path, annotations_dir: Path
) -> None:
    with AnnotationStore(annotations_dir).open_writer("dave"):
        app = make_app(annotator=None, name_file=tmp_path / "name")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press(*"dave", "enter")
            await pilot.pause()
            assert isinstance(app.screen, NamePromptScreen)
            # the message names the folder, so where it wraps depends on the temp path's length
            rows = (row.strip(" │") for row in screen_text(app).splitlines())
            assert "already being edited" in " ".join(" ".join(rows).split())


async def test_corpus_shows_progress_and_resumes_where_the_annotator_left_off(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "0/24" in shown and "0/18" in shown
        await pilot.press("j", "enter")
        await pilot.pause()
        await pilot.press("1", "j", "2", "f", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        assert "2/18" in screen_text(app)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None and app.session.document.id == documents[1].id
        assert app.session.index == 2


async def test_an_unreadable_annotation_file_is_not_opened_nor_overwritten(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    path = annotations_dir / "alice" / f"{documents[0].id}.json"
    path.parent.mkdir(parents=True)
    path.write_text('{"labels": [oops', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "invalid file" in screen_text(app)
        await pilot.press("enter", "1")
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
    assert path.read_text(encoding="utf-8") == '{"labels": [oops'
