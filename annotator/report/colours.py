"""One colour per label, shared by the figures and the terminal charts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.models import LabelScheme

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1")
SENTIMENT_PALETTE = ("#d1495b", "#9a9a9a", "#3c9d5d")  # negative, neutral, positive


def label_colours(values: Sequence[str], scheme: LabelScheme, field: str) -> list[str]:
    """The scheme's colour of each label when it is a ``#rrggbb``, else a fixed palette."""
    definitions = {item.value: item for item in getattr(scheme, field)}
    fallback = SENTIMENT_PALETTE if field == "sentiment" and len(values) == 3 else PALETTE
    colours = []
    for index, value in enumerate(values):
        colour = definitions[value].color if value in definitions else None
        if colour is None or not HEX_COLOUR.fullmatch(colour):
            colour = fallback[index % len(fallback)]
        colours.append(colour)
    return colours


def series_colour(index: int) -> str:
    """The colour of the ``index``-th annotator's series."""
    return PALETTE[index % len(PALETTE)]
