"""Validating an annotation file into plain dicts, as strictly as the models, for reading only.

``annotator agreement`` reads 100,000 labels and uses a few strings of each: building a pydantic
object for every label and every label's snapshot is a third of its validation time and most of
its memory. This module derives, once per label scheme, a validator from the light validator's
schema (:func:`annotator.light_validation.light_schema`: the models' own core schema with the
per-label Python validators taken out) in which the file, each label and each label's snapshot
are typed dicts with the very same fields, types, constraints, defaults and ``extra: forbid``.
What is few stays a model with its validators: the scheme reference (checked against the
project's scheme), added quotes, decisions and the adjudication record. What the Python
validators of the file and of each label check is then checked on columns
(:func:`_consistent`): spans, texts and ids of the labels, no quote labelled twice, no label on
a deleted quote, no quote added twice.

:func:`validate_annotation_dict` returns ``None`` whenever any of that fails, or when the
models' schema is not shaped as expected (a model gained a validator, another pydantic
version): the caller then runs the full validator, whose error names the file and the JSON
path. It never raises for bad input. Only for reading: nothing it returns is written back.
"""

from __future__ import annotations

from functools import lru_cache
from operator import gt, itemgetter, sub
from typing import Any

from pydantic_core import SchemaValidator, ValidationError, core_schema

from annotator.light_validation import function_name, light_schema, unwrap_labels
from annotator.models import AnnotationFile, LabelledQuote, LabelScheme, QuoteLabel

# the file's own Python validator, taken out and checked by _consistent
_FILE_VALIDATOR = "AnnotationFile._consistent"
# what a model node may hold to be turned into a typed dict (anything else: not derived)
_MODEL_KEYS = {"type", "cls", "schema", "custom_init", "root_model", "config", "serialization"}
_MODEL_KEYS |= {"ref", "metadata"}
_CONFIG_KEYS = {"extra_fields_behavior", "title"}
_FIELDS_KEYS = {"type", "fields", "model_name", "computed_fields"}
_FIELD_KEYS = {"type", "schema", "metadata"}


def validate_annotation_dict(raw: bytes, scheme: LabelScheme) -> dict[str, Any] | None:
    """The file ``raw`` validated against ``scheme`` as the store's loader validates it, as
    dicts (labels and their ``quote`` too), or ``None``: use the full validator."""
    validator = _dict_validator(tuple(scheme.stance_values()), tuple(scheme.sentiment_values()))
    if validator is None:
        return None
    try:
        data = validator.validate_json(raw, context={"scheme": scheme})
    except (ValidationError, ValueError):
        return None
    if not isinstance(data, dict) or not _consistent(data):
        return None
    return data


_QUOTE = itemgetter("quote")
_QUOTE_ID = itemgetter("quote_id")
_START = itemgetter("start")
_END = itemgetter("end")
_TEXT = itemgetter("text")


def _consistent(data: dict[str, Any]) -> bool:
    """What the Python validators taken out check, column by column (the loops run in C):
    each snapshot's end lies after its start and its text is as long as its span, each label's
    id is ``q<start>-<end>`` of its snapshot (:class:`QuoteLabel`, :class:`LabelledQuote`, the
    id's form); no quote is labelled twice, none labelled is deleted, none is added twice
    (:meth:`AnnotationFile._consistent`; with the scheme in the context it checks no label)."""
    labels = data["labels"]
    quotes = list(map(_QUOTE, labels))
    starts = list(map(_START, quotes))
    ends = list(map(_END, quotes))
    ids = list(map(_QUOTE_ID, labels))
    if not (
        all(map(gt, ends, starts))
        and list(map(len, map(_TEXT, quotes))) == list(map(sub, ends, starts))
        and ids == list(map("q{}-{}".format, starts, ends))
        and len(set(ids)) == len(ids)
    ):
        return False
    if data["deleted_quotes"] and not set(data["deleted_quotes"]).isdisjoint(ids):
        return False
    added = [quote.id for quote in data["added_quotes"]]
    return len(set(added)) == len(added)


@lru_cache(maxsize=8)
def _dict_validator(
    stances: tuple[str, ...], sentiments: tuple[str, ...]
) -> SchemaValidator | None:
    """The dict validator for a scheme with these labels, or ``None`` if the models' schema is
    not shaped as expected (the full validator is then always used)."""
    schema = light_schema(stances, sentiments)
    if schema is None:
        return None
    try:
        return SchemaValidator(_as_dicts(schema))
    except (KeyError, TypeError):
        return None


def _as_dicts(schema: dict[str, Any]) -> dict[str, Any]:
    """The light schema with the file, its labels and their snapshots as typed dicts; raises
    ``TypeError`` if any of them is not the plain model it is expected to be."""
    if schema.get("type") != "function-after" or function_name(schema) != _FILE_VALIDATOR:
        raise TypeError("the file has other validators")
    label = unwrap_labels(schema)
    fields = label["schema"]["fields"]
    fields["quote"]["schema"] = _typed_dict(fields["quote"]["schema"], LabelledQuote)
    labels = schema["schema"]["schema"]["fields"]["labels"]["schema"]
    if labels["type"] == "default":
        labels = labels["schema"]
    labels["items_schema"] = _typed_dict(label, QuoteLabel)
    return _typed_dict(schema["schema"], AnnotationFile)


def _typed_dict(node: dict[str, Any], model: type) -> dict[str, Any]:
    """The typed dict of a plain model node of ``model``: the same fields, their schemas as they
    are (required unless they have a default), the same handling of unknown keys."""
    if node.get("type") != "model" or node.get("cls") is not model:
        raise TypeError(f"not a plain {model.__name__} model")
    config = node.get("config", {})
    fields_node = node["schema"]
    if (
        set(node) - _MODEL_KEYS
        or node.get("custom_init")
        or node.get("root_model")
        or set(config) - _CONFIG_KEYS
        or fields_node.get("type") != "model-fields"
        or set(fields_node) - _FIELDS_KEYS
        or fields_node.get("computed_fields")
    ):
        raise TypeError(f"{model.__name__} is not a plain model")
    fields: dict[str, core_schema.TypedDictField] = {}
    for name, field in fields_node["fields"].items():
        if field.get("type") != "model-field" or set(field) - _FIELD_KEYS:
            raise TypeError(f"{model.__name__}.{name} is not a plain field")
        inner = field["schema"]
        fields[name] = core_schema.typed_dict_field(inner, required=inner["type"] != "default")
    return core_schema.typed_dict_schema(fields, extra_behavior=config.get("extra_fields_behavior"))
