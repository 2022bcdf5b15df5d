"""Re-anchoring labels on another version of a document's text.

Each label holds the text it was made on (``QuoteLabel.quote``). On a (possibly new) text:

(a) the same span still holds the same text → the label is *kept* as it is;
(b) else the saved text is found elsewhere, at the occurrence nearest the old offsets that no
    other label holds → the label is *moved* there (new span and id, same judgement);
(c) else the label is *unplaced*: kept unchanged (never dropped) and listed for the annotator.

Added quotes are placed the same way. Pure functions: nothing here reads or writes files.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from annotator.models import Quote, QuoteLabel, quote_id_for


class Placement(StrEnum):
    KEPT = "kept"
    MOVED = "moved"
    UNPLACED = "unplaced"


@dataclass(frozen=True)
class Anchored:
    """Where one label went: ``label`` is the moved copy for ``MOVED``, else the original."""

    label: QuoteLabel
    old_id: str
    placement: Placement

    @property
    def new_id(self) -> str:
        return self.label.quote_id


@dataclass(frozen=True)
class AnchorReport:
    """Every label of a file, each kept, moved or unplaced (in the order given)."""

    anchored: list[Anchored] = field(default_factory=list)

    def _of(self, placement: Placement) -> list[Anchored]:
        return [item for item in self.anchored if item.placement == placement]

    @property
    def kept(self) -> list[Anchored]:
        return self._of(Placement.KEPT)

    @property
    def moved(self) -> list[Anchored]:
        return self._of(Placement.MOVED)

    @property
    def unplaced(self) -> list[Anchored]:
        return self._of(Placement.UNPLACED)

    def summary(self) -> str:
        return (
            f"{len(self.kept)} labels unchanged, {len(self.moved)} moved, "
            f"{len(self.unplaced)} could not be placed"
        )


def occurrences(text: str, needle: str) -> list[int]:
    """Every offset where ``needle`` starts in ``text`` (overlapping ones included)."""
    found: list[int] = []
    if not needle:
        return found
    index = text.find(needle)
    while index != -1:
        found.append(index)
        index = text.find(needle, index + 1)
    return found


def nearest_free(
    candidates: Sequence[int], old_start: int, length: int, taken: set[str]
) -> int | None:
    """The candidate start nearest ``old_start`` whose span no one holds yet."""
    for start in sorted(candidates, key=lambda start: (abs(start - old_start), start)):
        if quote_id_for(start, start + length) not in taken:
            return start
    return None


def anchor_labels(labels: Iterable[QuoteLabel], text: str) -> AnchorReport:
    """Place each label on ``text`` (see the module docstring); ids stay unique."""
    labels = list(labels)
    kept = {label.quote_id for label in labels if label.quote.fits(text)}
    candidates = {
        label.quote_id: occurrences(text, label.quote.text)
        for label in labels
        if label.quote_id not in kept
    }
    # unplaced labels keep their ids, so no label may move onto them; a label found only on
    # spans others took becomes unplaced too, and the placing starts again without its id
    reserved = kept | {quote_id for quote_id, found in candidates.items() if not found}
    while True:
        taken = set(reserved)
        moved: dict[str, int] = {}
        for label in sorted(
            (label for label in labels if candidates.get(label.quote_id)),
            key=lambda label: (label.quote.start, label.quote.end),
        ):
            start = nearest_free(
                candidates[label.quote_id], label.quote.start, len(label.quote.text), taken
            )
            if start is not None:
                moved[label.quote_id] = start
                taken.add(quote_id_for(start, start + len(label.quote.text)))
        stuck = {
            quote_id
            for quote_id, found in candidates.items()
            if found and quote_id not in moved and quote_id not in reserved
        }
        if not stuck:
            break
        reserved |= stuck
    report: list[Anchored] = []
    for label in labels:
        if label.quote_id in kept:
            report.append(Anchored(label, label.quote_id, Placement.KEPT))
        elif label.quote_id in moved:
            report.append(
                Anchored(move_label(label, moved[label.quote_id]), label.quote_id, Placement.MOVED)
            )
        else:
            report.append(Anchored(label, label.quote_id, Placement.UNPLACED))
    return AnchorReport(report)


def move_label(label: QuoteLabel, start: int) -> QuoteLabel:
    """``label`` with its quote at ``start`` (same text, same judgement)."""
    end = start + len(label.quote.text)
    quote = label.quote.model_copy(update={"start": start, "end": end})
    return label.model_copy(update={"quote_id": quote_id_for(start, end), "quote": quote})


def anchor_quotes(quotes: Iterable[Quote], text: str) -> tuple[list[Quote], list[Quote]]:
    """Added quotes placed on ``text``: ``(placed, unplaced)``; a placed one may have moved."""
    placed: list[Quote] = []
    unplaced: list[Quote] = []
    taken: set[str] = set()
    pending = []
    for quote in quotes:
        if text[quote.start : quote.end] == quote.text:
            placed.append(quote)
            taken.add(quote.id)
        else:
            pending.append(quote)
    for quote in sorted(pending, key=lambda quote: (quote.start, quote.end)):
        start = nearest_free(occurrences(text, quote.text), quote.start, len(quote.text), taken)
        if start is None:
            unplaced.append(quote)
            continue
        end = start + len(quote.text)
        moved = quote.model_copy(
            update={"id": quote_id_for(start, end), "start": start, "end": end}
        )
        placed.append(moved)
        taken.add(moved.id)
    return placed, unplaced
