"""The distributions as Rich bar charts, for ``annotator stats`` and the UI's statistics screen.

Charts fit the console's width (80 columns and up; narrower still works, with shorter bars).
Names from annotation files (speakers, outlets) go through :func:`~annotator.safe_text.safe_rich`:
plain text with control and invisible format characters made visible, never markup.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from annotator.models import LabelScheme
from annotator.report.colours import label_colours, series_colour
from annotator.report.distributions import (
    GROUPING_TITLES,
    LABEL_FIELDS,
    Breakdown,
    GroupCounts,
    Statistics,
)
from annotator.safe_text import safe_rich

BLOCK = "█"
#: Without colour (NO_COLOR, a pipe) each label of a stacked bar gets its own fill instead.
PATTERNS = ("█", "▒", "░", "▚", "▓", "=", "#", "+")
NAME_WIDTH = 24


def _cells(counts: Sequence[int], scale: float) -> list[int]:
    """Bar cells per segment, rounded on the running sum so the bar's length is its total's."""
    cells, running, drawn = [], 0, 0
    for count in counts:
        running += count
        end = round(running * scale)
        cells.append(end - drawn)
        drawn = end
    return cells


class BarChart:
    """Horizontal stacked bars: a name, the bar, the total; a legend line under the title."""

    def __init__(
        self,
        title: str,
        labels: Sequence[str],
        colours: Sequence[str],
        groups: Sequence[GroupCounts],
        note: str | None = None,
    ) -> None:
        self.title = title
        self.labels = list(labels)
        self.colours = list(colours)
        self.groups = list(groups)
        self.note = note

    def _fills(self, console: Console) -> list[str]:
        if console.color_system is None or console.no_color:
            return [PATTERNS[index % len(PATTERNS)] for index in range(len(self.labels))]
        return [BLOCK] * len(self.labels)

    def _legend(self, fills: Sequence[str]) -> Text:
        legend = Text()
        for label, colour, fill in zip(self.labels, self.colours, fills, strict=True):
            if legend:
                legend.append("  ")
            legend.append(fill, style=colour)
            legend.append(" ")
            legend.append_text(safe_rich(label))
        return legend

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        fills = self._fills(console)
        yield Text(self.title, style="bold")
        if len(self.labels) > 1:
            yield self._legend(fills)
        if not self.groups:
            yield Text("  no labels", style="dim")
            return
        names = [safe_rich(group.group) for group in self.groups]
        name_width = min(NAME_WIDTH, max(len(name) for name in names), max(6, width // 3))
        highest = max(group.total for group in self.groups)
        total_width = len(str(highest))
        bar_width = max(1, width - name_width - total_width - 2)
        scale = bar_width / highest if highest else 0.0
        for name, group in zip(names, self.groups, strict=True):
            line = Text()
            name.truncate(name_width, overflow="ellipsis", pad=True)
            line.append_text(name)
            line.append(" ")
            counts = [group.counts.get(label, 0) for label in self.labels]
            segments = zip(_cells(counts, scale), self.colours, fills, strict=True)
            for cells, colour, fill in segments:
                line.append(fill * cells, style=colour)
            line.append(f" {group.total}")
            yield line
        if self.note:
            yield Text(self.note, style="dim")


def breakdown_chart(breakdown: Breakdown, scheme: LabelScheme, top: int) -> BarChart:
    note = None
    if breakdown.others:
        note = f"top {top}; {breakdown.others} more summed in (other)"
    return BarChart(
        f"{breakdown.field.capitalize()} {GROUPING_TITLES[breakdown.by]}",
        breakdown.labels,
        label_colours(breakdown.labels, scheme, breakdown.field),
        breakdown.groups,
        note,
    )


def annotator_table(statistics: Statistics) -> Table:
    table = Table(title=Text("Labels per annotator"), title_justify="left")
    for column in ("annotator", "documents", "labels", "stance", "sentiment", "flagged"):
        table.add_column(column, justify="left" if column == "annotator" else "right")
    for summary in statistics.per_annotator:
        table.add_row(
            safe_rich(summary.annotator),
            *(
                Text(str(value))
                for value in (
                    summary.documents,
                    summary.labels,
                    summary.stance,
                    summary.sentiment,
                    summary.flagged,
                )
            ),
        )
    return table


def seconds_charts(statistics: Statistics) -> Iterator[RenderableType]:
    for index, summary in enumerate(statistics.seconds):
        if summary.timed:
            title = (
                f"Seconds per quote, {summary.annotator}: {summary.timed} timed "
                f"(median {summary.median:g} s, mean {summary.mean:g} s, "
                f"total {summary.total:g} s), {summary.untimed} untimed"
            )
        else:
            title = f"Seconds per quote, {summary.annotator}: no time recorded"
            title += f" ({summary.untimed} labels untimed)"
        groups = [
            GroupCounts(group=name, counts={"labels": count}, total=count)
            for name, count in summary.bins.items()
        ]
        if not summary.timed:
            yield Text(title, style="bold")
            continue
        yield BarChart(title, ["labels"], [series_colour(index)], groups)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def statistics_renderable(statistics: Statistics, scheme: LabelScheme) -> Group:
    """Everything ``annotator stats`` prints, top to bottom."""
    source = (
        "articles' outlets and dates from the corpus"
        if statistics.metadata == "corpus"
        else "no corpus: articles' outlets and dates unknown"
    )
    parts: list[RenderableType] = [
        Text(
            f"{_count(statistics.labels, 'label')}, "
            f"{_count(len(statistics.annotators), 'annotator')}, "
            f"{_count(statistics.documents, 'document')}; {source}"
        ),
        Text(""),
    ]
    for field in LABEL_FIELDS:
        for by in ("outlet", "speaker", "month"):
            parts.append(breakdown_chart(statistics.breakdown(field, by), scheme, statistics.top))
            parts.append(Text(""))
    parts.append(annotator_table(statistics))
    for field in LABEL_FIELDS:
        parts.append(
            breakdown_chart(statistics.breakdown(field, "annotator"), scheme, statistics.top)
        )
        parts.append(Text(""))
    parts.extend(seconds_charts(statistics))
    return Group(*parts)
