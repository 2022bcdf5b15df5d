"""Atomic, locked reading and writing of annotation files.

Layout: ``<root>/<annotator>/<document_id>.json``. One process at a time may write an
annotator's files: :meth:`AnnotationStore.open_writer` takes an exclusive ``flock`` on
``<root>/<annotator>/.lock`` (released by the kernel if the process dies), opened without
following links. Before each write the writer checks that it still holds that lock file (a
``git clean -fX`` may have deleted it) and whether the annotation file changed on disk since
this writer last read or wrote it; if so, the three are merged (:mod:`annotator.merge`), and
a conflict stops the write. Annotator folders and annotation files that are symbolic links,
or that resolve outside the annotations folder, are refused.
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from annotator.atomic import remove_leftover_temps, write_atomic
from annotator.errors import (
    AnnotatorError,
    ConflictError,
    InvalidFileError,
    LockedError,
    machine_error,
)
from annotator.file_pieces import PieceCache, render
from annotator.jsonio import parse_json, read_file_bytes, validate_model
from annotator.light_validation import validate_annotation_json
from annotator.locations import DEFAULT_ANNOTATIONS_DIR
from annotator.merge import merge_annotations
from annotator.migrations import NeedsMigrationError, migrate_annotation
from annotator.models import (
    DEFAULT_SCHEME,
    AnnotationFile,
    Document,
    LabelScheme,
    check_quote_against_text,
    check_safe_name,
    span_of_quote_id,
)

LOCK_NAME = ".lock"


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

    A version 1 file is migrated in memory when ``document`` is given (the file itself changes
    only when it is next saved); without it, it raises :class:`NeedsMigrationError`. A current
    file is parsed and validated in one pass by the light validator
    (:mod:`annotator.light_validation`: the same result, per-label checks in bulk; with
    ``document``, its added quotes checked against the text as the full validator checks them),
    else (without ``document``) by ``model_validate_json``; a file that fails takes the slow
    path (parse, migrate, validate), which names the problem.
    """
    raw = read_file_bytes(path)
    context: dict[str, object] = {"scheme": scheme}
    light = validate_annotation_json(raw, scheme, context)
    if light is not None and (document is None or _added_quotes_fit(light, document)):
        if document is not None:
            same = light.document_sha256 == document.sha256
            check_matches_document(light, document, path, check_spans=same)
        return light
    if document is None:
        try:
            return AnnotationFile.model_validate_json(raw, context=context)
        except ValidationError:
            pass
    data = migrate_annotation(parse_json(raw, path), path, document)
    # spans are checked against the text the file was made on only (another version of the
    # text is the session's to re-anchor, see annotator.anchoring)
    same_text = document is not None and data.get("document_sha256") == document.sha256
    if document is not None and same_text:
        context["document_text"] = document.text
    annotation = validate_model(AnnotationFile, data, path, context=context)
    if document is not None:
        check_matches_document(annotation, document, path, check_spans=same_text)
    return annotation


def _added_quotes_fit(annotation: AnnotationFile, document: Document) -> bool:
    """What the full validator checks with the document's text in its context (only for a
    file made on this very text): every added quote lies in the text with its own text."""
    if annotation.document_sha256 != document.sha256:
        return True
    try:
        for quote in annotation.added_quotes:
            check_quote_against_text(quote, document.text)
    except ValueError:
        return False  # the slow path names the quote and the JSON path
    return True


def check_matches_document(
    annotation: AnnotationFile, document: Document, path: Path, check_spans: bool = True
) -> None:
    """The file is for this document, and (``check_spans``) its labels lie inside the text."""
    if annotation.document_id != document.id:
        raise InvalidFileError(
            path,
            f"is for document {annotation.document_id!r}, not {document.id!r}",
            "$.document_id",
        )
    if not check_spans:
        return
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


def check_location(annotation: AnnotationFile, path: Path) -> None:
    """A file must be ``<annotator>/<document_id>.json`` of the annotator and document it names."""
    if annotation.annotator != path.parent.name:
        raise InvalidFileError(
            path,
            f"holds annotator {annotation.annotator!r}, not {path.parent.name!r} (its folder); "
            "not used or changed, move it to its annotator's folder",
            "$.annotator",
        )
    if annotation.document_id != path.stem:
        raise InvalidFileError(
            path,
            f"holds document {annotation.document_id!r}, not {path.stem!r} (its name); "
            "not used or changed, rename it",
            "$.document_id",
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

    def check_folder(self, annotator: str) -> Path:
        """The annotator's folder; refused if it is a symbolic link (writes would leave root)."""
        folder = self.root / safe_component(annotator, "annotator name")
        if folder.is_symlink():
            raise AnnotatorError(
                f"{folder}: the annotator folder is a symbolic link; refused, annotation files "
                f"stay inside {self.root}. Replace the link by a real folder"
            )
        return folder

    def check_file(self, path: Path) -> Path:
        """Refuse an annotation file that is a link or that resolves outside its folder."""
        self.check_folder(path.parent.name)
        return self._check_in_folder(path, self._resolved_folder(path.parent.name))

    def _resolved_folder(self, annotator: str) -> str:
        try:
            return os.path.join(os.path.realpath(self.root, strict=False), annotator)
        except OSError as exc:
            raise machine_error(exc, self.root, "cannot read") from exc

    def _check_in_folder(self, path: Path, resolved_folder: str) -> Path:
        """:meth:`check_file` once the folder is checked and resolved (``resolved_folder``)."""
        if path.is_symlink():
            raise InvalidFileError(
                path, "is a symbolic link; refused. Replace it by the file it points to"
            )
        try:
            resolved = os.path.realpath(path)
        except OSError as exc:
            raise machine_error(exc, path, "cannot read") from exc
        if os.path.dirname(resolved) != resolved_folder:
            raise InvalidFileError(path, f"resolves to a place outside {self.root}; refused")
        return path

    def load(
        self, annotator: str, document_id: str, document: Document | None = None
    ) -> AnnotationFile | None:
        """The annotator's file for a document, or ``None`` if there is none yet."""
        path = self.path_for(annotator, document_id)
        self.check_folder(annotator)
        if not path.exists() and not path.is_symlink():
            return None
        annotation = load_annotation_file(self.check_file(path), self.scheme, document)
        check_location(annotation, path)
        return annotation

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
            folder = self.check_folder(annotator)
            if folder.is_dir():
                yield from self._folder_files(folder)

    def _folder_files(self, folder: Path) -> Iterator[Path]:
        """The ``*.json`` files of one (checked, not linked) annotator folder, sorted, as
        ``sorted(folder.glob("*.json"))`` lists them. One ``scandir``: each entry's
        type comes with it, and a file that is no link lies in the folder's resolved place,
        so no ``realpath`` is needed per file (:meth:`_check_in_folder` says the same)."""
        try:
            with os.scandir(folder) as entries:
                names = sorted(
                    (entry.name, entry.is_symlink())
                    for entry in entries
                    if entry.name.endswith(".json")
                )
        except OSError as exc:
            raise machine_error(exc, folder, "cannot read") from exc
        for name, is_link in names:
            path = folder / name
            if is_link:
                raise InvalidFileError(
                    path, "is a symbolic link; refused. Replace it by the file it points to"
                )
            yield path

    def iter_files(
        self, annotators: list[str] | None = None, paths: list[Path] | None = None
    ) -> Iterator[AnnotationFile]:
        """Load every annotation file (of ``paths``, already listed by :meth:`paths`, if
        given); raises :class:`InvalidFileError` on the first bad one."""
        for path in paths if paths is not None else self.paths(annotators):
            annotation = load_annotation_file(path, self.scheme)
            check_location(annotation, path)
            yield annotation

    def open_writer(self, annotator: str) -> AnnotationWriter:
        """Take the annotator's write lock; raises :class:`LockedError` if another process has it."""
        safe_component(annotator, "annotator name")
        return AnnotationWriter.acquire(self, annotator)


Stamp = tuple[int, int, int, int]


@dataclass(frozen=True)
class Seen:
    """An annotation file as this writer last read or wrote it (no ``loaded`` nor ``raw``:
    no file). Its data (the base of a merge) is parsed from ``raw`` only when needed."""

    stamp: Stamp | None
    loaded: AnnotationFile | None = None
    raw: bytes | None = None

    def data(self) -> dict[str, Any] | None:
        if self.raw is not None:
            parsed: dict[str, Any] = orjson.loads(self.raw)
            return parsed
        return None if self.loaded is None else _data(self.loaded)


@dataclass(frozen=True)
class Saved:
    """What :meth:`AnnotationWriter.write` put on disk; ``merged``: changes from disk were merged."""

    path: Path
    annotation: AnnotationFile
    merged: bool


@dataclass
class AnnotationWriter:
    """Holds one annotator's write lock and saves that annotator's files atomically."""

    store: AnnotationStore
    annotator: str
    _lock_fd: int | None = field(default=None, repr=False)
    _lock_path: Path | None = field(default=None, repr=False)
    # each file as this writer last read or wrote it: the base of a three-way merge
    _seen: dict[Path, Seen] = field(default_factory=dict, repr=False)
    # each file's labels and added quotes, validated and serialised (see annotator.file_pieces)
    _pieces: dict[Path, PieceCache] = field(default_factory=dict, repr=False)
    removed_temps: list[Path] = field(default_factory=list)

    @classmethod
    def acquire(cls, store: AnnotationStore, annotator: str) -> AnnotationWriter:
        folder = store.check_folder(annotator)
        lock_path = folder / LOCK_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise AnnotatorError(
                    f"{lock_path}: the lock file is a symbolic link; refused (it could make "
                    "annotator write elsewhere). Delete the link"
                ) from exc
            raise machine_error(exc, lock_path, "cannot create the lock file") from exc
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise AnnotatorError(f"{lock_path}: the lock file is not a regular file; remove it")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise LockedError(
                    f"{folder}: annotator {annotator!r} is already being edited by "
                    f"{_lock_holder(fd)}; close that session first"
                ) from None
            # only now, holding the lock, is the file ours to rewrite
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"process {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        except OSError as exc:
            os.close(fd)
            raise machine_error(exc, lock_path, "cannot write the lock file") from exc
        except BaseException:
            os.close(fd)
            raise
        writer = cls(store=store, annotator=annotator, _lock_fd=fd, _lock_path=lock_path)
        # a writer killed mid-write left its temporary file; no live one can exist now
        writer.removed_temps = remove_leftover_temps(folder, suffix=".json")
        return writer

    def check_lock(self) -> None:
        """Raise unless this writer still holds the lock file that is in the folder now."""
        if self._lock_fd is None or self._lock_path is None:
            raise AnnotatorError(f"the write lock for {self.annotator!r} has been released")
        held = os.fstat(self._lock_fd)
        try:
            present = os.lstat(self._lock_path)
        except OSError:
            present = None
        if present is None or (present.st_dev, present.st_ino) != (held.st_dev, held.st_ino):
            what = "deleted" if present is None else "replaced"
            raise AnnotatorError(
                f"{self._lock_path}: the lock file was {what} while annotator was running "
                "(git clean?), so another writer may have started; nothing saved. Close "
                "annotator and open it again (keep .lock out of git)"
            )

    def load(self, document_id: str, document: Document | None = None) -> AnnotationFile | None:
        """Read this annotator's file (``None`` if none) and remember it as the merge base."""
        path = self.store.path_for(self.annotator, document_id)
        for _ in range(5):
            before = _stamp(path)
            annotation = self.store.load(self.annotator, document_id, document)
            if _stamp(path) == before:
                break
        self._seen[path] = Seen(before, annotation)
        pieces = self._pieces[path] = PieceCache()
        if annotation is not None:
            # validated just now: a label the caller keeps unchanged needs no validation again
            pieces.trust(annotation)
        return annotation

    def save(self, annotation: AnnotationFile) -> Path:
        """Validate and atomically write one annotation file; returns its path."""
        return self.write(annotation).path

    def write(self, annotation: AnnotationFile) -> Saved:
        """Save ``annotation``, merged with changes made on disk since this writer read it.

        Raises :class:`ConflictError` (writing nothing) when the same quote was changed
        differently on disk and in ``annotation``.
        """
        self.check_lock()
        if annotation.annotator != self.annotator:
            raise AnnotatorError(
                f"cannot save {annotation.annotator!r}'s file with {self.annotator!r}'s lock"
            )
        path = self.store.path_for(annotation.annotator, annotation.document_id)
        self.store.check_file(path)
        pieces = self._pieces.setdefault(path, PieceCache())
        seen = self._seen.get(path)
        stamp = _stamp(path)  # one lstat: the cheap check for a change made on disk
        merged = False
        if stamp is not None and (seen is None or seen.stamp != stamp):
            # changed since we last read or wrote it (or never seen): read what is there;
            # never replace a file we cannot read: it may hold work a fix would recover
            try:
                theirs: AnnotationFile | None = load_annotation_file(path, self.store.scheme)
            except NeedsMigrationError:
                theirs = None  # an old file the session migrated in memory: readable, replaceable
            except InvalidFileError as exc:
                raise AnnotatorError(
                    f"{exc}; not overwritten, fix or move that file first"
                ) from exc
            their_data = None if theirs is None else _data(theirs)
            base = None if seen is None else seen.data()
            if seen is not None and their_data is not None and their_data != base:
                ours_data = render(annotation, pieces, path, self.store.scheme)[1]
                data = merge_annotations(base, their_data, _data(ours_data), path)
                try:
                    annotation = AnnotationFile.model_validate(
                        data, context={"scheme": self.store.scheme}
                    )
                except ValueError as exc:
                    raise ConflictError(
                        path, [], [f"the merged file is not valid ({exc})"]
                    ) from exc
                merged = True
        # only labels and quotes that changed since the last write are validated and
        # serialised again; the file on disk must always validate
        raw, ours = render(annotation, pieces, path, self.store.scheme)
        write_atomic(path, raw)
        self._seen[path] = Seen(_stamp(path), raw=raw)
        return Saved(path, ours, merged)

    def release(self) -> None:
        if self._lock_fd is not None:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            finally:
                os.close(self._lock_fd)
                self._lock_fd = None

    def __enter__(self) -> AnnotationWriter:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _lock_holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it right after taking it (retried briefly)."""
    deadline = time.monotonic() + 1.0
    while True:
        try:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        except OSError:
            holder = ""
        if holder or time.monotonic() > deadline:
            return holder.splitlines()[0] if holder else "another process"
        time.sleep(0.02)


def _data(annotation: AnnotationFile) -> dict[str, Any]:
    return annotation.sorted_for_writing().model_dump(mode="json")


def _stamp(path: Path) -> Stamp | None:
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise machine_error(exc, path, "cannot read") from exc
    return status.st_ino, status.st_mtime_ns, status.st_size, status.st_ctime_ns
