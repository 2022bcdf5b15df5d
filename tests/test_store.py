"""Annotation storage: layout, atomic deterministic writes, the per-annotator lock, versions."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator import atomic, migrations
from annotator.atomic import write_atomic
from annotator.corpus import iter_documents
from annotator.errors import AnnotatorError, InvalidFileError, LockedError, MachineError
from annotator.jsonio import dump_pretty
from annotator.models import DEFAULT_SCHEME, AnnotationFile, Document, Quote, QuoteLabel
from annotator.store import AnnotationStore, load_annotation_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_ID = "000_f0025863dcde12f7"


@pytest.fixture(scope="module")
def document() -> Document:
    return next(iter(iter_documents([SEEDS / f"{SEED_ID}.txt"])))


def quote_span(document: Document, phrase: str) -> tuple[int, int]:
    start = document.text.index(phrase)
    return start, start + len(phrase)


def make_annotation(document: Document, annotator: str = "alice") -> AnnotationFile:
    first = quote_span(document, "“very important,”")
    second = quote_span(document, "“deterring”")
    added = Quote.from_span(
        document.text,
        *quote_span(document, "Conservatives immediately criticized the visit."),
        kind="indirect",
        origin="manual",
    )
    return AnnotationFile(
        annotator=annotator,
        document_id=document.id,
        document_sha256=document.sha256,
        scheme={"name": "default", "version": 1},
        # deliberately out of order: the writer sorts
        labels=[
            QuoteLabel.for_quote(
                Quote.from_span(document.text, *second, kind="direct", speaker="Chung"),
                stance="pro-US",
                updated_at="2024-05-01T10:01:00Z",
            ),
            QuoteLabel.for_quote(
                Quote.from_span(document.text, *first, kind="direct"),
                stance="balancing",
                sentiment="positive",
                note="Chung on “cooperation” with Beijing — keep the dash",
                seconds=12.5,
                updated_at="2024-05-01T10:00:00Z",
            ),
        ],
        added_quotes=[added],
        deleted_quotes=["q5-9"],
    )


@pytest.fixture
def store(annotations_dir: Path) -> AnnotationStore:
    return AnnotationStore(root=annotations_dir)


@pytest.fixture
def writer(store: AnnotationStore) -> Iterator[Any]:
    with store.open_writer("alice") as held:
        yield held


def files_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# --------------------------------------------------------------------------- layout and names


def test_path_layout(store: AnnotationStore) -> None:
    assert store.path_for("alice", SEED_ID) == store.root / "alice" / f"{SEED_ID}.json"


@pytest.mark.parametrize("name", ["../../x", "..", "a/b", "/etc", ".hidden", "", "a\\b", "x" * 201])
def test_path_like_annotator_names_are_refused(
    store: AnnotationStore, tmp_path: Path, name: str
) -> None:
    before = files_under(tmp_path)
    with pytest.raises(AnnotatorError, match="invalid annotator name"):
        store.path_for(name, SEED_ID)
    with pytest.raises(AnnotatorError, match="invalid annotator name"):
        store.open_writer(name)
    assert files_under(tmp_path) == before


def test_path_like_document_id_is_refused(store: AnnotationStore) -> None:
    with pytest.raises(AnnotatorError, match="invalid document id"):
        store.path_for("alice", "../../etc/passwd")


# --------------------------------------------------------------------------- atomic writes


def test_save_and_load_round_trip(store: AnnotationStore, writer: Any, document: Document) -> None:
    annotation = make_annotation(document)
    path = writer.save(annotation)
    assert path == store.path_for("alice", document.id)
    loaded = store.load("alice", document.id, document)
    assert loaded == annotation.sorted_for_writing()
    assert store.load("alice", "no-such-document") is None
    # no temporary file is left next to it
    assert sorted(p.name for p in path.parent.iterdir()) == [".lock", path.name]


def test_written_bytes_are_deterministic(
    store: AnnotationStore, writer: Any, document: Document
) -> None:
    annotation = make_annotation(document)
    first = writer.save(annotation).read_bytes()
    shuffled = annotation.model_copy(
        update={
            "labels": list(reversed(annotation.labels)),
            "deleted_quotes": ["q5-9", "q5-9"],
        }
    )
    second = writer.save(shuffled).read_bytes()
    reloaded = store.load("alice", document.id)
    assert reloaded is not None
    third = writer.save(reloaded).read_bytes()
    assert first == second == third
    assert first.endswith(b"}\n") and not first.endswith(b"\n\n")
    assert first.startswith(b'{\n  "schema_version": 2,\n  "annotator": "alice",\n')
    data = orjson.loads(first)
    # ``adjudication`` is written in adjudicated (gold) files only
    assert list(data) == [name for name in AnnotationFile.model_fields if name != "adjudication"]
    assert all("decision" not in label for label in data["labels"])
    starts = [int(label["quote_id"][1:].split("-")[0]) for label in data["labels"]]
    assert starts == sorted(starts)
    assert "— keep the dash" in first.decode("utf-8")  # UTF-8, not \u escapes


def test_one_label_change_is_a_small_diff(writer: Any, document: Document) -> None:
    annotation = make_annotation(document)
    before = writer.save(annotation).read_text(encoding="utf-8").splitlines()
    changed_labels = [
        label.model_copy(update={"stance": "neutral"}) if label.stance == "pro-US" else label
        for label in annotation.labels
    ]
    after = writer.save(annotation.model_copy(update={"labels": changed_labels}))
    after_lines = after.read_text(encoding="utf-8").splitlines()
    assert len(before) == len(after_lines)
    assert [(a, b) for a, b in zip(before, after_lines, strict=True) if a != b] == [
        ('      "stance": "pro-US",', '      "stance": "neutral",')
    ]


def test_invalid_annotation_is_not_written(writer: Any, document: Document) -> None:
    bad = make_annotation(document).model_copy(
        update={
            "labels": [
                make_annotation(document).labels[0].model_copy(update={"stance": "pro-Mars"})
            ]
        }
    )
    with pytest.raises(InvalidFileError, match="stance 'pro-Mars' is not in scheme"):
        writer.save(bad)
    assert not writer.store.path_for("alice", document.id).exists()


def test_save_for_another_annotator_is_refused(writer: Any, document: Document) -> None:
    with pytest.raises(AnnotatorError, match="cannot save 'bob'"):
        writer.save(make_annotation(document, annotator="bob"))


@pytest.mark.parametrize(
    "existing",
    [b'{"schema_version": 1, "annotator": "al', b"\xff\xfe", b'{"schema_version": 9}', b"[]"],
)
def test_unreadable_existing_file_is_never_overwritten(
    store: AnnotationStore, writer: Any, document: Document, existing: bytes
) -> None:
    path = store.path_for("alice", document.id)
    path.write_bytes(existing)
    with pytest.raises(AnnotatorError, match=rf"{path.name}.*not overwritten"):
        writer.save(make_annotation(document))
    assert path.read_bytes() == existing


def test_failed_atomic_write_keeps_old_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    write_atomic(target, b"old\n")

    def broken_replace(source: str, destination: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(MachineError, match=r"file\.json: cannot write: the disk is full") as caught:
        write_atomic(target, b"new\n")
    assert caught.value.errno == 28  # still an OSError for code that tolerates those
    assert target.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


# --------------------------------------------------------------------------- the lock

HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from annotator.store import AnnotationStore
    writer = AnnotationStore(root=Path(sys.argv[1])).open_writer(sys.argv[2])
    print("locked", flush=True)
    time.sleep(60)
    """
)


@pytest.fixture
def lock_holder(annotations_dir: Path) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(annotations_dir), "alice"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "locked"
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def test_second_process_gets_locked_error_naming_the_holder(
    store: AnnotationStore, lock_holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(LockedError) as caught:
        store.open_writer("alice")
    message = str(caught.value)
    assert f"process {lock_holder.pid} on" in message
    assert "'alice'" in message and "\n" not in message
    # another annotator is not blocked
    with store.open_writer("bob") as other:
        assert other.annotator == "bob"


def test_lock_is_released_when_the_holder_dies(
    store: AnnotationStore, lock_holder: subprocess.Popen[str], document: Document
) -> None:
    with pytest.raises(LockedError):
        store.open_writer("alice")
    lock_holder.kill()
    lock_holder.wait(timeout=10)
    with store.open_writer("alice") as writer:
        assert writer.save(make_annotation(document)).is_file()
        assert f"process {os.getpid()} on" in (store.root / "alice" / ".lock").read_text()


def test_lock_is_exclusive_within_one_process_and_released_on_exit(
    store: AnnotationStore, document: Document
) -> None:
    with store.open_writer("alice") as writer, pytest.raises(LockedError):
        store.open_writer("alice")
    with pytest.raises(AnnotatorError, match="has been released"):
        writer.save(make_annotation(document))
    store.open_writer("alice").release()


# --------------------------------------------------------------------------- loading and versions


def write_json(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data))
    return path


def saved_data(document: Document) -> dict[str, Any]:
    return make_annotation(document).sorted_for_writing().model_dump(mode="json")


def test_added_quote_off_the_text_is_refused_when_loaded_with_the_document(
    store: AnnotationStore, document: Document
) -> None:
    data = saved_data(document)
    added = data["added_quotes"][0]
    start = added["start"]
    # the same length, so that only the comparison with the document's text can tell
    added["text"] = "x" * len(added["text"])
    path = write_json(store.path_for("alice", document.id), data)
    # without the document the file is valid (its own text fits its span) ...
    assert store.load("alice", document.id) is not None
    # ... with it (same sha256), the added quote must be the text at its span
    with pytest.raises(InvalidFileError) as caught:
        store.load("alice", document.id, document)
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert f"quote q{start}-{added['end']} text does not equal the document text" in message
    assert "\n" not in message


def test_newer_schema_version_is_a_clear_error(store: AnnotationStore, document: Document) -> None:
    path = write_json(
        store.path_for("alice", document.id), saved_data(document) | {"schema_version": 3}
    )
    with pytest.raises(InvalidFileError) as caught:
        store.load("alice", document.id)
    assert str(caught.value) == (
        f"{path}: $.schema_version: schema_version 3 is newer than this annotator supports (2); "
        "upgrade annotator"
    )


def test_migration_hook_upgrades_old_files(
    store: AnnotationStore, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    current = saved_data(document)
    old = {k: v for k, v in current.items() if k != "labels"} | {
        "schema_version": 0,
        "judgements": current["labels"],
    }
    path = write_json(store.path_for("alice", document.id), old)
    with pytest.raises(InvalidFileError, match="no migration from schema_version 0"):
        store.load("alice", document.id)

    def from_0(data: dict[str, Any]) -> dict[str, Any]:
        data = dict(data)
        data["labels"] = data.pop("judgements")
        data["schema_version"] = 2
        return data

    monkeypatch.setitem(migrations.ANNOTATION_MIGRATIONS, 0, from_0)
    assert load_annotation_file(path) == AnnotationFile.model_validate(current)


@pytest.mark.parametrize(
    ("change", "json_path", "reason"),
    [
        ({"schema_version": "1"}, "$.schema_version", "missing or non-integer schema_version"),
        ({"labels": {"q1-2": "x"}}, "$.labels", "Input should be a valid list"),
        ({"annotator": "../../x"}, "$.annotator", "String should match pattern"),
    ],
)
def test_wrong_types_name_the_json_path(
    store: AnnotationStore, document: Document, change: dict[str, Any], json_path: str, reason: str
) -> None:
    path = write_json(store.path_for("alice", document.id), saved_data(document) | change)
    with pytest.raises(InvalidFileError) as caught:
        store.load("alice", document.id)
    assert caught.value.json_path == json_path
    assert reason in caught.value.reason
    assert str(caught.value).startswith(f"{path}: {json_path}: ")


def test_label_outside_the_text_is_an_error(store: AnnotationStore, document: Document) -> None:
    end = len(document.text) + 10
    data = saved_data(document)
    data["labels"].append(
        {
            "quote_id": f"q{end - 5}-{end}",
            "stance": "neutral",
            "quote": {
                "start": end - 5,
                "end": end,
                "text": "xxxxx",
                "kind": "direct",
                "extractor": "t",
            },
        }
    )
    write_json(store.path_for("alice", document.id), data)
    assert store.load("alice", document.id) is not None  # without the document: not checkable
    with pytest.raises(InvalidFileError, match=r"lies outside the text") as caught:
        store.load("alice", document.id, document)
    assert caught.value.json_path == "$.labels[2].quote_id"


def test_file_for_another_document_is_an_error(store: AnnotationStore, document: Document) -> None:
    data = saved_data(document) | {"document_id": "other-doc"}
    write_json(store.path_for("alice", document.id), data)
    with pytest.raises(InvalidFileError, match="is for document 'other-doc'"):
        store.load("alice", document.id, document)


def test_iter_files_and_annotators(store: AnnotationStore, document: Document) -> None:
    for name in ("bob", "alice"):
        with store.open_writer(name) as writer:
            writer.save(make_annotation(document, annotator=name))
    (store.root / "_old").mkdir()
    (store.root / ".git").mkdir()
    (store.root / "scheme.json").write_bytes(b"{}")
    assert store.annotators() == ["alice", "bob"]
    assert [(a.annotator, a.document_id) for a in store.iter_files()] == [
        ("alice", document.id),
        ("bob", document.id),
    ]
    # a file moved into the wrong folder is caught
    misplaced = store.root / "bob" / "elsewhere.json"
    misplaced.write_bytes((store.root / "bob" / f"{document.id}.json").read_bytes())
    with pytest.raises(InvalidFileError, match=r"not 'elsewhere' \(its name\)"):
        list(store.iter_files(["bob"]))


def test_saved_files_get_the_usual_permissions(annotations_dir: Path) -> None:
    store = AnnotationStore(annotations_dir)
    with store.open_writer("alice") as writer:
        path = writer.save(_sha_file_for_permissions())
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def _sha_file_for_permissions() -> AnnotationFile:
    return AnnotationFile(
        annotator="alice", document_id="doc", document_sha256="0" * 64, scheme=DEFAULT_SCHEME.ref
    )


def test_a_file_broken_after_our_last_save_is_still_never_overwritten(
    annotations_dir: Path,
) -> None:
    store = AnnotationStore(annotations_dir)
    annotation = _sha_file_for_permissions()
    with store.open_writer("alice") as writer:
        path = writer.save(annotation)
        writer.save(annotation)  # unchanged since our own write: saved without re-reading
        path.write_bytes(b'{"schema_version": 1, "annotator": "al')  # someone truncates it
        with pytest.raises(AnnotatorError, match="not overwritten"):
            writer.save(annotation)
    assert path.read_bytes() == b'{"schema_version": 1, "annotator": "al'


# --------------------------------------------------------------------------- links and modes


def test_a_lock_that_is_a_symlink_is_refused_and_its_target_untouched(
    store: AnnotationStore, tmp_path: Path
) -> None:
    outside = tmp_path / "precious.txt"
    outside.write_text("do not truncate me\n")
    (store.root / "alice").mkdir()
    (store.root / "alice" / ".lock").symlink_to(outside)
    with pytest.raises(AnnotatorError, match=r"\.lock: the lock file is a symbolic link"):
        store.open_writer("alice")
    assert outside.read_text() == "do not truncate me\n"


def test_a_lock_that_is_not_a_regular_file_is_refused(store: AnnotationStore) -> None:
    (store.root / "alice" / ".lock").mkdir(parents=True)
    with pytest.raises(AnnotatorError, match=r"\.lock"):
        store.open_writer("alice")


def test_an_annotator_folder_that_is_a_symlink_is_refused(
    store: AnnotationStore, tmp_path: Path, document: Document
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (store.root / "alice").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(AnnotatorError, match="annotator folder is a symbolic link"):
        store.open_writer("alice")
    with pytest.raises(AnnotatorError, match="annotator folder is a symbolic link"):
        store.load("alice", document.id)
    with pytest.raises(AnnotatorError, match="annotator folder is a symbolic link"):
        list(store.paths())
    assert list(elsewhere.iterdir()) == []


def test_an_annotation_file_that_is_a_symlink_is_refused(
    store: AnnotationStore, writer: Any, document: Document, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.json"
    outside.write_bytes(dump_pretty(make_annotation(document).sorted_for_writing()))
    before = outside.read_bytes()
    path = store.path_for("alice", document.id)
    path.symlink_to(outside)
    with pytest.raises(InvalidFileError, match="is a symbolic link; refused"):
        store.load("alice", document.id)
    with pytest.raises(InvalidFileError, match="is a symbolic link; refused"):
        writer.save(make_annotation(document))
    with pytest.raises(InvalidFileError, match="is a symbolic link; refused"):
        list(store.iter_files())
    assert outside.read_bytes() == before and path.is_symlink()


def test_a_read_only_file_is_refused_not_replaced(
    store: AnnotationStore, writer: Any, document: Document
) -> None:
    path = writer.save(make_annotation(document))
    before = path.read_bytes()
    path.chmod(0o444)
    changed = make_annotation(document).model_copy(update={"deleted_quotes": []})
    with pytest.raises(AnnotatorError, match=r"is read-only \(mode 0444\); not replaced"):
        writer.save(changed)
    assert path.read_bytes() == before
    assert path.stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("mode", [0o664, 0o640, 0o600])
def test_a_file_keeps_its_mode_when_saved(writer: Any, document: Document, mode: int) -> None:
    path = writer.save(make_annotation(document))
    path.chmod(mode)
    writer.save(make_annotation(document).model_copy(update={"deleted_quotes": []}))
    assert path.stat().st_mode & 0o777 == mode
    assert orjson.loads(path.read_bytes())["deleted_quotes"] == []


@pytest.mark.parametrize(
    "name", ["con", "CON", "nul.json", "Aux.txt", "prn", "com1", "COM9.x", "lpt1", "alice.", "a "]
)
def test_names_windows_cannot_store_are_refused(store: AnnotationStore, name: str) -> None:
    with pytest.raises(AnnotatorError, match="invalid annotator name"):
        store.open_writer(name)
    with pytest.raises(AnnotatorError, match="invalid document id"):
        store.path_for("alice", name)


@pytest.mark.parametrize("name", ["console", "com10", "lpt", "nullable", "con-2"])
def test_names_close_to_windows_devices_are_fine(store: AnnotationStore, name: str) -> None:
    assert store.path_for(name, name).name == f"{name}.json"


# --------------------------------------------------------------------------- leftovers, holder


def test_the_next_writer_removes_temp_files_of_a_killed_writer(
    store: AnnotationStore, document: Document
) -> None:
    folder = store.root / "alice"
    folder.mkdir()
    leftovers = [folder / f".{document.id}.json.k1l_ed99.tmp", folder / ".other.json.abcdefgh.tmp"]
    for path in leftovers:
        path.write_bytes(b'{"half": ')
    unrelated = [folder / ".last-document.abcdefgh.tmp", folder / "notes.tmp", folder / "x.json"]
    for path in unrelated:
        path.write_bytes(b"keep")
    with store.open_writer("alice") as writer:
        assert sorted(writer.removed_temps) == sorted(leftovers)
        writer.save(make_annotation(document))
    assert not any(path.exists() for path in leftovers)
    assert all(path.read_bytes() == b"keep" for path in unrelated)


SLOW_HOLDER = textwrap.dedent(
    """
    import fcntl, os, sys, time
    fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.ftruncate(fd, 0)
    print("locked", flush=True)
    time.sleep(0.3)  # the moment between taking the lock and writing who has it
    os.pwrite(fd, f"process {os.getpid()} on testhost\\n".encode(), 0)
    time.sleep(60)
    """
)


def test_the_lock_message_names_a_holder_that_has_not_written_its_name_yet(
    store: AnnotationStore,
) -> None:
    lock = store.root / "alice" / ".lock"
    lock.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_HOLDER, str(lock)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError, match=f"by process {process.pid} on testhost;"):
            store.open_writer("alice")
    finally:
        process.kill()
        process.wait(timeout=10)


# --------------------------------------------------------------------------- machine errors


def enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("call", ["replace", "fsync"])
def test_a_full_disk_is_one_line_and_keeps_the_old_file(
    monkeypatch: pytest.MonkeyPatch, writer: Any, document: Document, call: str
) -> None:
    path = writer.save(make_annotation(document))
    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, call, enospc)
    with pytest.raises(MachineError) as caught:
        writer.save(make_annotation(document).model_copy(update={"deleted_quotes": []}))
    assert str(caught.value) == f"{path}: cannot write: the disk is full; free some space"
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == [".lock", path.name]


@pytest.mark.parametrize(
    ("number", "advice"),
    [
        (errno.EROFS, "the file system is read-only"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "operation not permitted"),
        (errno.ENAMETOOLONG, "the path is too long"),
    ],
)
def test_folder_errors_are_one_line_naming_the_file(
    monkeypatch: pytest.MonkeyPatch, writer: Any, document: Document, number: int, advice: str
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(number, os.strerror(number), str(args[0]) if args else None)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    path = writer.store.path_for("alice", document.id)
    with pytest.raises(MachineError, match=rf"^{path}: cannot write: {advice}"):
        writer.save(make_annotation(document))
    assert not path.exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder(store: AnnotationStore, document: Document) -> None:
    with store.open_writer("alice") as writer:
        folder = store.root / "alice"
        folder.chmod(0o555)
        try:
            with pytest.raises(MachineError, match="permission denied"):
                writer.save(make_annotation(document))
        finally:
            folder.chmod(0o755)


def test_a_folder_where_the_file_should_be(writer: Any, document: Document) -> None:
    path = writer.store.path_for("alice", document.id)
    path.mkdir()
    with pytest.raises(AnnotatorError, match="a folder is in the way where a file should be"):
        writer.save(make_annotation(document))
    assert path.is_dir()


def test_a_folder_where_an_export_file_should_be(tmp_path: Path) -> None:
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(MachineError, match=r"out\.csv: cannot write: a folder is in the way"):
        write_atomic(tmp_path / "out.csv", b"x")


# --------------------------------------------------------------------------- UTF-16


@pytest.mark.parametrize(
    ("encoding", "named"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE")],
)
def test_a_utf16_annotation_file_is_named_as_such(
    store: AnnotationStore, document: Document, encoding: str, named: str
) -> None:
    path = store.path_for("alice", document.id)
    path.parent.mkdir()
    path.write_bytes(dump_pretty(make_annotation(document)).decode().encode(encoding))
    with pytest.raises(InvalidFileError) as caught:
        store.load("alice", document.id)
    assert str(caught.value) == f"{path}: is UTF-16 text; save it as UTF-8 ({named})"


def test_a_read_only_file_system_when_taking_the_lock_is_one_line(
    store: AnnotationStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator import store as store_module

    def read_only(path: object, *args: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(store_module.os, "open", read_only)
    with pytest.raises(MachineError) as caught:
        store.open_writer("alice")
    assert str(caught.value) == (
        f"{store.root / 'alice' / '.lock'}: cannot create the lock file: "
        "the file system is read-only; use a writable folder"
    )
