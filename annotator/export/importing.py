"""Turning records read from another tool's file into validated annotation files.

Readers (``prodigy``, ``label_studio``, ``doccano``) produce :class:`ImportedRecord` objects with
Python string offsets. :func:`plan_import` matches each record to a corpus document (by id, else
by identical text) or makes a new document from its text, builds and validates every annotation
file, and checks that nothing would be overwritten — all before :func:`apply_import` writes a
single byte. New documents are written as a JSON Lines corpus (``{"id", "text", ...}``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from annotator.atomic import write_atomic
from annotator.corpus import normalise_whitespace
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.jsonio import validate_model
from annotator.models import (
    AnnotationFile,
    Document,
    Quote,
    QuoteKind,
    QuoteLabel,
    QuoteOrigin,
    check_quote_id,
    check_safe_name,
    quote_id_for,
    sha256_text,
)
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore, check_matches_document

UNSET: Any = object()  # a field the file did not carry (speaker/outlet: keep as extracted)


@dataclass
class ImportedQuote:
    where: str  # names the record and span in error messages
    start: int
    end: int
    quote_id: str | None = None  # the id the file claims, checked against the span
    kind: str | None = None
    stance: str | None = None
    sentiment: str | None = None
    speaker: Any = UNSET
    outlet: Any = UNSET
    note: str | None = None
    flagged: bool = False
    seconds: float = 0.0
    updated_at: datetime | None = None
    # kept for quotes the annotator added (the tool cannot hold them; metadata carries them)
    cue: str | None = None
    speaker_role: str | None = None
    replaces: str | None = None
    confidence: float | None = None
    # an added quote's own speaker/outlet (the label may override them): UNSET = as resolved
    quote_speaker: Any = UNSET
    quote_outlet: Any = UNSET


@dataclass
class ImportedRecord:
    where: str  # "file: line 3" or "file: task 2"
    annotator: str | None
    document_id: str | None
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    quotes: list[ImportedQuote] = field(default_factory=list)
    unannotated: bool = False  # an input task nobody answered: skipped
    unattributed: bool = False  # labelled by someone unknown: imported only with --annotator
    warnings: list[str] = field(default_factory=list)  # printed after the import


def check_span(text: str, start: Any, end: Any, where: str, claimed_text: Any = None) -> None:
    """Offsets must be integers with 0 <= start < end <= len(text) (and match any given text)."""
    if not isinstance(start, int) or not isinstance(end, int) or isinstance(start, bool):
        raise AnnotatorError(f"{where}: start and end must be integers")
    if start < 0 or end <= start:
        raise AnnotatorError(f"{where}: empty or reversed span (start must be below end)")
    if end > len(text):
        raise AnnotatorError(f"{where}: ends outside the text ({len(text)} characters)")
    if claimed_text is not None and text[start:end] != claimed_text:
        raise AnnotatorError(
            f"{where}: the offsets cover {text[start:end][:40]!r}, "
            f"not the span text {str(claimed_text)[:40]!r} (wrong offsets?)"
        )


def optional_str(value: Any, where: str, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise AnnotatorError(f"{where}: {name} must be a string or null, not {type(value).__name__}")


@dataclass
class ImportPlan:
    new_documents: list[dict[str, Any]]
    documents_out: Path
    files: list[AnnotationFile]
    store: AnnotationStore
    skipped: int = 0
    unattributed: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        annotators = sorted({file.annotator for file in self.files})
        labels = sum(len(file.labels) for file in self.files)
        text = (
            f"imported {len(self.files)} annotation file(s) with {labels} label(s) "
            f"for {', '.join(annotators) or 'no annotators'} into {self.store.root}"
        )
        if self.new_documents:
            text += f"; wrote {len(self.new_documents)} new document(s) to {self.documents_out}"
        if self.skipped:
            text += f"; skipped {self.skipped} unannotated record(s)"
        if self.unattributed:
            text += (
                f"; skipped {self.unattributed} record(s) without an annotator "
                "(pass --annotator NAME to import them)"
            )
        return text


def plan_import(
    records: Iterable[ImportedRecord],
    *,
    corpus: Iterable[Document],
    store: AnnotationStore,
    documents_out: Path,
    annotator_override: str | None,
    force: bool,
    load: Callable[[list[Path]], Iterable[Document]] = load_corpus,
) -> ImportPlan:
    """Validate everything an import would write; raises :class:`AnnotatorError` on the first problem."""
    by_id: dict[str, Document] = {}
    by_text: dict[str, Document] = {}
    for document in corpus:
        by_id[document.id] = document
        by_text.setdefault(document.sha256, document)
    records = list(records)
    skipped = unattributed = 0
    chosen: list[tuple[ImportedRecord, str]] = []
    for record in records:
        if record.unannotated:
            skipped += 1
            continue
        if record.unattributed and annotator_override is None:
            unattributed += 1
            continue
        annotator = annotator_override or record.annotator
        if annotator is None:
            raise AnnotatorError(
                f"{record.where}: no annotator in the record; pass --annotator NAME"
            )
        try:
            check_safe_name(annotator)
        except ValueError as exc:
            raise AnnotatorError(f"{record.where}: annotator name: {exc}") from None
        chosen.append((record, annotator))

    # documents: corpus ones by id or by identical text, else new ones from the record's text
    new_lines: dict[str, dict[str, Any]] = {}  # raw text sha -> corpus line
    record_document: list[str] = []  # key into documents below
    for number, (record, _annotator) in enumerate(chosen, start=1):
        raw_sha = sha256_text(record.text)
        corpus_document = by_id.get(record.document_id) if record.document_id else None
        if corpus_document is not None and corpus_document.sha256 != raw_sha:
            raise AnnotatorError(
                f"{record.where}: the text differs from corpus document {record.document_id!r} "
                f"({len(record.text)} vs {len(corpus_document.text)} characters)"
            )
        if corpus_document is None:
            corpus_document = by_text.get(raw_sha)
        if corpus_document is not None:
            record_document.append(f"corpus:{corpus_document.id}")
            continue
        if raw_sha not in new_lines:
            document_id = record.document_id or f"{documents_out.stem}-{number:05d}"
            try:
                check_safe_name(document_id)
            except ValueError as exc:
                raise AnnotatorError(f"{record.where}: document id: {exc}") from None
            if document_id in by_id:
                raise AnnotatorError(
                    f"{record.where}: document id {document_id!r} is taken by another corpus text"
                )
            if any(line["id"] == document_id for line in new_lines.values()):
                raise AnnotatorError(
                    f"{record.where}: document id {document_id!r} is used for two different texts"
                )
            metadata = {k: v for k, v in record.metadata.items() if k not in {"id", "text"}}
            new_lines[raw_sha] = {"id": document_id, "text": record.text, **metadata}
        record_document.append(f"new:{raw_sha}")

    new_documents = _load_new_documents(list(new_lines.values()), documents_out, load)
    if new_lines and documents_out.exists() and not force:
        raise AnnotatorError(
            f"{documents_out}: already exists; pass --force to overwrite it (nothing was written)"
        )

    files: dict[tuple[str, str], AnnotationFile] = {}
    for (record, annotator), key in zip(chosen, record_document, strict=True):
        kind, _, value = key.partition(":")
        document = by_id[value] if kind == "corpus" else new_documents[value]
        annotation = _annotation_for(record, annotator, document, store)
        if (annotator, document.id) in files:
            raise AnnotatorError(
                f"{record.where}: a second record for annotator {annotator!r} and document {document.id!r}"
            )
        if annotation is None:
            skipped += 1
            continue
        path = store.path_for(annotator, document.id)
        if path.exists() and not force:
            raise AnnotatorError(
                f"{path}: already exists; pass --force to overwrite it (nothing was written)"
            )
        files[(annotator, document.id)] = annotation
    return ImportPlan(
        new_documents=list(new_lines.values()),
        documents_out=documents_out,
        files=list(files.values()),
        store=store,
        skipped=skipped,
        unattributed=unattributed,
        warnings=[warning for record, _ in chosen for warning in record.warnings],
    )


def _load_new_documents(
    lines: list[dict[str, Any]],
    documents_out: Path,
    load: Callable[[list[Path]], Iterable[Document]],
) -> dict[str, Document]:
    """The new documents exactly as the corpus reader will load them later (cleaned, extracted)."""
    if not lines:
        return {}
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder) / documents_out.name
        temp.write_bytes(b"".join(orjson.dumps(line) + b"\n" for line in lines))
        documents = list(load([temp]))
    return {sha256_text(line["text"]): doc for line, doc in zip(lines, documents, strict=True)}


def _locate(quote: ImportedQuote, raw_text: str, document: Document) -> tuple[int, int]:
    """The quote's span in the document text (found again if cleaning changed the text)."""
    if document.text == raw_text:
        return quote.start, quote.end
    wanted = normalise_whitespace(raw_text[quote.start : quote.end]).strip()
    best: tuple[int, int] | None = None
    position = document.text.find(wanted) if wanted else -1
    while position >= 0:
        if best is None or abs(position - quote.start) < abs(best[0] - quote.start):
            best = (position, position + len(wanted))
        position = document.text.find(wanted, position + 1)
    if best is None:
        raise AnnotatorError(
            f"{quote.where}: the span {raw_text[quote.start : quote.end][:40]!r} is not in the "
            "cleaned text of the document"
        )
    return best


def _annotation_for(
    record: ImportedRecord, annotator: str, document: Document, store: AnnotationStore
) -> AnnotationFile | None:
    scheme = store.scheme
    stances, sentiments = set(scheme.stance_values()), set(scheme.sentiment_values())
    extracted = {quote.id: quote for quote in document.quotes}
    seen: set[str] = set()
    labels: list[QuoteLabel] = []
    added: list[Quote] = []
    for item in record.quotes:
        start, end = _locate(item, record.text, document)
        quote_id = quote_id_for(start, end)
        if item.quote_id is not None and item.quote_id != quote_id_for(item.start, item.end):
            raise AnnotatorError(
                f"{item.where}: quote id {item.quote_id!r} does not match the span {item.start}-{item.end}"
            )
        if quote_id in seen:
            raise AnnotatorError(f"{item.where}: the span {start}-{end} appears twice")
        seen.add(quote_id)
        if item.stance is not None and item.stance not in stances:
            raise AnnotatorError(
                f"{item.where}: unknown stance {item.stance!r} (scheme {scheme.name}: "
                f"{', '.join(scheme.stance_values())})"
            )
        if item.sentiment is not None and item.sentiment not in sentiments:
            raise AnnotatorError(
                f"{item.where}: unknown sentiment {item.sentiment!r} (scheme {scheme.name}: "
                f"{', '.join(scheme.sentiment_values())})"
            )
        if item.kind is not None and item.kind not in {k.value for k in QuoteKind}:
            raise AnnotatorError(f"{item.where}: unknown quote kind {item.kind!r}")
        base = extracted.get(quote_id)
        speaker_override: str | None = None
        outlet_override: str | None = None
        if base is None:
            own_speaker = item.speaker if item.quote_speaker is UNSET else item.quote_speaker
            own_outlet = item.outlet if item.quote_outlet is UNSET else item.quote_outlet
            if item.speaker is not UNSET and item.speaker != own_speaker:
                speaker_override = item.speaker or ""
            if item.outlet is not UNSET and item.outlet != own_outlet:
                outlet_override = item.outlet or ""
            added.append(
                Quote.from_span(
                    document.text,
                    start,
                    end,
                    kind=item.kind or QuoteKind.DIRECT,
                    origin=QuoteOrigin.MANUAL,
                    speaker=None if own_speaker is UNSET else own_speaker or None,
                    outlet=None if own_outlet is UNSET else own_outlet or None,
                    cue=item.cue,
                    speaker_role=item.speaker_role,
                    replaces=item.replaces,
                    **({"confidence": item.confidence} if item.confidence is not None else {}),
                )
            )
        else:
            if item.speaker is not UNSET and item.speaker != base.speaker:
                speaker_override = item.speaker or ""
            if item.outlet is not UNSET and item.outlet != base.outlet:
                outlet_override = item.outlet or ""
        label = QuoteLabel(
            quote_id=quote_id,
            stance=item.stance,
            sentiment=item.sentiment,
            speaker=speaker_override,
            outlet=outlet_override,
            note=item.note or None,
            flagged=item.flagged,
            seconds=item.seconds,
            **({"updated_at": item.updated_at} if item.updated_at is not None else {}),
        )
        if not label.is_empty():
            labels.append(label)
    deleted = sorted(quote_id for quote_id in extracted if quote_id not in seen)
    if not labels and not added and not deleted:
        return None
    data = AnnotationFile(
        annotator=annotator,
        document_id=document.id,
        document_sha256=document.sha256,
        scheme=scheme.ref,
        labels=labels,
        added_quotes=added,
        deleted_quotes=deleted,
    ).sorted_for_writing()
    where = f"{record.where} (annotator {annotator}, document {document.id})"
    annotation = validate_model(
        AnnotationFile,
        data.model_dump(mode="json"),
        where,
        context={"scheme": scheme, "document_text": document.text},
    )
    try:
        check_matches_document(annotation, document, Path(where))
    except InvalidFileError as exc:
        raise AnnotatorError(str(exc)) from None
    return annotation


def apply_import(plan: ImportPlan) -> None:
    """Write what :func:`plan_import` validated: new documents first, then annotation files."""
    if plan.new_documents:
        write_atomic(
            plan.documents_out,
            b"".join(orjson.dumps(line) + b"\n" for line in plan.new_documents),
        )
    by_annotator: dict[str, list[AnnotationFile]] = {}
    for annotation in plan.files:
        by_annotator.setdefault(annotation.annotator, []).append(annotation)
    for annotator in sorted(by_annotator):
        with plan.store.open_writer(annotator) as writer:
            for annotation in by_annotator[annotator]:
                writer.save(annotation)


QUOTE_LABEL = "QUOTE"  # span label of a quote with no stance (Prodigy, doccano)


def quote_fields(data: dict[str, Any], item: ImportedQuote) -> ImportedQuote:
    """Fill ``item`` from the optional per-quote keys this project's exports write."""
    where = item.where
    item.quote_id = optional_str(data.get("quote_id"), where, "quote_id")
    item.kind = optional_str(data.get("kind"), where, "kind")
    if "stance" in data:
        item.stance = optional_str(data["stance"], where, "stance")
    if "sentiment" in data:
        item.sentiment = optional_str(data["sentiment"], where, "sentiment")
    if "speaker" in data:
        item.speaker = optional_str(data["speaker"], where, "speaker")
    if "outlet" in data:
        item.outlet = optional_str(data["outlet"], where, "outlet")
    item.note = optional_str(data.get("note"), where, "note")
    flagged = data.get("flagged", False)
    if not isinstance(flagged, bool):
        raise AnnotatorError(f"{where}: flagged must be true or false")
    item.flagged = flagged
    item.cue = optional_str(data.get("cue"), where, "cue")
    if "quote_speaker" in data:
        item.quote_speaker = optional_str(data["quote_speaker"], where, "quote_speaker")
    if "quote_outlet" in data:
        item.quote_outlet = optional_str(data["quote_outlet"], where, "quote_outlet")
    item.speaker_role = optional_str(data.get("speaker_role"), where, "speaker_role")
    replaces = optional_str(data.get("replaces"), where, "replaces")
    if replaces is not None:
        try:
            check_quote_id(replaces)
        except ValueError as exc:
            raise AnnotatorError(f"{where}: replaces: {exc}") from None
    item.replaces = replaces
    confidence = data.get("confidence")
    if confidence is not None and (
        isinstance(confidence, bool)
        or not isinstance(confidence, int | float)
        or not 0 <= confidence <= 1
    ):
        raise AnnotatorError(f"{where}: confidence must be a number from 0 to 1")
    item.confidence = float(confidence) if confidence is not None else None
    seconds = data.get("seconds", 0.0)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise AnnotatorError(f"{where}: seconds must be a non-negative number")
    item.seconds = float(seconds)
    updated = optional_str(data.get("updated_at"), where, "updated_at")
    if updated is not None:
        try:
            item.updated_at = datetime.fromisoformat(updated)
        except ValueError:
            raise AnnotatorError(
                f"{where}: updated_at {updated!r} is not an ISO 8601 time"
            ) from None
    return item


def stance_from_label(label: Any, where: str) -> str | None:
    if not isinstance(label, str) or not label:
        raise AnnotatorError(f"{where}: missing or non-string label")
    return None if label == QUOTE_LABEL else label


def judgement_fields(quote: Quote, judgement: Any) -> dict[str, Any]:
    """The per-quote keys exports write (read back by :func:`quote_fields`)."""
    updated = judgement.updated_at
    return {
        "quote_id": quote.id,
        "kind": quote.kind.value,
        "stance": judgement.stance,
        "sentiment": judgement.sentiment,
        "speaker": judgement.speaker,
        "outlet": judgement.outlet,
        "note": judgement.note,
        "flagged": judgement.flagged,
        "seconds": judgement.seconds,
        "updated_at": updated.isoformat() if updated is not None else None,
        "cue": quote.cue,
        "speaker_role": quote.speaker_role,
        "confidence": quote.confidence,
        "replaces": quote.replaces,
        "quote_speaker": quote.speaker,
        "quote_outlet": quote.outlet,
    }


def record_text(data: dict[str, Any], where: str) -> str:
    text = data.get("text")
    if not isinstance(text, str) or not text:
        raise AnnotatorError(f'{where}: missing or empty "text"')
    return text
