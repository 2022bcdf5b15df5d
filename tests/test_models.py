"""The file models: quote ids and spans, forbidden extra fields, label schemes, document hashes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import BaseModel, ValidationError

from annotator.corpus import iter_documents
from annotator.errors import InvalidFileError
from annotator.extract.version import EXTRACTOR_VERSION
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    LabelScheme,
    Quote,
    QuoteLabel,
    SchemeRef,
    quote_id_for,
    sha256_text,
    span_of_quote_id,
)
from annotator.scheme import SCHEME_FILE_NAME, find_scheme
from annotator.store import load_annotation_file

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TEXT = "Wang Yi said “South Korea and China are strategic partners” on Friday."
QUOTED = "“South Korea and China are strategic partners”"
START = TEXT.index(QUOTED)
END = START + len(QUOTED)
QID = f"q{START}-{END}"


@pytest.fixture(scope="module")
def seed_document() -> Document:
    return next(iter(iter_documents([SEEDS])))


def make_document(text: str = TEXT, **fields: Any) -> Document:
    return Document(id="doc-1", source="test", sha256=sha256_text(text), text=text, **fields)


def quote_data(quote_id: str) -> dict[str, Any]:
    """The saved quote of a label on ``quote_id`` (text from TEXT where the span fits)."""
    start, end = span_of_quote_id(quote_id)
    text = TEXT[start:end] if end <= len(TEXT) else "x" * (end - start)
    return {"start": start, "end": end, "text": text, "kind": "direct", "extractor": "test"}


def with_quotes(labels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    result = []
    for label in labels:
        start, _, end = label["quote_id"][1:].partition("-")
        if "quote" not in label and int(start) < int(end):
            label = {**label, "quote": quote_data(label["quote_id"])}
        result.append(label)
    return result


def annotation_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": 2,
        "annotator": "alice",
        "document_id": "doc-1",
        "document_sha256": sha256_text(TEXT),
        "scheme": {"name": "default", "version": 1},
        "labels": [{"quote_id": QID, "stance": "pro-China", "sentiment": "positive"}],
    }
    data.update(overrides)
    data["labels"] = with_quotes(data["labels"])
    return data


# --------------------------------------------------------------------------- quotes


def test_quote_from_span_derives_id_and_text() -> None:
    start = TEXT.index(QUOTED)
    quote = Quote.from_span(TEXT, start, start + len(QUOTED), kind="direct", speaker="Wang Yi")
    assert quote.id == f"q{start}-{start + len(QUOTED)}" == quote_id_for(quote.start, quote.end)
    assert quote.text == QUOTED
    assert span_of_quote_id(quote.id) == (quote.start, quote.end)
    # the same span always gets the same id
    assert Quote.from_span(TEXT, quote.start, quote.end, kind="indirect").id == quote.id


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"id": f"q{START}-{END + 1}"}, "does not match its span"),
        ({"text": QUOTED[:-1]}, "characters but the span"),
        ({"id": "q60-13", "start": 60, "end": 13}, "start < end"),
        ({"kind": "rumour"}, "kind"),
        ({"origin": "guess"}, "origin"),
        ({"confidence": 1.5}, "confidence"),
        ({"mood": "happy"}, "Extra inputs are not permitted"),
    ],
)
def test_inconsistent_quote_is_invalid(fields: dict[str, Any], problem: str) -> None:
    data = {"id": QID, "start": START, "end": END, "text": QUOTED, "kind": "direct"} | fields
    with pytest.raises(ValidationError, match=problem):
        Quote.model_validate(data)


def test_valid_quote_passes() -> None:
    quote = Quote.model_validate(
        {"id": QID, "start": START, "end": END, "text": QUOTED, "kind": "direct"}
    )
    assert TEXT[quote.start : quote.end] == quote.text


def test_document_quote_must_equal_text_at_its_span() -> None:
    good = Quote.from_span(TEXT, START, END, kind="direct")
    assert make_document(quotes=[good]).quotes == [good]
    shifted = Quote(id=QID, start=START, end=END, text="x" * len(QUOTED), kind="direct")
    with pytest.raises(ValidationError, match="does not equal the document text"):
        make_document(quotes=[shifted])
    outside = Quote(id="q60-100", start=60, end=100, text="y" * 40, kind="direct")
    with pytest.raises(ValidationError, match="outside the text"):
        make_document(quotes=[outside])
    with pytest.raises(ValidationError, match="appears twice"):
        make_document(quotes=[good, good])


# --------------------------------------------------------------------------- documents


def test_document_sha256_must_match_text(seed_document: Document) -> None:
    data = seed_document.model_dump(mode="json")
    assert Document.model_validate(data) == seed_document
    data["text"] = data["text"].replace("Seoul", "Soul", 1)
    with pytest.raises(ValidationError, match="sha256 does not match the text"):
        Document.model_validate(data)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"id": "../etc"}, "id"),
        ({"id": ".hidden"}, "id"),
        ({"published": "last Tuesday"}, "published"),
        ({"headings": [{"start": 0, "end": 4, "text": "Nope"}]}, "heading 0-4"),
        ({"rating": 5}, "Extra inputs are not permitted"),
    ],
)
def test_invalid_document_fields(fields: dict[str, Any], problem: str) -> None:
    data = make_document().model_dump(mode="json") | fields
    with pytest.raises(ValidationError, match=problem):
        Document.model_validate(data)


def test_document_paragraph_spans(seed_document: Document) -> None:
    spans = seed_document.paragraphs()
    assert [seed_document.text[start:end] for start, end in spans] == (
        seed_document.text.split("\n\n")
    )


# --------------------------------------------------------------------------- extra fields


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (AnnotationFile, annotation_data(comment="typo'd field")),
        (QuoteLabel, {"quote_id": "q1-2", "stanse": "neutral"}),
        (SchemeRef, {"name": "default", "version": 1, "revision": 2}),
        (LabelScheme, DEFAULT_SCHEME.model_dump() | {"extra": True}),
    ],
)
def test_extra_fields_are_forbidden(model: type[BaseModel], data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        model.model_validate(data)


# --------------------------------------------------------------------------- label schemes


def test_default_scheme_labels_in_order() -> None:
    assert DEFAULT_SCHEME.stance_values() == ["pro-US", "pro-China", "balancing", "neutral"]
    assert DEFAULT_SCHEME.sentiment_values() == ["negative", "neutral", "positive"]
    for label in (*DEFAULT_SCHEME.stance, *DEFAULT_SCHEME.sentiment):
        assert len(label.key) == 1 and label.definition and "\n" not in label.definition


def test_annotation_with_default_labels_is_valid() -> None:
    annotation = AnnotationFile.model_validate(annotation_data())
    assert annotation.labels[0].stance == "pro-China"


@pytest.mark.parametrize(
    ("label", "problem"),
    [
        ({"quote_id": QID, "stance": "pro-Mars"}, "stance 'pro-Mars' is not in scheme"),
        ({"quote_id": QID, "sentiment": "ecstatic"}, "sentiment 'ecstatic' is not in"),
        ({"quote_id": QID, "stance": "Pro-US"}, "stance 'Pro-US' is not in scheme"),
        ({"quote_id": "q60-13", "stance": "neutral"}, "quote_id"),
        ({"quote_id": QID, "seconds": -1}, "seconds"),
    ],
)
def test_bad_label_is_invalid(label: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        AnnotationFile.model_validate(annotation_data(labels=[label]))


def test_annotation_file_consistency_rules() -> None:
    label = {"quote_id": QID, "stance": "neutral"}
    with pytest.raises(ValidationError, match="labelled twice"):
        AnnotationFile.model_validate(annotation_data(labels=[label, label]))
    with pytest.raises(ValidationError, match=f"label for deleted quote {QID}"):
        AnnotationFile.model_validate(annotation_data(deleted_quotes=[QID]))
    added = Quote.from_span(TEXT, 0, 7, kind="indirect", origin="manual").model_dump(mode="json")
    with pytest.raises(ValidationError, match="added twice"):
        AnnotationFile.model_validate(annotation_data(added_quotes=[added, added]))
    other_scheme = annotation_data(scheme={"name": "other", "version": 1})
    with pytest.raises(ValidationError, match="label scheme other v1"):
        AnnotationFile.model_validate(other_scheme, context={"scheme": DEFAULT_SCHEME})
    # without the project's scheme at hand, a file of another scheme cannot be checked here;
    # the store always passes the scheme, so such a file never loads from disk unchecked
    assert AnnotationFile.model_validate(other_scheme).scheme.name == "other"


def test_unknown_label_error_points_at_the_label(tmp_path: Path) -> None:
    data = annotation_data(labels=[{"quote_id": QID, "stance": "pro-Mars"}])
    path = tmp_path / "alice" / "doc.json"
    path.parent.mkdir()
    path.write_bytes(orjson.dumps(data))
    with pytest.raises(InvalidFileError) as caught:
        load_annotation_file(path)
    assert caught.value.json_path == "$.labels[0].stance"
    assert "'pro-Mars' is not in scheme default" in str(caught.value)


def test_added_quote_checked_against_document_text() -> None:
    added = Quote.from_span(TEXT, 0, 7, kind="indirect", origin="manual").model_dump(mode="json")
    data = annotation_data(added_quotes=[added])
    AnnotationFile.model_validate(data, context={"document_text": TEXT})
    with pytest.raises(ValidationError, match="does not equal the document text"):
        AnnotationFile.model_validate(data, context={"document_text": "X" + TEXT})
    with pytest.raises(ValidationError, match="outside the text"):
        AnnotationFile.model_validate(data, context={"document_text": TEXT[:5]})


def test_sorted_for_writing_orders_labels_and_edits() -> None:
    annotation = AnnotationFile.model_validate(
        annotation_data(
            labels=[
                {"quote_id": "q100-120", "stance": "neutral"},
                {"quote_id": QID, "stance": "pro-US"},
                {"quote_id": "q13-20", "sentiment": "negative"},
            ],
            deleted_quotes=["q9-11", "q2-5", "q9-11"],
        )
    )
    ordered = annotation.sorted_for_writing()
    assert [label.quote_id for label in ordered.labels] == ["q13-20", QID, "q100-120"]
    assert ordered.deleted_quotes == ["q2-5", "q9-11"]


def test_empty_label() -> None:
    quote = Quote.from_span(TEXT, 1, 2, kind="indirect")
    assert QuoteLabel.for_quote(quote).is_empty()
    assert not QuoteLabel.for_quote(quote, flagged=True).is_empty()
    assert not QuoteLabel.for_quote(quote, speaker="").is_empty()


# --------------------------------------------------------------------------- labelled quotes


def test_label_keeps_the_quote_it_was_made_on() -> None:
    quote = Quote.from_span(TEXT, START, END, kind="direct", speaker="Wang Yi", cue="said")
    label = QuoteLabel.for_quote(quote, stance="pro-China")
    assert label.quote.model_dump(exclude={"extractor"}) == quote.model_dump(
        exclude={"id", "replaces"}
    )
    assert label.quote.extractor == EXTRACTOR_VERSION
    assert label.quote.to_quote() == quote
    manual = Quote.from_span(TEXT, 0, 7, kind="indirect", origin="manual")
    assert QuoteLabel.for_quote(manual).quote.extractor == "manual"
    # null = as shown (the saved quote's), '' = none
    assert label.resolved_speaker == "Wang Yi"
    assert QuoteLabel.for_quote(quote, speaker="").resolved_speaker is None
    assert QuoteLabel.for_quote(quote, speaker="Kim").resolved_speaker == "Kim"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"quote_id": f"q{START}-{END + 1}"}, "does not match the span of its quote"),
        ({"quote": {**quote_data(QID), "text": QUOTED[:-1]}}, "characters but the span"),
        ({"quote": {**quote_data(QID), "extractor": ""}}, "extractor"),
        ({"quote": None}, "quote"),
    ],
)
def test_bad_labelled_quote_is_invalid(change: dict[str, Any], problem: str) -> None:
    label = {"quote_id": QID, "stance": "neutral", "quote": quote_data(QID), **change}
    with pytest.raises(ValidationError, match=problem):
        AnnotationFile.model_validate(annotation_data(labels=[label]))


def test_label_without_its_quote_is_invalid() -> None:
    data = annotation_data()
    del data["labels"][0]["quote"]
    with pytest.raises(ValidationError, match=r"labels\.0\.quote"):
        AnnotationFile.model_validate(data)


# --------------------------------------------------------------------------- custom scheme file

CUSTOM_SCHEME = {
    "name": "hawk-dove",
    "version": 2,
    "stance": [
        {"value": "hawkish", "key": "h", "definition": "Wants a harder line."},
        {"value": "dovish", "key": "d", "definition": "Wants dialogue."},
    ],
    "sentiment": [
        {"value": "low", "key": "l", "definition": "Gloomy."},
        {"value": "high", "key": "u", "definition": "Upbeat."},
    ],
}


def test_custom_scheme_found_in_annotations_folder(annotations_dir: Path) -> None:
    assert find_scheme(annotations_dir) == DEFAULT_SCHEME
    (annotations_dir / SCHEME_FILE_NAME).write_bytes(orjson.dumps(CUSTOM_SCHEME))
    scheme = find_scheme(annotations_dir)
    assert scheme.name == "hawk-dove" and scheme.stance_values() == ["hawkish", "dovish"]

    custom_file = annotation_data(
        scheme={"name": "hawk-dove", "version": 2},
        labels=[{"quote_id": QID, "stance": "hawkish", "sentiment": "high"}],
    )
    AnnotationFile.model_validate(custom_file, context={"scheme": scheme})
    # the same file against the default scheme does not validate, and default labels are refused
    with pytest.raises(ValidationError, match="project scheme is default v1"):
        AnnotationFile.model_validate(custom_file, context={"scheme": DEFAULT_SCHEME})
    default_labels = annotation_data(scheme={"name": "hawk-dove", "version": 2})
    with pytest.raises(ValidationError, match="stance 'pro-China' is not in scheme hawk-dove"):
        AnnotationFile.model_validate(default_labels, context={"scheme": scheme})


def test_explicit_scheme_file_wins(annotations_dir: Path, tmp_path: Path) -> None:
    (annotations_dir / SCHEME_FILE_NAME).write_bytes(orjson.dumps(CUSTOM_SCHEME))
    explicit = tmp_path / "other.json"
    explicit.write_bytes(orjson.dumps(CUSTOM_SCHEME | {"name": "explicit"}))
    assert find_scheme(annotations_dir, explicit).name == "explicit"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"stance": [CUSTOM_SCHEME["stance"][0]] * 2}, "stance labels are not unique"),
        ({"sentiment": [{"value": "low", "key": "h", "definition": "x"}]}, "share a key"),
        ({"name": "../up"}, "name"),
    ],
)
def test_bad_scheme_file_names_file(
    annotations_dir: Path, change: dict[str, Any], problem: str
) -> None:
    path = annotations_dir / SCHEME_FILE_NAME
    path.write_bytes(orjson.dumps(CUSTOM_SCHEME | change))
    with pytest.raises(InvalidFileError, match=problem) as caught:
        find_scheme(annotations_dir)
    assert str(caught.value).startswith(f"{path}: ")
