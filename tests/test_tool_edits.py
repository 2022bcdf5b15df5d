"""What comes back from Label Studio, doccano and Prodigy after work in the tool (no tool
needed): users and e-mails, edits made there, documents first labelled there, overlapping
quotes, speaker mentions linked by relations, Prodigy tokens, the labeling config."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from test_export_formats import EMOJI_TEXT, annotate, build_corpus, label
from test_export_import import export_to, no_extraction, run_import, summary

from annotator.cli import main
from annotator.corpus import build_document
from annotator.errors import AnnotatorError
from annotator.export.formats import IMPORT_FORMATS, read_records, write_export
from annotator.export.importing import plan_import
from annotator.export.label_studio_config import label_studio_config
from annotator.export.options import ExportOptions, import_names
from annotator.export.prodigy import iter_tasks, write_prodigy
from annotator.export.tokens import Tokens, word_spans
from annotator.export.views import DocumentView, ExportSource, build_view
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    Quote,
    QuoteOrigin,
)
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore

SUFFIX = {"prodigy": "jsonl", "doccano": "jsonl", "label-studio": "json"}


def lines(path: Path) -> list[dict]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def write_lines(path: Path, items: list[dict]) -> None:
    path.write_bytes(b"".join(orjson.dumps(item) + b"\n" for item in items))


def plan_for(format_name: str, path: Path, documents: list[Document], tmp_path: Path, **kw):
    return plan_import(
        read_records(format_name, path, DEFAULT_SCHEME.stance_values(), kw.pop("names", None)),
        corpus=iter(documents),
        store=AnnotationStore(tmp_path / "plan", scheme=DEFAULT_SCHEME),
        documents_out=tmp_path / "imported" / "docs.jsonl",
        annotator_override=kw.pop("annotator", None),
        force=False,
        load=no_extraction,
    )


@pytest.fixture
def project(seeds_dir: Path, annotations_dir: Path) -> tuple[list[Document], AnnotationStore]:
    documents = build_corpus(seeds_dir)
    return documents, annotate(annotations_dir, documents)


# --------------------------------------------------------------------------- astral characters


@pytest.mark.parametrize("format_name", IMPORT_FORMATS)
def test_spans_after_flags_and_emoji_cover_the_same_text_in_each_tool(
    format_name: str, project, tmp_path: Path
) -> None:
    documents, store = project
    path = export_to(tmp_path / f"x.{SUFFIX[format_name]}", format_name, documents, store)
    emoji = documents[2]
    assert "🇰🇷" in emoji.text and "😀" in emoji.text
    restored, _ = run_import(format_name, path, documents, tmp_path / "back", tmp_path)
    assert summary([emoji], restored) == summary([emoji], store)
    if format_name == "doccano":  # UTF-16 units: shifted by 2 (🇰🇷) + 1 (😀) + 1 (🤝)
        line = next(x for x in lines(path) if x["document_id"] == emoji.id)
        quote = emoji.quotes[1]
        entity = next(e for e in line["entities"] if e["label"] == "balancing")
        before = emoji.text[: quote.start]
        shift = sum(1 for ch in before if ord(ch) > 0xFFFF)
        assert shift >= 3  # 🇰🇷 alone is two code points outside the BMP
        assert (entity["start_offset"], entity["end_offset"]) == (
            quote.start + shift,
            quote.end + shift,
        )


def test_a_doccano_span_splitting_an_emoji_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    write_lines(path, [{"text": "😀 “said it”", "label": [[1, 5, "QUOTE"]], "annotator": "x"}])
    with pytest.raises(AnnotatorError, match="span 1-5: offset 1 falls inside a surrogate pair"):
        plan_for("doccano", path, [], tmp_path)


# --------------------------------------------------------------------------- annotators


def test_label_studio_annotations_carry_the_users_email(project) -> None:
    documents, store = project
    out = io.BytesIO()
    options = ExportOptions(emails={"alice": "alice@example.org"})
    write_export(
        "label-studio", ExportSource(iter(documents), store, store.annotators()), out, options
    )
    task = orjson.loads(out.getvalue())[0]
    assert [a["completed_by"] for a in task["annotations"]] == [
        {"email": "alice@example.org"},
        {"email": "bob@annotator.invalid"},
        {"email": "carol@annotator.invalid"},
    ]


def _as_label_studio_returns_it(path: Path, completed_by: dict[str, object]) -> None:
    """Label Studio drops the ``annotator`` key and writes its own ``completed_by``."""
    tasks = orjson.loads(path.read_bytes())
    for task in tasks:
        for annotation in task["annotations"]:
            name = annotation.pop("annotator")
            annotation["completed_by"] = completed_by[name]
    path.write_bytes(orjson.dumps(tasks))


def test_two_label_studio_users_come_back_as_two_annotators(project, tmp_path: Path) -> None:
    documents, store = project
    path = export_to(tmp_path / "ls.json", "label-studio", documents, store)
    users = {"alice": 2, "bob": 3, "carol": 4}
    # the snapshot export: full completed_by objects with the e-mail
    _as_label_studio_returns_it(
        path,
        {
            n: {"id": i, "email": f"{n}@annotator.invalid", "first_name": ""}
            for n, i in users.items()
        },
    )
    restored, _ = run_import("label-studio", path, documents, tmp_path / "snapshot", tmp_path)
    assert summary(documents, restored) == summary(documents, store)
    # the JSON export: user ids only; --annotator-map ties them to the annotators
    path = export_to(tmp_path / "ls2.json", "label-studio", documents, store)
    _as_label_studio_returns_it(path, users)
    names = import_names({str(i): n for n, i in users.items()}, Path("map.json"))
    restored = AnnotationStore(tmp_path / "ids", scheme=DEFAULT_SCHEME)
    plan = plan_for("label-studio", path, documents, tmp_path, names=names)
    assert sorted({f.annotator for f in plan.files}) == ["alice", "bob", "carol"]
    # without the map every user stays apart, named after the id
    plan = plan_for("label-studio", path, documents, tmp_path)
    assert sorted({f.annotator for f in plan.files}) == [
        "label-studio-user-2",
        "label-studio-user-3",
        "label-studio-user-4",
    ]
    del restored


def test_annotator_map_on_the_command_line(project, tmp_path: Path, monkeypatch) -> None:
    _, store = project
    monkeypatch.chdir(tmp_path)
    (tmp_path / "map.json").write_bytes(b'{"alice": "a.kim@example.org", "bob": "b@example.org"}')
    export = CliRunner().invoke(
        main,
        [
            "export",
            "--annotations",
            str(store.root),
            "--format",
            "label-studio",
            "--annotator-map",
            "map.json",
            "--annotators",
            "alice,bob",
        ],
    )
    assert export.exit_code == 0, export.output
    tasks = orjson.loads(export.stdout)
    emails = {a["completed_by"]["email"] for t in tasks for a in t["annotations"]}
    assert emails == {"a.kim@example.org", "b@example.org"}
    for task in tasks:
        for annotation in task["annotations"]:
            del annotation["annotator"]  # as Label Studio returns it
    (tmp_path / "ls.json").write_bytes(orjson.dumps(tasks))
    result = CliRunner().invoke(
        main,
        [
            "import",
            "label-studio",
            "ls.json",
            "--annotations",
            "back",
            "--annotator-map",
            "map.json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "back").iterdir()) == ["alice", "bob"]
    bad = CliRunner().invoke(
        main, ["export", "--format", "label-studio", "--annotator-map", "missing.json"]
    )
    assert bad.exit_code != 0 and "missing.json" in bad.output and "Traceback" not in bad.output


# --------------------------------------------------------------------------- edits in the tool


def test_a_stance_changed_in_doccano_wins_over_the_metadata(project, tmp_path: Path) -> None:
    documents, store = project
    path = export_to(tmp_path / "d.jsonl", "doccano", documents, store)
    items = lines(path)
    first = documents[0]
    alice = next(x for x in items if x["annotator"] == "alice" and x["document_id"] == first.id)
    entity = next(e for e in alice["entities"] if e["label"] == "pro-US")
    entity["label"] = "pro-China"  # the metadata still says pro-US
    write_lines(path, items)
    restored, _ = run_import("doccano", path, documents, tmp_path / "back", tmp_path)
    labels = {lb.quote_id: lb for lb in restored.load("alice", first.id, first).labels}
    assert labels[first.quotes[0].id].stance == "pro-China"
    assert labels[first.quotes[0].id].sentiment == "negative"  # filled from the metadata


def test_a_prodigy_span_label_wins_over_the_stale_stance_key(project, tmp_path: Path) -> None:
    documents, store = project
    path = export_to(tmp_path / "p.jsonl", "prodigy", documents, store)
    items = lines(path)
    first = documents[0]
    bob = next(
        x for x in items if x.get("_annotator_id") == "bob" and x["meta"]["document_id"] == first.id
    )
    span = next(s for s in bob["spans"] if s.get("quote_id") == first.quotes[2].id)
    assert span["stance"] == span["label"] == "pro-China"
    span["label"] = "QUOTE"  # stance removed in Prodigy; the stance key stayed
    write_lines(path, items)
    restored, _ = run_import("prodigy", path, documents, tmp_path / "back", tmp_path)
    labels = {lb.quote_id: lb for lb in restored.load("bob", first.id, first).labels}
    assert first.quotes[2].id not in labels or labels[first.quotes[2].id].stance is None


@pytest.mark.parametrize("format_name", ["doccano", "prodigy"])
def test_a_speaker_relinked_in_the_tool_changes_the_speaker(
    format_name: str, project, tmp_path: Path
) -> None:
    documents, store = project
    first = documents[0]
    quote = first.quotes[2]  # Wang Yi's quote; bob keeps the extracted speaker
    path = export_to(tmp_path / f"x.{format_name}", format_name, documents, store)
    items = lines(path)
    start = first.text.index("Chung Eui-yong")
    end = start + len("Chung Eui-yong")
    if format_name == "doccano":
        bob = next(x for x in items if x["annotator"] == "bob" and x["document_id"] == first.id)
        ids = {(e["start_offset"], e["end_offset"]): e["id"] for e in bob["entities"]}
        quote_entity = ids[(quote.start, quote.end)]  # no astral characters in the seed
        relation = next(r for r in bob["relations"] if r["from_id"] == quote_entity)
        new_id = max(ids.values()) + 1
        bob["entities"].append(
            {"id": new_id, "start_offset": start, "end_offset": end, "label": "SPEAKER"}
        )
        relation["to_id"] = new_id
    else:
        bob = next(
            x
            for x in items
            if x.get("_annotator_id") == "bob" and x["meta"]["document_id"] == first.id
        )
        relation = next(r for r in bob["relations"] if r["head_span"]["start"] == quote.start)
        relation["child_span"] = {"start": start, "end": end, "label": "SPEAKER"}
        bob["spans"].append({"start": start, "end": end, "label": "SPEAKER"})
    write_lines(path, items)
    restored, _ = run_import(format_name, path, documents, tmp_path / "back", tmp_path)
    labels = {lb.quote_id: lb for lb in restored.load("bob", first.id, first).labels}
    assert labels[quote.id].speaker == "Chung Eui-yong"
    # everything else as before
    before, after = summary(documents, store), summary(documents, restored)
    after[("bob", first.id)][quote.id] = before[("bob", first.id)][quote.id]
    assert after == before


def test_a_removed_speaker_link_means_no_speaker(project, tmp_path: Path) -> None:
    documents, store = project
    first = documents[0]
    quote = first.quotes[2]
    path = export_to(tmp_path / "d.jsonl", "doccano", documents, store)
    items = lines(path)
    bob = next(x for x in items if x["annotator"] == "bob" and x["document_id"] == first.id)
    quote_entity = next(e["id"] for e in bob["entities"] if e["start_offset"] == quote.start)
    bob["relations"] = [r for r in bob["relations"] if r["from_id"] != quote_entity]
    write_lines(path, items)
    restored, _ = run_import("doccano", path, documents, tmp_path / "back", tmp_path)
    labels = {lb.quote_id: lb for lb in restored.load("bob", first.id, first).labels}
    assert labels[quote.id].speaker == ""  # none, overriding the extracted Wang Yi


def test_label_studio_exports_mentions_linked_by_relations_and_reads_them(
    project, tmp_path: Path
) -> None:
    documents, store = project
    first = documents[0]
    path = export_to(tmp_path / "ls.json", "label-studio", documents, store)
    tasks = orjson.loads(path.read_bytes())
    bob = next(a for a in tasks[0]["annotations"] if a["annotator"] == "bob")
    mentions = {r["id"]: r for r in bob["result"] if r.get("from_name") == "mention"}
    relations = [r for r in bob["result"] if r.get("type") == "relation"]
    wang = next(r for r in relations if r["from_id"] == first.quotes[2].id)
    value = mentions[wang["to_id"]]["value"]
    assert first.text[value["start"] : value["end"]] == value["text"] == "Wang Yi"
    assert value["labels"] == ["SPEAKER"] and wang["labels"] == ["said-by"]
    # a region drawn in Label Studio with a relation to a mention but no speaker text
    start = first.text.index("Two important visits")
    end = start + 60
    bob["result"] += [
        {
            "id": "new1",
            "from_name": "quote",
            "to_name": "text",
            "type": "labels",
            "value": {"start": start, "end": end, "labels": ["indirect"]},
        },
        {"from_id": "new1", "to_id": wang["to_id"], "type": "relation", "labels": ["said-by"]},
    ]
    path.write_bytes(orjson.dumps(tasks))
    restored, _ = run_import("label-studio", path, documents, tmp_path / "back", tmp_path)
    added = restored.load("bob", first.id, first).added_quotes
    assert [(q.start, q.end, q.speaker, q.kind.value) for q in added] == [
        (start, end, "Wang Yi", "indirect")
    ]


# --------------------------------------------------------------------------- new documents


def test_a_document_first_labelled_in_doccano_is_imported_with_annotator(tmp_path: Path) -> None:
    text = "Officials met. “We will not choose,” the minister said."
    start, end = text.index("“"), text.index("”") + 2
    path = tmp_path / "admin.jsonl"
    write_lines(
        path,
        [
            {
                "id": 9,
                "text": text,
                "entities": [
                    {"id": 1, "start_offset": start, "end_offset": end, "label": "balancing"}
                ],
                "relations": [],
                "Comments": [],
            },
            {"id": 10, "text": "Nothing said.", "annotator": None, "entities": [], "relations": []},
        ],
    )
    plan = plan_for("doccano", path, [], tmp_path)
    assert plan.files == [] and plan.unattributed == 2
    assert "skipped 2 record(s) without an annotator (pass --annotator NAME" in plan.summary()
    store, plan = run_import("doccano", path, [], tmp_path / "back", tmp_path, annotator="dana")
    [document] = [
        d
        for d in load_corpus([tmp_path / "imported" / "docs.jsonl"], extract=False)
        if d.text == text
    ]
    annotation = store.load("dana", document.id, document)
    assert [(q.start, q.end) for q in annotation.added_quotes] == [(start, end)]
    assert annotation.labels[0].stance == "balancing"


def test_a_task_first_labelled_in_label_studio_is_imported(tmp_path: Path) -> None:
    text = "Seoul 🇰🇷 said: “we stay neutral” today."
    start, end = text.index("“"), text.index("”") + 1
    tasks = [
        {
            "id": 1,
            "data": {"text": text},
            "annotations": [
                {
                    "completed_by": {"id": 5, "email": "eun@example.org"},
                    "result": [
                        {
                            "id": "a",
                            "from_name": "quote",
                            "to_name": "text",
                            "type": "labels",
                            "value": {
                                "start": start,
                                "end": end,
                                "text": text[start:end],
                                "labels": ["direct"],
                            },
                        },
                        {
                            "id": "a",
                            "from_name": "stance",
                            "to_name": "text",
                            "type": "choices",
                            "value": {"start": start, "end": end, "choices": ["neutral"]},
                        },
                    ],
                }
            ],
        }
    ]
    path = tmp_path / "ls.json"
    path.write_bytes(orjson.dumps(tasks))
    store, _ = run_import("label-studio", path, [], tmp_path / "back", tmp_path)
    [document] = load_corpus([tmp_path / "imported" / "docs.jsonl"], extract=False)
    annotation = store.load("eun", document.id, document)
    assert (
        annotation.labels[0].quote_id == f"q{start}-{end}"
        and annotation.labels[0].stance == "neutral"
    )


# --------------------------------------------------------------------------- overlaps


def overlapping_project(tmp_path: Path) -> tuple[list[Document], AnnotationStore]:
    document = build_document(EMOJI_TEXT, "emoji-note", "test")
    start = EMOJI_TEXT.index("“We")
    end = EMOJI_TEXT.index("🤝,”") + 3
    long = Quote.from_span(EMOJI_TEXT, start, end, kind="direct", speaker="the minister")
    inner = Quote.from_span(
        EMOJI_TEXT,
        start + 1,
        start + 20,
        kind="direct",
        origin=QuoteOrigin.MANUAL,
        cue="said",
        speaker_role="minister",
        replaces=None,
    )
    document = document.model_copy(update={"quotes": [long]})
    store = AnnotationStore(tmp_path / "annotations", scheme=DEFAULT_SCHEME)
    with store.open_writer("alice") as writer:
        writer.save(
            AnnotationFile(
                annotator="alice",
                document_id=document.id,
                document_sha256=document.sha256,
                scheme=DEFAULT_SCHEME.ref,
                labels=[label(long, stance="balancing"), label(inner, stance="neutral")],
                added_quotes=[inner],
            )
        )
    return [document], store


def test_doccano_export_warns_of_overlaps_and_import_keeps_dropped_quotes(tmp_path: Path) -> None:
    documents, store = overlapping_project(tmp_path)
    out = io.BytesIO()
    notes = write_export("doccano", ExportSource(iter(documents), store, ["alice"]), out)
    assert (
        len(notes) == 1
        and "overlapping quotes" in notes[0]
        and "Allow overlapping spans" in notes[0]
    )
    path = tmp_path / "d.jsonl"
    path.write_bytes(out.getvalue())
    # doccano without "allow overlapping" keeps the first of two overlapping spans
    [line] = lines(path)
    line["entities"] = [e for e in line["entities"] if e["label"] != "neutral"]
    write_lines(path, [line])
    restored, plan = run_import("doccano", path, documents, tmp_path / "back", tmp_path)
    assert summary(documents, restored) == summary(documents, store)
    assert len(plan.warnings) == 1 and "kept from the metadata" in plan.warnings[0]
    inner = restored.load("alice", documents[0].id, documents[0]).added_quotes[0]
    assert (inner.cue, inner.speaker_role) == ("said", "minister")


def test_a_quote_deleted_in_doccano_is_reported(project, tmp_path: Path) -> None:
    documents, store = project
    path = export_to(tmp_path / "d.jsonl", "doccano", documents, store)
    items = lines(path)
    first = documents[0]
    bob = next(x for x in items if x["annotator"] == "bob" and x["document_id"] == first.id)
    bob["entities"] = [e for e in bob["entities"] if e["label"] != "pro-China"]
    write_lines(path, items)
    restored, plan = run_import("doccano", path, documents, tmp_path / "back", tmp_path)
    assert plan.warnings == [
        f"{path}: line {items.index(bob) + 1}: quote {first.quotes[2].id} was removed in doccano; deleted"
    ]
    assert restored.load("bob", first.id, first).deleted_quotes == [first.quotes[2].id]


# --------------------------------------------------------------------------- added quotes


@pytest.mark.parametrize("format_name", IMPORT_FORMATS)
def test_added_quotes_keep_cue_role_replaces_and_confidence(
    format_name: str, seeds_dir: Path, tmp_path: Path
) -> None:
    [document] = [d for d in build_corpus(seeds_dir)[:1]]
    old = document.quotes[0]
    new = Quote.from_span(
        document.text,
        old.start,
        old.end + 5,
        kind="mixed",
        origin=QuoteOrigin.MANUAL,
        speaker="Chung Eui-yong",
        speaker_role="foreign minister",
        cue="said",
        confidence=0.5,
        replaces=old.id,
    )
    store = AnnotationStore(tmp_path / "annotations", scheme=DEFAULT_SCHEME)
    with store.open_writer("alice") as writer:
        writer.save(
            AnnotationFile(
                annotator="alice",
                document_id=document.id,
                document_sha256=document.sha256,
                scheme=DEFAULT_SCHEME.ref,
                labels=[label(new, stance="neutral")],
                added_quotes=[new],
                deleted_quotes=[old.id],
            )
        )
    path = export_to(tmp_path / f"x.{SUFFIX[format_name]}", format_name, [document], store)
    restored, _ = run_import(format_name, path, [document], tmp_path / "back", tmp_path)
    [back] = restored.load("alice", document.id, document).added_quotes
    assert back == new


# --------------------------------------------------------------------------- Prodigy tasks


def test_prodigy_tasks_have_tokens_hashes_and_aligned_spans(project) -> None:
    documents, store = project
    views = (
        build_view(d, {n: store.load(n, d.id, d) for n in store.annotators()}) for d in documents
    )
    tasks = list(iter_tasks(views))
    for task in tasks:
        tokens = task["tokens"]
        assert [t["id"] for t in tokens] == list(range(len(tokens)))
        assert all(task["text"][t["start"] : t["end"]] == t["text"] for t in tokens)
        for span in task["spans"]:
            first, last = tokens[span["token_start"]], tokens[span["token_end"]]
            text = task["text"][span["start"] : span["end"]]
            assert (first["start"], last["end"]) == (
                span["start"] + len(text) - len(text.lstrip()),
                span["end"] - len(text) + len(text.rstrip()),
            )
        assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)
        assert task["_view_id"] in ("relations", "spans_manual")
    same_text = [t for t in tasks if t["meta"]["document_id"] == documents[0].id]
    assert len({t["_input_hash"] for t in same_text}) == 1
    assert len({t["_task_hash"] for t in same_text}) == len(same_text)


def test_prodigy_file_holds_each_task_as_its_json_line(project) -> None:
    """The writer makes each line from shared pieces (the text's hash and the tokens' JSON once
    per document and split); the lines are still exactly the tasks ``iter_tasks`` makes, for
    annotated documents, input tasks and a proposal whose edges fall inside words."""
    documents, store = project
    seed = documents[0]
    # a quote starting and ending inside words
    start = next(i for i in range(1, len(seed.text)) if seed.text[i - 1 : i + 1].isalnum())
    end = next(i for i in range(start + 20, len(seed.text)) if seed.text[i - 1 : i + 1].isalnum())
    inside = seed.model_copy(
        update={"quotes": [Quote.from_span(seed.text, start, end, kind="direct")]}
    )

    def views() -> Iterator[DocumentView]:
        for d in documents:
            yield build_view(d, {n: store.load(n, d.id, d) for n in store.annotators()})
        yield build_view(inside, {})

    out = io.BytesIO()
    write_prodigy(views(), out)
    tasks = list(iter_tasks(views()))
    assert out.getvalue() == b"".join(orjson.dumps(task) + b"\n" for task in tasks)
    assert {"answer" in task for task in tasks} == {True, False}
    assert len(tasks[-1]["tokens"]) == len(word_spans(seed.text)) + 2  # two words split


def test_tokens_split_where_a_span_ends_inside_dc() -> None:
    text = "visit Washington, D.C. Chung, on the other hand"
    end = text.index("D.C.") + 2  # a span ending after "D."
    tokens = Tokens(text, [0, end])
    assert [t["text"] for t in tokens.as_json()][3:7] == ["D", ".", "C", "."]
    first, last = tokens.token_range(0, end)
    assert tokens.as_json()[last]["end"] == end and first == 0


def test_the_seed_spans_ending_inside_dc_align_to_tokens(seeds_dir: Path) -> None:
    [seed] = [d for d in load_corpus([seeds_dir]) if "D.C." in d.text]
    inside = [q for q in seed.quotes if any(q.end in (i + 1, i + 2, i + 3) for i in _dc(seed.text))]
    view = build_view(seed, {})
    [task] = list(iter_tasks([view]))
    ends = {t["end"] for t in task["tokens"]}
    starts = {t["start"] for t in task["tokens"]}
    for span in task["spans"]:
        text = task["text"][span["start"] : span["end"]]
        assert span["start"] + len(text) - len(text.lstrip()) in starts
        assert span["end"] - len(text) + len(text.rstrip()) in ends
    assert inside, "the seed no longer has a quote ending inside D.C."


def _dc(text: str) -> list[int]:
    positions, index = [], text.find("D.C.")
    while index >= 0:
        positions.append(index)
        index = text.find("D.C.", index + 1)
    return positions


# --------------------------------------------------------------------------- labeling config


def test_label_studio_config_matches_the_export(project, tmp_path: Path) -> None:
    documents, store = project
    config = ET.fromstring(label_studio_config(DEFAULT_SCHEME))
    controls = {e.get("name"): e for e in config.iter() if e.get("name")}
    assert [c.get("value") for c in controls["stance"]] == DEFAULT_SCHEME.stance_values()
    assert [c.get("value") for c in controls["sentiment"]] == DEFAULT_SCHEME.sentiment_values()
    headers = [e.get("value") for e in config.iter("Header")]
    assert any(h.startswith("Speaker") for h in headers) and any(
        h.startswith("Outlet") for h in headers
    )
    assert "Stance" in headers and "Sentiment" in headers and "Note" in headers
    assert config.find("Relations") is not None
    # every result of the export names a control of the config, with values it offers
    path = export_to(tmp_path / "ls.json", "label-studio", documents, store)
    for task in orjson.loads(path.read_bytes()):
        for annotation in task["annotations"] + task["predictions"]:
            for result in annotation["result"]:
                if result["type"] == "relation":
                    assert result["labels"][0] in {r.get("value") for r in config.find("Relations")}
                    continue
                control = controls[result["from_name"]]
                assert result["to_name"] == control.get("toName") == "text"
                values = {c.get("value") for c in control}
                chosen = result["value"].get("labels") or result["value"].get("choices") or []
                assert set(chosen) <= values


def test_export_config_flag(annotations_dir: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["export", "--annotations", str(annotations_dir), "--format", "label-studio", "--config"],
    )
    assert result.exit_code == 0, result.output
    assert ET.fromstring(result.stdout).tag == "View"
    wrong = CliRunner().invoke(main, ["export", "--annotations", str(annotations_dir), "--config"])
    assert wrong.exit_code != 0 and "--config goes with --format label-studio" in wrong.output


def test_label_studio_results_outside_the_config_are_refused(tmp_path: Path) -> None:
    text = "Emoji 😀 then “a quote here” ends."
    base = {
        "id": "r1",
        "from_name": "quote",
        "to_name": "text",
        "type": "labels",
        "value": {"start": 0, "end": 5, "labels": ["direct"]},
    }
    for result, message in [
        ([{**base, "to_name": "body"}], "to_name 'body' is not the Text object 'text'"),
        (
            [
                base,
                {
                    "id": "r1",
                    "from_name": "flag",
                    "to_name": "text",
                    "type": "choices",
                    "value": {"choices": ["maybe"]},
                },
            ],
            "unknown flag choice 'maybe'",
        ),
        (
            [base, {"from_id": "r1", "to_id": "nowhere", "type": "relation"}],
            "does not link a quote region to a speaker or outlet mention",
        ),
    ]:
        path = tmp_path / "ls.json"
        path.write_bytes(
            orjson.dumps(
                [{"data": {"text": text}, "annotations": [{"annotator": "eve", "result": result}]}]
            )
        )
        with pytest.raises(AnnotatorError, match=message):
            plan_for("label-studio", path, [], tmp_path)


# --------------------------------------------------------------------------- rows


def test_rows_carry_document_author_region_and_theme(project) -> None:
    documents, store = project
    document = documents[0].model_copy(
        update={"author": "Kim", "region": ["Korea", "China"], "theme": ["diplomacy"]}
    )
    out = io.BytesIO()
    write_export("jsonl", ExportSource(iter([document]), store, store.annotators()), out)
    row = orjson.loads(out.getvalue().splitlines()[0])
    assert (row["document_author"], row["document_region"], row["document_theme"]) == (
        "Kim",
        "Korea; China",
        "diplomacy",
    )
    assert row["quote_confidence"] == document.quotes[0].confidence


# --------------------------------------------------------------------------- shipped data

SHIPPED = Path(__file__).resolve().parent.parent / "annotations"


@pytest.mark.parametrize("format_name", IMPORT_FORMATS)
def test_the_shipped_annotations_survive_each_tool_format(
    format_name: str, seeds_dir: Path, tmp_path: Path
) -> None:
    documents = list(load_corpus([seeds_dir]))  # extracted as the project ships them
    store = AnnotationStore(SHIPPED, scheme=DEFAULT_SCHEME)
    path = export_to(tmp_path / f"x.{SUFFIX[format_name]}", format_name, documents, store)
    restored, plan = run_import(format_name, path, documents, tmp_path / "back", tmp_path)
    assert not plan.new_documents and not plan.warnings
    assert summary(documents, restored) == summary(documents, store)
    assert len(summary(documents, store)) == 4
    # the files themselves: the same labels, added quotes (with their own attribution) and
    # deletions, time stamps included
    for annotator in store.annotators():
        for document in documents:
            before = store.load(annotator, document.id, document)
            after = restored.load(annotator, document.id, document)
            # every label's saved quote too (its extractor version included), also for the
            # label on q860-917, a span the current extractor no longer proposes
            assert after.model_dump(mode="json") == before.model_dump(mode="json")


def test_doccano_plain_sequence_labelling_file(project, tmp_path: Path) -> None:
    documents, store = project
    out = io.BytesIO()
    source = ExportSource(iter(documents), store, store.annotators())
    write_export("doccano", source, out, ExportOptions(doccano_relations=False))
    items = [orjson.loads(line) for line in out.getvalue().splitlines()]
    assert all("entities" not in x and "relations" not in x for x in items)
    assert {label for x in items for _, _, label in x["label"]} <= {
        "QUOTE",
        *DEFAULT_SCHEME.stance_values(),
    }
    path = tmp_path / "plain.jsonl"
    path.write_bytes(out.getvalue())
    restored, _ = run_import("doccano", path, documents, tmp_path / "back", tmp_path)
    assert summary(documents, restored) == summary(documents, store)
