"""Candidates per field of an aligned quote, and settling them by policy.

Fields: ``quote`` (is it a quote: every annotator with a file votes), ``bounds`` (the span, among
those who have the quote), ``stance``, ``sentiment``, ``speaker``, ``outlet`` (the attribution the
annotator settled on), ``note`` and ``flag`` — the last six from the labels of those who have
the quote. An annotator without a value (no label, no stance yet) is not a candidate.

Policies: ``unanimous`` settles a field when every candidate gave the same value; ``majority``
when more than half of the candidates did. Names (speaker, outlet) are compared with spacing
collapsed and case ignored. A note never holds a quote back: differing notes wait for the
adjudicator to take one, but the quote counts as settled without it.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any, get_args

from annotator.adjudication.align import AlignedQuote, Reading
from annotator.models import AdjudicationPolicy, DecisionField, DecisionMethod

FIELDS: tuple[DecisionField, ...] = get_args(DecisionField)
LABEL_FIELDS: tuple[DecisionField, ...] = (
    "stance",
    "sentiment",
    "speaker",
    "outlet",
    "note",
    "flag",
)
POLICIES: tuple[AdjudicationPolicy, ...] = get_args(AdjudicationPolicy)
NOT_BLOCKING: frozenset[DecisionField] = frozenset({"note"})

#: The value of ``quote`` for an annotator who does not have it.
NOT_A_QUOTE = False
IS_A_QUOTE = True


@dataclass(frozen=True)
class Candidate:
    annotator: str
    value: Any  # bool (quote, flag), (start, end) (bounds), str (the others; '' = no name)


@dataclass(frozen=True)
class Settlement:
    """A field's value with how it was decided and whose value it is."""

    value: Any
    method: DecisionMethod
    annotators: tuple[str, ...]
    chosen: str | None = None


def value_of(reading: Reading, field: DecisionField) -> Any:
    """``reading``'s value for ``field``, or ``None`` when it gives none."""
    if field == "quote":
        return reading.quote is not None
    if reading.quote is None:
        return None
    if field == "bounds":
        return reading.span
    label = reading.label
    if label is None:
        return None
    if field == "speaker":
        return " ".join((label.resolved_speaker or "").split())
    if field == "outlet":
        return " ".join((label.resolved_outlet or "").split())
    if field == "flag":
        return label.flagged
    if field == "note":
        return label.note or None
    return getattr(label, field)


def comparable(field: DecisionField, value: Any) -> Hashable:
    """What two values are compared by."""
    if field in ("speaker", "outlet") and isinstance(value, str):
        return " ".join(value.split()).casefold()
    if field == "note" and isinstance(value, str):
        return " ".join(value.split())
    return value


def candidates(item: AlignedQuote, field: DecisionField) -> list[Candidate]:
    """Each annotator's value for ``field`` (annotator order), those without one left out."""
    found = []
    for reading in item.readings:
        value = value_of(reading, field)
        if value is not None:
            found.append(Candidate(reading.annotator, value))
    return found


def same_as(field: DecisionField, found: list[Candidate], value: Any) -> tuple[str, ...]:
    """The annotators among ``found`` whose value equals ``value``."""
    key = comparable(field, value)
    return tuple(c.annotator for c in found if comparable(field, c.value) == key)


def settle(
    field: DecisionField, found: list[Candidate], policy: AdjudicationPolicy
) -> Settlement | None:
    """The value ``policy`` settles ``field`` on, or ``None`` (no candidate, or no agreement)."""
    if not found:
        return None
    counts: dict[Hashable, list[Candidate]] = {}
    for candidate in found:
        counts.setdefault(comparable(field, candidate.value), []).append(candidate)
    if len(counts) == 1:
        return Settlement(
            found[0].value, DecisionMethod.UNANIMOUS, tuple(c.annotator for c in found)
        )
    if policy == "majority":
        for group in counts.values():
            if 2 * len(group) > len(found):
                return Settlement(
                    group[0].value, DecisionMethod.MAJORITY, tuple(c.annotator for c in group)
                )
    return None
