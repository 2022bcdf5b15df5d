"""Turning records read from another tool's file into validated annotation files.

Readers (``prodigy``, ``label_studio``, ``doccano``) produce :class:`ImportedRecord` objects with
Python string offsets. :func:`plan_import` matches each record to a corpus document (by id, else
by identical text) or makes a new document from its text, builds and validates every annotation
file, and checks that nothing would be overwritten — all before :func:`apply_import` writes a
single byte. Records are consumed one at a time (readers stream their files), so memory is
bounded by the largest record, not the import file. :func:`apply_import` takes every lock and
re-checks every target before its first write, and puts back what it wrote if a write fails.
New documents are written as a JSON Lines corpus (``{"id", "text", ...}``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from annotator.atomic import atomic_writer
from annotator.corpus import normalise_whitespace
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.jsonio import dump_pretty, validate_model
from annotator.models import (
    MANUAL_EXTRACTOR,
    AnnotationFile,
    Document,
    LabelledQuote,
    Quote,
    QuoteKind,
    QuoteLabel,
    QuoteOrigin,
    check_quote_id,
    check_safe_name,
    current_extractor_version,
    quote_id_for,
    sha256_text,
)
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore, check_matches_document, load_annotation_file

if TYPE_CHECKING:
    from annotator.export.views import Judgement

UNSET: Any = object()  # a field the file did not carry (speaker/outlet: keep as extracted)


@dataclass
class ImportedQuote:
    where: str  # names the record and span in error messages
    start: int
    end: int
    quote_id: str | None = None  # the span the metadata describes (another: edited in the tool)
    kind: str | None = None
    stance: str | None = None
    sentiment: str | None = None
    speaker: Any = UNSET
    outlet: Any = UNSET
    note: str | None = None
    flagged: bool = False
    seconds: float = 0.0
    updated_at: datetime | None = None
    # the quote as the annotator saw it (the label's snapshot, or the quote they added): the
    # tool cannot hold these, the export's metadata carries them
    cue: str | None = None
    speaker_role: str | None = None
    replaces: str | None = None
    confidence: float | None = None
    # the quote's own (proposed) speaker/outlet, which the label may override: UNSET = as resolved
    quote_speaker: Any = UNSET
    quote_outlet: Any = UNSET
    origin: str | None = None  # auto: an extracted quote; manual: added (None: not carried)
    extractor: str | None = None  # the extractor version that proposed it


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


def is_int(value: Any) -> bool:
    """An integer in JSON terms (``true`` is not one)."""
    return isinstance(value, int) and not isinstance(value, bool)


def optional_id(value: Any, where: str, name: str) -> str | None:
    """An id given as a string or an integer (Label Studio and doccano use both), or null."""
    if value is None or isinstance(value, str):
        return value
    if is_int(value):
        return str(value)
    raise AnnotatorError(f"{where}: {name} must be a string, not {json_type(value)}")


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def check_span(text: str, start: Any, end: Any, where: str, claimed_text: Any = None) -> None:
    """Offsets must be integers with 0 <= start < end <= len(text) (and match any given text)."""
    if not is_int(start) or not is_int(end):
        raise AnnotatorError(f"{where}: start and end must be integers")
    if start < 0 or end <= start:
        raise AnnotatorError(f"{where}: empty or reversed span (start must be below end)")
    if end > len(text):
        raise AnnotatorError(f"{where}: ends outside the text ({len(text)} characters)")
    if claimed_text is not None and not isinstance(claimed_text, str):
        raise AnnotatorError(
            f"{where}: the span text must be a string, not {json_type(claimed_text)}"
        )
    if claimed_text is not None and text[start:end] != claimed_text:
        raise AnnotatorError(
            f"{where}: the offsets cover {text[start:end][:40]!r}, "
            f"not the span text {str(claimed_text)[:40]!r} (wrong offsets?)"
        )


def optional_str(value: Any, where: str, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise AnnotatorError(f"{where}: {name} must be a string or null, not {json_type(value)}")


NEW_DOCUMENT_TEXT_FIELDS = ("title", "author", "outlet", "published", "date", "region", "theme")


@dataclass(frozen=True)
class PlannedFile:
    """One validated annotation file of a plan; its content waits in the plan's spool."""

    annotator: str
    document_id: str
    labels: int
    offset: int
    size: int


@dataclass
class ImportPlan:
    """Everything an import will write, validated: the annotation files and the new documents'
    corpus lines, both spooled to anonymous temporary files (so neither is held in memory)."""

    new_documents: list[str]  # ids of the documents written to documents_out
    documents_out: Path
    files: list[PlannedFile]
    store: AnnotationStore
    force: bool = False
    skipped: int = 0
    unattributed: int = 0  # records without an annotator, skipped (no --annotator)
    warnings: list[str] = field(default_factory=list)  # the readers' notes, printed after
    spool: BinaryIO | None = field(default=None, repr=False)
    file_spool: BinaryIO | None = field(default=None, repr=False)

    def annotation(self, planned: PlannedFile) -> AnnotationFile:
        """The validated annotation file, read back from the spool."""
        assert self.file_spool is not None
        self.file_spool.seek(planned.offset)
        raw = self.file_spool.read(planned.size)
        return AnnotationFile.model_validate_json(raw, context={"scheme": self.store.scheme})

    def summary(self) -> str:
        annotators = sorted({file.annotator for file in self.files})
        labels = sum(file.labels for file in self.files)
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

    def close(self) -> None:
        for spool in (self.spool, self.file_spool):
            if spool is not None:
                spool.close()
        self.spool = self.file_spool = None


@dataclass
class _NewDocuments:
    """New documents met so far: their ids by raw-text hash, spooled corpus lines, and the last
    one loaded (the records of one task share it); a text met again later is loaded again."""

    documents_out: Path
    load: Callable[[list[Path]], Iterable[Document]]
    ids: dict[str, str] = field(default_factory=dict)  # raw sha -> document id
    taken: set[str] = field(default_factory=set)
    spool: BinaryIO | None = None
    last: tuple[str, Document] | None = None

    def document(self, line: dict[str, Any], raw_sha: str, where: str) -> Document:
        if self.last is not None and self.last[0] == raw_sha:
            return self.last[1]
        document = self._load_one(line, where)
        self.last = (raw_sha, document)
        return document

    def _load_one(self, line: dict[str, Any], where: str) -> Document:
        """The document exactly as the corpus reader will load it later (cleaned, extracted)."""
        with tempfile.TemporaryDirectory() as folder:
            temp = Path(folder) / self.documents_out.name
            temp.write_bytes(orjson.dumps(line) + b"\n")
            try:
                [document] = list(self.load([temp]))
            except AnnotatorError as exc:
                reason = exc.reason if isinstance(exc, InvalidFileError) else str(exc)
                raise AnnotatorError(f"{where}: {reason}") from None
        return document

    def add(self, line: dict[str, Any], raw_sha: str) -> None:
        if self.spool is None:
            self.spool = tempfile.TemporaryFile()  # noqa: SIM115 - owned by the plan
        self.spool.write(orjson.dumps(line) + b"\n")
        self.ids[raw_sha] = line["id"]
        self.taken.add(line["id"])


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
    """Validate everything an import would write; raises :class:`AnnotatorError` on the first
    problem. Records are consumed one at a time: only the annotation files (and the ids of new
    documents) are kept, so a big import file is never held in memory."""
    by_id: dict[str, Document] = {}
    by_text: dict[str, Document] = {}
    for document in corpus:
        by_id[document.id] = document
        by_text.setdefault(document.sha256, document)
    new = _NewDocuments(documents_out, load)
    files: dict[tuple[str, str], PlannedFile] = {}
    file_spool = tempfile.TemporaryFile()  # noqa: SIM115 - owned by the plan
    skipped = unattributed = 0
    warnings: list[str] = []
    try:
        number = 0  # of the record among those with annotations (names new documents)
        for record in records:
            if record.unannotated:
                skipped += 1
                continue
            if record.unattributed and annotator_override is None:
                unattributed += 1
                continue
            number += 1
            annotator = _annotator_of(record, annotator_override)
            document = _document_for(record, number, by_id, by_text, new, force)
            warnings.extend(record.warnings)
            if (annotator, document.id) in files:
                raise AnnotatorError(
                    f"{record.where}: a second record for annotator {annotator!r} and document "
                    f"{document.id!r}"
                )
            annotation = _annotation_for(record, annotator, document, store)
            if annotation is None:
                skipped += 1
                continue
            path = store.path_for(annotator, document.id)
            if path.exists() and not force:
                raise AnnotatorError(
                    f"{path}: already exists; pass --force to overwrite it (nothing was written)"
                )
            content = dump_pretty(annotation)
            files[(annotator, document.id)] = PlannedFile(
                annotator, document.id, len(annotation.labels), file_spool.tell(), len(content)
            )
            file_spool.write(content)
    except BaseException:
        file_spool.close()
        if new.spool is not None:
            new.spool.close()
        raise
    return ImportPlan(
        new_documents=list(new.ids.values()),
        documents_out=documents_out,
        files=list(files.values()),
        store=store,
        force=force,
        skipped=skipped,
        spool=new.spool,
        file_spool=file_spool,
        unattributed=unattributed,
        warnings=warnings,
    )


def _annotator_of(record: ImportedRecord, annotator_override: str | None) -> str:
    annotator = annotator_override or record.annotator
    if annotator is None:
        raise AnnotatorError(f"{record.where}: no annotator in the record; pass --annotator NAME")
    try:
        check_safe_name(annotator)
    except ValueError as exc:
        raise AnnotatorError(f"{record.where}: annotator name: {exc}") from None
    return annotator


def _document_for(
    record: ImportedRecord,
    number: int,
    by_id: dict[str, Document],
    by_text: dict[str, Document],
    new: _NewDocuments,
    force: bool,
) -> Document:
    """The corpus document of a record (by id, else by identical text), or a new document made
    from its text (spooled for the JSONL corpus written at apply time)."""
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
        return corpus_document
    documents_out = new.documents_out
    if raw_sha in new.ids:
        line = _new_line(record, new.ids[raw_sha])
        return new.document(line, raw_sha, record.where)
    if not new.ids and documents_out.exists() and not force:
        raise AnnotatorError(
            f"{documents_out}: already exists; pass --force to overwrite it (nothing was written)"
        )
    document_id = record.document_id or f"{documents_out.stem}-{number:05d}"
    try:
        check_safe_name(document_id)
    except ValueError as exc:
        raise AnnotatorError(f"{record.where}: document id: {exc}") from None
    if document_id in by_id:
        raise AnnotatorError(
            f"{record.where}: document id {document_id!r} is taken by another corpus text"
        )
    if document_id in new.taken:
        raise AnnotatorError(
            f"{record.where}: document id {document_id!r} is used for two different texts"
        )
    line = _new_line(record, document_id)
    document = new.document(line, raw_sha, record.where)
    new.add(line, raw_sha)
    return document


def _new_line(record: ImportedRecord, document_id: str) -> dict[str, Any]:
    metadata = {k: v for k, v in record.metadata.items() if k not in {"id", "text"}}
    for key in NEW_DOCUMENT_TEXT_FIELDS:
        value = metadata.get(key)
        if value is not None and not isinstance(value, str):
            raise AnnotatorError(
                f"{record.where}: {key} must be a string or null, not {json_type(value)}"
            )
    return {"id": document_id, "text": record.text, **metadata}


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
        # metadata naming another span: the span was changed in the tool, so what the metadata
        # says about the quote (its snapshot) is of the old span
        edited_from = item.quote_id
        if edited_from == quote_id_for(item.start, item.end):
            edited_from = None
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
        shown, own = _quote_as_seen(item, document.text, start, end, base, edited_from)
        label = _label_for(item, shown)
        if own is None and base is None and label.is_empty():
            # an extracted quote not proposed here and without a label to hold it (a new
            # document, another extractor): kept in the annotator's list as an added quote
            shown, own = _quote_as_seen(
                item, document.text, start, end, base, edited_from, as_added=True
            )
            label = _label_for(item, shown)
        if own is not None:
            added.append(own)
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


def _label_for(item: ImportedQuote, shown: LabelledQuote) -> QuoteLabel:
    """The label of ``item`` on the quote as the annotator saw it. The tool's speaker and outlet
    (resolved) win; they are a correction only where they differ from ``shown``'s."""
    speaker: str | None = None
    outlet: str | None = None
    if item.speaker is not UNSET and (item.speaker or None) != shown.speaker:
        speaker = item.speaker or ""
    if item.outlet is not UNSET and (item.outlet or None) != shown.outlet:
        outlet = item.outlet or ""
    return QuoteLabel(
        quote_id=shown.id,
        quote=shown,
        stance=item.stance,
        sentiment=item.sentiment,
        speaker=speaker,
        outlet=outlet,
        note=item.note or None,
        flagged=item.flagged,
        seconds=item.seconds,
        **({"updated_at": item.updated_at} if item.updated_at is not None else {}),
    )


def _given(value: Any, fallback: str | None) -> str | None:
    """A carried speaker/outlet ('' = none), else ``fallback`` when the file did not carry it."""
    return fallback if value is UNSET else value or None


def _quote_as_seen(
    item: ImportedQuote,
    text: str,
    start: int,
    end: int,
    base: Quote | None,
    edited_from: str | None,
    *,
    as_added: bool = False,
) -> tuple[LabelledQuote, Quote | None]:
    """The quote a label on ``item`` holds (as the annotator saw it) and, for a quote the
    annotator added (in annotator or in the tool), that added quote.

    - An extracted quote whose snapshot the export carried (``origin: auto``, span unchanged)
      is rebuilt from it — kind, cue, proposed attribution, confidence, extractor version —
      whether or not the current extractor still proposes that span, and whatever it proposes.
    - A span the current extractor proposes, without a carried snapshot (a quote drawn in the
      tool, an older export) or re-bounded in the tool onto the proposal: the proposal now.
    - Anything else is an added quote (``origin: manual``): one the annotator added (carried
      with its cue, role, attribution, confidence, ``replaces``), one drawn in the tool, or one
      re-bounded in the tool, which — as re-bounding in annotator does — keeps the old quote's
      kind, cue and attribution, names it in ``replaces`` and gets confidence 1.0.

    The kind is the tool's where the tool holds it (Label Studio's quote label), else carried.
    ``as_added``: make it an added quote whatever it was.
    """
    kind = QuoteKind(item.kind) if item.kind is not None else None
    if not as_added and edited_from is None and item.origin == QuoteOrigin.AUTO:
        snapshot = LabelledQuote(
            start=start,
            end=end,
            text=text[start:end],
            kind=kind or (base.kind if base is not None else QuoteKind.DIRECT),
            cue=item.cue,
            speaker=_given(item.quote_speaker, base.speaker if base is not None else None),
            speaker_role=item.speaker_role,
            outlet=_given(item.quote_outlet, base.outlet if base is not None else None),
            origin=QuoteOrigin.AUTO,
            confidence=item.confidence if item.confidence is not None else 1.0,
            extractor=item.extractor or current_extractor_version(),
        )
        return snapshot, None
    if (
        not as_added
        and base is not None
        and (edited_from is not None or item.origin != QuoteOrigin.MANUAL)
    ):
        snapshot = LabelledQuote.of(base, current_extractor_version())
        if kind is not None and edited_from is None:
            snapshot = snapshot.model_copy(update={"kind": kind})
        return snapshot, None
    resolved_speaker = item.speaker if item.speaker is not UNSET else None
    resolved_outlet = item.outlet if item.outlet is not UNSET else None
    own = Quote.from_span(
        text,
        start,
        end,
        kind=kind or QuoteKind.DIRECT,
        origin=QuoteOrigin.MANUAL,
        speaker=_given(item.quote_speaker, resolved_speaker),
        outlet=_given(item.quote_outlet, resolved_outlet),
        cue=item.cue,
        speaker_role=item.speaker_role,
        replaces=edited_from or item.replaces,
        **(
            {"confidence": item.confidence}
            if item.confidence is not None and edited_from is None
            else {}
        ),
    )
    return LabelledQuote.of(own, MANUAL_EXTRACTOR), own


def apply_import(plan: ImportPlan) -> None:
    """Write what :func:`plan_import` validated, all or nothing.

    First every annotator's write lock is taken and every target checked under it (an existing
    file without ``force``, one that does not load — corrupt, or from a newer version — even
    with it); only then is anything written: the new documents, then the annotation files. If a
    write still fails (a full disk), the files already written are put back as they were.
    """
    try:
        by_annotator: dict[str, list[PlannedFile]] = {}
        for planned in plan.files:
            by_annotator.setdefault(planned.annotator, []).append(planned)
        # annotators whose folder exists first: their locks are the ones another process can
        # hold, and a refusal then leaves no new folder behind
        order = sorted(by_annotator, key=lambda name: (not (plan.store.root / name).is_dir(), name))
        targets = [plan.store.path_for(a.annotator, a.document_id) for a in plan.files]
        _check_targets(targets, plan)  # before locking too, so a refusal creates no folder
        with contextlib.ExitStack() as stack:
            writers = {name: stack.enter_context(plan.store.open_writer(name)) for name in order}
            _check_targets(targets, plan)  # again under the locks: what counts
            with _Rollback() as rollback:
                if plan.new_documents and plan.spool is not None:
                    rollback.keep(plan.documents_out)
                    plan.spool.seek(0)
                    with atomic_writer(plan.documents_out) as out:
                        shutil.copyfileobj(plan.spool, out)
                for annotator in sorted(by_annotator):
                    for planned in by_annotator[annotator]:
                        rollback.keep(plan.store.path_for(annotator, planned.document_id))
                        writers[annotator].save(plan.annotation(planned))
    finally:
        plan.close()


def _check_targets(targets: list[Path], plan: ImportPlan) -> None:
    for path in targets:
        _check_target(path, plan)
    if plan.new_documents:
        _check_documents_out(plan)


def _check_target(path: Path, plan: ImportPlan) -> None:
    if not (path.exists() or path.is_symlink()):
        return
    if not plan.force:
        raise AnnotatorError(
            f"{path}: already exists; pass --force to overwrite it (nothing was written)"
        )
    try:
        load_annotation_file(path, plan.store.scheme)
    except InvalidFileError as exc:
        raise AnnotatorError(
            f"{exc}; not overwritten even with --force: fix or move that file first "
            "(nothing was written)"
        ) from None


def _check_documents_out(plan: ImportPlan) -> None:
    out = plan.documents_out
    if out.is_dir():
        raise AnnotatorError(f"{out}: is a folder; give a file name with --documents")
    if out.exists() and not plan.force:
        raise AnnotatorError(
            f"{out}: already exists; pass --force to overwrite it (nothing was written)"
        )


class _Rollback:
    """Remembers each file before it is replaced (a hard link to the old one, or that there was
    none) and, if the block fails, puts every one back; on success the old copies go."""

    def __init__(self) -> None:
        self._kept: list[tuple[Path, Path | None]] = []

    def keep(self, path: Path) -> None:
        backup: Path | None = None
        if path.exists():
            backup = path.with_name(f".{path.name}.{os.getpid()}.before-import")
            with contextlib.suppress(FileNotFoundError):
                backup.unlink()
            try:
                os.link(path, backup)
            except OSError:  # a file system without hard links: a copy does
                shutil.copy2(path, backup)
        self._kept.append((path, backup))

    def __enter__(self) -> _Rollback:
        return self

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        for path, backup in reversed(self._kept):
            with contextlib.suppress(OSError):
                if kind is None:
                    if backup is not None:
                        backup.unlink()
                elif backup is not None:
                    if path.exists() and os.path.samefile(path, backup):
                        backup.unlink()  # never replaced (rename of two links would do nothing)
                    else:
                        os.replace(backup, path)
                else:
                    path.unlink(missing_ok=True)


QUOTE_LABEL = "QUOTE"  # span label of a quote with no stance (Prodigy, doccano)


def quote_fields(data: dict[str, Any], item: ImportedQuote) -> ImportedQuote:
    """Fill ``item`` from the optional per-quote keys this project's exports write."""
    where = item.where
    item.quote_id = optional_str(data.get("quote_id"), where, "quote_id")
    if item.quote_id is not None:
        try:
            check_quote_id(item.quote_id)
        except ValueError as exc:
            raise AnnotatorError(f"{where}: quote_id: {exc}") from None
    item.kind = optional_str(data.get("kind"), where, "kind")
    item.origin = optional_str(data.get("origin"), where, "origin")
    if item.origin is not None and item.origin not in {o.value for o in QuoteOrigin}:
        raise AnnotatorError(
            f"{where}: unknown origin {item.origin!r} (expected "
            f"{', '.join(o.value for o in QuoteOrigin)})"
        )
    item.extractor = optional_str(data.get("extractor"), where, "extractor")
    if item.extractor is not None and not item.extractor.strip():
        raise AnnotatorError(f"{where}: extractor must not be empty")
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


def judgement_fields(quote: Quote, judgement: Judgement) -> dict[str, Any]:
    """The per-quote keys exports write (read back by :func:`quote_fields`): the judgement, and
    the quote as the annotator saw it (their label's snapshot: kind, cue, proposed speaker,
    role and outlet, origin, confidence, extractor version), which the tools cannot hold."""
    # the judgement's properties and seen()/seen_extractor(), read off its label once
    label = judgement.label
    if label is None:
        shown: LabelledQuote | Quote = quote
        stance = sentiment = note = updated_at = None
        flagged, seconds = False, 0.0
        extractor = (
            MANUAL_EXTRACTOR if quote.origin == QuoteOrigin.MANUAL else current_extractor_version()
        )
    else:
        shown = label.quote
        stance, sentiment, note = label.stance, label.sentiment, label.note
        flagged, seconds = label.flagged, label.seconds
        updated = label.updated_at
        updated_at = updated.isoformat() if updated is not None else None
        extractor = shown.extractor
    return {
        "quote_id": quote.id,
        "kind": shown.kind.value,
        "stance": stance,
        "sentiment": sentiment,
        "speaker": judgement.speaker,
        "outlet": judgement.outlet,
        "note": note,
        "flagged": flagged,
        "seconds": seconds,
        "updated_at": updated_at,
        "cue": shown.cue,
        "speaker_role": shown.speaker_role,
        "confidence": shown.confidence,
        "replaces": quote.replaces,
        "quote_speaker": shown.speaker,
        "quote_outlet": shown.outlet,
        "origin": shown.origin.value,
        "extractor": extractor,
    }


def record_text(data: dict[str, Any], where: str) -> str:
    text = data.get("text")
    if not isinstance(text, str) or not text:
        raise AnnotatorError(f'{where}: missing or empty "text"')
    return text
