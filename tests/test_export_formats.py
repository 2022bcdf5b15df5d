"""Exports: the json file validates, rows carry speaker/outlet, CSV quoting and formula safety,
Label Studio UTF-16 offsets, determinism; built on the seed articles and a text with emoji."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import orjson
import pytest

from annotator.corpus import build_document
from annotator.export.csv import write_csv
from annotator.export.formats import EXPORT_FORMATS, write_export
from annotator.export.json_format import ExportFile
from annotator.export.offsets import Utf16Offsets
from annotator.export.rows import ROW_FIELDS
from annotator.export.views import Consensus, ExportSource
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    Quote,
    QuoteLabel,
    QuoteOrigin,
)
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore

EMOJI_TEXT = (
    "Seoul 🇰🇷 and Beijing 😀 met again.\n\n"
    "“We will not choose between Washington and Beijing 🤝,” the minister said.\n\n"
    "The envoy added that 𝒜lliances “must serve Korea first.”"
)


def quoted_spans(text: str, limit: int) -> list[tuple[int, int]]:
    """Spans of the first ``limit`` curly-quoted passages of a text (quote marks included)."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]{8,}”", text)][:limit]


def with_quotes(document: Document, speakers: list[tuple[str | None, str | None]]) -> Document:
    spans = quoted_spans(document.text, len(speakers))
    assert len(spans) == len(speakers), f"{document.id} has too few quotes"
    quotes = [
        Quote.from_span(document.text, start, end, kind="direct", speaker=speaker, outlet=outlet)
        for (start, end), (speaker, outlet) in zip(spans, speakers, strict=True)
    ]
    return document.model_copy(update={"quotes": quotes})


def build_corpus(seeds_dir: Path) -> list[Document]:
    seeds = list(load_corpus([seeds_dir], extract=False))
    first = with_quotes(seeds[0], [("Chung Eui-yong", None), (None, "Yonhap"), ("Wang Yi", None)])
    second = with_quotes(seeds[1], [("Moon Jae-in", None), (None, None)])
    emoji = build_document(EMOJI_TEXT, "emoji-note", "test")
    emoji = with_quotes(emoji, [("the minister", None), (None, "Korea Herald")])
    return [first, second, emoji]


def label(quote: Quote, **fields: object) -> QuoteLabel:
    return QuoteLabel.for_quote(quote, "test-1", updated_at="2026-01-02T03:04:05Z", **fields)


def annotate(root: Path, documents: list[Document]) -> AnnotationStore:
    """Three annotators: alice edits quotes and overrides attribution, bob and carol label."""
    store = AnnotationStore(root, scheme=DEFAULT_SCHEME)
    first, second, emoji = documents
    q = list(first.quotes)
    start = first.text.index("Two important visits")
    added = Quote.from_span(
        first.text, start, start + 40, kind="indirect", origin=QuoteOrigin.MANUAL, speaker="Analyst"
    )

    def file(annotator: str, document: Document, labels: list[QuoteLabel], **edits: object):
        return AnnotationFile(
            annotator=annotator,
            document_id=document.id,
            document_sha256=document.sha256,
            scheme=DEFAULT_SCHEME.ref,
            labels=labels,
            **edits,
        )

    with store.open_writer("alice") as writer:
        writer.save(
            file(
                "alice",
                first,
                [
                    label(
                        q[0],
                        stance="pro-US",
                        sentiment="negative",
                        speaker="Chung",
                        note="=SUM(A1)",
                        flagged=True,
                        seconds=12.5,
                    ),
                    label(q[1], stance="balancing", outlet=""),
                    label(added, stance="neutral", sentiment="neutral"),
                ],
                added_quotes=[added],
                deleted_quotes=[q[2].id],
            )
        )
        writer.save(
            file(
                "alice",
                emoji,
                [label(emoji.quotes[1], stance="balancing", sentiment="positive")],
            )
        )
    with store.open_writer("bob") as writer:
        writer.save(
            file(
                "bob",
                first,
                [
                    label(q[0], stance="pro-US", sentiment="neutral"),
                    label(q[2], stance="pro-China"),
                ],
            )
        )
        writer.save(file("bob", second, [label(second.quotes[0], stance="neutral", speaker="")]))
    with store.open_writer("carol") as writer:
        writer.save(file("carol", first, [label(q[0], stance="pro-China", sentiment="negative")]))
    return store


@pytest.fixture
def project(seeds_dir: Path, annotations_dir: Path) -> tuple[list[Document], AnnotationStore]:
    documents = build_corpus(seeds_dir)
    return documents, annotate(annotations_dir, documents)


def export_bytes(project: tuple[list[Document], AnnotationStore], format_name: str) -> bytes:
    documents, store = project
    out = io.BytesIO()
    write_export(format_name, ExportSource(iter(documents), store, store.annotators()), out)
    return out.getvalue()


def test_json_export_validates_and_holds_every_judgement(project) -> None:
    data = orjson.loads(export_bytes(project, "json"))
    export = ExportFile.model_validate(data)
    assert export.annotators == ["alice", "bob", "carol"]
    assert export.scheme == DEFAULT_SCHEME
    first = export.documents[0]
    documents, _ = project
    assert first.text == documents[0].text and first.title == documents[0].title
    quote = next(q for q in first.quotes if q.id == documents[0].quotes[0].id)
    by_name = {j.annotator: j for j in quote.judgements}
    assert by_name["alice"].speaker == "Chung"  # alice's override
    assert by_name["bob"].speaker == "Chung Eui-yong"  # as extracted
    assert by_name["alice"].note == "=SUM(A1)" and by_name["alice"].flagged
    assert by_name["alice"].seconds == 12.5
    # pro-US, pro-US, pro-China: majority pro-US, not agreed
    assert quote.stance_consensus.majority == "pro-US"
    assert not quote.stance_consensus.agreed and quote.stance_consensus.annotators == 3
    deleted = next(q for q in first.quotes if q.id == documents[0].quotes[2].id)
    alice = next(j for j in deleted.judgements if j.annotator == "alice")
    assert not alice.included and alice.stance is None
    added = [q for q in first.quotes if not q.extracted]
    assert [q.speaker for q in added] == ["Analyst"]
    assert [j.included for j in added[0].judgements] == [True, False, False]


def test_consensus_rules() -> None:
    assert Consensus.of(["a", "a"]) == Consensus("a", True, 2)
    assert Consensus.of(["a", "b"]) == Consensus(None, False, 2)
    assert Consensus.of(["a", None]) == Consensus("a", False, 1)
    assert Consensus.of([None]) == Consensus(None, False, 0)


@pytest.mark.parametrize("format_name", EXPORT_FORMATS)
def test_exports_are_deterministic(project, format_name: str) -> None:
    assert export_bytes(project, format_name) == export_bytes(project, format_name)


def test_jsonl_rows_carry_attribution_per_annotator(project) -> None:
    documents, _ = project
    rows = [orjson.loads(line) for line in export_bytes(project, "jsonl").splitlines()]
    assert all(list(row) == ROW_FIELDS for row in rows)
    second_quote = documents[0].quotes[1].id
    outlets = {r["annotator"]: r["outlet"] for r in rows if r["quote_id"] == second_quote}
    assert outlets == {"alice": None, "bob": "Yonhap", "carol": "Yonhap"}  # alice removed it
    speakers = {
        r["annotator"]: r["speaker"] for r in rows if r["quote_id"] == documents[1].quotes[0].id
    }
    assert speakers == {"alice": "Moon Jae-in", "bob": None, "carol": "Moon Jae-in"}


def test_csv_is_rfc4180_and_neutralises_formulas(project) -> None:
    raw = export_bytes(project, "csv")
    text = raw.decode("utf-8")
    assert text.startswith(",".join(ROW_FIELDS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    jsonl = [orjson.loads(line) for line in export_bytes(project, "jsonl").splitlines()]
    assert len(rows) == len(jsonl)
    notes = {row["note"] for row in rows if row["note"]}
    assert notes == {"'=SUM(A1)"}
    # multi-line quote texts and commas survive the quoting
    assert [row["quote_text"] for row in rows] == [
        ("'" + r["quote_text"]) if r["quote_text"][0] in "=+-@" else r["quote_text"] for r in jsonl
    ]


def test_csv_neutralises_every_formula_start() -> None:
    from annotator.export.csv import cell

    for start in "=+-@":
        assert cell(f"{start}cmd|' /C calc'!A0") == f"'{start}cmd|' /C calc'!A0"
    assert cell('plain, "quoted"') == 'plain, "quoted"'
    out = io.BytesIO()
    write_csv([], out)
    assert out.getvalue() == (",".join(ROW_FIELDS) + "\r\n").encode()


def test_utf16_offsets() -> None:
    offsets = Utf16Offsets(EMOJI_TEXT)
    for index in range(len(EMOJI_TEXT) + 1):
        utf16 = offsets.to_utf16(index)
        assert utf16 == len(EMOJI_TEXT[:index].encode("utf-16-le")) // 2
        assert offsets.from_utf16(utf16) == index
    inside = offsets.to_utf16(EMOJI_TEXT.index("😀")) + 1
    with pytest.raises(ValueError, match="surrogate pair"):
        offsets.from_utf16(inside)


def test_label_studio_offsets_are_code_points(project) -> None:
    """Label Studio 1.23 counts code points (measured), so regions after 🇰🇷 and 😀 carry the
    Python offsets and the text they cover."""
    documents, _ = project
    emoji = documents[2]
    tasks = orjson.loads(export_bytes(project, "label-studio"))
    task = next(t for t in tasks if t["data"]["document_id"] == emoji.id)
    quote = emoji.quotes[1]
    region = next(r for r in task["annotations"][0]["result"] if r["id"] == quote.id)
    value = region["value"]
    assert (value["start"], value["end"]) == (quote.start, quote.end)
    assert emoji.text[value["start"] : value["end"]] == value["text"] == quote.text
    prediction = task["predictions"][0]["result"]
    spans = {r["id"] for r in prediction if r.get("from_name") == "quote"}
    assert spans == {q.id for q in emoji.quotes}


def test_prodigy_offsets_are_python_and_doccano_utf16(project) -> None:
    documents, _ = project
    emoji = documents[2]
    tasks = [orjson.loads(line) for line in export_bytes(project, "prodigy").splitlines()]
    task = next(t for t in tasks if t["meta"]["document_id"] == emoji.id)
    for span in task["spans"]:
        assert task["text"][span["start"] : span["end"]] == span["text"]
    # doccano's annotation page counts UTF-16 code units (measured): 🇰🇷 and 😀 count two each
    lines = [orjson.loads(line) for line in export_bytes(project, "doccano").splitlines()]
    line = next(x for x in lines if x["document_id"] == emoji.id)
    as_js = line["text"].encode("utf-16-le")
    quotes = [e for e in line["entities"] if e["label"] not in ("SPEAKER", "OUTLET")]
    covered = [
        as_js[2 * e["start_offset"] : 2 * e["end_offset"]].decode("utf-16-le") for e in quotes
    ]
    assert covered == [q.text for q in emoji.quotes]
    assert quotes[0]["start_offset"] > emoji.quotes[0].start
    assert [e["label"] for e in quotes] == ["QUOTE", "balancing"]


def test_json_export_of_an_empty_corpus_is_valid() -> None:
    from annotator.export.json_format import write_json

    out = io.BytesIO()
    write_json([], DEFAULT_SCHEME, [], out)
    export = ExportFile.model_validate(orjson.loads(out.getvalue()))
    assert export.documents == [] and export.annotators == []


def store_judgements(project) -> set[tuple]:
    """(document, annotator, quote id, stance, sentiment, speaker, outlet) straight from the store."""
    from annotator.annotations import (
        effective_quotes,
        labels_by_quote,
        resolved_outlet,
        resolved_speaker,
    )

    documents, store = project
    found = set()
    for document in documents:
        for annotator in store.annotators():
            annotation = store.load(annotator, document.id, document)
            labels = labels_by_quote(annotation)
            for quote in effective_quotes(document, annotation):
                label = labels.get(quote.id)
                found.add(
                    (
                        document.id,
                        annotator,
                        quote.id,
                        label.stance if label else None,
                        label.sentiment if label else None,
                        resolved_speaker(quote, label),
                        resolved_outlet(quote, label),
                    )
                )
    return found


def test_json_jsonl_and_csv_carry_every_judgement(project) -> None:
    expected = store_judgements(project)
    export = ExportFile.model_validate(orjson.loads(export_bytes(project, "json")))
    from_json = {
        (d.id, j.annotator, q.id, j.stance, j.sentiment, j.speaker, j.outlet)
        for d in export.documents
        for q in d.quotes
        for j in q.judgements
        if j.included
    }
    rows = [orjson.loads(line) for line in export_bytes(project, "jsonl").splitlines()]
    columns = ("document_id", "annotator", "quote_id", "stance", "sentiment", "speaker", "outlet")
    from_jsonl = {tuple(r[c] for c in columns) for r in rows if r["included"]}
    csv_rows = csv.DictReader(io.StringIO(export_bytes(project, "csv").decode(), newline=""))
    from_csv = {tuple(r[c] or None for c in columns) for r in csv_rows if r["included"] == "true"}
    assert from_json == expected
    assert from_jsonl == expected
    assert from_csv == expected
