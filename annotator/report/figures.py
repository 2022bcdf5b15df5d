"""The report's figures, drawn with matplotlib (the optional ``report`` extra).

Each :class:`FigureSpec` names a figure and its size; :func:`render` gives its SVG and PNG bytes.
Output is deterministic: matplotlib's own defaults (not the user's matplotlibrc), the Agg
renderer, a fixed SVG hash salt, no date in the SVG metadata, math text off (so a ``$`` in a
speaker's name is just a character). Sizes are multiples of a quarter inch at :data:`DPI`, so a
PNG is exactly ``width × DPI`` by ``height × DPI`` pixels.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from annotator.models import LabelScheme
from annotator.report.colours import label_colours, series_colour
from annotator.report.distributions import (
    GROUPING_TITLES,
    LABEL_FIELDS,
    Breakdown,
    Grouping,
    LabelField,
    Statistics,
    bin_names,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 200
WIDTH = 8.0
RC: dict[str, Any] = {
    "svg.hashsalt": "annotator-report",
    "svg.fonttype": "path",
    "text.parse_math": False,
    "text.usetex": False,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


class FiguresUnavailable(Exception):
    """matplotlib is not installed (the ``report`` extra)."""


def require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError as exc:
        raise FiguresUnavailable(str(exc)) from exc


@dataclass(frozen=True)
class FigureSpec:
    """A figure to draw: its file name (without suffix), its size and how to draw it."""

    name: str
    width: float
    height: float
    draw: Callable[[Figure], None]

    @property
    def pixels(self) -> tuple[int, int]:
        return round(self.width * DPI), round(self.height * DPI)


def _quarter(inches: float) -> float:
    return max(2.5, round(inches * 4) / 4)


def _bars(axes: Axes, breakdown: Breakdown, colours: Sequence[str], title: str) -> None:
    """Horizontal stacked bars, one per group, first group at the top."""
    from matplotlib.ticker import MaxNLocator

    groups = breakdown.groups
    positions = list(range(len(groups)))
    left = [0] * len(groups)
    for label, colour in zip(breakdown.labels, colours, strict=True):
        widths = [group.counts[label] for group in groups]
        axes.barh(positions, widths, left=left, color=colour, label=label, height=0.7)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.set_yticks(positions, [_short(group.group) for group in groups])
    axes.invert_yaxis()
    axes.set_xlabel("labels")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(title, loc="left")
    if not groups:
        axes.text(0.5, 0.5, "no labels", ha="center", va="center", transform=axes.transAxes)
    # beside the bars, never over them (constrained layout makes room for it)
    axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize=8, frameon=False)


def _short(name: str, limit: int = 40) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def breakdown_spec(
    statistics: Statistics, scheme: LabelScheme, field: LabelField, by: Grouping
) -> FigureSpec:
    breakdown = statistics.breakdown(field, by)
    colours = label_colours(breakdown.labels, scheme, field)
    height = _quarter(1.0 + 0.3 * max(1, len(breakdown.groups)))
    title = f"{field.capitalize()} {GROUPING_TITLES[by]} (labels, all annotators)"
    if breakdown.others:
        title += f"; top {statistics.top}, {breakdown.others} more in (other)"

    def draw(figure: Figure) -> None:
        _bars(figure.add_subplot(), breakdown, colours, title)

    return FigureSpec(f"{field}_by_{by}", WIDTH, height, draw)


def labels_per_annotator_spec(statistics: Statistics, scheme: LabelScheme) -> FigureSpec:
    stance = statistics.breakdown("stance", "annotator")
    sentiment = statistics.breakdown("sentiment", "annotator")
    height = _quarter(1.5 + 0.3 * max(1, len(statistics.annotators)) * 2)

    def draw(figure: Figure) -> None:
        top, bottom = figure.subplots(2, 1)
        _bars(top, stance, label_colours(stance.labels, scheme, "stance"), "Stance per annotator")
        _bars(
            bottom,
            sentiment,
            label_colours(sentiment.labels, scheme, "sentiment"),
            "Sentiment per annotator",
        )

    return FigureSpec("labels_per_annotator", WIDTH, height, draw)


def seconds_spec(statistics: Statistics) -> FigureSpec:
    bins = bin_names()

    def draw(figure: Figure) -> None:
        from matplotlib.ticker import MaxNLocator

        axes = figure.add_subplot()
        summaries = statistics.seconds
        width = 0.8 / max(1, len(summaries))
        for index, summary in enumerate(summaries):
            offsets = [position - 0.4 + width * (index + 0.5) for position in range(len(bins))]
            median = "—" if summary.median is None else f"{summary.median:g} s"
            axes.bar(
                offsets,
                [summary.bins[name] for name in bins],
                width=width,
                color=series_colour(index),
                label=f"{summary.annotator} ({summary.timed} timed, median {median})",
            )
        axes.set_xticks(range(len(bins)), bins)
        axes.set_ylabel("labels")
        axes.set_ylim(bottom=0, top=None if any(s.timed for s in summaries) else 1)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_title("Seconds per quote (timed labels)", loc="left")
        if not any(summary.timed for summary in summaries):
            axes.text(
                0.5,
                0.5,
                "no label has a recorded time",
                ha="center",
                va="center",
                transform=axes.transAxes,
            )
        if summaries:
            axes.legend(loc="upper right", fontsize=8, frameon=False)

    return FigureSpec("seconds_per_quote", WIDTH, 3.5, draw)


def confusion_spec(field: str, pair: str, matrix: dict[str, dict[str, int]]) -> FigureSpec:
    first, second = pair.split("|", 1)
    labels = list(matrix)
    side = _quarter(2.0 + 0.5 * len(labels))

    def draw(figure: Figure) -> None:
        axes = figure.add_subplot()
        values = [[matrix[row][column] for column in labels] for row in labels]
        highest = max((value for row in values for value in row), default=0)
        axes.imshow(values, cmap="Blues", vmin=0, vmax=max(1, highest))
        axes.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
        axes.set_yticks(range(len(labels)), labels)
        axes.set_xlabel(second)
        axes.set_ylabel(first)
        axes.set_title(f"{field.capitalize()}: {first} × {second}", loc="left")
        for row, line in enumerate(values):
            for column, value in enumerate(line):
                colour = "white" if highest and value > highest / 2 else "black"
                axes.text(column, row, str(value), ha="center", va="center", color=colour)

    return FigureSpec(f"confusion_{field}_{first}_{second}", side + 1.0, side, draw)


def figure_specs(
    statistics: Statistics,
    scheme: LabelScheme,
    confusion: dict[str, dict[str, dict[str, dict[str, int]]]],
) -> list[FigureSpec]:
    """Every figure of the report; ``confusion`` is field → pair → matrix (from agreement)."""
    specs = [
        confusion_spec(field, pair, matrix)
        for field, pairs in confusion.items()
        for pair, matrix in pairs.items()
    ]
    groupings: tuple[Grouping, ...] = ("outlet", "speaker", "month")
    for by in groupings:
        for field in LABEL_FIELDS:
            specs.append(breakdown_spec(statistics, scheme, field, by))
    specs.append(labels_per_annotator_spec(statistics, scheme))
    specs.append(seconds_spec(statistics))
    return specs


def render(spec: FigureSpec) -> tuple[bytes, bytes]:
    """The SVG and PNG bytes of one figure."""
    import matplotlib
    from matplotlib import style
    from matplotlib.figure import Figure

    with style.context("default"), matplotlib.rc_context(RC):
        figure = Figure(figsize=(spec.width, spec.height), dpi=DPI, layout="constrained")
        spec.draw(figure)
        svg, png = io.BytesIO(), io.BytesIO()
        figure.savefig(svg, format="svg", metadata={"Date": None})
        figure.savefig(png, format="png", dpi=DPI, metadata={"Software": None})
    return svg.getvalue(), png.getvalue()
