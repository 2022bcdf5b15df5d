"""The light validator of annotation files gives exactly what the full one gives, or nothing;
so does agreement's dict validator (:mod:`annotator.dict_validation`), in dicts.

Compared on the shipped annotations, on generated files (gold decisions, adjudication records,
added, re-bounded and deleted quotes, own and empty attributions), and on thousands of broken
variants of them: whenever the full validator refuses a file the light and the dict validators
return ``None`` (so the loader's error is the full one's), and whenever it accepts one they all
agree. Agreement's columns (:mod:`annotator.agreement.columns`) read the same files into the
same columns as the loaded files give, and refuse broken ones with the loader's error.
"""

from __future__ import annotations

import copy
import random
from pathlib import Path
from typing import Any

import orjson
import pytest
from pydantic import BaseModel, ValidationError

import annotator.agreement.columns as columns_module
import annotator.store as store_module
from annotator.agreement.columns import as_columns, read_columns
from annotator.dict_validation import _as_dicts, _dict_validator, validate_annotation_dict
from annotator.errors import InvalidFileError
from annotator.light_validation import (
    _light_validator,
    light_schema,
    unwrap_labels,
    validate_annotation_json,
)
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    LabelDefinition,
    LabelledQuote,
    LabelScheme,
    QuoteLabel,
    quote_id_for,
)
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore, load_annotation_file

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "annotations"


def full(raw: bytes, scheme: LabelScheme) -> AnnotationFile:
    return AnnotationFile.model_validate_json(raw, context={"scheme": scheme})


def light(raw: bytes, scheme: LabelScheme) -> AnnotationFile | None:
    return validate_annotation_json(raw, scheme, {"scheme": scheme})


def as_dicts(raw: bytes, scheme: LabelScheme) -> dict[str, Any] | None:
    return validate_annotation_dict(raw, scheme)


def assert_same_dicts(data: Any, model: Any, where: str = "$") -> None:
    """``data`` (the dict validator's) holds what ``model`` (the full one's) does: a dict with
    every field of the file, of each label and of each snapshot, with equal values of the same
    types; the nested models kept (scheme, added quotes, decisions, adjudication) the same."""
    if isinstance(model, AnnotationFile | QuoteLabel | LabelledQuote):
        assert type(data) is dict, where
        assert list(data) == list(type(model).model_fields), where
        for name in data:
            assert_same_dicts(data[name], getattr(model, name), f"{where}.{name}")
    elif isinstance(model, list):
        assert type(data) is list and len(data) == len(model), where
        for index, (a, b) in enumerate(zip(data, model, strict=True)):
            assert_same_dicts(a, b, f"{where}[{index}]")
    else:
        assert_same(data, model, where)


def assert_same(first: Any, second: Any, where: str = "$") -> None:
    """Equal values, same types, and for models the same fields set, all the way down."""
    assert type(first) is type(second), where
    if isinstance(first, BaseModel):
        assert first.model_fields_set == second.model_fields_set, where
        for name in type(first).model_fields:
            assert_same(getattr(first, name), getattr(second, name), f"{where}.{name}")
    elif isinstance(first, list | tuple):
        assert len(first) == len(second), where
        for index, (a, b) in enumerate(zip(first, second, strict=True)):
            assert_same(a, b, f"{where}[{index}]")
    elif isinstance(first, dict):
        assert list(first) == list(second), where
        for key in first:
            assert_same(first[key], second[key], f"{where}.{key}")
    else:
        assert first == second, where


def test_the_light_validator_is_in_use_for_the_default_and_the_shipped_scheme() -> None:
    # if pydantic shapes the model's schema otherwise, the loader silently falls back to the
    # full validator: this test says so instead
    for scheme in (DEFAULT_SCHEME, find_scheme(SHIPPED)):
        assert _light_validator(tuple(scheme.stance_values()), tuple(scheme.sentiment_values()))
        assert _dict_validator(tuple(scheme.stance_values()), tuple(scheme.sentiment_values()))


def test_shipped_annotations_load_the_same_with_both_validators() -> None:
    scheme = find_scheme(SHIPPED)
    paths = sorted(SHIPPED.glob("*/*.json"))
    assert len(paths) >= 4
    for path in paths:
        raw = path.read_bytes()
        fast = light(raw, scheme)
        assert fast is not None, path
        assert_same(fast, full(raw, scheme))
        assert fast.model_dump(mode="json") == orjson.loads(raw), path
        assert_same_dicts(as_dicts(raw, scheme), fast)
    # and through the store, as agreement reads them
    store = AnnotationStore(SHIPPED, scheme=scheme)
    loaded = list(store.iter_files())
    assert [(a.annotator, a.document_id) for a in loaded] == [
        (path.parent.name, path.stem) for path in paths
    ]
    assert list(read_columns(store.paths(), scheme)) == list(map(as_columns, loaded))


# --------------------------------------------------------------------------- generated files

STANCES = DEFAULT_SCHEME.stance_values()
SENTIMENTS = DEFAULT_SCHEME.sentiment_values()
NAMES = ["Wang Yi", "  wang   yi ", "Park Jin", "", None, "Xing Haiming", "(none)", "윤석열"]


def generated_file(rng: random.Random, annotator: str, document: str, gold: bool) -> dict[str, Any]:
    """A valid annotation file as the store writes it, with most of what a file can hold."""
    labels = []
    position = 0
    deleted = []
    added = []
    for _ in range(rng.randint(0, 30)):
        position += rng.randint(1, 50)
        start, end = position, position + rng.randint(1, 80)
        position = end
        quote_id = quote_id_for(start, end)
        if rng.random() < 0.1:
            deleted.append(quote_id)
            continue
        manual = rng.random() < 0.15
        text = "".join(rng.choice("ab “”\"'中\n") for _ in range(end - start))
        snapshot: dict[str, Any] = {
            "start": start,
            "end": end,
            "text": text,
            "kind": rng.choice(["direct", "indirect", "mixed"]),
            "extractor": "manual" if manual else "rules+syntax-2026.12.5",
        }
        for key in ("cue", "speaker", "speaker_role", "outlet"):
            if rng.random() < 0.6:
                snapshot[key] = rng.choice(NAMES)
        if manual:
            snapshot["origin"] = "manual"
            added_quote: dict[str, Any] = {
                "id": quote_id,
                "start": start,
                "end": end,
                "text": text,
                "kind": snapshot["kind"],
                "origin": "manual",
            }
            if rng.random() < 0.5:
                added_quote["replaces"] = quote_id_for(start, end + 1)
            added.append(added_quote)
        if rng.random() < 0.5:
            snapshot["confidence"] = rng.choice([0, 0.25, 1, 0.999])
        label: dict[str, Any] = {"quote_id": quote_id, "quote": snapshot}
        for key, values in (("stance", STANCES), ("sentiment", SENTIMENTS)):
            if rng.random() < 0.8:
                label[key] = rng.choice([*values, None])
        for key in ("speaker", "outlet", "note"):
            if rng.random() < 0.3:
                label[key] = rng.choice(NAMES)
        if rng.random() < 0.3:
            label["flagged"] = rng.random() < 0.5
        if rng.random() < 0.7:
            label["seconds"] = rng.choice([0, 1.5, 12, 300.25])
        label["updated_at"] = rng.choice(
            ["2026-12-01T10:00:00Z", "2026-12-01T19:00:00+09:00", "2026-11-30T23:59:59.5Z"]
        )
        if gold:
            label["decision"] = {
                "policy": "majority",
                "fields": {
                    "stance": {"method": "majority", "annotators": ["alice", "bob"]},
                    "sentiment": {"method": "chosen", "annotators": ["bob"], "chosen": "bob"},
                },
            }
        labels.append(label)
    data: dict[str, Any] = {
        "schema_version": 2,
        "annotator": annotator,
        "document_id": document,
        "document_sha256": "ab" * 32,
        "scheme": {"name": "default", "version": 1},
        "labels": labels,
        "added_quotes": added,
        "deleted_quotes": deleted,
    }
    if gold:
        data["adjudication"] = {
            "policy": "majority",
            "annotators": ["alice", "bob"],
            "rejected": {"q1-2": {"method": "unanimous", "annotators": ["alice", "bob"]}},
        }
    return data


def generated_files(count: int, seed: int = 15) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [
        generated_file(rng, rng.choice(["alice", "bob", "gold"]), f"doc{index:03d}", index % 4 == 0)
        for index in range(count)
    ]


def test_generated_files_load_the_same_with_both_validators() -> None:
    files = generated_files(120)
    assert sum(len(data["labels"]) for data in files) > 1000
    for data in files:
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
        fast = light(raw, DEFAULT_SCHEME)
        assert fast is not None
        assert_same(fast, full(raw, DEFAULT_SCHEME))
        assert_same_dicts(as_dicts(raw, DEFAULT_SCHEME), fast)


def test_generated_files_read_into_the_columns_of_the_loaded_files(tmp_path: Path) -> None:
    files = generated_files(120, seed=18)
    for data in files:
        _write(tmp_path, data)
    store = AnnotationStore(tmp_path)
    paths = list(store.paths())
    assert len(paths) == len(files)
    read = list(read_columns(paths, DEFAULT_SCHEME))
    assert read == [as_columns(annotation) for annotation in store.iter_files(paths=paths)]
    assert any(columns.added_quotes for columns in read)
    assert any(columns.deleted_quotes for columns in read)
    assert any(columns.adjudication is not None for columns in read)
    assert {"", None} <= {name for columns in read for name in columns.speakers}
    # no file went the loader's way (they are all valid)
    assert all(validate_annotation_dict(path.read_bytes(), DEFAULT_SCHEME) for path in paths)


# --------------------------------------------------------------------------- broken files


def _mutations(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """``data`` with one thing changed that may or may not make the file invalid."""
    broken = copy.deepcopy(data)
    labels = broken["labels"]
    if not labels:
        broken["labels"] = [{"quote_id": "q1-2"}]
        return broken
    label = rng.choice(labels)
    quote = label["quote"]
    choice = rng.randrange(25)
    if choice == 0:
        label["quote_id"] = quote_id_for(quote["start"], quote["end"] + 1)
    elif choice == 1:
        label["quote_id"] = f"q0{quote['start']}-{quote['end']}"
    elif choice == 2:
        quote["text"] += "x"
    elif choice == 3:
        quote["end"] = quote["start"]
        label["quote_id"] = f"q{quote['start']}-{quote['start']}"
        quote["text"] = ""
    elif choice == 4:
        label["stance"] = rng.choice(["pro-us", "neutral ", "", "negative", 1])
    elif choice == 5:
        label["sentiment"] = rng.choice(["pro-US", "Neutral", "", 0, True])
    elif choice == 6:
        label["extra"] = 1
    elif choice == 7:
        labels.append(copy.deepcopy(label))
    elif choice == 8:
        broken["deleted_quotes"].append(label["quote_id"])
    elif choice == 9:
        broken["scheme"] = {"name": "other", "version": 1}
    elif choice == 10:
        broken["annotator"] = rng.choice(["..", "a/b", "con", "alice.", ".alice", "x" * 201])
    elif choice == 11:
        label["seconds"] = rng.choice([-1, "12", None, "nan"])
    elif choice == 12:
        quote["confidence"] = rng.choice([1.5, -0.1, "1"])
    elif choice == 13:
        quote["start"] = -1
    elif choice == 14:
        quote["kind"] = rng.choice(["quote", "Direct", None])
    elif choice == 15:
        label["updated_at"] = rng.choice(["yesterday", "2026-13-01T00:00:00Z", None])
    elif choice == 16:
        del quote["extractor"]
    elif choice == 17:
        quote["extractor"] = ""
    elif choice == 18:
        label["quote_id"] = rng.choice(["q5", "Q1-2", "q2-1", 12])
    elif choice == 19:
        broken["schema_version"] = rng.choice([1, 3, "2"])
    elif choice == 20:
        label["decision"] = rng.choice([{"policy": "any"}, {"policy": "majority", "fields": 1}])
    elif choice == 21:
        broken["document_id"] = rng.choice(["nul.json", "a b", ""])
    elif choice == 22 and broken["added_quotes"]:
        broken["added_quotes"].append(copy.deepcopy(rng.choice(broken["added_quotes"])))
    elif choice == 22:
        label["quote"]["start"] = float(quote["start"])  # 12.0: still the int 12
    elif choice == 23:
        added = {"id": label["quote_id"], "start": quote["start"], "end": quote["end"]}
        added |= {"text": quote["text"], "kind": "direct", "origin": "manual"}
        if rng.random() < 0.5:
            added["text"] += "x"
        broken["added_quotes"].append(added)
    else:
        label.pop(rng.choice(["quote_id", "quote", "stance"]), None)
    return broken


def test_a_file_either_validator_refuses_is_refused_by_both() -> None:
    rng = random.Random(1515)
    files = [data for data in generated_files(40, seed=7) if data["labels"]]
    refused = 0
    for _ in range(1500):
        raw = orjson.dumps(_mutations(rng.choice(files), rng))
        fast = light(raw, DEFAULT_SCHEME)
        dicts = as_dicts(raw, DEFAULT_SCHEME)
        try:
            expected = full(raw, DEFAULT_SCHEME)
        except ValidationError:
            assert fast is None, raw
            assert dicts is None, raw
            refused += 1
            continue
        assert fast is not None, raw
        assert_same(fast, expected)
        assert dicts is not None, raw
        assert_same_dicts(dicts, expected)
    assert refused > 1000  # most mutations break the file: the test checks refusals


def _write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / data["annotator"] / f"{data['document_id']}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(data))
    return path


@pytest.mark.parametrize("choice", range(12))
def test_broken_files_give_the_full_validators_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choice: int
) -> None:
    rng = random.Random(choice)
    data = next(item for item in generated_files(20, seed=3) if len(item["labels"]) > 3)
    label = data["labels"][1]
    quote = label["quote"]
    breakages: list[tuple[str, Any]] = [
        ("quote_id", quote_id_for(quote["start"], quote["end"] + 1)),
        ("text", quote["text"] + "x"),
        ("stance", "pro-us"),
        ("sentiment", "pro-US"),
        ("twice", None),
        ("deleted", None),
        ("quote_id", "q9-3"),
        ("seconds", -1),
        ("confidence", 2),
        ("extra", True),
        ("end", quote["start"]),
        ("scheme", None),
    ]
    what, value = breakages[choice]
    if what in ("quote_id", "stance", "sentiment", "seconds", "extra"):
        label[what] = value
    elif what in ("text", "confidence", "end"):
        quote[what] = value
    elif what == "twice":
        data["labels"].append(copy.deepcopy(label))
    elif what == "deleted":
        data["deleted_quotes"].append(label["quote_id"])
    else:
        data["scheme"] = {"name": "default", "version": 2}
    rng.shuffle(data["deleted_quotes"])
    path = _write(tmp_path, data)
    with pytest.raises(InvalidFileError) as fast_error:
        load_annotation_file(path, DEFAULT_SCHEME)
    with pytest.raises(InvalidFileError) as columns_error:
        list(read_columns([path], DEFAULT_SCHEME))
    assert validate_annotation_dict(path.read_bytes(), DEFAULT_SCHEME) is None
    monkeypatch.setattr(store_module, "validate_annotation_json", lambda *arguments: None)
    with pytest.raises(InvalidFileError) as full_error:
        load_annotation_file(path, DEFAULT_SCHEME)
    assert str(fast_error.value) == str(full_error.value)
    assert str(columns_error.value) == str(full_error.value)
    assert str(path) in str(fast_error.value) and "$" in str(fast_error.value)


@pytest.mark.parametrize("where", ["annotator", "document_id"])
def test_a_misplaced_file_gives_the_stores_error_through_the_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    data = generated_files(3, seed=4)[1]
    path = _write(tmp_path, data)
    if where == "annotator":  # in another annotator's folder
        moved = tmp_path / "someone" / path.name
        moved.parent.mkdir()
    else:  # under another document's name
        moved = path.with_name("elsewhere.json")
    path.rename(moved)
    store = AnnotationStore(tmp_path)
    with pytest.raises(InvalidFileError) as expected:
        list(store.iter_files(paths=[moved]))
    with pytest.raises(InvalidFileError) as columns_error:
        list(read_columns([moved], DEFAULT_SCHEME))
    assert str(columns_error.value) == str(expected.value)
    assert f"$.{where}" in str(expected.value)
    # and the file is valid: only its place is wrong
    monkeypatch.setattr(columns_module, "check_location", lambda *arguments: None)
    assert list(read_columns([moved], DEFAULT_SCHEME)) == [
        as_columns(load_annotation_file(moved, DEFAULT_SCHEME))
    ]


def test_another_scheme_gets_its_own_choices(tmp_path: Path) -> None:
    scheme = LabelScheme(
        name="mine",
        stance=[LabelDefinition(value="hawk", key="h", definition="h")],
        sentiment=[
            LabelDefinition(value="low", key="l", definition="l"),
            LabelDefinition(value="high", key="k", definition="k"),
        ],
    )
    data = generated_files(1, seed=5)[0]
    data["scheme"] = {"name": "mine", "version": 1}
    for label in data["labels"]:
        label["stance"], label["sentiment"] = "hawk", "high"
    raw = orjson.dumps(data)
    fast = light(raw, scheme)
    assert fast is not None
    assert_same(fast, full(raw, scheme))
    assert_same_dicts(as_dicts(raw, scheme), fast)
    assert light(raw, DEFAULT_SCHEME) is None  # the default scheme has no 'hawk'
    assert as_dicts(raw, DEFAULT_SCHEME) is None
    data["labels"][0]["stance"] = "pro-US"
    assert light(orjson.dumps(data), scheme) is None
    assert as_dicts(orjson.dumps(data), scheme) is None


def test_the_dict_validator_is_not_derived_from_models_it_does_not_know() -> None:
    # a model that gains a validator or a setting the typed dicts would not keep: no dict
    # validator (the loader's own validators are then used for every file)
    stances, sentiments = tuple(STANCES), tuple(SENTIMENTS)
    schema = light_schema(stances, sentiments)
    assert schema is not None
    _as_dicts(copy.deepcopy(schema))  # as it is: derived
    wrapped = {"type": "function-after", "function": schema["function"], "schema": schema}
    with pytest.raises(TypeError):
        _as_dicts(copy.deepcopy(wrapped))  # another file validator around the model
    stripping = copy.deepcopy(schema)
    unwrap_labels(stripping)["config"]["str_strip_whitespace"] = True
    with pytest.raises(TypeError):
        _as_dicts(stripping)
    aliased = copy.deepcopy(schema)
    unwrap_labels(aliased)["schema"]["fields"]["note"]["validation_alias"] = "comment"
    with pytest.raises(TypeError):
        _as_dicts(aliased)
