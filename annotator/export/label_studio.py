"""Label Studio tasks (JSON list) for a Text object named ``text``; see docs/export.md for the
labeling config.

Each task holds the document (``data.text`` plus id and metadata), each annotator's work as one
annotation (spans from the ``quote`` Labels control; per-region ``stance``, ``sentiment`` and
``flag`` Choices; per-region ``speaker``, ``outlet`` and ``note`` TextAreas) and the extracted
quotes as a prediction. Label Studio counts offsets in UTF-16 code units (JavaScript strings), so
offsets are converted both ways; an emoji is one Python character and two Label Studio units.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import orjson

from annotator.errors import AnnotatorError, InvalidFileError
from annotator.export.importing import (
    ImportedQuote,
    ImportedRecord,
    check_span,
    is_int,
    optional_id,
    optional_str,
    quote_fields,
)
from annotator.export.offsets import Utf16Offsets
from annotator.export.views import DocumentView, Judgement
from annotator.json_array import iter_json_array
from annotator.models import Quote, QuoteKind, check_safe_name

MODEL_VERSION = "annotator-extract"
TEXT_CONTROLS = ("speaker", "outlet", "note")
CHOICE_CONTROLS = ("stance", "sentiment", "flag")
FLAGGED = "flagged"

LABEL_CONFIG = """<View>
  <Labels name="quote" toName="text">
    <Label value="direct"/><Label value="indirect"/><Label value="mixed"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Choices name="stance" toName="text" perRegion="true">{stances}</Choices>
  <Choices name="sentiment" toName="text" perRegion="true">{sentiments}</Choices>
  <Choices name="flag" toName="text" perRegion="true"><Choice value="flagged"/></Choices>
  <TextArea name="speaker" toName="text" perRegion="true" maxSubmissions="1"/>
  <TextArea name="outlet" toName="text" perRegion="true" maxSubmissions="1"/>
  <TextArea name="note" toName="text" perRegion="true" maxSubmissions="1"/>
</View>"""


def regions(quote: Quote, judgement: Judgement, offsets: Utf16Offsets) -> list[dict[str, Any]]:
    """The result items of one quote: its span, then its per-region labels and texts."""
    span = {"start": offsets.to_utf16(quote.start), "end": offsets.to_utf16(quote.end)}
    common = {"id": quote.id, "to_name": "text", "origin": "manual"}
    items: list[dict[str, Any]] = [
        {
            **common,
            "from_name": "quote",
            "type": "labels",
            "value": {**span, "text": quote.text, "labels": [quote.kind.value]},
            "meta": {
                "seconds": judgement.seconds,
                "updated_at": judgement.updated_at.isoformat() if judgement.updated_at else None,
            },
        }
    ]
    for name, value in (("stance", judgement.stance), ("sentiment", judgement.sentiment)):
        if value is not None:
            items.append(
                {
                    **common,
                    "from_name": name,
                    "type": "choices",
                    "value": {**span, "choices": [value]},
                }
            )
    if judgement.flagged:
        items.append(
            {
                **common,
                "from_name": "flag",
                "type": "choices",
                "value": {**span, "choices": [FLAGGED]},
            }
        )
    for name, text in (
        ("speaker", judgement.speaker),
        ("outlet", judgement.outlet),
        ("note", judgement.note),
    ):
        if text is not None or name != "note":  # an empty speaker/outlet list means "none"
            items.append(
                {
                    **common,
                    "from_name": name,
                    "type": "textarea",
                    "value": {**span, "text": [text] if text else []},
                }
            )
    return items


def task_for(number: int, view: DocumentView) -> dict[str, Any]:
    document = view.document
    offsets = Utf16Offsets(document.text)
    annotations = []
    for annotator, annotation in view.annotations.items():
        if annotation is None:
            continue
        pairs = view.annotator_quotes(annotator)
        annotations.append(
            {
                "annotator": annotator,
                "lead_time": round(sum(j.seconds for _, j in pairs), 3),
                "result": [item for q, j in pairs for item in regions(q, j, offsets)],
            }
        )
    prediction = [
        item
        for quote in document.quotes
        for item in regions(quote, Judgement("", True, None, quote.speaker, quote.outlet), offsets)
    ]
    return {
        "id": number,
        "data": {
            "text": document.text,
            "document_id": document.id,
            "title": document.title,
            "outlet": document.outlet,
            "published": document.published,
        },
        "annotations": annotations,
        "predictions": [{"model_version": MODEL_VERSION, "result": prediction}],
    }


def write_label_studio(views: Iterable[DocumentView], out: BinaryIO) -> None:
    """A JSON list written task by task (one task per line)."""
    out.write(b"[\n")
    for number, view in enumerate(views, start=1):
        if number > 1:
            out.write(b",\n")
        out.write(orjson.dumps(task_for(number, view)))
    out.write(b"\n]\n")


def label_studio_config(stances: list[str], sentiments: list[str]) -> str:
    def choices(values: list[str]) -> str:
        return "".join(f'<Choice value="{value}"/>' for value in values)

    return LABEL_CONFIG.format(stances=choices(stances), sentiments=choices(sentiments))


# --------------------------------------------------------------------------- reading


def annotator_of(annotation: dict[str, Any]) -> str | None:
    name = annotation.get("annotator")
    if isinstance(name, str):
        return name
    completed_by = annotation.get("completed_by")
    if isinstance(completed_by, dict):
        completed_by = completed_by.get("email") or completed_by.get("id")
    if isinstance(completed_by, str):
        local = completed_by.split("@", 1)[0]
        try:
            return check_safe_name(local)
        except ValueError:
            return None
    if isinstance(completed_by, int):
        return f"label-studio-user-{completed_by}"
    return None


def read_label_studio(path: Path, stance_values: list[str]) -> Iterator[ImportedRecord]:
    """Records of a Label Studio export, read one task at a time (the file is never held whole:
    memory is bounded by the largest task)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        try:
            for number, task in iter_json_array(handle, path):
                yield from _task_records(path, number, task, stance_values)
        except InvalidFileError as exc:
            if exc.reason == "expected a JSON array ([...]) at the top level":
                raise AnnotatorError(
                    f"{path}: expected a JSON list of Label Studio tasks"
                ) from None
            raise


def _task_records(
    path: Path, number: int, task: Any, stance_values: list[str]
) -> Iterator[ImportedRecord]:
    where = f"{path}: task {number}"
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise AnnotatorError(f'{where}: expected an object with "data" (an object)')
    if isinstance(task.get("id"), str | int) and not isinstance(task.get("id"), bool):
        where += f" (id {task['id']})"
    data = task["data"]
    text = data.get("text")
    if not isinstance(text, str) or not text:
        raise AnnotatorError(f"{where}: data.text: missing or empty (must be a non-empty string)")
    document_id = optional_id(data.get("document_id"), where, "data.document_id")
    metadata: dict[str, Any] = {}
    for key in ("title", "outlet", "published", "author"):
        value = optional_str(data.get(key), where, f"data.{key}")
        if value is not None:
            metadata[key] = value
    listed = task.get("annotations")
    if listed is not None and not isinstance(listed, list):
        raise AnnotatorError(f"{where}: annotations must be a list, not {type(listed).__name__}")
    annotations = [a for a in listed or [] if not (isinstance(a, dict) and a.get("was_cancelled"))]
    if not annotations:
        yield ImportedRecord(where, None, None, text, unannotated=True)
        return
    offsets = Utf16Offsets(text)
    for index, annotation in enumerate(annotations, start=1):
        annotation_where = f"{where}: annotation {index}"
        if not isinstance(annotation, dict) or not isinstance(annotation.get("result"), list):
            raise AnnotatorError(f'{annotation_where}: expected an object with a "result" list')
        yield ImportedRecord(
            where=annotation_where,
            annotator=annotator_of(annotation),
            document_id=document_id,
            text=text,
            metadata=metadata,
            quotes=_quotes(annotation["result"], text, offsets, annotation_where, stance_values),
        )


def _quotes(
    results: list[Any], text: str, offsets: Utf16Offsets, where: str, stance_values: list[str]
) -> list[ImportedQuote]:
    spans: dict[str, ImportedQuote] = {}
    extras: list[tuple[str, dict[str, Any], str]] = []
    kinds = {kind.value for kind in QuoteKind}
    for index, item in enumerate(results):
        if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
            raise AnnotatorError(
                f"{where}: result[{index}]: expected an object with a value (an object)"
            )
        region_id = item.get("id", f"#{index + 1}")
        if not isinstance(region_id, str | int) or isinstance(region_id, bool):
            raise AnnotatorError(f"{where}: result[{index}].id must be a string")
        region = str(region_id)
        value = item["value"]
        if item.get("type") != "labels":
            extras.append((region, item, f"{where}: region {region}"))
            continue
        start, end = value.get("start"), value.get("end")
        region_where = f"{where}: region {region}: span {start}-{end}"
        if not is_int(start) or not is_int(end):
            raise AnnotatorError(f"{region_where}: value.start and value.end must be integers")
        try:
            python_start, python_end = offsets.from_utf16(start), offsets.from_utf16(end)
        except ValueError as exc:
            raise AnnotatorError(f"{region_where}: {exc}") from None
        check_span(text, python_start, python_end, region_where, value.get("text"))
        quote = ImportedQuote(where=region_where, start=python_start, end=python_end)
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        quote_fields(
            {"seconds": meta.get("seconds") or 0.0, "updated_at": meta.get("updated_at")}, quote
        )
        labels = value.get("labels") or []
        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
            raise AnnotatorError(f"{region_where}: value.labels must be a list of strings")
        for label in labels:
            if label in kinds:
                quote.kind = label
            elif label in stance_values:
                quote.stance = label
            elif str(label).lower() != "quote":
                raise AnnotatorError(
                    f"{region_where}: unknown span label {label!r} (expected a quote kind: "
                    f"{', '.join(sorted(kinds))})"
                )
        if region in spans:
            raise AnnotatorError(f"{region_where}: region id {region!r} is used twice")
        spans[region] = quote
    for region, item, region_where in extras:
        quote = spans.get(region)
        name = item.get("from_name")
        if not isinstance(name, str):
            raise AnnotatorError(f"{region_where}: from_name must be a string")
        if quote is None:
            raise AnnotatorError(f"{region_where}: {name} result has no span region with this id")
        value = item["value"]
        if name in CHOICE_CONTROLS:
            choices = value.get("choices")
            if (
                not isinstance(choices, list)
                or len(choices) != 1
                or not isinstance(choices[0], str)
            ):
                raise AnnotatorError(f"{region_where}: {name} needs exactly one choice")
            if name == "flag":
                quote.flagged = choices[0] == FLAGGED
            elif name == "stance":
                quote.stance = choices[0]
            else:
                quote.sentiment = choices[0]
        elif name in TEXT_CONTROLS:
            texts = value.get("text")
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise AnnotatorError(f"{region_where}: {name} text must be a list of strings")
            joined = " ".join(t.strip() for t in texts if t.strip()) or None
            if name == "note":
                quote.note = joined
            elif name == "speaker":
                quote.speaker = joined
            else:
                quote.outlet = joined
        else:
            raise AnnotatorError(
                f"{region_where}: unknown control {name!r} (expected quote, "
                f"{', '.join(CHOICE_CONTROLS + TEXT_CONTROLS)})"
            )
    return sorted(spans.values(), key=lambda q: (q.start, q.end))
