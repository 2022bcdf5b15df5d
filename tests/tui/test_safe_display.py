"""Hostile text in the UI: control sequences, C1, bidi overrides and markup from the article,
the quotes, the scheme file and file names are shown as visible escapes, never sent to the
terminal, never run as actions; what is stored stays exactly as it was."""

from __future__ import annotations

from pathlib import Path

import orjson
from conftest import MakeApp, saved_file, screen_text
from tui_documents import text_document

from annotator.models import DEFAULT_SCHEME, Document, LabelScheme
from annotator.tui.app import AnnotatorApp
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.help import HelpScreen
from annotator.tui.widgets.article_view import ArticleView

ESC_CLEAR = "\x1b[2J"
OSC_TITLE = "\x1b]0;pwned\x07"
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"
C1_CSI = "\x9b2J"
RLO = "\u202e"
RAW = ("\x1b", "\x07", "\x9b", RLO, "\u2066")
CLICK = "[@click=app.quit]"

TEXT = (
    f"Intro {ESC_CLEAR} and {OSC_TITLE} here.\n\n"
    f"“We will {OSC_CLIPBOARD} never {C1_CSI} give up on {RLO}this{CLICK}x[/],” said the minister.\n\n"
    "“A second quote about the alliance and the chips,” she said."
)
SPEAKER = f"[bold]Kim{ESC_CLEAR}{RLO}"


def hostile_document() -> Document:
    document = text_document("evil", TEXT, title=f"Title {OSC_TITLE} {CLICK}t[/]")
    first, *rest = document.quotes
    first = first.model_copy(update={"speaker": SPEAKER, "cue": f"said{C1_CSI}"})
    return document.model_copy(update={"quotes": [first, *rest]})


def hostile_scheme() -> LabelScheme:
    data = DEFAULT_SCHEME.model_dump(mode="json")
    data["stance"][2]["value"] = f"{CLICK}bal"
    data["stance"][2]["definition"] = f"keeps ties {OSC_TITLE} {RLO}both"
    return LabelScheme.model_validate(data)


def assert_no_raw(shown: str) -> None:
    for raw in RAW:
        assert raw not in shown, repr(raw)


async def test_article_quotes_and_help_show_visible_escapes(
    annotations_dir: Path, tmp_path: Path
) -> None:
    document = hostile_document()
    app = AnnotatorApp(
        annotations_dir=annotations_dir,
        annotator="alice",
        scheme=hostile_scheme(),
        documents=[document],
        name_file=tmp_path / "name",
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        shown = screen_text(app)
        assert_no_raw(shown)
        assert "␛[2J" in shown and "␛]0;pwned␇" in shown  # article view
        assert "[bold]Kim␛[2J<U+202E>" in shown  # quote detail, speaker
        assert "said<U+009B>2J" in shown  # cue
        assert f"{CLICK}bal" in shown  # the label bar shows the scheme value literally
        # the article view shows the text character for character: offsets are unchanged
        article = app.screen.query_one(ArticleView)
        assert len(article.text) == len(document.text)
        await pilot.press("3")  # the stance whose value looks like an action
        await pilot.pause()
        assert app.is_running and app.return_code is None
        saved = orjson.loads((annotations_dir / "alice" / "evil.json").read_bytes())
        assert saved["labels"][0]["stance"] == f"{CLICK}bal"  # stored exactly
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        assert_no_raw(shown)
        assert "keeps ties ␛]0;pwned␇ <U+202E>both" in shown


async def test_unchanged_dialog_fields_keep_the_stored_text(
    make_app: MakeApp, annotations_dir: Path
) -> None:
    document = hostile_document()
    app = make_app(docs=[document])
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("e")  # speaker/outlet dialog, shown inert
        await pilot.pause()
        shown = screen_text(app)
        assert_no_raw(shown)
        assert "[bold]Kim␛[2J<U+202E>" in shown
        await pilot.press("enter", "enter")  # accept both fields as shown
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"note", "enter")
        await pilot.pause()
        label = saved_file(annotations_dir, document).labels[0]
        # the speaker was left as it was: still "as extracted", not its escaped display form
        assert label.speaker is None and label.note == "note"
        assert document.quotes[0].speaker == SPEAKER


async def test_error_toast_with_markup_and_escapes_in_a_file_name(
    annotations_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    bad = corpus / f"{CLICK}x{RLO}.jsonl"
    bad.write_bytes(orjson.dumps({"id": "a", "text": "fine text"}) + b"\n{ broken \x1b[2J\n")
    app = AnnotatorApp(
        corpus=[corpus],
        annotations_dir=annotations_dir,
        annotator="alice",
        name_file=tmp_path / "name",
    )
    async with app.run_test(size=(160, 50)) as pilot:
        # The corpus loads in a worker: on a loaded machine the report can take seconds.
        for _ in range(400):
            await pilot.pause(0.05)
            if app._notifications:
                break
        notifications = list(app._notifications)
        assert notifications, "the broken corpus file was not reported"
        toast = notifications[-1]
        assert toast.markup is False
        assert CLICK in toast.message and "<U+202E>" in toast.message
        assert_no_raw(toast.message)
        for _ in range(400):  # the toast is drawn a refresh or more after the notification
            await pilot.pause(0.05)
            shown = screen_text(app)
            if "[@click" in shown:
                break
        assert CLICK in shown.replace("\n", "") or "[@click" in shown
        assert_no_raw(shown)
        # clicking the toast only dismisses it: the would-be action does not run
        toast_widget = app.screen.query("Toast")
        if toast_widget:
            await pilot.click(toast_widget.first().__class__)
            await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_command_palette_shows_quote_text_and_labels_literally(
    annotations_dir: Path, tmp_path: Path
) -> None:
    app = AnnotatorApp(
        annotations_dir=annotations_dir,
        annotator="alice",
        scheme=hostile_scheme(),
        documents=[hostile_document()],
        name_file=tmp_path / "name",
    )
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("x")  # the first quote (with markup and escapes) is not a quote
        await pilot.pause()
        for query in ("", "Restore", "bal"):
            await pilot.press("ctrl+p")
            await pilot.pause()
            if query:
                await pilot.press(*query)
            await pilot.pause(0.3)
            shown = screen_text(app)
            assert_no_raw(shown)
            if query == "Restore":
                assert "Restore quote “We will ␛]52;c;cHduZWQ=␇ never <U+009B>2J" in shown
            if query == "bal":
                assert f"{CLICK}bal" in shown  # the scheme's label, not an action
            await pilot.press("escape")
            await pilot.pause()
        assert app.is_running and app.return_code is None
