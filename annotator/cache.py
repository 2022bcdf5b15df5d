"""The extraction cache: each document's extracted quotes and entities, computed once.

An entry is keyed by the SHA-256 of the cleaned text, :data:`EXTRACTOR_VERSION` and the
extraction options, so a changed text, a new extractor or other options never see an old result.
Entries are one JSON file each (``<root>/<key[:2]>/<key>.json``), written atomically (temp file
and rename, see :mod:`annotator.atomic`): concurrent writers of the same key write the same bytes
and the last rename wins; a process killed mid-write leaves at most a ``.tmp`` file, which
:meth:`ExtractionCache.prune` removes once it is stale. Reading never trusts an entry: a corrupt,
truncated or foreign one (another key, version or text inside) is ignored and rebuilt.

Location: ``$ANNOTATOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/annotator``, else
``~/.cache/annotator``. ``ANNOTATOR_NO_CACHE=1`` (``annotator --no-cache``) turns it off.
Size: at most ``$ANNOTATOR_CACHE_LIMIT`` bytes (suffixes K/M/G accepted; default 500 MB); when a
run wrote entries, the least recently used ones (by mtime, which a hit refreshes) are removed
until the cache fits.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

from annotator.atomic import write_atomic
from annotator.cache_location import (  # noqa: F401  (re-exported)
    CACHE_DIR_ENV,
    NO_CACHE_ENV,
    cache_enabled,
    default_cache_dir,
)
from annotator.errors import AnnotatorError
from annotator.extract.version import EXTRACTOR_VERSION
from annotator.models import Document, Entity, Quote, quote_id_for

LIMIT_ENV = "ANNOTATOR_CACHE_LIMIT"
DEFAULT_LIMIT = 500 * 1024 * 1024
ENTRY_FORMAT = "annotator-extraction/1"
STALE_TEMP_SECONDS = 3600.0
_UNITS = {"": 1, "B": 1, "K": 1024, "M": 1024**2, "G": 1024**3}
_QUOTES = TypeAdapter(list[Quote])
_ENTITIES = TypeAdapter(list[Entity])


def parse_size(value: str) -> int:
    """``"500M"`` → bytes; a plain number is bytes."""
    text = value.strip().upper().removesuffix("IB").removesuffix("B")
    unit = text[-1:] if text[-1:] in _UNITS else ""
    number = text[: len(text) - len(unit)].strip()
    try:
        size = int(float(number) * _UNITS[unit])
    except ValueError:
        raise AnnotatorError(
            f"${LIMIT_ENV}: {value!r} is not a size (a number of bytes, or with K, M or G)"
        ) from None
    if size < 0:
        raise AnnotatorError(f"${LIMIT_ENV}: {value!r} is negative")
    return size


def default_limit() -> int:
    value = os.environ.get(LIMIT_ENV)
    return parse_size(value) if value else DEFAULT_LIMIT


def cache_key(text_sha256: str, options: Mapping[str, Any] | None = None) -> str:
    """The key of the extraction of a text with this SHA-256 by this extractor with ``options``."""
    material = orjson.dumps(
        {"sha256": text_sha256, "version": EXTRACTOR_VERSION, "options": dict(options or {})},
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(material).hexdigest()


@dataclass(frozen=True)
class CacheInfo:
    root: Path
    entries: int
    bytes: int
    limit: int
    temporary: int  # leftover .tmp files (a writer was killed, or one is writing now)


class ExtractionCache:
    """Extracted quotes and entities by text hash, extractor version and options."""

    def __init__(
        self,
        root: Path | None = None,
        limit: int | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        self.root = root if root is not None else default_cache_dir()
        self.limit = limit if limit is not None else default_limit()
        self.options = dict(options or {})
        self.hits = 0
        self.misses = 0
        self.written = 0
        self._write_failed = False

    # ------------------------------------------------------------------ entries

    def key(self, document: Document) -> str:
        return cache_key(document.sha256, self.options)

    def path_for(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, document: Document) -> Document | None:
        """``document`` with its cached quotes and entities, or None (missing or unusable entry)."""
        key = self.key(document)
        path = self.path_for(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        extracted = self._decode(data, key, document)
        if extracted is None:
            self.misses += 1
            return None
        self.hits += 1
        with contextlib.suppress(OSError):  # recency for the LRU limit; best effort
            os.utime(path)
        return extracted

    def _decode(self, data: bytes, key: str, document: Document) -> Document | None:
        try:
            entry = orjson.loads(data)
            if not (
                isinstance(entry, dict)
                and entry.get("format") == ENTRY_FORMAT
                and entry.get("key") == key
                and entry.get("extractor_version") == EXTRACTOR_VERSION
                and entry.get("sha256") == document.sha256
                and entry.get("options") == self.options
            ):
                return None
            text = document.text
            items = []
            for item in entry["quotes"]:
                start, end = item["start"], item["end"]
                if not (isinstance(start, int) and isinstance(end, int) and end <= len(text)):
                    return None
                items.append({**item, "id": quote_id_for(start, end), "text": text[start:end]})
            # one validation call per list (pydantic's loop, not ours)
            quotes = _QUOTES.validate_python(items)
            entities = _ENTITIES.validate_python(entry["entities"])
        except (orjson.JSONDecodeError, ValidationError, KeyError, TypeError, ValueError):
            return None
        if len({quote.id for quote in quotes}) != len(quotes):
            return None
        return document.model_copy(update={"quotes": quotes, "entities": entities})

    def put(self, extracted: Document) -> None:
        """Store the quotes and entities of ``extracted``; a cache that cannot be written is skipped."""
        if self._write_failed:
            return
        key = self.key(extracted)
        entry = {
            "format": ENTRY_FORMAT,
            "key": key,
            "extractor_version": EXTRACTOR_VERSION,
            "sha256": extracted.sha256,
            "options": self.options,
            "quotes": [
                quote.model_dump(mode="json", exclude={"id", "text"}) for quote in extracted.quotes
            ],
            "entities": [entity.model_dump(mode="json") for entity in extracted.entities],
        }
        try:
            write_atomic(self.path_for(key), orjson.dumps(entry))
        except OSError:
            # a full disk or a read-only cache costs speed, never a result
            self._write_failed = True
            return
        self.written += 1

    # ------------------------------------------------------------------ housekeeping

    def _files(self) -> list[tuple[Path, os.stat_result, bool]]:
        """Every entry and leftover temp file: (path, stat, is_temporary)."""
        found: list[tuple[Path, os.stat_result, bool]] = []
        try:
            shards = list(os.scandir(self.root))
        except OSError:
            return found
        for shard in shards:
            if not (shard.is_dir(follow_symlinks=False) and len(shard.name) == 2):
                continue
            try:
                items = list(os.scandir(shard.path))
            except OSError:
                continue
            for item in items:
                is_entry = item.name.endswith(".json") and not item.name.startswith(".")
                is_temp = item.name.startswith(".") and item.name.endswith(".tmp")
                if not (is_entry or is_temp):
                    continue
                try:
                    found.append((Path(item.path), item.stat(follow_symlinks=False), is_temp))
                except OSError:
                    continue  # removed meanwhile by another process
        return found

    def info(self) -> CacheInfo:
        files = self._files()
        return CacheInfo(
            root=self.root,
            entries=sum(1 for _, _, temp in files if not temp),
            bytes=sum(stat.st_size for _, stat, _ in files),
            limit=self.limit,
            temporary=sum(1 for _, _, temp in files if temp),
        )

    def clear(self) -> int:
        """Remove every entry (and stale temp file); returns how many entries went."""
        removed = 0
        for path, stat, temp in self._files():
            if temp and time.time() - stat.st_mtime < STALE_TEMP_SECONDS:
                continue  # another process is writing it now
            with contextlib.suppress(OSError):
                path.unlink()
                removed += not temp
        for shard in self._shards():
            with contextlib.suppress(OSError):
                shard.rmdir()  # only if empty
        return removed

    def _shards(self) -> list[Path]:
        try:
            return [Path(item.path) for item in os.scandir(self.root) if len(item.name) == 2]
        except OSError:
            return []

    def prune(self) -> int:
        """Remove stale temp files and the least recently used entries beyond the limit."""
        now = time.time()
        kept: list[tuple[float, int, Path]] = []
        total = 0
        for path, stat, temp in self._files():
            if temp and now - stat.st_mtime >= STALE_TEMP_SECONDS:
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
            total += stat.st_size
            if not temp:
                kept.append((stat.st_mtime, stat.st_size, path))
        removed = 0
        if total <= self.limit:
            return removed
        for _mtime, size, path in sorted(kept, key=lambda item: (item[0], str(item[2]))):
            if total <= self.limit:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                removed += 1
            total -= size
        return removed


def open_cache() -> ExtractionCache | None:
    """The cache every command and the UI use, or None when it is turned off."""
    if not cache_enabled():
        return None
    return ExtractionCache()
