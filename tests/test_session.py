"""The annotation session without a terminal: labels, quote edits, undo/redo, time, saving."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from annotator.corpus import iter_documents
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.models import Document, Quote, QuoteKind, sha256_text
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


def test_a_kind_change_alone_is_saved_and_reopens(
    document: Document, annotations_dir: Path
) -> None:
    """Changing only the kind of an unlabelled extracted quote is a correction worth keeping."""
    with AnnotationStore(annotations_dir).open_writer("alice") as writer:
        session = AnnotationSession(document, writer)
        quote = session.current
        assert quote is not None and quote.kind == QuoteKind.DIRECT
        session.set_kind(QuoteKind.INDIRECT)
        label = saved(session)[quote.id]
        assert label["quote"]["kind"] == "indirect" and label["stance"] is None
        session.set_kind(QuoteKind.DIRECT)  # back to what the extractor proposes: nothing to keep
        assert quote.id not in saved(session)
        session.set_kind(QuoteKind.MIXED)
    with AnnotationStore(annotations_dir).open_writer("alice") as writer:
        reopened = AnnotationSession(document, writer)
        assert reopened.current is not None and reopened.current.kind == QuoteKind.MIXED


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


# --------------------------------------------------------------------------- saved quotes


def with_proposals(document: Document, quotes: list[Quote]) -> Document:
    """The same text, as a newer extractor would propose it."""
    return document.model_copy(update={"quotes": sorted(quotes, key=lambda q: (q.start, q.end))})


def test_a_label_shows_what_was_labelled_not_the_new_proposal(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    first = session.quotes[0]
    assert first.speaker == "Chung Eui-yong"
    session.set_stance("pro-US")
    assert saved(session)[first.id]["quote"]["speaker"] == "Chung Eui-yong"
    # a newer extractor proposes another speaker for the same span
    newer = with_proposals(
        document,
        [first.model_copy(update={"speaker": "Wang Yi"}), *document.quotes[1:]],
    )
    session = AnnotationSession(newer, writer)
    assert session.quotes[0].speaker == "Chung Eui-yong"  # as saved
    change = session.proposal_changes(first.id)
    assert change is not None
    assert change.describe() == (
        "extractor now proposes speaker 'Wang Yi' (saved 'Chung Eui-yong')"
    )
    assert session.proposal_changes(session.quotes[1].id) is None  # not labelled
    session.move_to(0)
    assert session.accept_proposal()
    assert session.quotes[0].speaker == "Wang Yi"
    assert saved(session)[first.id]["quote"]["speaker"] == "Wang Yi"
    assert saved(session)[first.id]["stance"] == "pro-US"
    assert session.proposal_changes(first.id) is None
    assert session.undo() == f"accepted the proposal for {first.id}"
    assert saved(session)[first.id]["quote"]["speaker"] == "Chung Eui-yong"


def test_other_bounds_are_proposed_beside_the_saved_quote(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    first = session.quotes[0]
    session.set_stance("balancing")
    session.set_attribution("Park Jin", None)
    # the newer extractor drops the closing mark from the span, and credits someone else
    shorter = Quote.from_span(
        document.text, first.start, first.end - 1, kind=QuoteKind.DIRECT, speaker="Kim"
    )
    newer = with_proposals(document, [shorter, *document.quotes[1:]])
    session = AnnotationSession(newer, writer)
    ids = [quote.id for quote in session.quotes]
    assert first.id in ids and shorter.id in ids  # the labelled quote stays in the list
    assert session.quotes[session.position_of(first.id)].text == first.text
    change = session.proposal_changes(first.id)
    assert change is not None and change.proposal == shorter
    assert change.differences[0] == (
        f"bounds {shorter.start}-{shorter.end} (saved {first.start}-{first.end})"
    )
    assert "speaker 'Kim' (saved 'Chung Eui-yong')" in change.differences
    session.move_to(session.position_of(first.id))
    assert session.accept_proposal()
    on_disk = saved(session)
    assert list(on_disk) == [shorter.id]
    assert on_disk[shorter.id]["stance"] == "balancing"
    assert on_disk[shorter.id]["speaker"] == "Park Jin"  # the annotator's own stays
    assert on_disk[shorter.id]["quote"]["end"] == shorter.end
    assert first.id not in [quote.id for quote in session.quotes]
    assert session.current is not None and session.current.id == shorter.id


# --------------------------------------------------------------------------- another text


def new_version(document: Document, text: str) -> Document:
    """``document`` with another text, its quotes found again by their text."""
    quotes = []
    for quote in document.quotes:
        start = text.find(quote.text)
        if start >= 0:
            quotes.append(
                quote.model_copy(
                    update={"id": f"q{start}-{start + len(quote.text)}", "start": start,
                            "end": start + len(quote.text)}
                )
            )  # fmt: skip
    return document.model_copy(update={"text": text, "sha256": sha256_text(text), "quotes": quotes})


def test_another_text_is_reanchored_and_saved_only_once_accepted(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    labelled = session.quotes[:3]
    for index, stance in enumerate(("pro-US", "neutral", "balancing")):
        session.move_to(index)
        session.set_stance(stance)
    raw = session.path.read_bytes()
    mtime = session.path.stat().st_mtime_ns
    # the new text has a line on top and no longer has the third quote
    gone = labelled[2]
    text = "Updated 2024-05-02.\n\n" + document.text[: gone.start] + document.text[gone.end :]
    changed = new_version(document, text)
    shift = len("Updated 2024-05-02.\n\n")

    session = AnnotationSession(changed, writer)
    assert session.pending_new_text
    assert session.anchor_report.summary() == "0 labels unchanged, 2 moved, 1 could not be placed"
    report = session.new_text_report()
    assert report[0].startswith(
        f"moved {labelled[0].id} → q{labelled[0].start + shift}-{labelled[0].end + shift}"
    )
    assert report[2].startswith(f"not placed {gone.id} (kept in the file)")
    assert [label.quote_id for label in session.unplaced_labels] == [gone.id]
    with pytest.raises(AnnotatorError, match="not changed until the new text is accepted"):
        session.set_stance("pro-China")
    session.close()
    assert session.path.read_bytes() == raw and session.path.stat().st_mtime_ns == mtime

    session.accept_new_text()
    on_disk = load_annotation_file(session.path)
    assert on_disk.document_sha256 == changed.sha256
    by_id = {label.quote_id: label for label in on_disk.labels}
    assert by_id[f"q{labelled[0].start + shift}-{labelled[0].end + shift}"].stance == "pro-US"
    assert by_id[gone.id].stance == "balancing"  # unplaced: kept unchanged, never dropped
    assert by_id[gone.id].quote.text == gone.text
    # reopened: nothing pending, the unplaced label still listed, not in the quote list
    session = AnnotationSession(changed, writer)
    assert not session.pending_new_text
    assert [label.quote_id for label in session.unplaced_labels] == [gone.id]
    assert gone.text not in [quote.text for quote in session.quotes]
    session.move_to(0)
    session.set_sentiment("neutral")
    assert gone.id in saved(session)


def test_a_file_of_someone_else_is_refused_and_kept(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    session.set_stance("neutral")
    data = orjson.loads(session.path.read_bytes()) | {"annotator": "bob"}
    session.path.write_bytes(orjson.dumps(data))
    raw = session.path.read_bytes()
    with pytest.raises(InvalidFileError, match="holds annotator 'bob', not 'alice'"):
        AnnotationSession(document, writer)
    assert session.path.read_bytes() == raw


def test_a_read_only_session_never_writes(document: Document, annotations_dir: Path) -> None:
    store = AnnotationStore(annotations_dir)
    session = AnnotationSession(document, None, store=store, annotator="alice")
    with pytest.raises(AnnotatorError, match="read-only"):
        session.set_stance("neutral")
    session.close()
    assert not session.path.exists()


def test_a_batch_is_one_write_and_one_undo_step(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    with session.batch():
        session.set_stance("pro-US")
        session.set_sentiment("negative")
        session.toggle_flag()
        assert session.save_count == 0 and not session.path.exists()
    assert session.save_count == 1
    label = saved(session)[session.quotes[0].id]
    assert (label["stance"], label["sentiment"], label["flagged"]) == ("pro-US", "negative", True)
    assert session.undo() == "stance pro-US"
    assert session.current_label is None or session.current_label.is_empty()
    # a failing change undoes the batch, and nothing is written
    count = session.save_count
    with pytest.raises(ValueError, match="not a sentiment"), session.batch():
        session.set_stance("neutral")
        session.set_sentiment("ecstatic")
    assert session.save_count == count
    assert session.current_label is None or session.current_label.stance is None
