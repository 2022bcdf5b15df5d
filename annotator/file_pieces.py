"""Annotation files rebuilt from cached pieces: each label serialised and validated once.

Saving after every keystroke must cost the change, not the file. :class:`PieceCache` keeps,
for one annotation file, the serialised bytes of each label and added quote it has seen,
keyed by quote id and tied to the very object they were made from (models are never changed
in place: the session replaces a label by a copy when it changes). A label that is the same
object as last time was valid then and has not changed, so only new objects are validated
(with the project's scheme) and serialised. :func:`render` then joins the pieces into bytes
identical to :func:`annotator.jsonio.dump_pretty` of the file sorted for writing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from annotator.errors import InvalidFileError
from annotator.jsonio import first_validation_problem, json_path
from annotator.models import AnnotationFile, LabelScheme, Quote, QuoteLabel, span_of_quote_id

LIST_FIELDS = ("labels", "added_quotes", "deleted_quotes")
_ITEM_INDENT = b"    "  # list items sit two levels deep in the file
_QUOTE_ID = attrgetter("quote_id")
_ID = attrgetter("id")
_KEY = attrgetter("key")


@dataclass(frozen=True)
class Piece:
    """One list item as written: the object it was made from, its sort key and its bytes."""

    item: BaseModel
    key: tuple[int, int]
    raw: bytes


def _piece_bytes(data: Any) -> bytes:
    # strings never hold a raw newline in JSON, so every newline is a line break to indent
    return _ITEM_INDENT + orjson.dumps(data, option=orjson.OPT_INDENT_2).replace(
        b"\n", b"\n" + _ITEM_INDENT
    )


@dataclass
class PieceCache:
    """Validated, serialised labels and added quotes of one annotation file."""

    labels: dict[str, Piece] = field(default_factory=dict)
    added: dict[str, Piece] = field(default_factory=dict)

    def label_piece(self, label: QuoteLabel, index: int, path: Path, scheme: LabelScheme) -> Piece:
        return self._piece(
            self.labels,
            label,
            label.quote_id,
            QuoteLabel,
            ("labels", index),
            path,
            scheme,
            lambda: span_of_quote_id(label.quote_id),
        )

    def added_piece(self, quote: Quote, index: int, path: Path, scheme: LabelScheme) -> Piece:
        return self._piece(
            self.added,
            quote,
            quote.id,
            Quote,
            ("added_quotes", index),
            path,
            scheme,
            lambda: (quote.start, quote.end),
        )

    @staticmethod
    def _piece(
        pieces: dict[str, Piece],
        item: BaseModel,
        key: str,
        model: type[BaseModel],
        where: tuple[str, int],
        path: Path,
        scheme: LabelScheme,
        sort_key: Callable[[], tuple[int, int]],
    ) -> Piece:
        cached = pieces.get(key)
        if cached is not None and cached.item is item:
            return cached
        data = item.model_dump(mode="json")
        validate_item(model, data, where, path, scheme)
        piece = Piece(item, sort_key(), _piece_bytes(data))
        pieces[key] = piece
        return piece

    def forget_missing(self, label_ids: set[str], added_ids: set[str]) -> None:
        """Drop pieces of labels and quotes no longer in the file (keeps the cache small)."""
        if len(self.labels) > len(label_ids):
            for key in [key for key in self.labels if key not in label_ids]:
                del self.labels[key]
        if len(self.added) > len(added_ids):
            for key in [key for key in self.added if key not in added_ids]:
                del self.added[key]

    def trust(self, annotation: AnnotationFile) -> None:
        """Remember the labels and quotes of a file that was just validated whole."""
        for label in annotation.labels:
            raw = _piece_bytes(label.model_dump(mode="json"))
            self.labels[label.quote_id] = Piece(label, span_of_quote_id(label.quote_id), raw)
        for quote in annotation.added_quotes:
            raw = _piece_bytes(quote.model_dump(mode="json"))
            self.added[quote.id] = Piece(quote, (quote.start, quote.end), raw)


def validate_item(
    model: type[BaseModel],
    data: Any,
    where: tuple[str, int],
    path: Path,
    scheme: LabelScheme,
) -> None:
    """Validate one list item as the whole file's validation would; errors name its JSON path."""
    try:
        model.model_validate(data, context={"scheme": scheme})
    except ValidationError as exc:
        location, message = first_validation_problem(exc)
        raise InvalidFileError(path, message, json_path=json_path(where) + location[1:]) from exc


def render(
    annotation: AnnotationFile, cache: PieceCache, path: Path, scheme: LabelScheme
) -> tuple[bytes, AnnotationFile]:
    """The file's bytes (as ``dump_pretty(annotation.sorted_for_writing())``) and that sorted
    copy; only labels and quotes not in ``cache`` are validated and serialised.

    Raises :class:`InvalidFileError` naming the JSON path when anything is invalid.
    """
    header = {
        name: getattr(annotation, name)
        for name in AnnotationFile.model_fields
        if name not in LIST_FIELDS
    }
    # the header alone, validated (cheap): names, sha, the scheme being the project's
    try:
        checked = AnnotationFile.model_validate(
            {name: _json(value) for name, value in header.items()}, context={"scheme": scheme}
        )
    except ValidationError as exc:
        location, message = first_validation_problem(exc)
        raise InvalidFileError(path, message, json_path=location) from exc
    pieces = cache.labels
    labels: list[Piece] = []
    for index, label in enumerate(annotation.labels):
        # the common case inline (an unchanged label): one dict look-up, one identity test
        cached = pieces.get(label.quote_id)
        labels.append(
            cached
            if cached is not None and cached.item is label
            else cache.label_piece(label, index, path, scheme)
        )
    added = [
        cache.added_piece(quote, index, path, scheme)
        for index, quote in enumerate(annotation.added_quotes)
    ]
    label_ids = set(map(_QUOTE_ID, annotation.labels))
    added_ids = set(map(_ID, annotation.added_quotes))
    deleted = sorted(set(annotation.deleted_quotes), key=span_of_quote_id)
    _check_consistent(annotation, labels, label_ids, added, added_ids, set(deleted), path)
    cache.forget_missing(label_ids, added_ids)
    labels.sort(key=_KEY)
    added.sort(key=_KEY)
    head = orjson.dumps(
        {
            **checked.model_dump(mode="json", exclude=set(LIST_FIELDS)),
            **dict.fromkeys(LIST_FIELDS, 0),
        },
        option=orjson.OPT_INDENT_2,
    )
    bodies = {
        "labels": [piece.raw for piece in labels],
        "added_quotes": [piece.raw for piece in added],
        "deleted_quotes": [_ITEM_INDENT + orjson.dumps(item) for item in deleted],
    }
    out: list[bytes] = []
    rest = head
    for name, items in bodies.items():
        # a top-level key sits at the start of a line: no string in the file holds a newline
        marker = b'\n  "' + name.encode() + b'": '
        before, found, rest = rest.partition(marker + b"0")
        if not found:
            raise AssertionError(f"no {name} in the serialised header")
        out.extend((before, marker))
        if items:
            out.extend((b"[\n", b",\n".join(items), b"\n  ]"))
        else:
            out.append(b"[]")
    out.extend((rest, b"\n"))
    ours = annotation.model_copy(
        update={
            "labels": [piece.item for piece in labels],
            "added_quotes": [piece.item for piece in added],
            "deleted_quotes": deleted,
        }
    )
    return b"".join(out), ours


def _json(value: Any) -> Any:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def _check_consistent(
    annotation: AnnotationFile,
    labels: list[Piece],
    label_ids: set[str],
    added: list[Piece],
    added_ids: set[str],
    deleted: set[str],
    path: Path,
) -> None:
    """The whole-file rules of :class:`AnnotationFile` (cheap set checks over ids)."""
    if len(label_ids) != len(labels):
        seen: set[str] = set()
        for index, label in enumerate(annotation.labels):
            if label.quote_id in seen:
                raise InvalidFileError(
                    path, f"quote {label.quote_id} is labelled twice", f"$.labels[{index}]"
                )
            seen.add(label.quote_id)
    both = label_ids & deleted
    if both:
        quote_id = min(both, key=span_of_quote_id)
        raise InvalidFileError(path, f"label for deleted quote {quote_id}", "$.labels")
    if len(added_ids) != len(added):
        seen = set()
        for index, quote in enumerate(annotation.added_quotes):
            if quote.id in seen:
                raise InvalidFileError(
                    path, f"quote {quote.id} is added twice", f"$.added_quotes[{index}]"
                )
            seen.add(quote.id)
