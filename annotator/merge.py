"""Three-way merge of annotation files: what a session read, what is on disk, what it holds.

Used when an annotation file changed on disk while a session had it open (a ``git pull``,
another tool, a hand edit). Everything is compared as plain JSON data (``model_dump``), so
the merge does not depend on the fields a label has: labels are keyed by ``quote_id``, added
quotes by ``id``, deleted quotes by their id, every other top-level field by its name.
Changes on one side only are taken. An item (a label, an added quote) changed on both sides is
merged field by field: a field changed on one side only is taken, ``seconds`` adds both sides'
time since the base, ``updated_at`` takes the later; the same field changed differently on both
sides is a conflict (:class:`~annotator.errors.ConflictError`), and nothing is merged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from annotator.errors import ConflictError

Data = dict[str, Any]
_ABSENT: Any = object()

# list fields merged item by item, with the key of their items (None: the item is the key)
KEYED_LISTS: dict[str, str | None] = {
    "labels": "quote_id",
    "added_quotes": "id",
    "deleted_quotes": None,
}


def merge_annotations(base: Data | None, theirs: Data, ours: Data, path: Path | str) -> Data:
    """The merged file data; raises :class:`ConflictError` naming the quotes in conflict."""
    base = base or {}
    conflicting_quotes: list[str] = []
    conflicting_fields: list[str] = []
    merged: Data = {}
    for name in _ordered_keys(theirs, ours, base):
        if name in KEYED_LISTS:
            items, conflicts = _merge_keyed(
                base.get(name, []), theirs.get(name, []), ours.get(name, []), KEYED_LISTS[name]
            )
            merged[name] = items
            conflicting_quotes.extend(conflicts)
            continue
        value, ok = _pick(
            base.get(name, _ABSENT), theirs.get(name, _ABSENT), ours.get(name, _ABSENT)
        )
        if not ok:
            conflicting_fields.append(name)
        elif value is not _ABSENT:
            merged[name] = value
    # a quote deleted on one side and labelled on the other
    deleted = set(merged.get("deleted_quotes", []))
    for label in merged.get("labels", []):
        if isinstance(label, dict) and label.get("quote_id") in deleted:
            conflicting_quotes.append(label["quote_id"])
    if conflicting_quotes or conflicting_fields:
        raise ConflictError(path, sorted(set(conflicting_quotes), key=_span), conflicting_fields)
    return merged


def _ordered_keys(*sides: Data) -> list[str]:
    keys: list[str] = []
    for side in sides:
        keys.extend(key for key in side if key not in keys)
    return keys


def _pick(base: Any, theirs: Any, ours: Any) -> tuple[Any, bool]:
    """The three-way result for one item: (value, True), or (None, False) on a conflict."""
    if theirs == ours:
        return theirs, True
    if theirs == base:
        return ours, True
    if ours == base:
        return theirs, True
    return None, False


def _merge_keyed(
    base: list[Any], theirs: list[Any], ours: list[Any], key: str | None
) -> tuple[list[Any], list[str]]:
    def by_key(items: list[Any]) -> dict[Any, Any]:
        if key is None:
            return {item: True for item in items}
        return {item.get(key) if isinstance(item, dict) else repr(item): item for item in items}

    base_items, their_items, our_items = by_key(base), by_key(theirs), by_key(ours)
    merged: list[Any] = []
    conflicts: list[str] = []
    for item_key in _ordered_keys(their_items, our_items, base_items):
        value, ok = _pick(
            base_items.get(item_key, _ABSENT),
            their_items.get(item_key, _ABSENT),
            our_items.get(item_key, _ABSENT),
        )
        if not ok:
            value, ok = _merge_fields(
                base_items.get(item_key, _ABSENT),
                their_items.get(item_key, _ABSENT),
                our_items.get(item_key, _ABSENT),
            )
        if not ok:
            conflicts.append(str(item_key))
        elif value is not _ABSENT:
            merged.append(item_key if key is None else value)
    return merged, conflicts


def _merge_fields(base: Any, theirs: Any, ours: Any) -> tuple[Any, bool]:
    """One item changed on both sides, merged field by field (None, False on a conflict)."""
    if not all(isinstance(side, dict) for side in (base, theirs, ours)):
        return None, False
    merged: Data = {}
    for name in _ordered_keys(theirs, ours, base):
        was, their, our = (side.get(name, _ABSENT) for side in (base, theirs, ours))
        value, ok = _pick(was, their, our)
        if not ok and name == "seconds" and _all_numbers(was, their, our):
            value, ok = round(their + our - was, 1), True  # time spent on both sides
        elif not ok and name == "updated_at" and _all_strings(their, our):
            value, ok = max(their, our), True  # ISO 8601 UTC stamps sort as text
        if not ok:
            return None, False
        if value is not _ABSENT:
            merged[name] = value
    return merged, True


def _all_numbers(*values: Any) -> bool:
    return all(isinstance(value, int | float) and not isinstance(value, bool) for value in values)


def _all_strings(*values: Any) -> bool:
    return all(isinstance(value, str) for value in values)


def _span(quote_id: str) -> tuple[int, int, str]:
    start, _, end = quote_id[1:].partition("-")
    if start.isdigit() and end.isdigit():
        return int(start), int(end), quote_id
    return 0, 0, quote_id
