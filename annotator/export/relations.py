"""Speaker and outlet mentions as spans linked to their quote, for tools with relations.

Attribution is a string (the fullest name of the speaker). Where a tool can hold relations
(Label Studio, doccano relation projects, Prodigy ``relations``) the export adds the mention of
that name nearest to the quote (outside it) as a ``SPEAKER``/``OUTLET`` span and links the quote
to it. On the way back a link to a different span means the annotator re-attributed the quote in
the tool: the linked span's text becomes the speaker (or outlet); a removed link means none.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from annotator.errors import AnnotatorError
from annotator.models import Quote

SPEAKER_LABEL = "SPEAKER"
OUTLET_LABEL = "OUTLET"
MENTION_LABELS = (SPEAKER_LABEL, OUTLET_LABEL)
RELATION_OF = {SPEAKER_LABEL: "said-by", OUTLET_LABEL: "cited-from"}
FIELD_OF = {SPEAKER_LABEL: "speaker", OUTLET_LABEL: "outlet"}
FIELD_BY_RELATION = {relation: FIELD_OF[label] for label, relation in RELATION_OF.items()}


@dataclass(frozen=True)
class Mention:
    label: str  # SPEAKER or OUTLET
    start: int  # Python offsets
    end: int

    @cached_property
    def key(self) -> str:
        return f"{self.label.lower()}-{self.start}-{self.end}"

    def as_list(self) -> list[int]:
        return [self.start, self.end]


@lru_cache(maxsize=1024)
def _occurrences(text: str, name: str) -> list[int]:
    """Start positions of ``name`` as a whole word (cached: every annotator's task asks).

    Exactly the matches of ``re.finditer`` with the whole-word pattern (left to right, none
    overlapping), but the pattern is tried only where ``str.find`` finds the name: its leading
    look-behind keeps ``re`` from skipping ahead to the name, so scanning a 10 KB text for each
    name took most of an export's mention search.
    """
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    if not name:
        return [match.start() for match in pattern.finditer(text)]
    found: list[int] = []
    position = text.find(name)
    while position >= 0:
        if pattern.match(text, position):  # the look-behind sees text before position
            found.append(position)
            position = text.find(name, position + len(name))
        else:
            position = text.find(name, position + 1)
    return found


@lru_cache(maxsize=4096)
def _candidates(name: str) -> tuple[str, ...]:
    """The name, then its words longer than two letters, longest first, words of one length
    in the order of the name (cached per name)."""
    unique = dict.fromkeys(w for w in re.split(r"\s+", name.strip()) if len(w) > 2)
    words = sorted(unique, key=len, reverse=True)  # stable: not the order of a set's hashes
    return (name.strip(), *words)


def find_mention(text: str, name: str | None, quote: Quote) -> tuple[int, int] | None:
    """The occurrence of ``name`` (else of its longest word) nearest to the quote, outside it."""
    return _nearest(text, name, quote.start, quote.end)


def _nearest(text: str, name: str | None, start: int, end: int) -> tuple[int, int] | None:
    """:func:`find_mention` for the quote spanning ``start``-``end``."""
    if not name or not name.strip():
        return None
    for candidate in _candidates(name):
        occurrences = _occurrences(text, candidate)
        if not occurrences:
            continue
        length = len(candidate)
        if start < end:
            # occurrences are in order and do not overlap: the nearest before the quote is the
            # last ending at or before its start, the nearest after the first at or after its
            # end (those between overlap it); a tie goes to the one before, as in the scan below
            before = bisect_right(occurrences, start - length) - 1
            after = bisect_left(occurrences, end)
            if after < len(occurrences) and (
                before < 0 or occurrences[after] - end < start - occurrences[before] - length
            ):
                return occurrences[after], occurrences[after] + length
            if before >= 0:
                return occurrences[before], occurrences[before] + length
            continue
        best: tuple[int, int] | None = None
        best_distance = 0
        for position in occurrences:
            found_end = position + len(candidate)
            if position < end and found_end > start:
                continue  # inside the quote: not the attribution
            distance = start - found_end if found_end <= start else position - end
            if best is None or distance < best_distance:
                best, best_distance = (position, found_end), distance
        if best is not None:
            return best
    return None


def mentions_of(text: str, quote: Quote, speaker: str | None, outlet: str | None) -> list[Mention]:
    """The speaker and outlet mentions to export for one quote (those found in the text)."""
    return list(_mentions(text, quote.start, quote.end, speaker, outlet))


@lru_cache(maxsize=4096)
def _mentions(
    text: str, start: int, end: int, speaker: str | None, outlet: str | None
) -> tuple[Mention, ...]:
    """:func:`mentions_of`, cached: each annotator's task and the predictions of a document ask
    for the same quotes with (mostly) the same names."""
    found = []
    for label, name in ((SPEAKER_LABEL, speaker), (OUTLET_LABEL, outlet)):
        span = _nearest(text, name, start, end)
        if span is not None:
            found.append(Mention(label, *span))
    return tuple(found)


def exported_mention(value: Any, where: str) -> list[int] | None:
    """The ``*_mention`` span the export wrote beside a quote: ``[start, end]`` or null."""
    if value is None:
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise AnnotatorError(f"{where} must be [start, end] (two integers) or null")
    return value


def linked_value(
    text: str,
    linked: tuple[int, int] | None,
    exported: list[int] | None,
    metadata_value: str | None,
) -> str | None:
    """The speaker/outlet after a round trip through a tool holding the link.

    ``linked``: the span the quote is linked to now (Python offsets), ``exported``: the span the
    export linked it to (from the metadata), ``metadata_value``: the name the export carried.
    The same link keeps the (possibly fuller) exported name; another link gives the linked text;
    a link removed in the tool gives ``""`` (none).
    """
    if linked is None:
        return "" if exported else metadata_value
    if exported and list(linked) == list(exported) and metadata_value:
        return metadata_value
    return text[linked[0] : linked[1]].strip()
