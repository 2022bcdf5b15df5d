"""Every key of the annotate screen, checked on the saved file (not only on the screen)."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp, saved_file, screen_text

from annotator.models import Document
from annotator.spans import end_one_word_later, start_one_word_earlier, start_one_word_later
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.help import HelpScreen
from annotator.tui.widgets.article_view import ArticleView

SIZE = (120, 40)


async def open_first(pilot: object, app: AnnotatorApp) -> AnnotateScreen:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, AnnotateScreen)
    return app.screen


def labels(annotations_dir: Path, document: Document) -> dict[str, tuple[object, ...]]:
    annotation = saved_file(annotations_dir, document)
    return {
        label.quote_id: (label.stance, label.sentiment, label.flagged)
        for label in annotation.labels
    }


async def test_stance_keys_in_scheme_order_and_pressing_again_clears(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    quotes = document.quotes
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("1", "j", "2", "j", "3", "j", "4")
        assert labels(annotations_dir, document) == {
            quotes[0].id: ("pro-US", None, False),
            quotes[1].id: ("pro-China", None, False),
            quotes[2].id: ("balancing", None, False),
            quotes[3].id: ("neutral", None, False),
        }
        await pilot.press("4")  # the current value again: cleared
        assert quotes[3].id not in labels(annotations_dir, document)
        await pilot.press("1", "2")  # another value replaces
        assert labels(annotations_dir, document)[quotes[3].id][0] == "pro-China"


async def test_sentiment_keys_and_flag(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    quotes = document.quotes
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("7", "down", "8", "down", "9", "f")
        assert labels(annotations_dir, document) == {
            quotes[0].id: (None, "negative", False),
            quotes[1].id: (None, "neutral", False),
            quotes[2].id: (None, "positive", True),
        }
        await pilot.press("up", "up", "7", "k", "f")
        # quote 0: 7 again clears its sentiment; k at the first quote stays there; f flags it
        assert labels(annotations_dir, document) == {
            quotes[0].id: (None, None, True),
            quotes[1].id: (None, "neutral", False),
            quotes[2].id: (None, "positive", True),
        }
        assert app.session is not None and app.session.index == 0


async def test_tab_goes_to_the_next_quote_without_a_stance(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    quotes = documents[0].quotes
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("j", "1", "j", "2", "k", "k")  # quotes 1 and 2 labelled, back on 0
        assert screen.session.index == 0
        await pilot.press("tab")
        assert screen.session.index == 3
        await pilot.press("1", "tab")
        assert screen.session.index == 4
        assert labels(annotations_dir, documents[0])[quotes[3].id][0] == "pro-US"


async def test_edit_speaker_and_outlet_with_suggestions(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("j", "e")  # quote 1 has no extracted speaker
        await pilot.press(*"Wan", "right", "tab")  # suggestion; tab: next field
        await pilot.press("ctrl+u", *"KBS", "enter")
        await pilot.pause()
        label = saved_file(annotations_dir, document).labels[0]
        assert (label.quote_id, label.speaker, label.outlet) == (
            document.quotes[1].id,
            "Wang Yi",
            "KBS",
        )
        # escape cancels without saving anything
        await pilot.press("e", "ctrl+u", *"Nobody", "escape")
        assert saved_file(annotations_dir, document).labels[0].speaker == "Wang Yi"


async def test_note(make_app: MakeApp, annotations_dir: Path, documents: list[Document]) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("n", *"check the [bold] date", "enter")
        await pilot.pause()
        assert saved_file(annotations_dir, documents[0]).labels[0].note == "check the [bold] date"


async def test_x_marks_not_a_quote_and_the_palette_restores_it(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("1", "x")
        annotation = saved_file(annotations_dir, document)
        assert annotation.deleted_quotes == [document.quotes[0].id]
        assert annotation.labels == []
        assert screen.session.current == document.quotes[1]
        await pilot.press("ctrl+p")
        await pilot.press(*"restore quote")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert saved_file(annotations_dir, document).deleted_quotes == []
        assert screen.session.current == document.quotes[0]


async def test_a_adds_the_selected_text_as_a_quote(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    sentence = "Let’s start with the visit to China."
    start = document.text.index(sentence)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        screen.query_one(ArticleView).select_span(start, start + len(sentence))
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        added = saved_file(annotations_dir, document).added_quotes
        assert [(quote.start, quote.end, quote.origin) for quote in added] == [
            (start, start + len(sentence), "manual")
        ]
        assert screen.session.current == added[0]
        # or give the bounds by hand
        await pilot.press("a", "ctrl+u", *str(start), "tab", "ctrl+u", *str(start + 7), "enter")
        await pilot.pause()
        added = saved_file(annotations_dir, document).added_quotes
        assert [quote.text for quote in added] == ["Let’s s", sentence]


async def test_undo_and_redo_every_kind_of_change(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app(auto_advance=False)  # stays on the quote it labels
    document = documents[0]
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("2", "9", "f", "n", *"hm", "enter", "x")
        await pilot.pause()
        assert saved_file(annotations_dir, document).deleted_quotes == [document.quotes[0].id]
        await pilot.press("u")
        annotation = saved_file(annotations_dir, document)
        assert annotation.deleted_quotes == []
        assert annotation.labels[0].note == "hm" and annotation.labels[0].flagged
        await pilot.press("u", "u", "u")
        assert labels(annotations_dir, document) == {
            document.quotes[0].id: ("pro-China", None, False)
        }
        await pilot.press("u")
        assert labels(annotations_dir, document) == {}
        await pilot.press("ctrl+r", "ctrl+r", "ctrl+r")
        assert labels(annotations_dir, document) == {
            document.quotes[0].id: ("pro-China", "positive", True)
        }


async def test_search_jumps_to_a_quote_by_speaker_or_text(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("slash", *"suh hoon", "enter")
        await pilot.pause()
        assert screen.session.current is not None
        assert screen.session.current.speaker == "Suh Hoon"
        await pilot.press("slash", *"reuniting separated", "enter")
        await pilot.pause()
        assert "reuniting separated" in screen.session.current.text


async def test_next_and_previous_document_keep_each_file(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("1", "right_square_bracket")
        await pilot.pause()
        assert app.session is not None and app.session.document.id == documents[1].id
        await pilot.press("3", "right_square_bracket")  # no next document: stays
        await pilot.pause()
        assert app.session.document.id == documents[1].id
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert app.session.document.id == documents[0].id
        assert labels(annotations_dir, documents[0]) == {
            documents[0].quotes[0].id: ("pro-US", None, False)
        }
        assert labels(annotations_dir, documents[1]) == {
            documents[1].quotes[0].id: ("balancing", None, False)
        }
        assert len(app.screen_stack) == 3  # default, corpus, one annotate screen


async def test_help_lists_the_scheme_and_every_key(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {item.description: item.keys for item in app.screen.keys}
        assert keys["pro-US"] == "1" and keys["positive"] == "9"
        assert keys["next"] == "j ↓" and keys["undo"] == "u" and keys["redo"] == "^r"
        for description in ("next without stance", "speaker/outlet", "note", "flag"):
            assert description in keys
        for description in ("not a quote", "add quote", "search", "next doc", "help"):
            assert description in keys
        assert keys["quit"] == "q"
        # only the app's own actions: none of the keys Textual itself binds
        for internal in ("Quit", "Focus Next", "Focus Previous", "Copy selected text"):
            assert internal not in keys
        for review in ("next flagged", "next borderline", "next changed proposal"):
            assert review in keys
        assert keys["next with a note"] == "N" and keys["auto-advance on/off"] == "A"
        help_text = screen_text(app)
        assert "Favours China or closer alignment of Seoul with Beijing." in help_text
        await pilot.press("escape")
        assert isinstance(app.screen, AnnotateScreen)


async def test_q_quits_and_time_is_recorded(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("1")
        await pilot.pause(0.3)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    label = saved_file(annotations_dir, documents[0]).labels[0]
    assert label.seconds >= 0.3


async def test_reopening_shows_everything_with_the_cursor_on_the_first_unlabelled(
    make_app: MakeApp, documents: list[Document]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        app = pilot.app
        await open_first(pilot, app)  # type: ignore[arg-type]
        await pilot.press("1", "j", "2", "j", "j", "4", "q")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        assert screen.session.index == 2
        assert screen.session.progress().labelled == 3
        assert screen.session.label_for(documents[0].quotes[3].id).stance == "neutral"  # type: ignore[union-attr]


async def test_palette_rebounds_the_current_quote_keeping_its_label(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    old = document.quotes[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("3")
        screen.query_one(ArticleView).select_span(old.start + 1, old.end - 2)
        await pilot.press("ctrl+p", *"change the bounds")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # confirm the selected bounds
        await pilot.pause()
        annotation = saved_file(annotations_dir, document)
        assert annotation.deleted_quotes == [old.id]
        [new] = annotation.added_quotes
        assert (new.start, new.end, new.replaces) == (old.start + 1, old.end - 2, old.id)
        assert [(label.quote_id, label.stance) for label in annotation.labels] == [
            (new.id, "balancing")
        ]


async def test_bounds_move_word_by_word_from_the_keyboard(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app()
    document = documents[0]
    text = document.text
    first = document.quotes[0]
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        # b: re-bound the current quote, its start one word earlier
        await pilot.press("b")
        await pilot.pause()
        await pilot.press("shift+left", "enter")
        await pilot.pause()
        annotation = saved_file(annotations_dir, document)
        new_start = start_one_word_earlier(text, first.start)
        assert annotation.deleted_quotes == [first.id]
        (moved,) = annotation.added_quotes
        assert (moved.start, moved.end, moved.replaces) == (new_start, first.end, first.id)
        assert screen.session.current == moved
        # a: add a quote starting from the current quote's sentence, start a word later, end
        # two words later
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("shift+right", "ctrl+right", "ctrl+right")
        await pilot.press("enter")
        await pilot.pause()
        sentence_start, sentence_end = screen.session.sentence_at(moved.start)
        start = start_one_word_later(text, sentence_start)
        end = end_one_word_later(text, end_one_word_later(text, sentence_end))
        added = {
            (quote.start, quote.end) for quote in saved_file(annotations_dir, document).added_quotes
        }
        assert (start, end) in added
