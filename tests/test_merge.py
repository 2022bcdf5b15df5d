"""Changes made on disk while a session is open (git pull, another tool) are merged, never lost."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.errors import AnnotatorError, ConflictError
from annotator.merge import merge_annotations
from annotator.models import Document
from annotator.pipeline import load_corpus
from annotator.session import AnnotationSession
from annotator.store import AnnotationStore, load_annotation_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_ID = "000_f0025863dcde12f7"


@pytest.fixture(scope="module")
def document() -> Document:
    document = next(iter(load_corpus([SEEDS / f"{SEED_ID}.txt"])))
    assert len(document.quotes) >= 4
    return document


# --------------------------------------------------------------------------- the merge itself


def label(quote_id: str, **fields: Any) -> dict[str, Any]:
    return {"quote_id": quote_id, **fields}


def annotation(labels: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "annotator": "alice",
        "document_id": "doc",
        "labels": labels,
        "added_quotes": fields.pop("added_quotes", []),
        "deleted_quotes": fields.pop("deleted_quotes", []),
        **fields,
    }


def test_changes_to_different_quotes_merge() -> None:
    base = annotation([label("q1-5", stance="neutral"), label("q10-20", stance="pro-US")])
    theirs = annotation(
        [label("q1-5", stance="pro-China"), label("q10-20", stance="pro-US"), label("q30-40", x=1)]
    )
    ours = annotation([label("q10-20", stance="balancing"), label("q1-5", stance="neutral")])
    merged = merge_annotations(base, theirs, ours, "alice/doc.json")
    assert {item["quote_id"]: item for item in merged["labels"]} == {
        "q1-5": label("q1-5", stance="pro-China"),
        "q10-20": label("q10-20", stance="balancing"),
        "q30-40": label("q30-40", x=1),
    }


def test_removed_on_one_side_unchanged_on_the_other_stays_removed() -> None:
    base = annotation([label("q1-5", stance="neutral"), label("q10-20", stance="pro-US")])
    theirs = annotation([label("q10-20", stance="pro-US")])
    ours = annotation([label("q1-5", stance="neutral"), label("q10-20", stance="pro-US")])
    assert merge_annotations(base, theirs, ours, "f")["labels"] == [
        label("q10-20", stance="pro-US")
    ]


def test_same_change_on_both_sides_is_no_conflict() -> None:
    base = annotation([])
    both = annotation([label("q1-5", stance="neutral")])
    assert merge_annotations(base, both, dict(both), "f") == both


def test_the_same_quote_changed_differently_is_a_conflict_naming_file_and_quotes() -> None:
    base = annotation([label("q1-5", stance="neutral"), label("q7-9", stance="neutral")])
    theirs = annotation([label("q1-5", stance="pro-US"), label("q7-9", note="a")])
    ours = annotation([label("q1-5", stance="pro-China"), label("q7-9", note="b")])
    with pytest.raises(ConflictError) as caught:
        merge_annotations(base, theirs, ours, "annotations/alice/doc.json")
    assert caught.value.quote_ids == ["q1-5", "q7-9"]
    message = str(caught.value)
    assert message.startswith("annotations/alice/doc.json: changed on disk")
    assert "quotes q1-5, q7-9" in message and "nothing saved" in message
    assert "\n" not in message


def test_one_quote_changed_in_different_fields_on_each_side_merges_field_by_field() -> None:
    stamp = "2026-12-02T05:00:00Z"
    base = annotation([label("q1-5", stance="neutral", note=None, seconds=4.0, updated_at=stamp)])
    theirs = annotation(  # a hand edit: a note, nothing else
        [label("q1-5", stance="neutral", note="by hand", seconds=4.0, updated_at=stamp)]
    )
    ours = annotation(  # the session: a new stance, 2.5 more seconds on the quote
        [label("q1-5", stance="pro-US", note=None, seconds=6.5, updated_at="2026-12-02T06:00:00Z")]
    )
    (merged,) = merge_annotations(base, theirs, ours, "f")["labels"]
    assert merged == label(
        "q1-5", stance="pro-US", note="by hand", seconds=6.5, updated_at="2026-12-02T06:00:00Z"
    )
    # time spent on both sides adds up; the later stamp wins
    theirs_timed = annotation(
        [label("q1-5", stance="neutral", note="x", seconds=7.0, updated_at="2026-12-02T07:00:00Z")]
    )
    (merged,) = merge_annotations(base, theirs_timed, ours, "f")["labels"]
    assert merged["seconds"] == 9.5 and merged["updated_at"] == "2026-12-02T07:00:00Z"
    assert merged["stance"] == "pro-US" and merged["note"] == "x"


def test_a_hand_edit_in_place_is_merged_with_time_spent_on_the_same_quote(
    store: AnnotationStore, document: Document
) -> None:
    """The session's time on a quote changes its label; a hand edit of its note must survive."""
    now = [1000.0]
    with store.open_writer("alice") as writer:
        session = AnnotationSession(document, writer, clock=lambda: now[0])
        session.set_stance("pro-US")
        path = store.path_for("alice", document.id)
        data = orjson.loads(path.read_bytes())
        data["labels"][0]["note"] = "added by hand in an editor"
        with path.open("r+b") as handle:
            handle.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
            handle.truncate()
        now[0] += 12.0  # 12 s more on the first quote before moving on
        session.move_to(1)
        session.set_stance("neutral")
    saved = load_annotation_file(path, document=document)
    first = saved.labels[0]
    assert first.quote_id == document.quotes[0].id
    assert first.note == "added by hand in an editor" and first.stance == "pro-US"
    assert first.seconds >= 12.0


def test_a_quote_deleted_on_one_side_and_labelled_on_the_other_is_a_conflict() -> None:
    base = annotation([])
    theirs = annotation([], deleted_quotes=["q1-5"])
    ours = annotation([label("q1-5", stance="neutral")])
    with pytest.raises(ConflictError, match="quote q1-5"):
        merge_annotations(base, theirs, ours, "f")


def test_added_and_deleted_quotes_merge_by_id() -> None:
    added = {"id": "q3-8", "start": 3, "end": 8}
    base = annotation([], deleted_quotes=["q1-2"])
    theirs = annotation([], deleted_quotes=["q1-2", "q20-30"], added_quotes=[added])
    ours = annotation([], deleted_quotes=[])  # we restored q1-2
    merged = merge_annotations(base, theirs, ours, "f")
    assert merged["deleted_quotes"] == ["q20-30"]
    assert merged["added_quotes"] == [added]
    changed = dict(added, end=9)
    with pytest.raises(ConflictError, match="quote q3-8"):
        merge_annotations(theirs, annotation([], added_quotes=[changed]), base, "f")


def test_other_fields_merge_and_conflict_by_name() -> None:
    base = annotation([], document_sha256="a")
    assert (
        merge_annotations(base, annotation([], document_sha256="b"), base, "f")["document_sha256"]
        == "b"
    )
    with pytest.raises(ConflictError, match="document_sha256"):
        merge_annotations(
            base, annotation([], document_sha256="b"), annotation([], document_sha256="c"), "f"
        )


# --------------------------------------------------------------------------- sessions and disk


@pytest.fixture
def store(annotations_dir: Path) -> AnnotationStore:
    return AnnotationStore(annotations_dir)


@pytest.fixture
def session(store: AnnotationStore, document: Document) -> Iterator[AnnotationSession]:
    with store.open_writer("alice") as writer:
        yield AnnotationSession(document, writer)


def label_in_a_clone(
    store: AnnotationStore, document: Document, tmp_path: Path, changes: dict[int, str]
) -> bytes:
    """Another clone of the folder (a colleague's machine, another branch) labels quotes;
    returns the bytes that a git pull would bring."""
    clone = tmp_path / "clone"
    shutil.rmtree(clone, ignore_errors=True)
    shutil.copytree(store.root, clone, ignore=shutil.ignore_patterns(".lock"))
    with AnnotationStore(clone).open_writer("alice") as writer:
        other = AnnotationSession(document, writer)
        for index, stance in changes.items():
            other.move_to(index)
            other.set_stance(stance)
        other.close()
    return (clone / "alice" / f"{document.id}.json").read_bytes()


def git_pull(store: AnnotationStore, document: Document, content: bytes) -> Path:
    """Replace the file as git does: a new file renamed over the old one."""
    path = store.path_for("alice", document.id)
    temporary = path.with_name("incoming")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return path


def stances(path: Path, document: Document) -> dict[str, str | None]:
    return {
        item.quote_id: item.stance for item in load_annotation_file(path, document=document).labels
    }


def test_a_pulled_change_to_another_quote_is_merged_and_shown(
    session: AnnotationSession, store: AnnotationStore, document: Document, tmp_path: Path
) -> None:
    quotes = document.quotes
    session.set_stance("pro-US")  # quote 0, saved
    pulled = label_in_a_clone(store, document, tmp_path, {1: "pro-China"})
    path = git_pull(store, document, pulled)
    session.move_to(2)
    session.set_stance("balancing")  # the next key: merged, not overwritten
    assert stances(path, document) == {
        quotes[0].id: "pro-US",
        quotes[1].id: "pro-China",
        quotes[2].id: "balancing",
    }
    # the session adopted the other side's label (the UI shows it) and stays on its quote
    assert session.label_for(quotes[1].id) is not None
    assert session.label_for(quotes[1].id).stance == "pro-China"  # type: ignore[union-attr]
    assert session.current is not None and session.current.id == quotes[2].id
    assert session.merge_count == 1 and not session.can_undo
    # and the next save needs no merge: what is on disk is what the session wrote
    session.set_stance("neutral")
    assert session.merge_count == 1
    assert stances(path, document)[quotes[1].id] == "pro-China"


def test_a_file_that_appeared_on_disk_is_merged_too(
    session: AnnotationSession, store: AnnotationStore, document: Document, tmp_path: Path
) -> None:
    # the session opened a document without a file; a pull then brought one
    pulled = label_in_a_clone(store, document, tmp_path, {3: "neutral"})
    path = git_pull(store, document, pulled)
    session.set_stance("pro-US")
    assert stances(path, document) == {
        document.quotes[0].id: "pro-US",
        document.quotes[3].id: "neutral",
    }


def test_the_same_quote_changed_on_disk_and_here_stops_with_a_conflict(
    session: AnnotationSession, store: AnnotationStore, document: Document, tmp_path: Path
) -> None:
    quote_id = document.quotes[0].id
    session.set_stance("pro-US")
    pulled = label_in_a_clone(store, document, tmp_path, {0: "pro-China"})
    path = git_pull(store, document, pulled)
    with pytest.raises(ConflictError) as caught:
        session.set_stance("balancing")
    assert str(path) in str(caught.value) and quote_id in str(caught.value)
    assert path.read_bytes() == pulled  # nothing written
    # the session keeps its own label in memory and knows it is not saved
    assert session.label_for(quote_id).stance == "balancing"  # type: ignore[union-attr]
    assert session.unsaved and "changed on disk" in (session.save_error or "")
    assert not session.retry_save()
    assert path.read_bytes() == pulled


def test_a_hand_edit_in_place_is_noticed(
    session: AnnotationSession, store: AnnotationStore, document: Document
) -> None:
    quotes = document.quotes
    session.set_stance("pro-US")
    path = store.path_for("alice", document.id)
    data = orjson.loads(path.read_bytes())
    data["labels"][0]["note"] = "added by hand in an editor"
    with path.open("r+b") as handle:  # same inode, as an editor saving in place
        handle.write(orjson.dumps(data, option=orjson.OPT_INDENT_2))
        handle.truncate()
    session.move_to(1)
    session.set_stance("neutral")
    saved = load_annotation_file(path, document=document)
    assert [(item.quote_id, item.note) for item in saved.labels] == [
        (quotes[0].id, "added by hand in an editor"),
        (quotes[1].id, None),
    ]


@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_a_lock_file_deleted_or_replaced_is_noticed_before_the_next_write(
    session: AnnotationSession, store: AnnotationStore, document: Document, how: str
) -> None:
    session.set_stance("pro-US")
    path = store.path_for("alice", document.id)
    before = path.read_bytes()
    lock = store.root / "alice" / ".lock"
    lock.unlink()  # git clean -fX
    if how == "replaced":
        lock.write_text("process 1 on elsewhere\n")
    with pytest.raises(AnnotatorError, match=rf"\.lock: the lock file was {how}"):
        session.set_stance("neutral")
    assert path.read_bytes() == before
    assert session.unsaved
