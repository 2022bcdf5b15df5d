"""The annotation session without a terminal: labels, quote edits, undo/redo, time, saving."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.corpus import iter_documents
from annotator.models import Document, Quote, QuoteKind
from annotator.session import MAX_SECONDS_PER_VISIT, AnnotationSession
from annotator.store import AnnotationStore, AnnotationWriter, load_annotation_file

CURLY_QUOTE = re.compile(r"“[^”]{10,}”")


def seed_with_quotes(seeds_dir: Path) -> Document:
    """The first seed article with its curly-quoted passages as direct quotes."""
    document = next(iter_documents([seeds_dir / "000_f0025863dcde12f7.txt"]))
    quotes = [
        Quote.from_span(
            document.text,
            match.start(),
            match.end(),
            kind=QuoteKind.DIRECT,
            speaker="Chung Eui-yong" if index % 2 == 0 else None,
            outlet="Yonhap" if index % 3 == 0 else None,
        )
        for index, match in enumerate(CURLY_QUOTE.finditer(document.text))
    ]
    return document.model_copy(update={"quotes": quotes})


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def document(seeds_dir: Path) -> Document:
    return seed_with_quotes(seeds_dir)


@pytest.fixture
def writer(annotations_dir: Path) -> Iterator[AnnotationWriter]:
    with AnnotationStore(annotations_dir).open_writer("alice") as held:
        yield held


def saved(session: AnnotationSession) -> dict[str, dict[str, object]]:
    annotation = load_annotation_file(session.path, document=session.document)
    return {label.quote_id: label.model_dump() for label in annotation.labels}


def test_the_seed_fixture_has_quotes(document: Document) -> None:
    assert len(document.quotes) >= 15
    assert document.quotes[0].text == "“very important,”"


def test_stance_is_saved_at_once_and_pressing_it_again_clears_it(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    first = session.current
    assert first is not None and session.index == 0
    session.set_stance("pro-China")
    assert saved(session)[first.id]["stance"] == "pro-China"
    session.set_stance("balancing")
    assert saved(session)[first.id]["stance"] == "balancing"
    session.set_stance("balancing")
    assert first.id not in saved(session)  # an empty label is not written
    with pytest.raises(ValueError, match="not a stance"):
        session.set_stance("pro-Mars")


def test_sentiment_flag_note_and_attribution(document: Document, writer: AnnotationWriter) -> None:
    session = AnnotationSession(document, writer)
    quote = session.current
    assert quote is not None and quote.speaker == "Chung Eui-yong"
    session.set_sentiment("negative")
    session.toggle_flag()
    session.set_note("  ask Kim about this one  ")
    session.set_attribution("Wang Yi", "")
    label = saved(session)[quote.id]
    assert label["sentiment"] == "negative"
    assert label["flagged"] is True
    assert label["note"] == "ask Kim about this one"
    assert label["speaker"] == "Wang Yi"
    assert label["outlet"] == ""  # the extracted outlet is Yonhap; '' says there is none
    session.toggle_flag()
    session.set_attribution("Chung Eui-yong", "Yonhap")  # back to the extracted values
    label = saved(session)[quote.id]
    assert label["flagged"] is False
    assert label["speaker"] is None and label["outlet"] is None
    session.set_sentiment("negative")
    session.set_note("")
    assert quote.id not in saved(session)


def test_attribution_empty_string_means_none(document: Document, writer: AnnotationWriter) -> None:
    session = AnnotationSession(document, writer)
    session.move_to(1)  # extracted speaker None, outlet None
    session.move_to(3)  # extracted outlet Yonhap
    quote = session.current
    assert quote is not None and quote.outlet == "Yonhap"
    session.set_attribution(None, "")
    assert saved(session)[quote.id]["outlet"] == ""


def test_undo_and_redo_cover_every_kind_of_change(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    first = session.current
    assert first is not None
    session.set_stance("pro-US")
    session.set_sentiment("positive")
    session.set_note("n")
    session.set_attribution("Someone", None)
    session.toggle_flag()
    deleted = session.delete_quote()
    assert deleted == first and first.id not in {quote.id for quote in session.quotes}
    added = session.add_quote(5, 40)
    assert added.id in {quote.id for quote in session.quotes}
    on_disk = load_annotation_file(session.path, document=document)
    assert on_disk.deleted_quotes == [first.id] and [q.id for q in on_disk.added_quotes] == [
        added.id
    ]

    assert session.undo() == f"added {added.id}"
    assert load_annotation_file(session.path).added_quotes == []
    assert session.undo() == f"deleted {first.id}"
    on_disk = load_annotation_file(session.path)
    assert on_disk.deleted_quotes == []
    assert on_disk.labels[0].flagged and on_disk.labels[0].speaker == "Someone"
    for _ in range(4):
        session.undo()
    assert saved(session)[first.id] | {"updated_at": None} == {
        **saved(session)[first.id],
        "updated_at": None,
        "stance": "pro-US",
        "sentiment": None,
    }
    session.undo()
    assert saved(session) == {}
    assert session.undo() is None
    for _ in range(7):
        assert session.redo() is not None
    assert session.redo() is None
    on_disk = load_annotation_file(session.path, document=document)
    assert on_disk.deleted_quotes == [first.id] and on_disk.added_quotes[0].id == added.id
    # a new change clears the redo history
    session.undo()
    session.set_stance("neutral")
    assert not session.can_redo


def test_restore_a_deleted_quote(document: Document, writer: AnnotationWriter) -> None:
    session = AnnotationSession(document, writer)
    session.move_to(2)
    quote = session.delete_quote()
    assert quote is not None and session.deleted_quotes == [quote]
    session.move_to(0)
    session.restore_quote(quote.id)
    assert session.current == quote and session.deleted_quotes == []
    assert load_annotation_file(session.path).deleted_quotes == []


def test_add_quote_trims_space_and_reuses_existing_quotes(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    existing = document.quotes[4]
    count = len(session.quotes)
    assert session.add_quote(existing.start, existing.end) == existing
    assert len(session.quotes) == count and session.current == existing
    text = document.text
    start = text.index("Let’s start with the visit to China.")
    added = session.add_quote(start - 1, start + len("Let’s start with the visit to China.") + 1)
    assert added.text == "Let’s start with the visit to China."
    assert added.kind == "indirect" and added.origin == "manual"
    with pytest.raises(ValueError, match="not inside the text"):
        session.add_quote(10, len(text) + 5)


def test_rebound_moves_the_label_to_the_new_span(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    old = document.quotes[0]
    session.set_stance("balancing")
    new = session.rebound_quote(old.start + 1, old.end - 2)
    assert new.replaces == old.id and new.speaker == old.speaker
    on_disk = load_annotation_file(session.path, document=document)
    assert on_disk.deleted_quotes == [old.id]
    assert [label.quote_id for label in on_disk.labels] == [new.id]
    assert on_disk.labels[0].stance == "balancing"
    session.undo()
    assert saved(session)[old.id]["stance"] == "balancing"


def test_time_per_quote_is_accumulated_and_capped(
    document: Document, writer: AnnotationWriter
) -> None:
    clock = FakeClock()
    session = AnnotationSession(document, writer, clock=clock)
    clock.now += 12.0
    session.set_stance("pro-US")
    clock.now += 3.0
    session.next()
    clock.now += 5000.0  # walked away
    session.previous()
    clock.now += 2.0
    session.set_sentiment("neutral")
    first = document.quotes[0].id
    second = document.quotes[1].id
    assert saved(session)[first]["seconds"] == 17.0
    session.move_to(1)
    session.set_stance("neutral")
    assert saved(session)[second]["seconds"] == MAX_SECONDS_PER_VISIT
    # undo does not take time back
    session.undo()
    session.move_to(0)
    session.close()
    assert saved(session)[first]["seconds"] == 17.0


def test_reopening_restores_everything_and_starts_at_first_unlabelled(
    document: Document, annotations_dir: Path
) -> None:
    store = AnnotationStore(annotations_dir)
    with store.open_writer("alice") as writer:
        session = AnnotationSession(document, writer)
        for stance in ("pro-US", "pro-China", "neutral"):
            session.set_stance(stance)
            session.next()
        session.move_to(4)
        session.set_stance("balancing")
        session.close()
    with store.open_writer("alice") as writer:
        reopened = AnnotationSession(document, writer)
        assert reopened.index == 3
        assert reopened.progress().labelled == 4
        assert reopened.label_for(document.quotes[1].id).stance == "pro-China"  # type: ignore[union-attr]
        assert reopened.next_unlabelled_index() == 5


def test_a_document_without_quotes_is_harmless(
    document: Document, writer: AnnotationWriter
) -> None:
    empty = document.model_copy(update={"quotes": []})
    session = AnnotationSession(empty, writer)
    assert session.current is None and session.progress().total == 0
    session.set_stance("pro-US")
    session.next()
    session.toggle_flag()
    assert session.delete_quote() is None
    assert session.next_unlabelled_index() is None
    session.close()
    assert not session.path.exists()
    added = session.add_quote(0, 20)
    assert session.current == added


def test_search_by_text_speaker_and_outlet(document: Document, writer: AnnotationWriter) -> None:
    session = AnnotationSession(document, writer)
    assert session.search("chung") == [i for i, q in enumerate(document.quotes) if q.speaker]
    assert session.search("YONHAP") == list(range(0, len(document.quotes), 3))
    hits = session.search("very important")
    assert hits == [0]
    session.move_to(1)
    session.set_attribution("Park Jin", None)
    assert session.search("park jin") == [1]
