"""The JSON Schemas in schemas/: current with the models, and true of real files.

``jsonschema`` is not a dependency, so a small checker below covers the keywords pydantic emits
(type, properties, required, additionalProperties, items, $ref, anyOf, enum, const, pattern,
minimum/maximum, minLength/maxLength). It is itself tested on files that must fail.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import orjson
import pytest

from annotator.corpus import iter_documents
from annotator.models import DEFAULT_SCHEME, AnnotationFile, Quote, QuoteLabel
from annotator.schemas import SCHEMA_MODELS, render_schemas, stale_schemas

REPO = Path(__file__).resolve().parent.parent
SCHEMA_DIR = REPO / "schemas"

JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def schema_errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any], at: str = "$"
) -> list[str]:
    """Problems of ``value`` against ``schema`` (a subset of JSON Schema 2020-12)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return schema_errors(value, root["$defs"][name], root, at)
    if "anyOf" in schema:
        options = [schema_errors(value, option, root, at) for option in schema["anyOf"]]
        return [] if any(not found for found in options) else [f"{at}: matches no anyOf option"]
    errors: list[str] = []
    if "type" in schema:
        allowed = JSON_TYPES[schema["type"]]
        is_bool = isinstance(value, bool)
        if not isinstance(value, allowed) or (is_bool and schema["type"] != "boolean"):
            return [f"{at}: expected {schema['type']}, found {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{at}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{at}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{at}: {value!r} does not match {schema['pattern']}")
        if len(value) < schema.get("minLength", 0) or len(value) > schema.get("maxLength", 1e12):
            errors.append(f"{at}: length {len(value)} out of bounds")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{at}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{at}: {value} > {schema['maximum']}")
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            errors.append(f"{at}: {value} <= {schema['exclusiveMinimum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{at}: missing {key}")
        for key, item in value.items():
            if key in properties:
                errors.extend(schema_errors(item, properties[key], root, f"{at}.{key}"))
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}: unexpected {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors.extend(
                    schema_errors(item, schema["additionalProperties"], root, f"{at}.{key}")
                )
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors.extend(schema_errors(item, schema["items"], root, f"{at}[{index}]"))
    return errors


def load_schema(name: str) -> dict[str, Any]:
    return orjson.loads((SCHEMA_DIR / f"{name}.schema.json").read_bytes())


@pytest.fixture(scope="module")
def examples() -> dict[str, Any]:
    """Real files: a seed document with a quote, an annotation on it, the default scheme."""
    document = next(iter(iter_documents([REPO / "seeds"])))
    start = document.text.index("“very important,”")
    quote = Quote.from_span(
        document.text, start, start + len("“very important,”"), kind="direct", cue="told"
    )
    document = document.model_copy(update={"quotes": [quote]})
    annotation = AnnotationFile(
        annotator="alice",
        document_id=document.id,
        document_sha256=document.sha256,
        scheme=DEFAULT_SCHEME.ref,
        labels=[QuoteLabel.for_quote(quote, stance="balancing", sentiment="positive")],
        deleted_quotes=["q0-3"],
    )
    return {
        "document": document.model_dump(mode="json"),
        "annotation": annotation.sorted_for_writing().model_dump(mode="json"),
        "scheme": DEFAULT_SCHEME.model_dump(mode="json"),
    }


# --------------------------------------------------------------------------- staleness


def test_schema_files_are_current() -> None:
    rendered = render_schemas()
    assert set(rendered) == {f"{name}.schema.json" for name in SCHEMA_MODELS}
    for name, content in rendered.items():
        path = SCHEMA_DIR / name
        assert path.is_file(), f"{path} missing: run `annotator schema`"
        assert path.read_bytes() == content, f"{path} is stale: run `annotator schema`"
    assert stale_schemas(SCHEMA_DIR) == []


def test_stale_schema_is_detected(tmp_path: Path) -> None:
    for name, content in render_schemas().items():
        (tmp_path / name).write_bytes(content)
    assert stale_schemas(tmp_path) == []
    document_schema = orjson.loads((tmp_path / "document.schema.json").read_bytes())
    del document_schema["properties"]["title"]
    (tmp_path / "document.schema.json").write_bytes(orjson.dumps(document_schema))
    (tmp_path / "scheme.schema.json").unlink()
    assert stale_schemas(tmp_path) == ["document.schema.json", "scheme.schema.json"]


# --------------------------------------------------------------------------- real examples


@pytest.mark.parametrize("name", ["document", "annotation", "scheme"])
def test_schema_accepts_a_real_file(examples: dict[str, Any], name: str) -> None:
    schema = load_schema(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    assert schema_errors(examples[name], schema, schema) == []


@pytest.mark.parametrize(
    ("name", "breakage", "problem"),
    [
        ("document", lambda d: d.update(shasum=d.pop("sha256")), "unexpected shasum"),
        ("document", lambda d: d["quotes"][0].update(kind="rumour"), "$.quotes[0].kind"),
        ("document", lambda d: d.update(id="../x"), "$.id"),
        ("annotation", lambda d: d["labels"][0].update(flagged="yes"), "$.labels[0].flagged"),
        ("annotation", lambda d: d.pop("scheme"), "missing scheme"),
        ("annotation", lambda d: d.update(schema_version=3), "$.schema_version"),
        ("annotation", lambda d: d["labels"][0].update(quote_id="quote-1"), "quote_id"),
        ("scheme", lambda d: d["stance"][0].update(key="12"), "$.stance[0].key"),
    ],
)
def test_schema_rejects_a_broken_file(
    examples: dict[str, Any], name: str, breakage: Any, problem: str
) -> None:
    data = orjson.loads(orjson.dumps(examples[name]))
    breakage(data)
    schema = load_schema(name)
    errors = schema_errors(data, schema, schema)
    assert any(problem in error for error in errors), errors
