"""Import: Prodigy, Label Studio and doccano files come back as the same annotators, quote ids,
labels and attributions; bad input names the record and writes nothing."""

from __future__ import annotations

import io
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner
from test_export_formats import annotate, build_corpus

from annotator.annotations import (
    effective_quotes,
    labels_by_quote,
    resolved_outlet,
    resolved_speaker,
)
from annotator.errors import AnnotatorError
from annotator.export.formats import IMPORT_FORMATS, read_records, write_export
from annotator.export.importing import apply_import, plan_import
from annotator.export.views import ExportSource
from annotator.models import DEFAULT_SCHEME, Document
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore

SUFFIX = {"prodigy": "jsonl", "doccano": "jsonl", "label-studio": "json"}


def no_extraction(paths: list[Path]):
    return load_corpus(paths, extract=False)


def summary(documents: list[Document], store: AnnotationStore) -> dict:
    """Per (annotator, document): each effective quote with its labels and resolved attribution."""
    result = {}
    for annotator in store.annotators():
        for document in documents:
            annotation = store.load(annotator, document.id, document)
            if annotation is None:
                continue
            labels = labels_by_quote(annotation)
            quotes = {}
            for quote in effective_quotes(document, annotation):
                label = labels.get(quote.id)
                quotes[quote.id] = (
                    label.stance if label else None,
                    label.sentiment if label else None,
                    label.note if label else None,
                    label.flagged if label else False,
                    label.seconds if label else 0.0,
                    resolved_speaker(quote, label),
                    resolved_outlet(quote, label),
                )
            result[(annotator, document.id)] = quotes
    return result


def export_to(
    path: Path, format_name: str, documents: list[Document], store: AnnotationStore
) -> Path:
    out = io.BytesIO()
    write_export(format_name, ExportSource(iter(documents), store, store.annotators()), out)
    path.write_bytes(out.getvalue())
    return path


def run_import(format_name, path, documents, root, tmp_path, annotator=None, force=False):
    store = AnnotationStore(root, scheme=DEFAULT_SCHEME)
    plan = plan_import(
        read_records(format_name, path, DEFAULT_SCHEME.stance_values()),
        corpus=iter(documents),
        store=store,
        documents_out=tmp_path / "imported" / "docs.jsonl",
        annotator_override=annotator,
        force=force,
        load=no_extraction,
    )
    apply_import(plan)
    return store, plan


@pytest.mark.parametrize("format_name", IMPORT_FORMATS)
def test_round_trip_keeps_annotators_quotes_labels_and_attribution(
    format_name: str, seeds_dir: Path, annotations_dir: Path, tmp_path: Path
) -> None:
    documents = build_corpus(seeds_dir)
    original = annotate(annotations_dir, documents)
    path = export_to(tmp_path / f"out.{SUFFIX[format_name]}", format_name, documents, original)
    restored, plan = run_import(format_name, path, documents, tmp_path / "back", tmp_path)
    assert restored.annotators() == ["alice", "bob", "carol"]
    assert not plan.new_documents  # every text matched a corpus document
    before, after = summary(documents, original), summary(documents, restored)
    assert after == before
    assert ("alice", documents[0].id) in after and len(after) == 5
    # the added quote comes back as an added quote with its speaker
    alice = restored.load("alice", documents[0].id, documents[0])
    assert [q.speaker for q in alice.added_quotes] == ["Analyst"]
    assert alice.deleted_quotes == [documents[0].quotes[2].id]


@pytest.mark.parametrize("format_name", IMPORT_FORMATS)
def test_texts_not_in_the_corpus_become_a_jsonl_corpus(
    format_name: str, seeds_dir: Path, annotations_dir: Path, tmp_path: Path
) -> None:
    documents = build_corpus(seeds_dir)
    original = annotate(annotations_dir, documents)
    path = export_to(tmp_path / f"out.{SUFFIX[format_name]}", format_name, documents, original)
    restored, _ = run_import(format_name, path, [], tmp_path / "back", tmp_path)
    written = tmp_path / "imported" / "docs.jsonl"
    new_documents = list(load_corpus([written], extract=False))
    assert [d.id for d in new_documents] == [d.id for d in documents]
    assert [d.text for d in new_documents] == [d.text for d in documents]
    # no extracted quotes in the new documents: a labelled extracted quote keeps the quote its
    # label saved (origin auto, not turned into an added one); an unlabelled one comes back as
    # an added quote, so that every annotator's list is the same
    after = summary(new_documents, restored)
    before = summary(documents, original)
    assert after == before
    for annotator in original.annotators():
        for old, new in zip(documents, new_documents, strict=True):
            saved = original.load(annotator, old.id, old)
            back = restored.load(annotator, new.id, new)
            if saved is None:
                continue
            assert back is not None
            assert [label.quote for label in back.labels] == [label.quote for label in saved.labels]
            labelled = {label.quote_id for label in saved.labels}
            unlabelled = {q.id for q in old.quotes} - labelled - set(saved.deleted_quotes)
            assert {q.id for q in back.added_quotes} == unlabelled | {
                q.id for q in saved.added_quotes
            }


def test_existing_files_need_force(seeds_dir: Path, annotations_dir: Path, tmp_path: Path) -> None:
    documents = build_corpus(seeds_dir)
    original = annotate(annotations_dir, documents)
    path = export_to(tmp_path / "out.jsonl", "prodigy", documents, original)
    bobs = [line for line in path.read_bytes().splitlines() if b'"_annotator_id":"bob"' in line]
    path.write_bytes(b"\n".join(bobs) + b"\n")
    target = annotations_dir / "alice" / f"{documents[0].id}.json"
    before = target.read_bytes()
    with pytest.raises(AnnotatorError, match="already exists; pass --force"):
        run_import("prodigy", path, documents, annotations_dir, tmp_path, annotator="alice")
    assert target.read_bytes() == before
    # with --force, bob's labels of the first document become alice's
    run_import("prodigy", path, documents, annotations_dir, tmp_path, annotator="alice", force=True)
    assert target.read_bytes() != before
    alice = original.load("alice", documents[0].id, documents[0])
    assert {label.quote_id: label.stance for label in alice.labels} == {
        documents[0].quotes[0].id: "pro-US",
        documents[0].quotes[2].id: "pro-China",
    }


def bad_prodigy_line(task_text: str, **span: object) -> bytes:
    return orjson.dumps(
        {"text": task_text, "spans": [span], "answer": "accept", "_annotator_id": "dan"}
    )


BAD_PRODIGY = [
    ({"start": 10, "end": 5, "label": "QUOTE"}, "line 2: span 10-5: empty or reversed span"),
    ({"start": 0, "end": 999, "label": "QUOTE"}, "line 2: span 0-999: ends outside the text"),
    ({"start": 0, "end": 5, "label": "pro-Mars"}, "line 2: span 0-5: unknown stance 'pro-Mars'"),
    ({"start": 0, "label": "QUOTE"}, "line 2: spans[0] lacks start or end"),
    (
        {"start": 0, "end": 5, "label": "QUOTE", "text": "World"},
        "line 2: span 0-5: the offsets cover 'Hello'",
    ),
    ({"start": 0, "end": 5, "label": "QUOTE", "sentiment": "ecstatic"}, "unknown sentiment"),
]


@pytest.mark.parametrize(("span", "message"), BAD_PRODIGY)
def test_bad_prodigy_record_names_the_line_and_writes_nothing(
    span: dict, message: str, annotations_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.jsonl"
    good = bad_prodigy_line("Hello world, said Ann.", start=0, end=5, label="QUOTE")
    path.write_bytes(good + b"\n" + bad_prodigy_line("Hello there, said Bo.", **span) + b"\n")
    with pytest.raises(AnnotatorError) as caught:
        run_import("prodigy", path, [], annotations_dir, tmp_path)
    assert message in str(caught.value) and str(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert list(annotations_dir.iterdir()) == []
    assert not (tmp_path / "imported").exists()


def label_studio_task(result: list[dict], text: str = "Emoji 😀 then “a quote here” ends.") -> list:
    return [
        {"id": 7, "data": {"text": text}, "annotations": [{"annotator": "eve", "result": result}]}
    ]


def region(start: int, end: int, **extra: object) -> dict:
    return {
        "id": "r1",
        "from_name": "quote",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": end, "labels": ["direct"], **extra},
    }


def test_label_studio_offsets_are_code_points_and_checked(
    annotations_dir: Path, tmp_path: Path
) -> None:
    """Label Studio 1.23 counts code points (measured): a region after an emoji has the Python
    offsets; the UTF-16 offsets older exports wrote are refused with the text they cover."""
    text = "Emoji 😀 then “a quote here” ends."
    start = text.index("“")
    end = text.index("”") + 1
    path = tmp_path / "ls.json"
    stance = {
        "id": "r1",
        "from_name": "stance",
        "to_name": "text",
        "type": "choices",
        "value": {"start": start, "end": end, "choices": ["neutral"]},
    }
    utf16 = [region(start + 1, end + 1, text=text[start:end]), stance]
    path.write_bytes(orjson.dumps(label_studio_task(utf16)))
    with pytest.raises(AnnotatorError, match="the offsets cover 'a quote here” '"):
        run_import("label-studio", path, [], annotations_dir, tmp_path)
    path.write_bytes(
        orjson.dumps(label_studio_task([region(start, end, text=text[start:end]), stance]))
    )
    store, _ = run_import("label-studio", path, [], annotations_dir, tmp_path)
    [document] = load_corpus([tmp_path / "imported" / "docs.jsonl"], extract=False)
    annotation = store.load("eve", document.id, document)
    assert [label.quote_id for label in annotation.labels] == [f"q{start}-{end}"]
    assert annotation.labels[0].stance == "neutral"


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (
            [region(7, 120)],
            "task 1 (id 7): annotation 1: region r1: span 7-120: offset 120 is outside the text",
        ),
        ([region(0, 5, text="wrong")], "span 0-5: the offsets cover 'Emoji'"),
        (
            [{**region(0, 5), "value": {"start": 0, "end": 5, "labels": ["Person"]}}],
            "unknown span label 'Person'",
        ),
        (
            [
                region(0, 5),
                {
                    "id": "r1",
                    "from_name": "stance",
                    "type": "choices",
                    "value": {"choices": ["pro-Mars"]},
                },
            ],
            "unknown stance 'pro-Mars'",
        ),
        (
            [
                region(0, 5),
                {
                    "id": "r2",
                    "from_name": "stance",
                    "type": "choices",
                    "value": {"choices": ["neutral"]},
                },
            ],
            "region r2: stance result has no quote region",
        ),
        (
            [
                region(0, 5),
                {"id": "r1", "from_name": "mood", "type": "choices", "value": {"choices": ["x"]}},
            ],
            "unknown control 'mood'",
        ),
    ],
)
def test_bad_label_studio_input(
    result: list, message: str, annotations_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ls.json"
    path.write_bytes(orjson.dumps(label_studio_task(result)))
    with pytest.raises(AnnotatorError, match=None) as caught:
        run_import("label-studio", path, [], annotations_dir, tmp_path)
    assert message in str(caught.value)
    assert list(annotations_dir.iterdir()) == []


def test_bad_doccano_input(annotations_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"text": "Hi there", "label": [[0, 2, "QUOTE"]]}\n')
    store = AnnotationStore(annotations_dir, scheme=DEFAULT_SCHEME)
    plan = plan_import(
        read_records("doccano", path, DEFAULT_SCHEME.stance_values()),
        corpus=iter([]),
        store=store,
        documents_out=tmp_path / "imported" / "docs.jsonl",
        annotator_override=None,
        force=False,
        load=no_extraction,
    )
    assert plan.files == [] and "pass --annotator NAME to import them" in plan.summary()
    path.write_bytes(b'{"text": "Hi there", "label": [[0, 2, "QUOTE"]]}\n{"label": []}\n')
    with pytest.raises(AnnotatorError, match=r'd.jsonl: line 2: missing or empty "text"'):
        run_import("doccano", path, [], annotations_dir, tmp_path, annotator="fay")
    path.write_bytes(b'{"text": "Hi there", "label": [[0, 2]]}\n')
    with pytest.raises(AnnotatorError, match=r"line 1: label\[0\] must be \[start, end, label\]"):
        run_import("doccano", path, [], annotations_dir, tmp_path, annotator="fay")
    assert list(annotations_dir.iterdir()) == []


def test_cli_export_import_round_trip(
    seeds_dir: Path, annotations_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator import pipeline
    from annotator.cli import main

    monkeypatch.setattr(pipeline, "_extractor", lambda: None)  # independent of the extractor
    documents = list(load_corpus([seeds_dir], extract=False))
    store = annotate(annotations_dir, build_corpus(seeds_dir))
    runner = CliRunner()
    common = ["--corpus", str(seeds_dir), "--annotations", str(annotations_dir)]
    out = tmp_path / "export.json"
    result = runner.invoke(main, ["export", *common, "-o", str(out)])
    assert result.exit_code == 0, result.output
    stdout = runner.invoke(main, ["export", *common])
    assert stdout.stdout_bytes == out.read_bytes()  # no -o: the same bytes on stdout
    data = orjson.loads(out.read_bytes())
    assert data["format"] == "annotator-export" and len(data["documents"]) == len(documents)
    result = runner.invoke(main, ["export", *common, "--annotators", "alice,zed"])
    assert result.exit_code == 1 and "no annotator zed" in result.output
    ls = tmp_path / "ls.json"
    assert (
        runner.invoke(
            main, ["export", *common, "--format", "label-studio", "-o", str(ls)]
        ).exit_code
        == 0
    )
    back = tmp_path / "back"
    args = [
        "import",
        "label-studio",
        str(ls),
        "--annotations",
        str(back),
        "--corpus",
        str(seeds_dir),
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert AnnotationStore(back).annotators() == store.annotators()
    again = runner.invoke(main, args)
    assert again.exit_code == 1
    assert again.output.startswith("annotator: error: ") and "--force" in again.output
    assert again.output.count("\n") == 1


def test_spans_follow_the_text_when_cleaning_changes_it(
    annotations_dir: Path, tmp_path: Path
) -> None:
    raw = (
        "The minister said  “we\u00a0 will  agree”  today, in a long sentence that ends here.\n\n"
        "Another paragraph follows with “a second quote” inside."
    )
    first = (raw.index("“"), raw.index("”") + 1)
    second = (raw.index("“a"), raw.index("quote”") + 6)
    tasks = [
        {
            "text": raw,
            "answer": "accept",
            "_annotator_id": "gil",
            "meta": {"document_id": "minister"},
            "spans": [
                {"start": s, "end": e, "label": "balancing", "speaker": "the minister"}
                for s, e in (first, second)
            ],
        },
        {"text": raw, "meta": {"document_id": "minister"}, "spans": []},  # no answer: skipped
    ]
    path = tmp_path / "raw.jsonl"
    path.write_bytes(b"".join(orjson.dumps(t) + b"\n" for t in tasks))
    store, plan = run_import("prodigy", path, [], annotations_dir, tmp_path)
    assert plan.skipped == 1
    [document] = load_corpus([tmp_path / "imported" / "docs.jsonl"], extract=False)
    assert document.text != raw and document.id == "minister"
    annotation = store.load("gil", "minister", document)
    texts = [document.text[q.start : q.end] for q in annotation.added_quotes]
    assert texts == ["“we will agree”", "“a second quote”"]
    assert [q.speaker for q in annotation.added_quotes] == ["the minister"] * 2
    assert [label.stance for label in annotation.labels] == ["balancing", "balancing"]


def test_two_records_for_one_annotator_and_document_are_refused(
    annotations_dir: Path, tmp_path: Path
) -> None:
    line = {
        "text": "Ann said “yes indeed” loudly.",
        "label": [[9, 21, "QUOTE"]],
        "annotator": "hal",
    }
    path = tmp_path / "twice.jsonl"
    path.write_bytes(orjson.dumps(line) + b"\n" + orjson.dumps(line) + b"\n")
    with pytest.raises(AnnotatorError, match="line 2: a second record for annotator 'hal'"):
        run_import("doccano", path, [], annotations_dir, tmp_path)
    assert list(annotations_dir.iterdir()) == []


def test_failed_export_leaves_the_old_file_and_no_temp_files(
    seeds_dir: Path, annotations_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator import pipeline
    from annotator.cli import main

    monkeypatch.setattr(pipeline, "_extractor", lambda: None)
    documents = build_corpus(seeds_dir)
    annotate(annotations_dir, documents)
    (annotations_dir / "bob" / f"{documents[1].id}.json").write_text('{"annotator": "bob"', "utf-8")
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    out = out_folder / "export.jsonl"
    out.write_bytes(b"old export\n")
    args = ["export", "--corpus", str(seeds_dir), "--annotations", str(annotations_dir)]
    result = CliRunner().invoke(main, [*args, "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 1
    assert f"{documents[1].id}.json: not valid JSON" in result.output
    assert out.read_bytes() == b"old export\n"
    assert [p.name for p in out_folder.iterdir()] == ["export.jsonl"]
