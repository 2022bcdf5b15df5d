"""Import is all or nothing: every lock and every target is checked before the first write, a
failed write puts back what was written, and wrong JSON types in an import file give one clear
line (never a TypeError/KeyError traceback)."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.errors import AnnotatorError, LockedError
from annotator.export.formats import read_records
from annotator.export.importing import apply_import, plan_import
from annotator.export.label_studio import read_label_studio
from annotator.models import DEFAULT_SCHEME, Document
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore, AnnotationWriter

TEXT = "Intro line. “We will keep both partners close,” said the minister. The end."
START = TEXT.index("“")
END = TEXT.index("”") + 1


def no_extraction(paths: list[Path]):
    return load_corpus(paths, extract=False)


def task(stance: str = "neutral", annotators: tuple[str, ...] = ("alice", "bob")) -> dict:
    def result(name: str) -> dict:
        return {
            "annotator": name,
            "result": [
                {
                    "id": "r1",
                    "from_name": "quote",
                    "to_name": "text",
                    "type": "labels",
                    "value": {"start": START, "end": END, "labels": ["direct"]},
                },
                {
                    "id": "r1",
                    "from_name": "stance",
                    "to_name": "text",
                    "type": "choices",
                    "value": {"start": START, "end": END, "choices": [stance]},
                },
            ],
        }

    return {
        "id": 1,
        "data": {"text": TEXT, "document_id": "doc1"},
        "annotations": [result(name) for name in annotators],
    }


def write_tasks(path: Path, tasks: list[dict]) -> Path:
    path.write_bytes(orjson.dumps(tasks))
    return path


def run_import(
    path: Path,
    root: Path,
    tmp_path: Path,
    force: bool = False,
    format_name: str = "label-studio",
    corpus: list[Document] | None = None,
) -> None:
    store = AnnotationStore(root, scheme=DEFAULT_SCHEME)
    plan = plan_import(
        read_records(format_name, path, DEFAULT_SCHEME.stance_values()),
        corpus=iter(corpus or []),
        store=store,
        documents_out=tmp_path / "imported" / "docs.jsonl",
        annotator_override=None,
        force=force,
        load=no_extraction,
    )
    apply_import(plan)


def json_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.json"))


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` but the locks (a writer stamps its pid there)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


# --------------------------------------------------------------------------- all or nothing


def test_a_held_lock_of_the_second_annotator_writes_nothing_for_anyone(
    annotations_dir: Path, tmp_path: Path
) -> None:
    path = write_tasks(tmp_path / "ls.json", [task()])
    holder = AnnotationStore(annotations_dir).open_writer("bob")
    try:
        with pytest.raises(LockedError, match="'bob' is already being edited"):
            run_import(path, annotations_dir, tmp_path)
    finally:
        holder.release()
    assert json_files(annotations_dir) == []
    assert not (annotations_dir / "alice").exists()  # not even alice's folder
    assert not (tmp_path / "imported" / "docs.jsonl").exists()
    run_import(path, annotations_dir, tmp_path)  # once the lock is free, it goes through
    assert json_files(annotations_dir) == ["alice/doc1.json", "bob/doc1.json"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{ not json", "not valid JSON"),
        (b'{"schema_version": 999}', "newer than this annotator supports"),
    ],
)
def test_a_corrupt_or_newer_target_stops_everything_even_with_force(
    content: bytes, message: str, annotations_dir: Path, tmp_path: Path
) -> None:
    path = write_tasks(tmp_path / "ls.json", [task()])
    (annotations_dir / "bob").mkdir()
    (annotations_dir / "bob" / "doc1.json").write_bytes(content)
    with pytest.raises(AnnotatorError) as caught:
        run_import(path, annotations_dir, tmp_path, force=True)
    assert message in str(caught.value) and "bob/doc1.json" in str(caught.value)
    assert "nothing was written" in str(caught.value)
    assert json_files(annotations_dir) == ["bob/doc1.json"]
    assert not (annotations_dir / "alice").exists()
    assert (annotations_dir / "bob" / "doc1.json").read_bytes() == content
    assert not (tmp_path / "imported" / "docs.jsonl").exists()


def test_an_existing_target_without_force_stops_everything(
    annotations_dir: Path, tmp_path: Path
) -> None:
    run_import(
        write_tasks(tmp_path / "one.json", [task(annotators=("bob",))]), annotations_dir, tmp_path
    )
    corpus = list(no_extraction([tmp_path / "imported" / "docs.jsonl"]))
    before = snapshot(tmp_path)
    with pytest.raises(AnnotatorError, match=r"bob/doc1\.json: already exists; pass --force"):
        run_import(
            write_tasks(tmp_path / "two.json", [task()]), annotations_dir, tmp_path, corpus=corpus
        )
    after = snapshot(tmp_path)
    after.pop("two.json")
    assert after == before


def test_a_failed_write_puts_back_every_file(
    annotations_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(write_tasks(tmp_path / "first.json", [task("neutral")]), annotations_dir, tmp_path)
    before = snapshot(tmp_path)
    real_save = AnnotationWriter.save

    def save(self: AnnotationWriter, annotation: Any) -> Path:
        if self.annotator == "bob":
            raise OSError(28, "No space left on device")
        return real_save(self, annotation)

    monkeypatch.setattr(AnnotationWriter, "save", save)
    second = write_tasks(tmp_path / "second.json", [task("pro-US")])
    with pytest.raises(OSError, match="No space left"):
        run_import(second, annotations_dir, tmp_path, force=True)
    after = snapshot(tmp_path)
    after.pop("second.json")
    assert after == before  # alice's file and the documents are as they were, no backups left
    monkeypatch.setattr(AnnotationWriter, "save", real_save)
    run_import(second, annotations_dir, tmp_path, force=True)
    saved = orjson.loads((annotations_dir / "alice" / "doc1.json").read_bytes())
    assert saved["labels"][0]["stance"] == "pro-US"


def test_label_studio_tasks_are_read_one_at_a_time(tmp_path: Path) -> None:
    # the second task is broken JSON: the first one's records come before the error
    path = tmp_path / "ls.json"
    path.write_bytes(b"[" + orjson.dumps(task()) + b",\n{broken")
    records = read_label_studio(path, DEFAULT_SCHEME.stance_values())
    first = next(records)
    assert first.annotator == "alice" and first.document_id == "doc1"
    assert next(records).annotator == "bob"
    with pytest.raises(AnnotatorError, match=r"ls\.json: not valid JSON"):
        next(records)


# --------------------------------------------------------------------------- wrong JSON types

LS_BASE = task(annotators=("eve",))


def ls(change: Any) -> bytes:
    """The base Label Studio file with one change applied (a function of the task list)."""
    tasks = [copy.deepcopy(LS_BASE)]
    result = change(tasks)
    return orjson.dumps(result if result is not None else tasks)


def _set(path: str, value: Any):
    def change(tasks: list[dict]) -> None:
        target: Any = tasks
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value

    return change


def _with_mention(labels: Any, mention_labels: Any = ("SPEAKER",)):
    """A speaker mention region linked to the quote by a relation with ``labels``."""

    def change(tasks: list[dict]) -> None:
        start = TEXT.index("the minister")
        result = tasks[0]["annotations"][0]["result"]
        value = {"start": start, "end": start + 12, "labels": list(mention_labels)}
        result.append({"id": "m1", "from_name": "mention", "type": "labels", "value": value})
        result.append({"type": "relation", "from_id": "r1", "to_id": "m1", "labels": labels})

    return change


LABEL_STUDIO_CASES = [
    (lambda t: {"tasks": t}, "expected a JSON list of Label Studio tasks"),
    (lambda t: [["not", "a", "task"]], 'task 1: expected an object with "data"'),
    (_set("0.data", "text"), 'expected an object with "data"'),
    (_set("0.data.text", 5), "data.text: missing or empty"),
    (_set("0.data.text", None), "data.text: missing or empty"),
    (_set("0.data.document_id", [1]), "data.document_id must be a string, not a list"),
    (_set("0.data.title", 3), "data.title must be a string or null, not a number"),
    (_set("0.annotations", 5), "annotations must be a list, not int"),
    (_set("0.annotations", [5]), 'annotation 1: expected an object with a "result" list'),
    (_set("0.annotations.0.result", None), 'expected an object with a "result" list'),
    (_set("0.annotations.0.result", [5]), "result[0]: expected an object with a value"),
    (_set("0.annotations.0.result.0.value", [1]), "result[0]: expected an object with a value"),
    (_set("0.annotations.0.result.0.id", ["r"]), "result[0].id must be a string"),
    (_set("0.annotations.0.result.0.value.start", "12"), "value.start and value.end must be"),
    (_set("0.annotations.0.result.0.value.end", True), "value.start and value.end must be"),
    (_set("0.annotations.0.result.0.value.labels", "direct"), "value.labels must be a list"),
    (_set("0.annotations.0.result.0.value.labels", [["x"]]), "value.labels must be a list"),
    (_set("0.annotations.0.result.0.value.text", 5), "span text must be a string"),
    (_set("0.annotations.0.result.0.meta", {"seconds": "x"}), "seconds must be a non-negative"),
    (_set("0.annotations.0.result.0.meta", {"updated_at": 5}), "updated_at must be a string"),
    (_set("0.annotations.0.result.1.from_name", ["stance"]), "from_name must be a string"),
    (_set("0.annotations.0.result.1.value.choices", "neutral"), "needs exactly one choice"),
    (_set("0.annotations.0.result.1.value.choices", [1]), "needs exactly one choice"),
    (_set("0.annotations.0.annotator", ["eve"]), "no annotator in the record"),
    (_set("0.annotations.0.result.0.to_name", "body"), "is not the Text object 'text'"),
    (_with_mention([["said-by"]]), "result[3]: labels must be a list of strings"),
    (_with_mention("said-by"), "result[3]: labels must be a list of strings"),
    (_with_mention([], ("SPEAKER", "OUTLET")), "a mention needs exactly one label"),
]

PRODIGY_BASE = {
    "text": TEXT,
    "answer": "accept",
    "_annotator_id": "eve",
    "meta": {"document_id": "doc1"},
    "spans": [{"start": START, "end": END, "label": "QUOTE"}],
}


def prodigy(key: str, value: Any) -> bytes:
    line = copy.deepcopy(PRODIGY_BASE)
    if key.startswith("meta."):
        line["meta"][key[5:]] = value
    elif key.startswith("span."):
        line["spans"][0][key[5:]] = value
    else:
        line[key] = value
    return orjson.dumps(line) + b"\n"


PRODIGY_CASES = [
    (b"[1, 2]\n", "line 1: expected a JSON object"),
    (prodigy("text", 5), 'line 1: missing or empty "text"'),
    (prodigy("meta", [1]), "meta must be an object"),
    (prodigy("_annotator_id", ["eve"]), "_annotator_id must be a string, not a list"),
    (prodigy("meta.document_id", {"a": 1}), "meta.document_id must be a string, not an object"),
    (prodigy("meta.title", [1]), "title must be a string or null, not a list"),
    (prodigy("spans", {"a": 1}), "spans must be a list"),
    (prodigy("spans", [5]), "spans[0] must be an object"),
    (prodigy("span.start", "0"), "spans[0]: start and end must be integers"),
    (prodigy("span.end", None), "spans[0] lacks start or end"),
    (prodigy("span.label", 5), "missing or non-string label"),
    (prodigy("span.flagged", "yes"), "flagged must be true or false"),
    (prodigy("span.note", 5), "note must be a string or null, not a number"),
    (prodigy("span.seconds", -1), "seconds must be a non-negative number"),
    (prodigy("span.quote_id", 5), "quote_id must be a string or null"),
    (prodigy("span.text", ["x"]), "span text must be a string"),
    (prodigy("span.speaker_mention", "x"), "speaker_mention must be [start, end]"),
    (prodigy("span.outlet_mention", [1, True]), "outlet_mention must be [start, end]"),
]

DOCCANO_BASE = {
    "text": TEXT,
    "annotator": "eve",
    "document_id": "doc1",
    "label": [[START, END, "QUOTE"]],
}


def doccano(key: str, value: Any) -> bytes:
    line = copy.deepcopy(DOCCANO_BASE)
    line[key] = value
    return orjson.dumps(line) + b"\n"


DOCCANO_CASES = [
    (b'"just a string"\n', "line 1: expected a JSON object"),
    (doccano("text", None), 'missing or empty "text"'),
    (doccano("label", {"a": 1}), "label must be a list of [start, end, label]"),
    (doccano("label", [5]), "label[0] must be [start, end, label]"),
    (doccano("label", [["0", 5, "QUOTE"]]), "label[0]: start and end must be integers"),
    (doccano("label", [[START, END, 5]]), "missing or non-string label"),
    (doccano("quotes", {"a": 1}), "quotes must be a list of objects"),
    (doccano("quotes", [{"quote_id": [1]}]), "quotes[].quote_id must be a string"),
    (doccano("annotator", ["eve"]), "annotator must be a string, not a list"),
    (doccano("document_id", {}), "document_id must be a string, not an object"),
    (doccano("title", 5), "title must be a string or null, not a number"),
    (doccano("region", [1]), "region must be a string or null, not a list"),
    (
        doccano("entities", [{"id": 1, "start_offset": "0", "end_offset": END, "label": "QUOTE"}]),
        "entities[0]: start and end must be integers",
    ),
    (
        doccano(
            "entities", [{"id": [1], "start_offset": START, "end_offset": END, "label": "QUOTE"}]
        ),
        "entities[0].id must be an integer, not a list",
    ),
    (doccano("entities", {"id": 1}), "entities must be a list of objects"),
    (
        doccano("relations", [{"id": 1, "from_id": {"a": 1}, "to_id": 2, "type": "said-by"}]),
        "relations[0].from_id must be an integer, not an object",
    ),
    (doccano("relations", [5]), "relations must be a list of objects"),
    (
        doccano("quotes", [{"quote_id": f"q{START}-{END}", "speaker_mention": 5}]),
        "speaker_mention must be [start, end]",
    ),
]

CASES = (
    [("label-studio", ls(change), message) for change, message in LABEL_STUDIO_CASES]
    + [("prodigy", content, message) for content, message in PRODIGY_CASES]
    + [("doccano", content, message) for content, message in DOCCANO_CASES]
)


@pytest.mark.parametrize(
    ("format_name", "content", "message"),
    CASES,
    ids=[f"{case[0]}-{case[2][:40]}" for case in CASES],
)
def test_wrong_json_types_give_one_clear_line(
    format_name: str, content: bytes, message: str, annotations_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    with pytest.raises(AnnotatorError) as caught:
        run_import(path, annotations_dir, tmp_path, format_name=format_name)
    error = str(caught.value)
    assert message in error
    assert error.startswith(str(path)) and "\n" not in error
    assert json_files(annotations_dir) == [] and not (tmp_path / "imported").exists()


def test_the_base_files_of_the_malformed_cases_import(
    annotations_dir: Path, tmp_path: Path
) -> None:
    """So each case above fails for its one change, not for something else."""
    for number, (format_name, content) in enumerate(
        [
            ("label-studio", orjson.dumps([LS_BASE])),
            ("prodigy", orjson.dumps(PRODIGY_BASE) + b"\n"),
            ("doccano", orjson.dumps(DOCCANO_BASE) + b"\n"),
        ]
    ):
        root = tmp_path / f"root{number}"
        root.mkdir()
        path = tmp_path / f"base{number}.json"
        path.write_bytes(content)
        run_import(path, root / "annotations", root, format_name=format_name)
        assert json_files(root / "annotations") == ["eve/doc1.json"]


def test_cli_import_with_a_lock_held_by_another_process_writes_nothing(
    annotations_dir: Path, tmp_path: Path
) -> None:
    path = write_tasks(tmp_path / "ls.json", [task()])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from annotator.store import AnnotationStore; "
            f"w = AnnotationStore(Path({str(annotations_dir)!r})).open_writer('bob'); "
            "print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "import", "label-studio", str(path),
             "--annotations", str(annotations_dir), "--documents", str(tmp_path / "docs.jsonl")],
            cwd=tmp_path,
            capture_output=True,
            timeout=120,
        )  # fmt: skip
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert result.stderr.startswith(b"annotator: error: ") and b"Traceback" not in result.stderr
    assert f"process {holder.pid}".encode() in result.stderr  # names the holder
    assert json_files(annotations_dir) == [] and not (tmp_path / "docs.jsonl").exists()
