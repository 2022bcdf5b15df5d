"""Label Studio tasks (JSON list) for a Text object named ``text``; the labeling config that
matches is :func:`annotator.export.label_studio_config.label_studio_config`
(``annotator export --format label-studio --config``).

Each task holds the document (``data.text`` plus id and metadata), each annotator's work as one
annotation (``completed_by`` = the annotator's e-mail, so Label Studio files it under that user;
spans from the ``quote`` Labels control; per-region ``stance``, ``sentiment`` and ``flag``
Choices; per-region ``speaker``, ``outlet`` and ``note`` TextAreas; the speaker and outlet
mentions as ``mention`` spans linked to the quote by relations) and the extracted quotes as a
prediction. Label Studio 1.23 counts offsets in code points, like Python (measured; see
docs/export.md), so offsets are written as they are and checked on the way back.
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
from annotator.export.label_studio_config import (
    CHOICE_CONTROLS,
    FLAGGED,
    MENTION_CONTROL,
    QUOTE_CONTROL,
    TEXT_CONTROLS,
)
from annotator.export.offsets import LABEL_STUDIO_UNIT, ToolOffsets, offsets_for
from annotator.export.options import ExportOptions
from annotator.export.pieces import Renderer, write_views
from annotator.export.relations import (
    FIELD_BY_RELATION,
    FIELD_OF,
    MENTION_LABELS,
    RELATION_OF,
    mentions_of,
)
from annotator.export.views import DocumentView, Judgement
from annotator.json_array import iter_json_array
from annotator.models import Document, Quote, QuoteKind, check_safe_name

MODEL_VERSION = "annotator-extract"
# region meta of an annotator's quote: the quote as they saw it (their label's snapshot, or the
# quote they added), which Label Studio cannot hold; the kind is the region's label
SNAPSHOT_META = (
    "quote_id",
    "origin",
    "extractor",
    "cue",
    "speaker_role",
    "confidence",
    "replaces",
    "quote_speaker",
    "quote_outlet",
)


def _span(offsets: ToolOffsets, start: int, end: int) -> dict[str, int]:
    return {"start": offsets.to_tool(start), "end": offsets.to_tool(end)}


def regions(
    quote: Quote, judgement: Judgement, offsets: ToolOffsets, *, snapshot: bool = True
) -> list[dict[str, Any]]:
    """The result items of one quote: its span, then its per-region labels and texts.

    ``snapshot``: the quote region's ``meta`` carries the quote as the annotator saw it (an
    annotation's regions; a prediction's are the proposals and carry only seconds and time).
    Written for speed (one call per quote and annotator): the label is read once, and only the
    keys of :func:`judgement_fields` the meta carries are computed.
    """
    start, end = offsets.to_tool(quote.start), offsets.to_tool(quote.end)
    quote_id = quote.id
    label = judgement.label
    updated = label.updated_at if label is not None else None
    meta: dict[str, Any] = {
        "seconds": label.seconds if label is not None else 0.0,
        "updated_at": updated.isoformat() if updated is not None else None,
    }
    shown = label.quote if label is not None else quote
    if snapshot:  # the SNAPSHOT_META keys of judgement_fields, in that order
        meta["quote_id"] = quote_id
        meta["origin"] = shown.origin.value
        meta["extractor"] = judgement.seen_extractor(quote)
        meta["cue"] = shown.cue
        meta["speaker_role"] = shown.speaker_role
        meta["confidence"] = shown.confidence
        meta["replaces"] = quote.replaces
        meta["quote_speaker"] = shown.speaker
        meta["quote_outlet"] = shown.outlet
    items: list[dict[str, Any]] = [
        {
            "id": quote_id,
            "to_name": "text",
            "origin": "manual",
            "from_name": QUOTE_CONTROL,
            "type": "labels",
            "value": {"start": start, "end": end, "text": quote.text, "labels": [shown.kind.value]},
            "meta": meta,
        }
    ]
    if label is not None:
        choices = [("stance", label.stance), ("sentiment", label.sentiment)]
        if label.flagged:
            choices.append(("flag", FLAGGED))
        for name, value in choices:
            if value is not None:
                items.append(
                    {
                        "id": quote_id,
                        "to_name": "text",
                        "origin": "manual",
                        "from_name": name,
                        "type": "choices",
                        "value": {"start": start, "end": end, "choices": [value]},
                    }
                )
    texts = [("speaker", judgement.speaker), ("outlet", judgement.outlet)]
    note = label.note if label is not None else None
    if note is not None:
        texts.append(("note", note))
    for name, text in texts:  # an empty speaker/outlet list means "none"
        items.append(
            {
                "id": quote_id,
                "to_name": "text",
                "origin": "manual",
                "from_name": name,
                "type": "textarea",
                "value": {"start": start, "end": end, "text": [text] if text else []},
            }
        )
    return items


def mention_results(
    document: Document, pairs: list[tuple[Quote, Judgement]], offsets: ToolOffsets
) -> list[dict[str, Any]]:
    """Speaker/outlet mention regions (one per distinct span) and quote -> mention relations."""
    spans: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    for quote, judgement in pairs:
        for mention in mentions_of(document.text, quote, judgement.speaker, judgement.outlet):
            key = mention.key
            if key not in spans:
                spans[key] = {
                    "id": key,
                    "from_name": MENTION_CONTROL,
                    "to_name": "text",
                    "type": "labels",
                    "origin": "manual",
                    "value": {
                        **_span(offsets, mention.start, mention.end),
                        "text": document.text[mention.start : mention.end],
                        "labels": [mention.label],
                    },
                }
            relations.append(
                {
                    "from_id": quote.id,
                    "to_id": key,
                    "type": "relation",
                    "direction": "right",
                    "labels": [RELATION_OF[mention.label]],
                }
            )
    return [*spans.values(), *relations]


def task_for(number: int, view: DocumentView, options: ExportOptions) -> dict[str, Any]:
    document = view.document
    offsets = offsets_for(document.text, LABEL_STUDIO_UNIT)
    annotations = []
    for annotator, annotation in view.annotations.items():
        if annotation is None:
            continue
        pairs = view.annotator_quotes(annotator)
        result = [item for q, j in pairs for item in regions(q, j, offsets)]
        annotations.append(
            {
                "annotator": annotator,
                "completed_by": {"email": options.email_of(annotator)},
                "lead_time": round(sum(j.seconds for _, j in pairs), 3),
                "result": result + mention_results(document, pairs, offsets),
            }
        )
    unlabelled = [(q, Judgement("", True, None, q.speaker, q.outlet)) for q in document.quotes]
    prediction = [item for q, j in unlabelled for item in regions(q, j, offsets, snapshot=False)]
    return {
        "id": number,
        "data": {
            "text": document.text,
            "document_id": document.id,
            "title": document.title,
            "author": document.author,
            "outlet": document.outlet,
            "published": document.published,
        },
        "annotations": annotations,
        "predictions": [
            {
                "model_version": MODEL_VERSION,
                "result": prediction + mention_results(document, unlabelled, offsets),
            }
        ],
    }


class LabelStudioRenderer(Renderer):
    """A JSON list written task by task (one task per line), numbered from 1."""

    head = b"[\n"
    separator = b",\n"
    tail = b"\n]\n"

    def __init__(self, options: ExportOptions | None = None) -> None:
        super().__init__()
        self.options = options or ExportOptions()

    def document(self, number: int, view: DocumentView) -> bytes:
        return orjson.dumps(task_for(number, view, self.options))


def write_label_studio(
    views: Iterable[DocumentView], out: BinaryIO, options: ExportOptions | None = None
) -> None:
    """A JSON list written task by task (one task per line)."""
    write_views(LabelStudioRenderer(options), views, out)


# --------------------------------------------------------------------------- reading


def annotator_of(annotation: dict[str, Any], names: dict[str, str] | None = None) -> str | None:
    """The annotator of a Label Studio annotation.

    In order: the ``--annotator-map`` entry for the user's e-mail or id; the ``annotator`` key
    this project's export writes (Label Studio drops it); the local part of the user's e-mail
    (``completed_by`` as an object in snapshot exports, or an e-mail string); else
    ``label-studio-user-<id>``.
    """
    names = names or {}
    completed_by = annotation.get("completed_by")
    email: str | None = None
    user_id: Any = None
    if isinstance(completed_by, dict):
        email = completed_by.get("email") if isinstance(completed_by.get("email"), str) else None
        user_id = completed_by.get("id")
    elif isinstance(completed_by, str):
        email = completed_by
    elif isinstance(completed_by, int) and not isinstance(completed_by, bool):
        user_id = completed_by
    for key in (email, str(user_id) if user_id is not None else None):
        if key is not None and key.lower() in names:
            return names[key.lower()]
    name = annotation.get("annotator")
    if isinstance(name, str):
        return names.get(name.lower(), name)
    if email:
        try:
            return check_safe_name(email.split("@", 1)[0])
        except ValueError:
            return None
    if isinstance(user_id, int):
        return f"label-studio-user-{user_id}"
    return None


def read_label_studio(
    path: Path, stance_values: list[str], names: dict[str, str] | None = None
) -> Iterator[ImportedRecord]:
    """Records of a Label Studio export, read one task at a time (the file is never held whole:
    memory is bounded by the largest task). ``names``: the ``--annotator-map`` (lower-cased
    e-mail or user id -> annotator)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    with handle:
        try:
            for number, task in iter_json_array(handle, path):
                yield from _task_records(path, number, task, stance_values, names or {})
        except InvalidFileError as exc:
            if exc.reason == "expected a JSON array ([...]) at the top level":
                raise AnnotatorError(
                    f"{path}: expected a JSON list of Label Studio tasks"
                ) from None
            raise


def _task_records(
    path: Path, number: int, task: Any, stance_values: list[str], names: dict[str, str]
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
    offsets = offsets_for(text, LABEL_STUDIO_UNIT)
    for index, annotation in enumerate(annotations, start=1):
        annotation_where = f"{where}: annotation {index}"
        if not isinstance(annotation, dict) or not isinstance(annotation.get("result"), list):
            raise AnnotatorError(f'{annotation_where}: expected an object with a "result" list')
        yield ImportedRecord(
            where=annotation_where,
            annotator=annotator_of(annotation, names),
            document_id=document_id,
            text=text,
            metadata=metadata,
            quotes=_quotes(annotation["result"], text, offsets, annotation_where, stance_values),
        )


def _python_span(
    value: dict[str, Any], text: str, offsets: ToolOffsets, where: str
) -> tuple[int, int]:
    start, end = value.get("start"), value.get("end")
    if not is_int(start) or not is_int(end):
        raise AnnotatorError(f"{where}: value.start and value.end must be integers")
    try:
        python_start, python_end = offsets.from_tool(start), offsets.from_tool(end)
    except ValueError as exc:
        raise AnnotatorError(f"{where}: {exc}") from None
    check_span(text, python_start, python_end, where, value.get("text"))
    return python_start, python_end


def _quotes(
    results: list[Any], text: str, offsets: ToolOffsets, where: str, stance_values: list[str]
) -> list[ImportedQuote]:
    spans: dict[str, ImportedQuote] = {}
    mentions: dict[str, tuple[str, int, int]] = {}  # region id -> (label, start, end)
    extras: list[tuple[str, dict[str, Any], str]] = []
    relations: list[tuple[dict[str, Any], str]] = []
    kinds = {kind.value for kind in QuoteKind}
    for index, item in enumerate(results):
        if isinstance(item, dict) and item.get("type") == "relation":
            relations.append((item, f"{where}: result[{index}]"))
            continue
        if not isinstance(item, dict) or not isinstance(item.get("value"), dict):
            raise AnnotatorError(
                f"{where}: result[{index}]: expected an object with a value (an object)"
            )
        region_id = item.get("id", f"#{index + 1}")
        if not isinstance(region_id, str | int) or isinstance(region_id, bool):
            raise AnnotatorError(f"{where}: result[{index}].id must be a string")
        region = str(region_id)
        if item.get("to_name", "text") != "text":
            raise AnnotatorError(
                f"{where}: result[{index}]: to_name {item.get('to_name')!r} is not the Text "
                "object 'text' (use the labeling config from annotator export --format "
                "label-studio --config)"
            )
        value = item["value"]
        if item.get("type") != "labels":
            extras.append((region, item, f"{where}: region {region}"))
            continue
        region_where = f"{where}: region {region}: span {value.get('start')}-{value.get('end')}"
        start, end = _python_span(value, text, offsets, region_where)
        labels = value.get("labels") or []
        if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
            raise AnnotatorError(f"{region_where}: value.labels must be a list of strings")
        if region in spans or region in mentions:
            raise AnnotatorError(f"{region_where}: region id {region!r} is used twice")
        mention_labels = [label for label in labels if label in MENTION_LABELS]
        if item.get("from_name") == MENTION_CONTROL or mention_labels:
            if len(labels) != 1 or not mention_labels:
                raise AnnotatorError(
                    f"{region_where}: a mention needs exactly one label of "
                    f"{', '.join(MENTION_LABELS)}, not {labels!r}"
                )
            mentions[region] = (mention_labels[0], start, end)
            continue
        if item.get("from_name", QUOTE_CONTROL) != QUOTE_CONTROL:
            raise AnnotatorError(
                f"{region_where}: unknown control {item.get('from_name')!r} (expected "
                f"{QUOTE_CONTROL} or {MENTION_CONTROL})"
            )
        quote = ImportedQuote(where=region_where, start=start, end=end)
        meta = item.get("meta") if isinstance(item.get("meta"), dict) else {}
        quote_fields(
            {
                "seconds": meta.get("seconds") or 0.0,
                "updated_at": meta.get("updated_at"),
                **{key: meta[key] for key in SNAPSHOT_META if key in meta},
            },
            quote,
        )
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
        spans[region] = quote
    texts_given: set[tuple[str, str]] = set()
    for region, item, region_where in extras:
        quote = spans.get(region)
        name = item.get("from_name")
        if not isinstance(name, str):
            raise AnnotatorError(f"{region_where}: from_name must be a string")
        if quote is None:
            raise AnnotatorError(f"{region_where}: {name} result has no quote region with this id")
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
                if choices[0] != FLAGGED:
                    raise AnnotatorError(
                        f"{region_where}: unknown flag choice {choices[0]!r} (expected {FLAGGED!r})"
                    )
                quote.flagged = True
            elif name == "stance":
                quote.stance = choices[0]
            else:
                quote.sentiment = choices[0]
        elif name in TEXT_CONTROLS:
            texts = value.get("text")
            if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
                raise AnnotatorError(f"{region_where}: {name} text must be a list of strings")
            joined = " ".join(t.strip() for t in texts if t.strip()) or None
            texts_given.add((region, name))
            if name == "note":
                quote.note = joined
            elif name == "speaker":  # an empty list: no speaker
                quote.speaker = joined
            else:
                quote.outlet = joined
        else:
            raise AnnotatorError(
                f"{region_where}: unknown control {name!r} (expected {QUOTE_CONTROL}, "
                f"{MENTION_CONTROL}, {', '.join(CHOICE_CONTROLS + TEXT_CONTROLS)})"
            )
    # a relation to a mention fills the speaker/outlet where no TextArea gave one
    for item, item_where in relations:
        source, target = str(item.get("from_id")), str(item.get("to_id"))
        if target in spans and source in mentions:
            source, target = target, source  # drawn from the mention to the quote
        quote, mention = spans.get(source), mentions.get(target)
        if quote is None or mention is None:
            raise AnnotatorError(
                f"{item_where}: relation {source} -> {target} does not link a quote region to a "
                "speaker or outlet mention"
            )
        label, start, end = mention
        relation_labels = item.get("labels") or []
        if not isinstance(relation_labels, list) or not all(
            isinstance(r, str) for r in relation_labels
        ):
            raise AnnotatorError(f"{item_where}: labels must be a list of strings")
        fields = [FIELD_BY_RELATION[r] for r in relation_labels if r in FIELD_BY_RELATION]
        field = fields[0] if fields else FIELD_OF[label]
        if (source, field) not in texts_given:
            setattr(quote, field, text[start:end].strip())
    return sorted(spans.values(), key=lambda q: (q.start, q.end))
