"""Round trips through the real Label Studio and doccano (skipped when they are not running).

Each test: export the seed corpus (plus a text with 🇰🇷 and 😀) with three annotators, load it
into the tool through its REST API, change a stance and a speaker there as a user would (the
same API calls the tool's page makes), export from the tool, import — and compare with the
original annotations changed the same way locally: identical annotation files (but for the
changed label's time stamp) and identical agreement figures.
"""

from __future__ import annotations

import io
import json
import shutil
import time
import urllib.error
import urllib.request
import uuid
import zipfile
from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner
from test_export_formats import annotate, build_corpus
from test_export_import import summary

from annotator.cli import main
from annotator.export.formats import read_records, write_export
from annotator.export.importing import apply_import, plan_import
from annotator.export.label_studio_config import label_studio_config
from annotator.export.options import ExportOptions, import_names
from annotator.export.views import ExportSource
from annotator.models import DEFAULT_SCHEME, Document
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore

NEW_STANCE = "balancing"
NEW_SPEAKER = "Wang Yi"


class Api:
    def __init__(self, base: str, headers: dict[str, str]) -> None:
        self.base, self.headers = base, headers

    def call(self, method: str, path: str, body: Any = None, raw: bool = False) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        for key, value in {**self.headers, "Content-Type": "application/json"}.items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                content = response.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: {exc.code} {exc.read()[:500]!r}") from None
        if raw:
            return content
        return json.loads(content) if content else None

    def upload(self, path: str, name: str, content: bytes) -> str:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="filepond"; filename="{name}"'
                "\r\nContent-Type: application/json\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        request = urllib.request.Request(self.base + path, data=body, method="POST")
        for key, value in self.headers.items():
            request.add_header(key, value)
        request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read().decode().strip()


def project_files(tmp_path: Path) -> tuple[list[Document], AnnotationStore]:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    documents = build_corpus(seeds)
    return documents, annotate(tmp_path / "annotations", documents)


def export(format_name: str, documents: list[Document], store: AnnotationStore) -> bytes:
    out = io.BytesIO()
    notes = write_export(
        format_name, ExportSource(iter(documents), store, store.annotators()), out, ExportOptions()
    )
    assert not notes, notes
    return out.getvalue()


def expected_store(
    tmp_path: Path, documents: list[Document], store: AnnotationStore
) -> AnnotationStore:
    """The original annotations with the change the test makes in the tool, made locally."""
    root = tmp_path / "expected"
    shutil.copytree(store.root, root)
    expected = AnnotationStore(root, scheme=DEFAULT_SCHEME)
    first = documents[0]
    annotation = expected.load("alice", first.id, first)
    quote_id = first.quotes[0].id
    labels = [
        label.model_copy(update={"stance": NEW_STANCE, "speaker": NEW_SPEAKER})
        if label.quote_id == quote_id
        else label
        for label in annotation.labels
    ]
    with expected.open_writer("alice") as writer:
        writer.save(annotation.model_copy(update={"labels": labels}))
    return expected


def import_into(
    tmp_path: Path,
    format_name: str,
    content: bytes,
    documents: list[Document],
    names: dict[str, str] | None = None,
) -> AnnotationStore:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"from-tool.{format_name}"
    path.write_bytes(content)
    store = AnnotationStore(tmp_path / "imported-annotations", scheme=DEFAULT_SCHEME)
    plan = plan_import(
        read_records(format_name, path, DEFAULT_SCHEME.stance_values(), names),
        corpus=iter(documents),
        store=store,
        documents_out=tmp_path / "imported" / "docs.jsonl",
        annotator_override=None,
        force=False,
        load=lambda paths: load_corpus(paths, extract=False),
    )
    assert not plan.new_documents and not plan.unattributed, plan.summary()
    apply_import(plan)
    return store


def files_without_times(documents: list[Document], store: AnnotationStore) -> dict:
    result = {}
    for annotator in store.annotators():
        for document in documents:
            annotation = store.load(annotator, document.id, document)
            if annotation is not None:
                dumped = annotation.model_dump(mode="json")
                for label in dumped["labels"]:
                    label.pop("updated_at")  # the changed label's time stamp may differ
                    # the label's saved quote (extractor version included) must match: the
                    # export's metadata carries it through the tool
                result[(annotator, document.id)] = dumped
    return result


def agreement(root: Path) -> dict:
    result = CliRunner().invoke(main, ["agreement", str(root), "--json", "--draws", "50"])
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout)


def assert_same_as_expected(
    documents: list[Document], imported: AnnotationStore, expected: AnnotationStore
) -> None:
    assert summary(documents, imported) == summary(documents, expected)
    assert files_without_times(documents, imported) == files_without_times(documents, expected)
    assert agreement(imported.root) == agreement(expected.root)


# --------------------------------------------------------------------------- Label Studio


def label_studio_project(
    api: Api, documents: list[Document], store: AnnotationStore
) -> tuple[int, dict[str, int]]:
    """A new project holding the export, with a user per annotator; (project id, user ids)."""
    options = ExportOptions()
    existing = {user["email"]: user["id"] for user in api.call("GET", "/api/users/")}
    for annotator in store.annotators():
        email = options.email_of(annotator)
        if email not in existing:
            user = api.call(
                "POST",
                "/api/users/",
                {"email": email, "username": annotator, "password": uuid.uuid4().hex},
            )
            existing[email] = user["id"]
    project = api.call(
        "POST",
        "/api/projects",
        {
            "title": f"annotator round trip {uuid.uuid4().hex[:8]}",
            "label_config": label_studio_config(DEFAULT_SCHEME),
        },
    )
    imported = api.call(
        "POST",
        f"/api/projects/{project['id']}/import",
        orjson.loads(export("label-studio", documents, store)),
    )
    assert imported["task_count"] == len(documents)
    return project["id"], existing


def label_studio_snapshot(api: Api, pid: int) -> bytes:
    """The snapshot export, with full completed_by objects (e-mails)."""
    snapshot = api.call(
        "POST",
        f"/api/projects/{pid}/exports",
        {
            "title": "round trip",
            "serialization_options": {"annotations__completed_by": {"only_id": False}},
        },
    )
    for _ in range(60):
        state = api.call("GET", f"/api/projects/{pid}/exports/{snapshot['id']}")
        if state["status"] == "completed":
            break
        time.sleep(1)
    return api.call(
        "GET", f"/api/projects/{pid}/exports/{snapshot['id']}/download?exportType=JSON", raw=True
    )


def test_label_studio_round_trip(label_studio: tuple[str, str], tmp_path: Path) -> None:
    url, token = label_studio
    api = Api(url, {"Authorization": f"Token {token}"})
    documents, store = project_files(tmp_path)
    options = ExportOptions()
    pid, existing = label_studio_project(api, documents, store)
    project = {"id": pid}
    try:
        # alice re-labels the first quote of the first document: stance and speaker
        tasks = api.call("GET", f"/api/tasks?project={project['id']}&page_size=100")
        tasks = tasks["tasks"] if isinstance(tasks, dict) else tasks
        first = documents[0]
        task = next(t for t in tasks if t["data"]["document_id"] == first.id)
        task = api.call("GET", f"/api/tasks/{task['id']}")
        alice = next(
            a
            for a in task["annotations"]
            if a["completed_by"]["email"] == options.email_of("alice")
        )
        quote_id = first.quotes[0].id
        result = []
        for item in alice["result"]:
            if item.get("id") == quote_id and item.get("from_name") == "stance":
                item = {**item, "value": {**item["value"], "choices": [NEW_STANCE]}}
            if item.get("id") == quote_id and item.get("from_name") == "speaker":
                item = {**item, "value": {**item["value"], "text": [NEW_SPEAKER]}}
            result.append(item)
        api.call("PATCH", f"/api/annotations/{alice['id']}", {"result": result})
        content = label_studio_snapshot(api, pid)
        imported_store = import_into(tmp_path / "snapshot", "label-studio", content, documents)
        expected = expected_store(tmp_path, documents, store)
        assert_same_as_expected(documents, imported_store, expected)
        # the plain JSON export has user ids only: --annotator-map ties them to annotators
        plain = api.call("GET", f"/api/projects/{project['id']}/export?exportType=JSON", raw=True)
        assert all(
            isinstance(a["completed_by"], int)
            for t in orjson.loads(plain)
            for a in t["annotations"]
        )
        mapping = {str(existing[options.email_of(name)]): name for name in store.annotators()}
        names = import_names(mapping, Path("map.json"))
        imported_store = import_into(tmp_path / "plain", "label-studio", plain, documents, names)
        assert_same_as_expected(documents, imported_store, expected)
    finally:
        api.call("DELETE", f"/api/projects/{project['id']}/")


def shipped() -> tuple[list[Document], AnnotationStore]:
    root = Path(__file__).resolve().parents[2]
    documents = list(load_corpus([root / "seeds"]))  # extracted, as the project ships them
    return documents, AnnotationStore(root / "annotations", scheme=DEFAULT_SCHEME)


def test_the_shipped_annotations_come_back_unchanged_from_label_studio(
    label_studio: tuple[str, str], tmp_path: Path
) -> None:
    url, token = label_studio
    api = Api(url, {"Authorization": f"Token {token}"})
    documents, store = shipped()
    pid, _ = label_studio_project(api, documents, store)
    try:
        content = label_studio_snapshot(api, pid)
        imported = import_into(tmp_path, "label-studio", content, documents)
        assert_same_as_expected(documents, imported, store)
    finally:
        api.call("DELETE", f"/api/projects/{pid}/")


# --------------------------------------------------------------------------- doccano


def doccano_api(url: str, user: str, password: str) -> Api:
    api = Api(url, {})
    key = api.call("POST", "/v1/auth/login/", {"username": user, "password": password})["key"]
    return Api(url, {"Authorization": f"Token {key}"})


def wait_task(api: Api, task_id: str) -> dict:
    for _ in range(120):
        status = api.call("GET", f"/v1/tasks/status/{task_id}")
        if status.get("ready"):
            return status
        time.sleep(1)
    raise AssertionError(f"doccano task {task_id} did not finish")


def doccano_project(api: Api, documents: list[Document], store: AnnotationStore) -> int:
    """A new relation project (overlaps allowed) holding the export; its id."""
    project = api.call(
        "POST",
        "/v1/projects",
        {
            "name": f"annotator round trip {uuid.uuid4().hex[:8]}",
            "description": "tests/integration",
            "guideline": "",
            "project_type": "SequenceLabeling",
            "resourcetype": "SequenceLabelingProject",
            "use_relation": True,
            "allow_overlapping": True,
            "grapheme_mode": False,
        },
    )
    pid = project["id"]
    try:
        upload = api.upload("/v1/fp/process/", "export.jsonl", export("doccano", documents, store))
        task = api.call(
            "POST",
            f"/v1/projects/{pid}/upload",
            {
                "format": "JSONL",
                "task": "RelationExtraction",
                "uploadIds": [upload],
                "column_data": "text",
                "column_label": "label",
                "delimiter": "",
                "encoding": "utf_8",
            },
        )
        status = wait_task(api, task["task_id"])
        assert status["result"]["error"] == [], status
    except BaseException:
        api.call("DELETE", f"/v1/projects/{pid}")
        raise
    return pid


def doccano_export(api: Api, pid: int) -> bytes:
    """The one file of doccano's export zip (one per member: admin.jsonl)."""
    task = api.call(
        "POST", f"/v1/projects/{pid}/download", {"format": "JSONL", "exportApproved": False}
    )
    wait_task(api, task["task_id"])
    archive = api.call("GET", f"/v1/projects/{pid}/download?taskId={task['task_id']}", raw=True)
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        [name] = files.namelist()
        return files.read(name)


def test_doccano_round_trip(doccano: tuple[str, str, str], tmp_path: Path) -> None:
    url, user, password = doccano
    api = doccano_api(url, user, password)
    documents, store = project_files(tmp_path)
    pid = doccano_project(api, documents, store)
    try:
        first = documents[0]
        examples = api.call("GET", f"/v1/projects/{pid}/examples?limit=100")["results"]
        example = next(
            e
            for e in examples
            if e["meta"].get("document_id") == first.id and e["meta"].get("annotator") == "alice"
        )
        types = {t["text"]: t["id"] for t in api.call("GET", f"/v1/projects/{pid}/span-types")}
        base = f"/v1/projects/{pid}/examples/{example['id']}"
        spans = api.call("GET", f"{base}/spans")
        quote = first.quotes[0]
        to16 = lambda i: len(first.text[:i].encode("utf-16-le")) // 2  # noqa: E731
        span = next(
            s
            for s in spans
            if (s["start_offset"], s["end_offset"]) == (to16(quote.start), to16(quote.end))
        )
        # the stance: the span's label, as the annotation page changes it
        api.call("PATCH", f"{base}/spans/{span['id']}", {"label": types[NEW_STANCE]})
        # the speaker: mark "Wang Yi" as SPEAKER and link the quote to it instead
        start = first.text.index(NEW_SPEAKER)
        speaker = api.call(
            "POST",
            f"{base}/spans",
            {
                "start_offset": to16(start),
                "end_offset": to16(start + len(NEW_SPEAKER)),
                "label": types["SPEAKER"],
                "prob": 0.0,
            },
        )
        relations = api.call("GET", f"{base}/relations")
        old = next(r for r in relations if r["from_id"] == span["id"])
        api.call("PATCH", f"{base}/relations/{old['id']}", {"to_id": speaker["id"]})
        content = doccano_export(api, pid)
        imported_store = import_into(tmp_path, "doccano", content, documents)
        expected = expected_store(tmp_path, documents, store)
        assert_same_as_expected(documents, imported_store, expected)
    finally:
        api.call("DELETE", f"/v1/projects/{pid}")


def test_the_shipped_annotations_come_back_unchanged_from_doccano(
    doccano: tuple[str, str, str], tmp_path: Path
) -> None:
    api = doccano_api(*doccano)
    documents, store = shipped()
    pid = doccano_project(api, documents, store)
    try:
        imported = import_into(tmp_path, "doccano", doccano_export(api, pid), documents)
        assert_same_as_expected(documents, imported, store)
    finally:
        api.call("DELETE", f"/v1/projects/{pid}")
