"""Saving from cached pieces: the same bytes as the full dump, and changed labels validated."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.corpus import iter_documents
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.jsonio import dump_pretty
from annotator.models import AnnotationFile, Document, QuoteLabel
from annotator.pipeline import extract
from annotator.session import AnnotationSession
from annotator.store import AnnotationStore, AnnotationWriter, load_annotation_file

REPO = Path(__file__).resolve().parent.parent
SEED_ID = "000_f0025863dcde12f7"


@pytest.fixture(scope="module")
def document() -> Document:
    return extract(next(iter_documents([REPO / "seeds" / f"{SEED_ID}.txt"])))


@pytest.fixture
def writer(annotations_dir: Path) -> Iterator[AnnotationWriter]:
    with AnnotationStore(annotations_dir).open_writer("alice") as held:
        yield held


def full_dump(annotation: AnnotationFile) -> bytes:
    """What the writer wrote before pieces: the whole file dumped at once."""
    return dump_pretty(annotation.sorted_for_writing())


@pytest.mark.parametrize(
    "shipped", sorted((REPO / "annotations").glob("*/*.json")), ids=lambda path: path.parent.name
)
def test_shipped_files_are_rewritten_byte_for_byte(shipped: Path, tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    shutil.copytree(REPO / "annotations", root)
    store = AnnotationStore(root)
    annotation = load_annotation_file(root / shipped.parent.name / shipped.name, store.scheme)
    expected = full_dump(annotation)
    target = root / shipped.parent.name / shipped.name
    with store.open_writer(shipped.parent.name) as writer:
        writer.save(annotation)  # never seen by this writer: validated and serialised whole
        assert target.read_bytes() == expected
        loaded = writer.load(shipped.stem)
        assert loaded is not None
        writer.save(loaded)  # every label from the pieces cache
    assert target.read_bytes() == expected


def test_a_session_writes_what_the_full_dump_writes(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    assert len(session.quotes) >= 8
    stances = session.scheme.stance_values()
    for index in range(8):
        session.move_to(index)
        session.set_stance(stances[index % len(stances)])
        assert session.path.read_bytes() == full_dump(session.annotation_file())
    session.move_to(2)
    session.set_note('line one\nline two with "quotes", a tab\t and ünïcödé — “curly”')
    session.set_attribution(speaker="Someone \\ backslash", outlet="")
    session.toggle_flag()
    session.move_to(5)
    session.delete_quote()
    session.add_quote(10, 60)
    session.undo()
    session.redo()
    assert session.path.read_bytes() == full_dump(session.annotation_file())
    # and what is on disk validates whole, as every file must
    reloaded = load_annotation_file(session.path, session.scheme, document)
    assert full_dump(reloaded) == session.path.read_bytes()


def test_unchanged_labels_are_not_validated_again(
    document: Document, writer: AnnotationWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = AnnotationSession(document, writer)
    with session.batch():
        for index in range(6):
            session.move_to(index)
            session.set_stance("neutral")
    validated: list[object] = []
    original = QuoteLabel.model_validate.__func__  # type: ignore[attr-defined]

    def counting(cls: type[QuoteLabel], data: object, **kwargs: object) -> QuoteLabel:
        validated.append(data)
        return original(cls, data, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(QuoteLabel, "model_validate", classmethod(counting))
    session.move_to(3)
    session.set_sentiment("positive")
    # the label that changed, plus the one whose time-on-quote changed when the cursor left it
    assert 1 <= len(validated) <= 2
    assert any(isinstance(data, dict) and data.get("sentiment") == "positive" for data in validated)


def test_a_changed_label_is_still_validated(document: Document, writer: AnnotationWriter) -> None:
    session = AnnotationSession(document, writer)
    with session.batch():
        for index in range(4):
            session.move_to(index)
            session.set_stance("pro-US")
    before = session.path.read_bytes()
    quote_id = session.quotes[2].id
    # a change that slipped past the session's own checks: the writer must still refuse it
    session._labels[quote_id] = session._labels[quote_id].model_copy(update={"stance": "pro-Mars"})
    with pytest.raises(InvalidFileError, match=r"\$\.labels\[2\]\.stance: stance 'pro-Mars'"):
        session.save()
    assert session.path.read_bytes() == before
    assert session.unsaved


def test_a_label_on_another_span_than_its_quote_is_refused(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    session.set_stance("neutral")
    annotation = session.annotation_file()
    label = annotation.labels[0]
    wrong = label.model_copy(update={"quote_id": "q0-3"})
    with pytest.raises(InvalidFileError, match="does not match the span of its quote"):
        writer.save(annotation.model_copy(update={"labels": [wrong]}))


def test_a_quote_labelled_twice_names_the_quote(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    session.set_stance("neutral")
    annotation = session.annotation_file()
    label = annotation.labels[0]
    twice = annotation.model_copy(update={"labels": [label, label.model_copy()]})
    with pytest.raises(AnnotatorError, match=f"quote {label.quote_id} is labelled twice"):
        writer.save(twice)
    with pytest.raises(ValueError, match=f"quote {label.quote_id} is labelled twice"):
        AnnotationFile.model_validate(twice.model_dump(mode="json"))


def test_a_quote_added_twice_names_the_quote(document: Document, writer: AnnotationWriter) -> None:
    session = AnnotationSession(document, writer)
    quote = session.add_quote(*session.sentence_at(document.quotes[0].start))
    annotation = session.annotation_file()
    twice = annotation.model_copy(update={"added_quotes": [quote, quote.model_copy()]})
    with pytest.raises(AnnotatorError, match=f"quote {quote.id} is added twice"):
        writer.save(twice)
    with pytest.raises(ValueError, match=f"quote {quote.id} is added twice"):
        AnnotationFile.model_validate(twice.model_dump(mode="json"))


def test_a_label_for_a_deleted_quote_is_refused(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    session.set_stance("neutral")
    annotation = session.annotation_file()
    quote_id = annotation.labels[0].quote_id
    with pytest.raises(InvalidFileError, match=f"label for deleted quote {quote_id}"):
        writer.save(annotation.model_copy(update={"deleted_quotes": [quote_id]}))


def test_progress_counts_labels_of_the_quotes_shown(
    document: Document, writer: AnnotationWriter
) -> None:
    session = AnnotationSession(document, writer)
    for index in range(3):
        session.move_to(index)
        session.set_stance("neutral")
    session.move_to(3)
    session.set_sentiment("positive")  # a label without a stance: not labelled
    session.toggle_flag()
    session.move_to(1)
    session.toggle_flag()
    expected = sum(1 for quote in session.quotes if session.is_labelled(quote.id))
    assert (session.progress().labelled, session.progress().flagged) == (expected, 2) == (3, 2)
    session.delete_quote()  # the labelled, flagged quote 2 goes (its label to the undo history)
    assert (session.progress().labelled, session.progress().flagged) == (2, 1)
    assert session.progress().total == len(session.quotes)
    session.undo()
    assert (session.progress().labelled, session.progress().flagged) == (3, 2)


def test_random_edits_write_the_bytes_of_a_full_save(
    document: Document, writer: AnnotationWriter
) -> None:
    """Edits, new labels, cleared labels, deletes, additions, undo and redo in a random order:
    after each one the file holds exactly what the full dump writes."""
    import random

    session = AnnotationSession(document, writer)
    stances = session.scheme.stance_values()
    sentiments = session.scheme.sentiment_values()
    rng = random.Random(15)
    saves = 0
    for step in range(160):
        session.move_to(rng.randrange(len(session.quotes)))
        action = rng.random()
        before = session.save_count
        if action < 0.35:
            session.set_stance(rng.choice(stances))  # a new label, or a changed (or cleared) one
        elif action < 0.55:
            session.set_sentiment(rng.choice(sentiments))
        elif action < 0.62:
            session.toggle_flag()
        elif action < 0.68:
            session.set_note(f"note {step}, with “quotes” and a \\ backslash")
        elif action < 0.72 and len(session.quotes) > 10:
            session.delete_quote()
        elif action < 0.75:
            quote = session.current
            assert quote is not None
            session.add_quote(max(quote.start - 30, 0), max(quote.start - 2, 1))
        elif action < 0.9:
            session.undo()
        else:
            session.redo()
        if session.save_count != before:
            saves += 1
            assert session.path.read_bytes() == full_dump(session.annotation_file()), step
    assert saves > 100
    reloaded = load_annotation_file(session.path, session.scheme, document)
    assert full_dump(reloaded) == session.path.read_bytes()


def test_labels_made_in_any_order_are_written_in_the_full_saves_order(
    document: Document, writer: AnnotationWriter
) -> None:
    """Labels made in any order are written in the file's order (by span), as the full dump
    sorts them."""
    session = AnnotationSession(document, writer)
    order = [5, 1, 7, 0, 3, 3, 6, 2, 4]
    for index in order:
        session.move_to(index)
        session.set_stance("neutral" if index % 2 else "pro-US")
        assert session.path.read_bytes() == full_dump(session.annotation_file())
    on_disk = load_annotation_file(session.path, session.scheme, document)
    spans = [label.quote.start for label in on_disk.labels]
    assert spans == sorted(spans)
