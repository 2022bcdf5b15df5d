"""The annotation flow of issue #13: nothing typed is lost however fast it arrives, auto-advance,
the quote list's columns, adding a quote by sentence/clause/word, borderline proposals, the
review queue, resizing, the name prompt and the corpus at 80×24. Checked on the saved file."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp, saved_file, screen_text
from textual import events
from textual.widgets import Input, Static

from annotator.models import Document, LabelScheme, QuoteKind
from annotator.store import AnnotationStore
from annotator.tui.app import AnnotatorApp
from annotator.tui.name_store import auto_advance_file, remembered_auto_advance
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.dialogs import AttributionDialog, SpanDialog
from annotator.tui.screens.name_prompt import NamePromptScreen
from annotator.tui.widgets.article_view import ArticleView
from annotator.tui.widgets.quote_list import MIN_QUOTE, QuoteList

SIZE = (120, 40)


def burst(app: AnnotatorApp, *keys: str) -> None:
    """Send keys the way a terminal does in a burst (paste, tmux send-keys): all at once,
    without waiting for any of them to be handled."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        character = " " if key == "space" else (key if len(key) == 1 else None)
        event = events.Key(key, character)
        event.set_sender(app)
        driver.send_message(event)


async def settle(pilot: object, rounds: int = 6) -> None:
    for _ in range(rounds):
        await pilot.pause()  # type: ignore[attr-defined]


async def open_first(pilot: object, app: AnnotatorApp) -> AnnotateScreen:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, AnnotateScreen)
    return app.screen


def label_of(annotations_dir: Path, document: Document, quote_id: str) -> object:
    labels = {label.quote_id: label for label in saved_file(annotations_dir, document).labels}
    return labels[quote_id]


# ------------------------------------------------------------------ 1. nothing typed is lost


async def test_a_burst_through_the_speaker_dialog_loses_nothing(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    first = document.quotes[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        # e, the speaker, enter, then the label keys: one burst, as tmux send-keys gives it
        burst(app, "e", "ctrl+u", *"Korean", "space", *"FM", "enter", "3", "9")
        await settle(pilot)
        label = label_of(annotations_dir, document, first.id)
        assert (label.speaker, label.outlet) == ("Korean FM", None)  # outlet left as shown
        assert (label.stance, label.sentiment) == ("balancing", "positive")
        assert screen.session.index == 1  # complete: moved on by itself
        # the same with pilot presses and enter from the speaker field (never lands in outlet)
        await pilot.press("e", "ctrl+u", *"Wang Yi", "enter", "1", "7")
        await settle(pilot)
        label = label_of(annotations_dir, document, document.quotes[1].id)
        assert (label.speaker, label.outlet) == ("Wang Yi", None)
        assert (label.stance, label.sentiment) == ("pro-US", "negative")


async def test_tab_moves_between_fields_and_enter_saves_from_the_outlet(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, AttributionDialog)
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "outlet"
        await pilot.press("ctrl+u", *"KBS", "shift+tab")
        assert app.focused is not None and app.focused.id == "speaker"
        await pilot.press("ctrl+u", *"Suh", "enter")
        await settle(pilot)
        label = label_of(annotations_dir, document, document.quotes[0].id)
        assert (label.speaker, label.outlet) == ("Suh", "KBS")


async def test_a_paste_into_a_dialog_just_opened_is_kept(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        driver = app._driver
        assert driver is not None
        # the paste arrives before the dialog is built (the same burst as the e)
        burst(app, "e", "ctrl+u")
        driver.send_message(events.Paste("Moon Jae-in\nsecond line is not a speaker"))
        burst(app, "enter")
        await settle(pilot)
        assert label_of(annotations_dir, document, document.quotes[0].id).speaker == "Moon Jae-in"
        # a note typed in a burst, then a label key: the note is whole, the key labels
        burst(app, "n", *"check", "space", *"this", "enter", "2")
        await settle(pilot)
        label = label_of(annotations_dir, document, document.quotes[0].id)
        assert (label.note, label.stance) == ("check this", "pro-China")


async def test_a_search_typed_in_a_burst_jumps_to_what_was_typed(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        burst(app, "slash", *"climate", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AnnotateScreen)
        assert "climate" in screen.session.current.text


async def test_a_name_and_the_keys_after_it_in_one_burst_all_arrive(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document], tmp_path: Path
) -> None:
    # the name, enter, enter (open the first article), label keys: one burst; the keys typed
    # after each enter are held until the next screen is up, then given to it in order
    document = documents[0]
    app = make_app(annotator=None, name_file=tmp_path / "nobody" / "annotator-name")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NamePromptScreen)
        burst(app, *"bob", "enter", "enter", "1", "7", "j", "3", "8")
        await settle(pilot, 10)
        assert isinstance(app.screen, AnnotateScreen)
        assert app.screen.session.index == 3  # two quotes completed, one moved over
    labels = {
        label.quote_id: (label.stance, label.sentiment)
        for label in saved_file(annotations_dir, document, "bob").labels
    }
    assert labels == {
        document.quotes[0].id: ("pro-US", "negative"),
        document.quotes[2].id: ("balancing", "neutral"),
    }


async def test_keys_typed_after_a_refused_name_go_back_to_the_prompt(
    make_app: MakeApp, annotations_dir: Path, tmp_path: Path
) -> None:
    with AnnotationStore(annotations_dir).open_writer("dave"):  # another window has dave
        app = make_app(annotator=None, name_file=tmp_path / "nobody" / "annotator-name")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            burst(app, *"dave", "enter", *"-2")
            await settle(pilot, 10)
            # refused: the keys typed after the enter were given back to the prompt, in order
            assert isinstance(app.screen, NamePromptScreen)
            assert app.screen.query_one("#name", Input).value == "dave-2"
            await pilot.press("enter")
            await settle(pilot)
            assert app.annotator == "dave-2"


async def test_label_keys_typed_after_next_document_in_a_burst_label_that_document(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    first, second = documents[0], documents[1]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        burst(app, "1", "7", "right_square_bracket", "2", "8", "escape", "j")
        await settle(pilot, 10)
        assert not isinstance(app.screen, AnnotateScreen)  # escape went back to the corpus
        assert app.corpus_screen is not None and app.screen is app.corpus_screen
    assert [
        (label.stance, label.sentiment) for label in saved_file(annotations_dir, first).labels
    ] == [("pro-US", "negative")]
    labels = saved_file(annotations_dir, second).labels
    assert [(label.quote_id, label.stance, label.sentiment) for label in labels] == [
        (second.quotes[0].id, "pro-China", "neutral")
    ]


# ------------------------------------------------------------------ 2. auto-advance


async def test_auto_advance_after_the_required_labels_and_the_setting_is_remembered(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document], tmp_path: Path
) -> None:
    name_file = tmp_path / "config" / "annotator-name"
    app = make_app(name_file=name_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("1")
        assert screen.session.index == 0  # sentiment is required too
        await pilot.press("9")
        assert screen.session.index == 1
        await pilot.press("k", "9")  # clearing a label never moves on
        assert screen.session.index == 0
        await pilot.press("A", "2", "8")  # auto-advance off
        assert screen.session.index == 0
    assert remembered_auto_advance(auto_advance_file(name_file)) is False
    app = make_app(name_file=name_file)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        assert screen.auto_advance is False
        await pilot.press("A")
    assert remembered_auto_advance(auto_advance_file(name_file)) is True


def test_the_scheme_says_which_fields_are_required() -> None:
    old = {
        "stance": [{"value": "a", "key": "1", "definition": "A."}],
        "sentiment": [{"value": "b", "key": "2", "definition": "B."}],
    }
    assert LabelScheme.model_validate(old).required == ["stance", "sentiment"]  # old files
    assert LabelScheme.model_validate({**old, "required": ["stance"]}).required == ["stance"]


async def test_a_scheme_requiring_only_the_stance_advances_on_one_key(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    app.store.scheme = app.store.scheme.model_copy(update={"required": ["stance"]})
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("1", "2", "3")
        assert screen.session.index == 3


# ------------------------------------------------------------------ 3. the quote list


async def test_the_quote_list_at_120_columns_shows_40_characters_of_each_quote(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_first(pilot, app)
        quote_list = screen.query_one(QuoteList)
        width = quote_list.size.width
        assert width - quote_list.columns(width).fixed >= MIN_QUOTE
        shown = screen_text(app)
        for quote in screen.session.quotes[:5]:
            assert quote.text.replace("\n", " ")[: MIN_QUOTE - 1] in shown
        assert "Chung Eui-yong " in shown  # a 14-character speaker is not cut


# ------------------------------------------------------------------ 4. adding a quote


async def test_a_starts_at_the_sentence_and_grows_by_sentence_clause_and_word(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    text = document.text
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        session = screen.session
        start, end = session.sentence_at(session.current.start)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, SpanDialog)
        await pilot.press("down")  # one more sentence
        await pilot.press("c")  # kind: the next one after the text's own
        dialog_kind = app.screen.kind
        await pilot.press("enter")
        await settle(pilot)
        sentences = session.sentence_spans()
        grown_end = next(stop for _, stop in sentences if stop > end)
        added = saved_file(annotations_dir, document).added_quotes
        assert [(q.start, q.end, q.kind) for q in added] == [(start, grown_end, dialog_kind)]
        # a clause: . then , come back; the end one word later
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("full_stop", "comma", "right", "enter")
        await settle(pilot)
        spans = {(q.start, q.end) for q in saved_file(annotations_dir, document).added_quotes}
        assert len(spans) == 2
        (second,) = spans - {(start, grown_end)}
        assert text[second[0] : second[1]].strip()


async def test_shift_tab_puts_the_cursor_at_the_current_quote_and_selects_from_there(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        for _ in range(12):
            await pilot.press("j")
        article = screen.query_one(ArticleView)
        top = article.scroll_y
        assert top > 0  # the current quote is further down the article
        quote = screen.session.current
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is article
        await pilot.press("shift+right", "shift+right")
        assert article.selected_span() == (quote.start, quote.start + 2)
        assert article.scroll_y == top  # no jump to the top of the article


async def test_c_changes_the_kind_of_an_existing_quote_in_its_label(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    first = document.quotes[0]
    assert first.kind == QuoteKind.DIRECT
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("1", "c")
        await settle(pilot)
        assert label_of(annotations_dir, document, first.id).quote.kind == QuoteKind.INDIRECT
        assert screen.session.current.kind == QuoteKind.INDIRECT
        await pilot.press("u")
        await settle(pilot)
        assert label_of(annotations_dir, document, first.id).quote.kind == QuoteKind.DIRECT


# ------------------------------------------------------------------ 5. borderline proposals


def with_borderline(document: Document, indexes: tuple[int, ...]) -> Document:
    quotes = [
        quote.model_copy(update={"confidence": 0.2}) if index in indexes else quote
        for index, quote in enumerate(document.quotes)
    ]
    return document.model_copy(update={"quotes": quotes})


async def test_borderline_proposals_are_marked_hidden_and_removed_quickly(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = with_borderline(documents[0], (1, 2))
    app = make_app(docs=[document])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        quote_list = screen.query_one(QuoteList)
        row = quote_list.row_text(2, document.quotes[1], None, 100, borderline=True)
        assert row.plain.split()[1] == "?"
        assert "dim" in str(row.spans[-1].style) or any("dim" in str(s.style) for s in row.spans)
        await pilot.press("h", "j")  # hidden: j skips both
        assert screen.session.index == 3
        assert len(quote_list._rows) == len(document.quotes) - 2
        await pilot.press("h", "k")  # shown again
        assert screen.session.index == 2
        await pilot.press("x")  # removed at once, no question asked
        await settle(pilot)
        assert saved_file(annotations_dir, document).deleted_quotes == [document.quotes[2].id]
        await pilot.press("u")
        await settle(pilot)
        assert saved_file(annotations_dir, document).deleted_quotes == []


# ------------------------------------------------------------------ 6. review queue


async def test_review_queue_jumps_to_flagged_noted_borderline_and_changed(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = with_borderline(documents[0], (7,))
    app = make_app(docs=[document], auto_advance=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        await pilot.press("j", "j", "j", "f", "j", "j", "n", *"ok", "enter")
        await pilot.press("j", "j", "j", "1")  # quote 8: labelled (its proposal changes below)
        await settle(pilot)
        await pilot.press("k", "k", "k", "k", "k", "k", "k", "k")
        assert screen.session.index == 0
        await pilot.press("F")
        assert screen.session.index == 3
        await pilot.press("N")
        assert screen.session.index == 5
        await pilot.press("B")
        assert screen.session.index == 7
        await pilot.press("q")
    changed = [
        quote.model_copy(update={"speaker": "Someone Else"}) if index == 8 else quote
        for index, quote in enumerate(document.quotes)
    ]
    app = make_app(docs=[document.model_copy(update={"quotes": changed})], auto_advance=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot, app)
        screen.session.move_to(0)
        await pilot.press("P")
        assert screen.session.index == 8


# ------------------------------------------------------------------ 7. resize


async def test_after_a_resize_the_article_shows_the_current_quote(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_first(pilot, app)
        for _ in range(15):
            await pilot.press("j")
        article = screen.query_one(ArticleView)
        article.scroll_to(y=0, animate=False, immediate=True)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        quote = screen.session.current
        y = article.wrapped_y(quote.start)
        assert y is not None
        assert article.scroll_y <= y < article.scroll_y + article.scrollable_content_region.height


# ------------------------------------------------------------------ 8. name prompt, corpus


async def test_the_name_prompt_shows_the_folder_and_escape_quits(
    make_app: MakeApp, annotations_dir: Path, tmp_path: Path
) -> None:
    app = make_app(annotator=None, name_file=tmp_path / "nobody" / "annotator-name")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NamePromptScreen)
        texts = [str(widget.render()) for widget in app.screen.query(Static)]
        assert any(f"({annotations_dir}/<name>/)" in text for text in texts)
        assert not any("(annotations/<name>/)" in text for text in texts)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running


async def test_the_corpus_at_80x24_shows_usable_titles(
    make_app: MakeApp, documents: list[Document]
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = documents[0].title
        assert title is not None
        assert title[:25] in screen_text(app)
