"""Schema version 1 → 2: `annotator migrate`, migration in memory, and what it must preserve."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from annotator.agreement.units import field_data
from annotator.cli import main
from annotator.extract.version import EXTRACTOR_VERSION
from annotator.models import DEFAULT_SCHEME, Document, Quote
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore, load_annotation_file

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "annotations"
SEEDS = REPO / "seeds"
SEED_ID = "000_f0025863dcde12f7"


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {document.id: document for document in load_corpus([SEEDS])}


def downgrade(data: dict[str, Any]) -> dict[str, Any]:
    """The version 1 form of a version 2 file (what the shipped files were before migration)."""
    labels = [{k: v for k, v in label.items() if k != "quote"} for label in data["labels"]]
    return {**data, "schema_version": 1, "labels": labels}


@pytest.fixture
def old_folder(tmp_path: Path) -> Path:
    """A copy of the shipped annotations in schema version 1."""
    folder = tmp_path / "annotations"
    for path in sorted(SHIPPED.glob("*/*.json")):
        target = folder / path.parent.name / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = downgrade(orjson.loads(path.read_bytes()))
        target.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2))
    return folder


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_shipped_annotations_are_current() -> None:
    paths = sorted(SHIPPED.glob("*/*.json"))
    assert len(paths) == 4
    for path in paths:
        assert orjson.loads(path.read_bytes())["schema_version"] == 2
        annotation = load_annotation_file(path)  # no corpus needed
        assert annotation.labels and all(label.quote.text for label in annotation.labels)


def test_migrate_fills_every_label_from_the_extraction(
    old_folder: Path, documents: dict[str, Document]
) -> None:
    before = {path: orjson.loads(path.read_bytes()) for path in sorted(old_folder.rglob("*.json"))}
    dry = run("migrate", str(SEEDS), "--annotations", str(old_folder), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would migrate 4 files" in dry.output
    assert {path: orjson.loads(path.read_bytes()) for path in before} == before
    result = run("migrate", str(SEEDS), "--annotations", str(old_folder))
    assert result.exit_code == 0, result.output
    assert "migrated 4 files, 0 already current, 0 not migrated" in result.output
    for path, old in before.items():
        new = orjson.loads(path.read_bytes())
        assert new["schema_version"] == 2
        assert downgrade(new) == old  # nothing but the saved quotes was added
        document = documents[path.stem]
        annotation = load_annotation_file(path, document=document)
        shown = {quote.id: quote for quote in document.quotes}
        shown.update((quote.id, quote) for quote in annotation.added_quotes)
        for label in annotation.labels:
            if label.quote_id not in shown:
                # a span the current extractor no longer proposes: anchored by its span only
                assert label.quote.fits(document.text) and label.quote.speaker is None
                assert label.quote.extractor == "unknown"
                continue
            assert label.quote.extractor == (
                "manual" if label.quote.origin == "manual" else EXTRACTOR_VERSION
            )
            assert label.quote.to_quote() == shown[label.quote_id].model_copy(
                update={"replaces": None}
            )
    again = run("migrate", str(SEEDS), "--annotations", str(old_folder))
    assert "migrated 0 files, 4 already current" in again.output


def test_agreement_is_the_same_before_and_after_migration(
    old_folder: Path, documents: dict[str, Document]
) -> None:
    # before: the version 1 labels resolved against the extraction ("null" = as extracted)
    expected: dict[str, dict[tuple[str, str, str], str | None]] = {"speaker": {}, "outlet": {}}
    for path in sorted(old_folder.rglob("*.json")):
        data = orjson.loads(path.read_bytes())
        proposals = {quote.id: quote for quote in documents[data["document_id"]].quotes}
        proposals.update((quote["id"], Quote(**quote)) for quote in data.get("added_quotes", []))
        for label in data["labels"]:
            for field in expected:
                own = label[field]
                proposal = proposals.get(label["quote_id"])  # None: anchored by span only
                value = (
                    (own or None)
                    if own is not None
                    else getattr(proposal, field)
                    if proposal is not None
                    else None
                )
                key = (data["annotator"], data["document_id"], label["quote_id"])
                expected[field][key] = " ".join(value.split()) if value else "(none)"
    old_files = run("agreement", str(old_folder), "--json")
    assert old_files.exit_code == 1 and "run `annotator migrate`" in old_files.stderr
    assert len(old_files.stderr.strip().splitlines()) == 1
    assert run("migrate", str(SEEDS), "--annotations", str(old_folder)).exit_code == 0
    migrated = AnnotationStore(old_folder).iter_files()
    data = field_data(list(migrated), ("speaker", "outlet"), DEFAULT_SCHEME)
    for field, values in expected.items():
        coded = data[field]
        found = {}
        for row, annotator in enumerate(coded.annotators):
            for column, (document_id, quote_id) in enumerate(coded.units):
                code = coded.coded.codes[row, column]
                if code >= 0:
                    found[(annotator, document_id, quote_id)] = coded.coded.categories[code]
        assert {key: value.casefold() for key, value in found.items()} == {
            key: value.casefold() for key, value in values.items()
        }
    # every figure: the migrated copy, the shipped files, with and without the corpus
    after = orjson.loads(run("agreement", str(old_folder), "--json").stdout)
    shipped = orjson.loads(run("agreement", str(SHIPPED), "--json").stdout)
    with_corpus = orjson.loads(
        run("agreement", str(SHIPPED), "--json", "--corpus", str(SEEDS)).stdout
    )
    assert after["stance"] == shipped["stance"] and after["sentiment"] == shipped["sentiment"]
    assert with_corpus == shipped


def test_label_on_a_span_no_longer_proposed_is_anchored_by_span_and_reported(
    tmp_path: Path, documents: dict[str, Document]
) -> None:
    document = documents[SEED_ID]
    start = document.text.index("Conservatives immediately criticized")
    span_only = f"q{start}-{start + 13}"
    added_start = document.text.index("Two important visits")
    added = {
        "id": f"q{added_start}-{added_start + 20}",
        "start": added_start,
        "end": added_start + 20,
        "text": document.text[added_start : added_start + 20],
        "kind": "indirect",
        "origin": "manual",
        "speaker": "Analyst",
    }
    data = {
        "schema_version": 1,
        "annotator": "alice",
        "document_id": SEED_ID,
        "document_sha256": document.sha256,
        "scheme": {"name": "default", "version": 1},
        "labels": [
            {"quote_id": span_only, "stance": "neutral"},
            {"quote_id": added["id"], "stance": "pro-US"},
        ],
        "added_quotes": [added],
    }
    path = tmp_path / "annotations" / "alice" / f"{SEED_ID}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(orjson.dumps(data))
    result = run("migrate", str(SEEDS), "--annotations", str(tmp_path / "annotations"))
    assert result.exit_code == 0, result.output
    assert (
        f"1 labels on spans the extractor does not propose, anchored by span only: {span_only}"
        in (result.output)
    )
    labels = {label.quote_id: label for label in load_annotation_file(path).labels}
    assert labels[span_only].quote.text == "Conservatives"
    assert (
        labels[span_only].quote.extractor == "unknown"
        and labels[span_only].quote.kind == "indirect"
    )
    assert labels[added["id"]].quote.extractor == "manual"
    assert labels[added["id"]].quote.speaker == "Analyst"


def test_old_file_of_another_text_or_without_document_is_not_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "annotations" / "alice"
    folder.mkdir(parents=True)
    other = folder / f"{SEED_ID}.json"
    other.write_bytes(
        orjson.dumps(
            {
                "schema_version": 1,
                "annotator": "alice",
                "document_id": SEED_ID,
                "document_sha256": "0" * 64,
                "scheme": {"name": "default", "version": 1},
            }
        )
    )
    missing = folder / "no-such-document.json"
    missing.write_bytes(other.read_bytes().replace(SEED_ID.encode(), b"no-such-document"))
    before = {other: other.read_bytes(), missing: missing.read_bytes()}
    result = run("migrate", str(SEEDS), "--annotations", str(tmp_path / "annotations"))
    assert result.exit_code == 1
    assert "another version of document" in result.output
    assert "document 'no-such-document' is not in the corpus" in result.output
    assert {path: path.read_bytes() for path in before} == before


def test_newer_file_is_refused_and_never_overwritten(tmp_path: Path) -> None:
    annotations = tmp_path / "annotations"
    shutil.copytree(SHIPPED, annotations)
    path = annotations / "alice" / f"{SEED_ID}.json"
    data = orjson.loads(path.read_bytes()) | {"schema_version": 3}
    path.write_bytes(orjson.dumps(data))
    raw = path.read_bytes()
    migrate = run("migrate", str(SEEDS), "--annotations", str(annotations))
    assert migrate.exit_code == 1 and "schema_version 3 is newer" in migrate.output
    label = run(
        "label", SEED_ID, "1", "--stance", "neutral", "--annotator", "alice",
        "--corpus", str(SEEDS), "--annotations", str(annotations),
    )  # fmt: skip
    assert label.exit_code == 1 and "schema_version 3 is newer" in label.stderr
    assert path.read_bytes() == raw


def test_a_session_migrates_in_memory_and_writes_version_2_on_the_next_change(
    old_folder: Path,
) -> None:
    path = old_folder / "alice" / f"{SEED_ID}.json"
    raw = path.read_bytes()
    common = ["--annotator", "alice", "--corpus", str(SEEDS), "--annotations", str(old_folder)]
    listing = run("label", SEED_ID, "--json", *common)
    assert listing.exit_code == 0, listing.output
    assert path.read_bytes() == raw  # listing never writes
    first = orjson.loads(listing.stdout.splitlines()[0])
    changed = run("label", SEED_ID, "1", "--note", "checked again", *common)
    assert changed.exit_code == 0, changed.output
    new = orjson.loads(path.read_bytes())
    assert new["schema_version"] == 2
    (label,) = [label for label in new["labels"] if label["quote_id"] == first["quote_id"]]
    assert label["note"] == "checked again" and label["quote"]["text"] == first["text"]


def test_label_rows_export_from_the_annotation_files_alone() -> None:
    def labelled_rows(*args: str) -> dict[tuple[str, str, str], dict[str, Any]]:
        result = run("export", "--format", "jsonl", "--annotations", str(SHIPPED), *args)
        assert result.exit_code == 0, result.output
        rows = [orjson.loads(line) for line in result.stdout.splitlines()]
        keep = (
            "quote_start", "quote_end", "quote_text", "quote_kind", "quote_cue",
            "extracted_speaker", "extracted_outlet", "speaker", "outlet", "stance", "sentiment",
            "note", "flagged", "seconds", "updated_at", "majority_stance", "majority_sentiment",
        )  # fmt: skip
        return {
            (row["document_id"], row["quote_id"], row["annotator"]): {key: row[key] for key in keep}
            for row in rows
            if row["annotator"] and (row["stance"] or row["sentiment"] or row["note"])
        }

    with_corpus = labelled_rows("--corpus", str(SEEDS))
    alone = labelled_rows("--no-corpus")
    labels = sum(len(load_annotation_file(p).labels) for p in SHIPPED.glob("*/*.json"))
    assert len(alone) == labels
    assert alone == with_corpus
    refused = run("export", "--no-corpus", "--format", "prodigy", "--annotations", str(SHIPPED))
    assert refused.exit_code == 1 and "--no-corpus exports jsonl and csv only" in refused.stderr
