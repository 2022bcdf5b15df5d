"""The listing index: what a corpus row needs, computed once per version of each file.

Listing a corpus means reading and cleaning every article, looking up its extraction and
reading the annotator's file for it; on 1,000 articles that is a minute. The index keeps the
results, so a second listing reads a few small entries per document instead. Three kinds of
entry, each one JSON file ``<cache dir>/listing/<key[:2]>/<key>.json`` written atomically
(:mod:`annotator.atomic`), under a key that changes whenever what it was computed from does:

``documents``
    one article file's documents (id, title, author, outlet, date, region, theme, paragraphs,
    headings, words, characters, source, SHA-256 of the cleaned text), keyed by the file's
    absolute path, size, ``mtime_ns``, inode and ``ctime_ns`` and the cleaning code's own
    (``annotator/corpus.py``) size and ``mtime_ns``.
``quotes``
    the quote ids extracted from one text, keyed by its extraction cache key (text SHA-256,
    extractor version and options: :func:`annotator.cache.cache_key`).
``progress``
    one annotator's counts on one document (labelled, quotes, flagged, or the error that makes
    the file unusable), keyed by the annotator, the annotation file's identity (as above), the
    document's extraction key and the label scheme. A document without an annotation file needs
    no entry: its counts are 0 of its quotes.

What is cached is derived only from what is in its key, so an edited article, an annotation
file written by anyone (another window, ``git pull``), a new extractor version, other
options or another scheme simply miss and are recomputed. An entry is written only when the
file's identity was the same before and after reading it (a writer that changed it meanwhile
makes the result unsafe to keep). Concurrent writers of one key write the same bytes and the
last rename wins. Reading never trusts an entry: one that does not parse, is of another format
or kind, or names another key is ignored (and rewritten by whoever recomputes it).

Entries are small (about 0.3 KB a document); ``annotator cache clear`` removes them with the
extractions. ``ANNOTATOR_NO_CACHE=1`` turns the index off with the cache.

This module is light (orjson and the standard library) so that ``annotator corpus`` can list
an indexed corpus without loading pydantic or the cleaning code.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from annotator.cache_location import cache_enabled, default_cache_dir

if TYPE_CHECKING:
    from annotator.models import Document

LISTING_FORMAT = "annotator-listing/1"
LISTING_FOLDER = "listing"
SUMMARY_FIELDS = (
    "id",
    "title",
    "author",
    "outlet",
    "published",
    "region",
    "theme",
    "paragraphs",
    "headings",
    "words",
    "characters",
    "source",
    "sha256",
)

Identity = list[Any]  # [absolute path, size, mtime_ns, inode, ctime_ns]


def file_identity(path: Path) -> Identity | None:
    """What changes whenever ``path``'s content may have: None if it cannot be stat'ed."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [
        os.path.abspath(path),
        status.st_size,
        status.st_mtime_ns,
        status.st_ino,
        status.st_ctime_ns,
    ]


def _code_identity() -> list[Any]:
    """The cleaning code's size and mtime: rows made by other cleaning code are not reused."""
    code = Path(__file__).with_name("corpus.py")
    try:
        status = os.stat(code)
    except OSError:
        return []
    return [status.st_size, status.st_mtime_ns]


@dataclass(frozen=True)
class DocumentSummary:
    """One document as a corpus listing shows it (no text, no quotes)."""

    id: str
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    region: list[str]
    theme: list[str]
    paragraphs: int
    headings: int
    words: int
    characters: int
    source: str
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SUMMARY_FIELDS}

    @classmethod
    def from_json(cls, data: Any) -> DocumentSummary | None:
        """The summary stored in an entry, or None if it is not one (a foreign entry)."""
        if not isinstance(data, dict) or set(data) != set(SUMMARY_FIELDS):
            return None
        texts = ("id", "source", "sha256")
        optional = ("title", "author", "outlet", "published")
        counts = ("paragraphs", "headings", "words", "characters")
        if not (
            all(isinstance(data[name], str) for name in texts)
            and all(data[name] is None or isinstance(data[name], str) for name in optional)
            and all(type(data[name]) is int for name in counts)
            and all(
                isinstance(data[name], list) and all(isinstance(item, str) for item in data[name])
                for name in ("region", "theme")
            )
        ):
            return None
        return cls(**data)

    @classmethod
    def of(cls, document: Document) -> DocumentSummary:
        from annotator.corpus import word_count

        return cls(
            id=document.id,
            title=document.title,
            author=document.author,
            outlet=document.outlet,
            published=document.published,
            region=list(document.region),
            theme=list(document.theme),
            paragraphs=len(document.paragraphs()),
            headings=len(document.headings),
            words=word_count(document.text),
            characters=len(document.text),
            source=document.source,
            sha256=document.sha256,
        )


@dataclass(frozen=True)
class Counts:
    """One annotator's progress on one document."""

    labelled: int
    total: int
    flagged: int
    error: str | None = None


class ListingIndex:
    """Document summaries, quote ids and annotators' counts, by what they were computed from."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_cache_dir() / LISTING_FOLDER
        self.hits = 0
        self.misses = 0
        self.written = 0
        self._write_failed = False
        self._code = _code_identity()

    # ------------------------------------------------------------------ entries

    def key(self, kind: str, material: Any) -> str:
        data = orjson.dumps([LISTING_FORMAT, kind, material], option=orjson.OPT_SORT_KEYS)
        return hashlib.sha256(data).hexdigest()

    def path_for(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def _read(self, kind: str, key: str) -> Any:
        """The payload of entry ``key`` of ``kind``, or None (missing, corrupt or foreign)."""
        try:
            entry = orjson.loads(self.path_for(key).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None
        if not (
            isinstance(entry, dict)
            and entry.get("format") == LISTING_FORMAT
            and entry.get("kind") == kind
            and entry.get("key") == key
            and "value" in entry
        ):
            return None
        return entry["value"]

    def _write(self, kind: str, key: str, value: Any) -> None:
        if self._write_failed:
            return
        from annotator.atomic import (
            write_atomic,
        )  # only when writing: a listing that hits loads none

        entry = {"format": LISTING_FORMAT, "kind": kind, "key": key, "value": value}
        try:
            write_atomic(self.path_for(key), orjson.dumps(entry))
        except OSError:
            self._write_failed = True  # a full disk or read-only cache costs speed, not results
            return
        self.written += 1

    def _found(self, value: Any) -> Any:
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    # ------------------------------------------------------------------ documents of a file

    def _documents_key(self, path: Path, identity: Identity) -> str:
        # the path as given too: it is each summary's source
        return self.key("documents", [identity, str(path), self._code])

    def documents(self, path: Path, identity: Identity | None) -> list[DocumentSummary] | None:
        """The summaries of the documents of ``path`` when it had this identity, or None."""
        if identity is None:
            return None
        value = self._read("documents", self._documents_key(path, identity))
        if not isinstance(value, list):
            return self._found(None)
        summaries = [DocumentSummary.from_json(item) for item in value]
        if not summaries or any(summary is None for summary in summaries):
            return self._found(None)
        return self._found(summaries)

    def put_documents(
        self, path: Path, before: Identity | None, summaries: list[DocumentSummary]
    ) -> None:
        """Keep ``summaries`` of ``path`` as read when it had identity ``before``, unless it
        has changed since."""
        if before is None or file_identity(path) != before:
            return
        self._write(
            "documents",
            self._documents_key(path, before),
            [summary.to_json() for summary in summaries],
        )

    # ------------------------------------------------------------------ quotes of a text

    def quote_ids(self, extraction_key: str) -> list[str] | None:
        """The ids of the quotes extracted under this extraction cache key, or None."""
        value = self._read("quotes", self.key("quotes", extraction_key))
        if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
            return self._found(None)
        return self._found(value)

    def put_quote_ids(self, extraction_key: str, ids: list[str]) -> None:
        self._write("quotes", self.key("quotes", extraction_key), ids)

    # ------------------------------------------------------------------ an annotator's counts

    def _progress_key(
        self, annotator: str, identity: Identity, extraction_key: str, scheme: str
    ) -> str:
        return self.key("progress", [annotator, identity, extraction_key, scheme])

    def counts(
        self, annotator: str, identity: Identity, extraction_key: str, scheme: str
    ) -> Counts | None:
        """``annotator``'s counts from the annotation file with ``identity``, or None."""
        value = self._read(
            "progress", self._progress_key(annotator, identity, extraction_key, scheme)
        )
        try:
            counts = Counts(**value)
        except TypeError:  # not a mapping of these four (or None: no entry)
            return self._found(None)
        numbers = (counts.labelled, counts.total, counts.flagged)
        if not all(type(number) is int for number in numbers) or not (
            counts.error is None or isinstance(counts.error, str)
        ):
            return self._found(None)
        return self._found(counts)

    def put_counts(
        self,
        annotator: str,
        path: Path,
        before: Identity | None,
        extraction_key: str,
        scheme: str,
        counts: Counts,
    ) -> None:
        """Keep ``counts`` read from ``path`` when it had identity ``before``, unless it has
        changed since."""
        if before is None or file_identity(path) != before:
            return
        value = {
            "labelled": counts.labelled,
            "total": counts.total,
            "flagged": counts.flagged,
            "error": counts.error,
        }
        self._write(
            "progress", self._progress_key(annotator, before, extraction_key, scheme), value
        )

    # ------------------------------------------------------------------ housekeeping

    def clear(self) -> int:
        """Remove every entry; returns how many went."""
        removed = 0
        with contextlib.suppress(OSError):
            for shard in os.scandir(self.root):
                if not shard.is_dir(follow_symlinks=False):
                    continue
                with contextlib.suppress(OSError):
                    for item in os.scandir(shard.path):
                        if item.name.endswith(".json") and not item.name.startswith("."):
                            with contextlib.suppress(OSError):
                                os.unlink(item.path)
                                removed += 1
                with contextlib.suppress(OSError):
                    os.rmdir(shard.path)  # only if empty
        return removed


def scheme_digest(scheme_json: Mapping[str, Any]) -> str:
    """A short digest of a label scheme (its JSON form): counts depend on which labels are valid."""
    return hashlib.sha256(orjson.dumps(scheme_json, option=orjson.OPT_SORT_KEYS)).hexdigest()[:16]


def open_listing_index() -> ListingIndex | None:
    """The index every command and the UI use, or None when the cache is turned off."""
    return ListingIndex() if cache_enabled() else None
