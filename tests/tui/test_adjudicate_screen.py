"""Pilot tests: adjudicating the shipped annotations (alice, bob) of both seed documents from
the keyboard — gold files validate, decisions record their provenance, unanimous fields are
settled without a key, undo works, the corpus view counts what is left."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from conftest import screen_text

from annotator.models import DecisionMethod, Document
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore, load_annotation_file
from annotator.tui.adjudicate_app import AdjudicatorApp
from annotator.tui.screens.adjudicate import AdjudicateScreen, AdjudicationCorpusScreen
from annotator.tui.screens.help import HelpScreen

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def extracted() -> list[Document]:
    return list(load_corpus([REPO / "seeds"]))


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "annotations"
    shutil.copytree(
        REPO / "annotations", folder, ignore=shutil.ignore_patterns(".lock", ".last-document")
    )
    return folder


def gold_of(folder: Path, document: Document) -> dict[str, object]:
    gold = load_annotation_file(folder / "gold" / f"{document.id}.json", document=document)
    return {label.quote_id: label for label in gold.labels}


def without_times(path: Path) -> dict[str, object]:
    data = orjson.loads(path.read_bytes())
    for label in data["labels"]:
        del label["updated_at"]
    return data


async def settle_all(pilot: object, screen: AdjudicateScreen) -> list[tuple[str, str, str]]:
    """Press tab and a number key until nothing is left; returns (quote, field, key) taken."""
    session = screen.session
    taken = []
    for _ in range(80):
        if session.unsettled_count == 0:
            break
        await pilot.press("tab")  # type: ignore[attr-defined]
        item, field = session.current, session.current_field
        assert item is not None
        key = "1" if session.value_of(1) is not None else "2"
        await pilot.press(key)  # type: ignore[attr-defined]
        taken.append((item.key, field, key))
    assert session.unsettled_count == 0
    return taken


async def test_adjudicate_both_seed_documents_from_the_keyboard(
    team_dir: Path, extracted: list[Document]
) -> None:
    store = AnnotationStore(team_dir)
    with store.open_writer("gold") as writer:
        app = AdjudicatorApp(extracted, writer)
        async with app.run_test(size=(100, 30)) as pilot:
            corpus = app.screen
            assert isinstance(corpus, AdjudicationCorpusScreen)
            before = [summary.unsettled for summary in corpus.summaries]
            assert all(count > 0 for count in before)
            for index, document in enumerate(extracted):
                if index:
                    await pilot.press("j")
                await pilot.press("enter")
                await pilot.pause()
                screen = app.screen
                assert isinstance(screen, AdjudicateScreen)
                assert screen.session.document.id == document.id
                taken = await settle_all(pilot, screen)
                assert taken
                assert "0 to adjudicate" in screen_text(app)
                labels = gold_of(team_dir, document)
                alice = {
                    label["quote_id"]: label
                    for label in orjson.loads(
                        (team_dir / "alice" / f"{document.id}.json").read_bytes()
                    )["labels"]
                }
                for quote_id, field, key in taken:
                    if field not in ("stance", "sentiment", "flag", "speaker", "outlet"):
                        continue
                    label = labels[quote_id]
                    decided = label.decision.fields[field]  # type: ignore[attr-defined]
                    assert decided.method == DecisionMethod.CHOSEN
                    assert decided.chosen == ("alice" if key == "1" else "bob")
                    if field == "stance" and key == "1":
                        assert label.stance == alice[quote_id]["stance"]  # type: ignore[attr-defined]
                # a field nobody disagreed on was settled without a key press
                untouched = [
                    label
                    for quote_id, label in labels.items()
                    if not any(quote_id == q for q, _, _ in taken)
                ]
                assert untouched
                for label in untouched:
                    stance = label.decision.fields.get("stance")  # type: ignore[attr-defined]
                    if stance is not None:
                        assert stance.method == DecisionMethod.UNANIMOUS
                        assert stance.annotators == ["alice", "bob"]
                await pilot.press("escape")
                await pilot.pause()
                assert app.screen is corpus
                assert corpus.summaries[index].unsettled == 0
            assert "0 quotes to adjudicate" in screen_text(app)


async def test_undo_restores_the_saved_file_and_own_value_dialog(
    team_dir: Path, extracted: list[Document]
) -> None:
    document = extracted[0]
    path = team_dir / "gold" / f"{document.id}.json"
    store = AnnotationStore(team_dir)
    with store.open_writer("gold") as writer:
        app = AdjudicatorApp(extracted[:1], writer)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AdjudicateScreen)
            session = screen.session
            # the first unsettled quote only alice added: the screen shows both readings
            assert session.current_field == "quote"
            shown = screen_text(app)
            assert "not a quote" in shown and "? open" in shown
            assert "added by alice; not a quote for bob" in shown
            await pilot.press("tab")  # q1548-1676: alice balancing, bob pro-China
            assert session.current is not None and session.current.key == "q1548-1676"
            assert session.current_field == "stance"
            saves = session.save_count
            await pilot.press("2")
            assert session.save_count == saves + 1
            assert gold_of(team_dir, document)["q1548-1676"].stance == "pro-China"  # type: ignore[attr-defined]
            with_choice = without_times(path)
            await pilot.press("o")
            await pilot.pause()
            await pilot.press("ctrl+a", "ctrl+k", *"neutral", "enter")
            await pilot.pause()
            label = gold_of(team_dir, document)["q1548-1676"]
            assert label.stance == "neutral"  # type: ignore[attr-defined]
            assert label.decision.fields["stance"].method == DecisionMethod.OWN  # type: ignore[attr-defined]
            await pilot.press("u")
            await pilot.pause()
            assert without_times(path) == with_choice
            await pilot.press("u")
            await pilot.pause()
            label = gold_of(team_dir, document)["q1548-1676"]
            assert label.stance is None  # type: ignore[attr-defined]
            assert "stance" not in label.decision.fields  # type: ignore[attr-defined]
            await pilot.press("ctrl+r")
            await pilot.pause()
            assert gold_of(team_dir, document)["q1548-1676"].stance == "pro-China"  # type: ignore[attr-defined]
            text = screen_text(app)
            lines = text.rstrip("\n").split("\n")
            assert len(lines) == 24 and all(len(line) <= 80 for line in lines)
            await pilot.press("down")
            assert session.current_field == "sentiment"
            await pilot.press("question_mark")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen) and help_screen.context == "adjudicate"
            described = {key.description for key in help_screen.keys}
            assert {"take annotator 2's value", "own value", "next unsettled", "undo"} <= described


async def test_an_own_value_typed_in_a_burst_is_saved_whole(
    team_dir: Path, extracted: list[Document]
) -> None:
    from test_flow import burst, settle  # the keys as a terminal sends a burst

    document = extracted[0]
    store = AnnotationStore(team_dir)
    with store.open_writer("gold") as writer:
        app = AdjudicatorApp(extracted[:1], writer)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AdjudicateScreen)
            await pilot.press("tab")  # q1548-1676, its stance
            assert screen.session.current_field == "stance"
            # o, the value, enter, then the key for the next field: all at once
            burst(app, "o", "ctrl+a", "ctrl+k", *"neutral", "enter", "down")
            await settle(pilot)
            assert isinstance(app.screen, AdjudicateScreen)
            assert screen.session.current_field == "sentiment"  # the down was not typed in
    label = gold_of(team_dir, document)["q1548-1676"]
    assert label.stance == "neutral"  # type: ignore[attr-defined]
    assert label.decision.fields["stance"].method == DecisionMethod.OWN  # type: ignore[attr-defined]


async def test_file_text_is_shown_literally(team_dir: Path, extracted: list[Document]) -> None:
    document = extracted[1]
    path = team_dir / "alice" / f"{document.id}.json"
    data = orjson.loads(path.read_bytes())
    for label in data["labels"]:
        if label["quote_id"] == "q761-844":
            label["note"] = "[bold]not bold[/] \x1b[31mred"
    path.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    store = AnnotationStore(team_dir)
    with store.open_writer("gold") as writer:
        app = AdjudicatorApp([document], writer)
        async with app.run_test(size=(120, 30)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, AdjudicateScreen)
            assert screen.session.current is not None
            assert screen.session.current.key == "q761-844"
            screen.session.field = 6  # note
            screen.refresh_view()
            await pilot.pause()
            shown = screen_text(app)
            assert "[bold]not bold[/]" in shown
            assert "\x1b" not in shown
