"""Quotations an outlet relays: ``“…,” the news agency reported.`` after a person's words.

An outlet *reports* other people's words; its own (an editorial) it *says* or *writes*. A direct
quotation whose only cue is an outlet's ``reported`` right after a person spoke continues that
person's words, cited through the outlet (gold rules: speaker the person, outlet the outlet):
``Kim said talks were possible. “If Seoul responds in good faith …,” the agency reported.``
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from annotator.models import QuoteKind

if TYPE_CHECKING:
    from annotator.extract.extractor import Found

RELAY_CUES = frozenset({"reported", "reports", "report", "reporting"})
RELAY_REACH = 600  # characters from the person's last words to the relayed quotation


def relay_to_speaker(found: list[Found], text: str) -> list[Found]:
    """``found`` with each relayed quotation given to the person who spoke just before."""
    result = list(found)
    last_person: Found | None = None
    for number, quote in enumerate(result):
        source = quote.source
        outlet_speaks = source.speaker is not None and source.outlet == source.speaker
        if (
            outlet_speaks
            and quote.kind is QuoteKind.DIRECT
            and (quote.cue or "").lower() in RELAY_CUES
            and last_person is not None
            and 0 <= quote.start - last_person.end <= RELAY_REACH
            and "\n\n" not in text[last_person.end : quote.start].strip()
        ):
            person = last_person.source
            result[number] = replace(
                quote, source=replace(person, outlet=source.outlet), confidence=quote.confidence
            )
            last_person = result[number]
            continue
        if source.speaker and not outlet_speaks and source.is_person:
            last_person = quote
        elif source.speaker:
            last_person = None  # someone else spoke in between
    return result
