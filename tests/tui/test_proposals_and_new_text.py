"""A labelled quote the extractor now proposes differently (p), and a document whose text changed
(the new-text dialog): checked on the screen and on the saved file."""

from __future__ import annotations

from pathlib import Path

from conftest import MakeApp, saved_file, screen_text

from annotator.models import Document, sha256_text
from annotator.tui.app import AnnotatorApp
from annotator.tui.keys import screen_commands
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.corpus import CorpusScreen
from annotator.tui.screens.dialogs import NewTextDialog
from annotator.tui.screens.help import HelpScreen
from annotator.tui.widgets.quote_detail import QuoteDetail

SIZE = (120, 40)


async def open_first(pilot: object, app: AnnotatorApp) -> None:
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]


async def label_first_quote(make_app: MakeApp, docs: list[Document]) -> None:
    app = make_app(docs=docs)
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        assert isinstance(app.screen, AnnotateScreen)
        await pilot.press("1", "q")


async def test_p_takes_what_the_extractor_now_proposes(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    first = document.quotes[0]
    await label_first_quote(make_app, [document])
    assert saved_file(annotations_dir, document).labels[0].quote.speaker == first.speaker
    # a newer extractor credits someone else with the first quote
    newer = document.model_copy(
        update={
            "quotes": [first.model_copy(update={"speaker": "Moon Jae-in"}), *document.quotes[1:]]
        }
    )
    app = make_app(docs=[newer])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        screen.session.move_to(0)
        screen._show_current()
        await pilot.pause()
        shown = screen_text(app)
        # the quote detail (a narrow panel: the line wraps) shows the proposal beside the label
        assert "extractor now proposes" in shown and "Moon Jae-in" in shown
        assert "(p takes it)" in shown
        detail = screen.query_one(QuoteDetail)
        described = (
            detail.describe(
                screen.session.current, screen.session.current_label, "", change.describe()
            )
            if (change := screen.session.proposal_changes(first.id))
            else None
        )
        assert described is not None and (
            f"extractor now proposes speaker 'Moon Jae-in' (saved '{first.speaker}')"
            in described.plain
        )
        commands = [title for title, _, _, _ in screen_commands(screen)]
        assert "Take the extractor's new proposal" in commands
        await pilot.press("p")
        await pilot.pause()
        (label,) = saved_file(annotations_dir, newer).labels
        assert label.quote.speaker == "Moon Jae-in" and label.stance == "pro-US"
        assert "extractor now proposes" not in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = {item.description: item.keys for item in app.screen.keys}
        assert keys["take the extractor's new proposal"] == "p"


async def test_a_changed_text_asks_before_anything_is_written(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    document = documents[0]
    await label_first_quote(make_app, [document])
    path = annotations_dir / "alice" / f"{document.id}.json"
    raw = path.read_bytes()
    prefix = "Correction: an earlier version misspelt a name.\n\n"
    text = prefix + document.text
    shift = len(prefix)
    changed = document.model_copy(
        update={
            "text": text,
            "sha256": sha256_text(text),
            "quotes": [
                quote.model_copy(
                    update={
                        "id": f"q{quote.start + shift}-{quote.end + shift}",
                        "start": quote.start + shift,
                        "end": quote.end + shift,
                    }
                )
                for quote in document.quotes
            ],
        }
    )
    first = document.quotes[0]
    app = make_app(docs=[changed])
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot, app)
        assert isinstance(app.screen, NewTextDialog)
        shown = screen_text(app)
        assert "The text of this document has changed" in shown
        assert "0 labels unchanged, 1 moved, 0 could not be placed" in shown
        assert f"moved {first.id} → q{first.start + shift}-{first.end + shift}" in shown
        await pilot.press("escape")  # go back: nothing is written
        await pilot.pause()
        assert isinstance(app.screen, CorpusScreen)
        assert path.read_bytes() == raw
        await open_first(pilot, app)
        assert isinstance(app.screen, NewTextDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        saved = saved_file(annotations_dir, changed)
        assert saved.document_sha256 == changed.sha256
        assert [label.quote_id for label in saved.labels] == [
            f"q{first.start + shift}-{first.end + shift}"
        ]
        await pilot.press("q")
