"""Atomic, locked reading and writing of annotation files.

Layout: ``<root>/<annotator>/<document_id>.json``. One process at a time may write an
annotator's files: :meth:`AnnotationStore.open_writer` takes an exclusive ``flock`` on
``<root>/<annotator>/.lock`` (released by the kernel if the process dies).
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from annotator.atomic import write_atomic
from annotator.errors import AnnotatorError, InvalidFileError, LockedError
from annotator.jsonio import dump_pretty, parse_json, validate_model
from annotator.migrations import migrate_annotation
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    LabelScheme,
    check_safe_name,
    span_of_quote_id,
)

LOCK_NAME = ".lock"
DEFAULT_ANNOTATIONS_DIR = Path("annotations")


def safe_component(value: str, what: str) -> str:
    """Validate a name that becomes a path component (annotator name, document id)."""
    try:
        return check_safe_name(value)
    except ValueError as exc:
        raise AnnotatorError(f"invalid {what}: {exc}") from exc


def load_annotation_file(
    path: Path,
    scheme: LabelScheme = DEFAULT_SCHEME,
    document: Document | None = None,
) -> AnnotationFile:
    """Read, migrate and validate one annotation file; errors name the file and JSON path.

    A current file is parsed and validated in one pass (``model_validate_json``); only a file
    that fails it takes the slow path (parse, migrate, validate), which names the problem.
    """
    context: dict[str, object] = {"scheme": scheme}
    if document is not None:
        context["document_text"] = document.text
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidFileError(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        annotation = AnnotationFile.model_validate_json(raw, context=context)
    except ValidationError:
        data = migrate_annotation(parse_json(raw, path), path)
        annotation = validate_model(AnnotationFile, data, path, context=context)
    if document is not None:
        check_matches_document(annotation, document, path)
    return annotation


def check_matches_document(annotation: AnnotationFile, document: Document, path: Path) -> None:
    """Labels must point at quotes the annotator can see in this document."""
    if annotation.document_id != document.id:
        raise InvalidFileError(
            path,
            f"is for document {annotation.document_id!r}, not {document.id!r}",
            "$.document_id",
        )
    known = {quote.id for quote in document.quotes} | {q.id for q in annotation.added_quotes}
    for index, label in enumerate(annotation.labels):
        # A label on a span the extractor no longer produces is kept, never dropped;
        # it is only an error when its span lies outside the text.
        if label.quote_id not in known and span_of_quote_id(label.quote_id)[1] > len(document.text):
            raise InvalidFileError(
                path,
                f"quote {label.quote_id} lies outside the text ({len(document.text)} characters)",
                f"$.labels[{index}].quote_id",
            )


def _is_safe_name(name: str) -> bool:
    try:
        check_safe_name(name)
    except ValueError:
        return False
    return True


@dataclass
class AnnotationStore:
    """All annotation files under one folder."""

    root: Path = DEFAULT_ANNOTATIONS_DIR
    scheme: LabelScheme = field(default_factory=lambda: DEFAULT_SCHEME)

    def path_for(self, annotator: str, document_id: str) -> Path:
        safe_component(annotator, "annotator name")
        safe_component(document_id, "document id")
        return self.root / annotator / f"{document_id}.json"

    def load(
        self, annotator: str, document_id: str, document: Document | None = None
    ) -> AnnotationFile | None:
        """The annotator's file for a document, or ``None`` if there is none yet."""
        path = self.path_for(annotator, document_id)
        if not path.exists():
            return None
        return load_annotation_file(path, self.scheme, document)

    def annotators(self) -> list[str]:
        """Annotators with a folder under the root, sorted (folders like ``.git`` or ``_old`` are not)."""
        if not self.root.is_dir():
            return []
        return sorted(
            entry.name
            for entry in self.root.iterdir()
            if entry.is_dir() and _is_safe_name(entry.name)
        )

    def paths(self, annotators: list[str] | None = None) -> Iterator[Path]:
        """Every annotation file, in annotator then document order."""
        for annotator in annotators if annotators is not None else self.annotators():
            folder = self.root / safe_component(annotator, "annotator name")
            if folder.is_dir():
                yield from sorted(folder.glob("*.json"))

    def iter_files(self, annotators: list[str] | None = None) -> Iterator[AnnotationFile]:
        """Load every annotation file (raises :class:`InvalidFileError` on the first bad one)."""
        for path in self.paths(annotators):
            annotation = load_annotation_file(path, self.scheme)
            if annotation.annotator != path.parent.name or annotation.document_id != path.stem:
                raise InvalidFileError(
                    path,
                    f"holds annotator {annotation.annotator!r} / document "
                    f"{annotation.document_id!r}, which does not match its location",
                )
            yield annotation

    def open_writer(self, annotator: str) -> AnnotationWriter:
        """Take the annotator's write lock; raises :class:`LockedError` if another process has it."""
        safe_component(annotator, "annotator name")
        return AnnotationWriter.acquire(self, annotator)


@dataclass
class AnnotationWriter:
    """Holds one annotator's write lock and saves that annotator's files atomically."""

    store: AnnotationStore
    annotator: str
    _lock_handle: IO[str] | None = field(default=None, repr=False)
    # (mtime_ns, size) of each file as this writer last wrote it: such a file needs no re-check
    _written: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False)

    @classmethod
    def acquire(cls, store: AnnotationStore, annotator: str) -> AnnotationWriter:
        folder = store.root / annotator
        folder.mkdir(parents=True, exist_ok=True)
        lock_path = folder / LOCK_NAME
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the writer's life
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise LockedError(
                f"{folder}: annotator {annotator!r} is already being edited by {holder}; "
                "close that session first"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()} on {socket.gethostname()}\n")
        handle.flush()
        return cls(store=store, annotator=annotator, _lock_handle=handle)

    def save(self, annotation: AnnotationFile) -> Path:
        """Validate and atomically write one annotation file; returns its path."""
        if self._lock_handle is None:
            raise AnnotatorError(f"the write lock for {self.annotator!r} has been released")
        if annotation.annotator != self.annotator:
            raise AnnotatorError(
                f"cannot save {annotation.annotator!r}'s file with {self.annotator!r}'s lock"
            )
        path = self.store.path_for(annotation.annotator, annotation.document_id)
        if path.exists() and self._written.get(path) != _stamp(path):
            # never replace a file we cannot read: it may hold work a fix would recover
            try:
                load_annotation_file(path, self.store.scheme)
            except InvalidFileError as exc:
                raise AnnotatorError(
                    f"{exc}; not overwritten, fix or move that file first"
                ) from exc
        ordered = annotation.sorted_for_writing()
        # validate again what is about to be written: the file on disk must always validate
        validate_model(
            AnnotationFile,
            ordered.model_dump(mode="json"),
            path,
            context={"scheme": self.store.scheme},
        )
        write_atomic(path, dump_pretty(ordered))
        self._written[path] = _stamp(path)
        return path

    def release(self) -> None:
        if self._lock_handle is not None:
            fcntl.flock(self._lock_handle.fileno(), fcntl.LOCK_UN)
            self._lock_handle.close()
            self._lock_handle = None

    def __enter__(self) -> AnnotationWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size
