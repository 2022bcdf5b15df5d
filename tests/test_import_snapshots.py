"""A label's saved quote (its snapshot: origin, kind, cue, proposed attribution, confidence,
extractor version) survives a round trip through Label Studio, doccano and Prodigy files; edits
made in the tool win over it; a span edited in the tool does not keep it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson
import pytest
from test_export_formats import build_corpus
from test_export_import import export_to, run_import, summary
from test_tool_edits import SUFFIX, lines, plan_for, write_lines

from annotator.errors import AnnotatorError
from annotator.export.formats import IMPORT_FORMATS
from annotator.extract.version import EXTRACTOR_VERSION
from annotator.models import (
    DEFAULT_SCHEME,
    MANUAL_EXTRACTOR,
    AnnotationFile,
    Document,
    LabelledQuote,
    QuoteKind,
    QuoteLabel,
    QuoteOrigin,
)
from annotator.store import AnnotationStore

OLD = "rules-2026.11"  # an extractor version other than the current one
STAMP = "2026-01-02T03:04:05Z"


def snapshot(document: Document, start: int, end: int, **fields: Any) -> LabelledQuote:
    return LabelledQuote(start=start, end=end, text=document.text[start:end], **fields)


def stale_project(tmp_path: Path) -> tuple[Document, AnnotationStore, dict[str, str]]:
    """alice's labels on one document, each holding a quote the current extraction differs from:

    - ``stale``: a proposed span whose saved quote has another kind, cue, speaker, confidence
      and extractor version than the proposal now;
    - ``old``: a proposed span saved exactly as proposed, by an older extractor;
    - ``gone``: an extracted quote (origin auto) the current extractor no longer proposes.
    """
    [document, *_] = build_corpus(Path(__file__).resolve().parent.parent / "seeds")
    proposal = document.quotes
    start = document.text.index("the policy of rebuilding alliances")
    end = start + len("the policy of rebuilding alliances that the new President Biden")
    assert all(q.end <= start or q.start >= end for q in proposal)
    stale = QuoteLabel(
        quote_id=proposal[0].id,
        quote=snapshot(
            document,
            proposal[0].start,
            proposal[0].end,
            kind=QuoteKind.MIXED,
            cue="warned against",
            speaker="Chung",
            speaker_role="foreign minister",
            outlet="KBS",
            confidence=0.35,
            extractor=OLD,
        ),
        stance="pro-US",
        sentiment="negative",
        updated_at=STAMP,
    )
    old = QuoteLabel(
        quote_id=proposal[1].id,
        quote=LabelledQuote.of(proposal[1], OLD),
        stance="balancing",
        outlet="",
        seconds=4.0,
        updated_at=STAMP,
    )
    gone = QuoteLabel(
        quote_id=f"q{start}-{end}",
        quote=snapshot(
            document,
            start,
            end,
            kind=QuoteKind.INDIRECT,
            cue="addressed",
            speaker="Biden",
            confidence=0.6,
            extractor=OLD,
        ),
        stance="pro-US",
        sentiment="positive",
        note="no longer proposed",
        updated_at=STAMP,
    )
    assert gone.quote_id not in {q.id for q in proposal}
    store = AnnotationStore(tmp_path / "annotations", scheme=DEFAULT_SCHEME)
    with store.open_writer("alice") as writer:
        writer.save(
            AnnotationFile(
                annotator="alice",
                document_id=document.id,
                document_sha256=document.sha256,
                scheme=DEFAULT_SCHEME.ref,
                labels=[stale, old, gone],
            )
        )
    return document, store, {"stale": stale.quote_id, "old": old.quote_id, "gone": gone.quote_id}


def loaded(store: AnnotationStore, document: Document) -> AnnotationFile:
    annotation = store.load("alice", document.id, document)
    assert annotation is not None
    return annotation


def by_id(annotation: AnnotationFile) -> dict[str, QuoteLabel]:
    return {label.quote_id: label for label in annotation.labels}


@pytest.mark.parametrize("format_name", IMPORT_FORMATS)
def test_saved_quotes_and_extractor_versions_survive_each_format(
    format_name: str, tmp_path: Path
) -> None:
    document, store, _ = stale_project(tmp_path)
    path = export_to(tmp_path / f"x.{SUFFIX[format_name]}", format_name, [document], store)
    restored, plan = run_import(format_name, path, [document], tmp_path / "back", tmp_path)
    assert not plan.warnings
    before, after = loaded(store, document), loaded(restored, document)
    # the whole file: no added quote for the span the extractor no longer proposes, each saved
    # quote as it was (not the proposal now), each extractor version kept
    assert after.model_dump(mode="json") == before.model_dump(mode="json")
    assert after.added_quotes == [] and {q.quote.extractor for q in after.labels} == {OLD}


def label_studio_results(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    tasks = orjson.loads(path.read_bytes())
    return tasks, tasks[0]["annotations"][0]["result"]


def test_label_studio_edits_win_over_the_saved_quote(tmp_path: Path) -> None:
    document, store, ids = stale_project(tmp_path)
    path = export_to(tmp_path / "ls.json", "label-studio", [document], store)
    tasks, results = label_studio_results(path)
    for item in results:
        if item.get("id") != ids["gone"]:
            continue
        if item["from_name"] == "stance":
            item["value"]["choices"] = ["pro-China"]
        elif item["from_name"] == "speaker":
            item["value"]["text"] = ["Joe Biden"]
        elif item["from_name"] == "quote":
            item["value"]["labels"] = ["direct"]  # Label Studio holds the kind
    path.write_bytes(orjson.dumps(tasks))
    restored, _ = run_import("label-studio", path, [document], tmp_path / "back", tmp_path)
    before, after = by_id(loaded(store, document)), by_id(loaded(restored, document))
    label = after[ids["gone"]]
    assert (label.stance, label.speaker, label.resolved_speaker) == (
        "pro-China",
        "Joe Biden",
        "Joe Biden",
    )
    # the saved quote is still the extracted one, with the kind the tool gave it
    assert label.quote == before[ids["gone"]].quote.model_copy(update={"kind": QuoteKind.DIRECT})
    assert label.quote.origin == QuoteOrigin.AUTO and label.quote.extractor == OLD
    assert loaded(restored, document).added_quotes == []


def test_doccano_and_prodigy_labels_win_over_the_stale_stance(tmp_path: Path) -> None:
    document, store, ids = stale_project(tmp_path)
    start, end = (int(x) for x in ids["gone"][1:].split("-"))
    for format_name in ("doccano", "prodigy"):
        path = export_to(tmp_path / f"{format_name}.jsonl", format_name, [document], store)
        [item] = lines(path)
        if format_name == "doccano":
            [entity] = [e for e in item["entities"] if e["start_offset"] == start]
            entity["label"] = "neutral"
        else:
            [span] = [s for s in item["spans"] if s["start"] == start and s["end"] == end]
            span["label"] = "neutral"  # the "stance" key beside it still says pro-US
        write_lines(path, [item])
        back = tmp_path / f"back-{format_name}"
        restored, _ = run_import(format_name, path, [document], back, tmp_path)
        label = by_id(loaded(restored, document))[ids["gone"]]
        assert label.stance == "neutral"
        assert label.quote == by_id(loaded(store, document))[ids["gone"]].quote


def moved(document: Document, quote_id: str, by: int) -> tuple[int, int, str]:
    start, end = (int(x) for x in quote_id[1:].split("-"))
    return start, end + by, document.text[start : end + by]


def assert_rebounded(restored: AnnotationStore, store: AnnotationStore, document: Document, ids):
    """The edited span came back as annotator's re-bounding makes it: an added quote keeping the
    old quote's kind, cue and attribution, naming the old id, with a manual saved quote."""
    before = by_id(loaded(store, document))[ids["gone"]]
    annotation = loaded(restored, document)
    [added] = annotation.added_quotes
    start, end, text = moved(document, ids["gone"], 6)
    assert (added.start, added.end, added.text) == (start, end, text)
    assert added.origin == QuoteOrigin.MANUAL and added.replaces == ids["gone"]
    old = before.quote
    assert (added.kind, added.cue, added.speaker, added.speaker_role, added.outlet) == (
        old.kind,
        old.cue,
        old.speaker,
        old.speaker_role,
        old.outlet,
    )
    assert added.confidence == 1.0  # the extractor's confidence was for the old span
    labels = by_id(annotation)
    assert ids["gone"] not in labels
    label = labels[added.id]
    assert label.quote == LabelledQuote.of(added, MANUAL_EXTRACTOR)
    assert (label.stance, label.sentiment, label.note) == (
        before.stance,
        before.sentiment,
        before.note,
    )
    # the other labels are untouched
    assert {k: v for k, v in labels.items() if k != added.id} == {
        k: v for k, v in by_id(loaded(store, document)).items() if k != ids["gone"]
    }


def test_a_span_resized_in_label_studio_does_not_keep_its_saved_quote(tmp_path: Path) -> None:
    document, store, ids = stale_project(tmp_path)
    path = export_to(tmp_path / "ls.json", "label-studio", [document], store)
    tasks, results = label_studio_results(path)
    start, end, text = moved(document, ids["gone"], 6)
    for item in results:
        if item.get("id") == ids["gone"]:  # Label Studio keeps the region id and its meta
            item["value"].update({"start": start, "end": end})
            if "text" in item["value"] and item["from_name"] == "quote":
                item["value"]["text"] = text
    path.write_bytes(orjson.dumps(tasks))
    restored, _ = run_import("label-studio", path, [document], tmp_path / "back", tmp_path)
    assert_rebounded(restored, store, document, ids)


def test_a_prodigy_span_moved_with_its_keys_does_not_keep_its_saved_quote(tmp_path: Path) -> None:
    document, store, ids = stale_project(tmp_path)
    path = export_to(tmp_path / "p.jsonl", "prodigy", [document], store)
    [task] = lines(path)
    old_start, old_end = (int(x) for x in ids["gone"][1:].split("-"))
    _, end, text = moved(document, ids["gone"], 6)
    for span in task["spans"]:
        if (span["start"], span["end"]) == (old_start, old_end):
            span.update({"end": end, "text": text})  # quote_id, kind, cue ... stay
    for relation in task.get("relations", []):
        if (relation["head_span"]["start"], relation["head_span"]["end"]) == (old_start, old_end):
            relation["head_span"]["end"] = end
    write_lines(path, [task])
    restored, _ = run_import("prodigy", path, [document], tmp_path / "back", tmp_path)
    assert_rebounded(restored, store, document, ids)


def test_a_span_moved_onto_a_proposal_labels_the_proposal(tmp_path: Path) -> None:
    """Re-bounded in the tool onto a span the extractor proposes: a label on that proposal (as
    proposed now), not an added quote, and the old span is gone."""
    document, store, ids = stale_project(tmp_path)
    target = document.quotes[2]  # proposed, not in alice's labels
    path = export_to(tmp_path / "p.jsonl", "prodigy", [document], store)
    [task] = lines(path)
    old_start, old_end = (int(x) for x in ids["gone"][1:].split("-"))
    task["spans"] = [
        s for s in task["spans"] if (s["start"], s["end"]) != (target.start, target.end)
    ]
    for span in task["spans"]:
        if (span["start"], span["end"]) == (old_start, old_end):
            span.update({"start": target.start, "end": target.end, "text": target.text})
    task.pop("relations", None)
    for span in task["spans"]:
        span.pop("speaker_mention", None)
        span.pop("outlet_mention", None)
    write_lines(path, [task])
    restored, _ = run_import("prodigy", path, [document], tmp_path / "back", tmp_path)
    annotation = loaded(restored, document)
    labels = by_id(annotation)
    assert annotation.added_quotes == [] and ids["gone"] not in labels
    label = labels[target.id]
    assert label.quote == LabelledQuote.of(target, EXTRACTOR_VERSION)
    assert label.stance == "pro-US" and label.note == "no longer proposed"


def test_a_span_moved_in_doccano_comes_back_as_a_quote_drawn_there(tmp_path: Path) -> None:
    """doccano keeps no per-span metadata (it is matched by span): a moved span is a quote
    drawn in doccano (added, nothing carried but its label), and the old one is reported."""
    document, store, ids = stale_project(tmp_path)
    path = export_to(tmp_path / "d.jsonl", "doccano", [document], store)
    [line] = lines(path)
    old_start, _ = (int(x) for x in ids["gone"][1:].split("-"))
    start, end, _ = moved(document, ids["gone"], 6)
    [entity] = [e for e in line["entities"] if e["start_offset"] == old_start]
    entity["end_offset"] = end  # the seed text is all in the BMP: UTF-16 = code points
    write_lines(path, [line])
    restored, plan = run_import("doccano", path, [document], tmp_path / "back", tmp_path)
    assert plan.warnings == [f"{path}: line 1: quote {ids['gone']} was removed in doccano; deleted"]
    annotation = loaded(restored, document)
    [added] = annotation.added_quotes
    assert (added.start, added.end, added.origin, added.cue, added.replaces) == (
        start,
        end,
        QuoteOrigin.MANUAL,
        None,
        None,
    )
    assert by_id(annotation)[added.id].stance == "pro-US"


def test_exports_without_saved_quotes_import_as_before(tmp_path: Path) -> None:
    """A file from an older export (no ``origin``/``extractor`` keys): proposed spans get the
    proposal now, others become added quotes; nothing is lost from the annotator's list."""
    document, store, ids = stale_project(tmp_path)
    path = export_to(tmp_path / "p.jsonl", "prodigy", [document], store)
    [task] = lines(path)
    for span in task["spans"]:
        span.pop("origin", None)
        span.pop("extractor", None)
    write_lines(path, [task])
    restored, _ = run_import("prodigy", path, [document], tmp_path / "back", tmp_path)
    assert summary([document], restored) == summary([document], store)
    annotation = loaded(restored, document)
    labels = by_id(annotation)
    assert labels[ids["old"]].quote == LabelledQuote.of(document.quotes[1], EXTRACTOR_VERSION)
    assert [q.id for q in annotation.added_quotes] == [ids["gone"]]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("origin", "robot", "unknown origin 'robot' (expected auto, manual)"),
        ("extractor", " ", "extractor must not be empty"),
        ("extractor", 3, "extractor must be a string or null, not a number"),
        ("quote_id", "quote-1", "quote_id: "),
    ],
)
def test_bad_saved_quote_metadata_is_one_line(
    key: str, value: Any, message: str, tmp_path: Path
) -> None:
    document, store, _ = stale_project(tmp_path)
    path = export_to(tmp_path / "p.jsonl", "prodigy", [document], store)
    [task] = lines(path)
    span = next(s for s in task["spans"] if "quote_id" in s)
    span[key] = value
    write_lines(path, [task])
    where = rf"p\.jsonl: line 1: span {span['start']}-{span['end']}: "
    with pytest.raises(AnnotatorError, match=where + re.escape(message)):
        plan_for("prodigy", path, [document], tmp_path)
