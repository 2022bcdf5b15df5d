"""The document's quotes, one line each (speaker, outlet, stance, sentiment, flag, text), with
the current quote highlighted and kept in view.

A line-API scroll view: only visible lines are rendered, each line is cached, and a label
change redraws one line — so a list of thousands of quotes stays instant. Every cell is a
Text cropped by terminal cells (wide characters count double), never markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotator.annotations import resolved_outlet, resolved_speaker
from annotator.models import LabelScheme, Quote, QuoteLabel
from annotator.safe_text import safe_text

CURRENT_STYLE = Style(bgcolor="#3a3f5c", bold=True)
BORDERLINE_MARK = "?"  # in the marks column of a borderline proposal (its row is dim too)
MIN_QUOTE = 40  # the quote column gets at least this many cells when the list is wide enough


@dataclass(frozen=True)
class Columns:
    """Column widths in cells (each includes its one-cell gap); the quote takes the rest."""

    number: int
    marks: int
    speaker: int
    outlet: int
    stance: int
    sentiment: int

    @property
    def fixed(self) -> int:
        return self.number + self.marks + self.speaker + self.outlet + self.stance + self.sentiment


def fit_columns(width: int, count: int, speaker: int, outlet: int, stance: int) -> Columns:
    """Widths for a list ``width`` cells wide: speaker and outlet as wide as their longest
    value (``speaker``/``outlet`` cells, capped), shrunk first so that the quote keeps
    :data:`MIN_QUOTE` cells, then the outlet hidden and the stance abbreviated."""
    number = max(len(str(count)) + 1, 3)
    marks = 3
    sentiment = 5
    speaker = natural_speaker = min(max(speaker, 7) + 1, 26)
    outlet = min(max(outlet, 6) + 1, 18)
    stance = max(stance, 5) + 1
    room = width - MIN_QUOTE - number - marks - sentiment
    if stance + speaker + outlet > room:
        outlet = max(min(outlet, room - stance - speaker), 8)
    if stance + speaker + outlet > room:
        speaker = max(room - stance - outlet, 12)
    if stance + speaker + outlet > room:
        outlet = 0
        speaker = max(min(natural_speaker, room - stance), 10)
    if stance + speaker + outlet > room:
        stance = 5
        speaker = max(min(natural_speaker, room - stance), 8)
    return Columns(number, marks, speaker, outlet, stance, sentiment)


class QuoteList(ScrollView, can_focus=False):
    """One line per effective quote; the screen sets the current one, clicks choose one.

    Borderline proposals (see :meth:`~annotator.session.AnnotationSession.is_borderline`)
    are dim with a ``?`` mark, or left out while they are hidden.
    """

    class QuoteChosen(Message):
        """The annotator clicked a quote in the list."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self._colors = {label.value: label.color or "" for label in scheme.stance}
        self._stance_width = max((cell_len(label.value) for label in scheme.stance), default=5)
        self._quotes: list[Quote] = []
        self._labels: list[QuoteLabel | None] = []
        self._borderline: list[bool] = []
        self._rows: list[int] = []  # quote index of each line (borderline ones left out if hidden)
        self._row_of: dict[int, int] = {}
        self.hide_borderline = False
        self._current = 0
        self._natural = (7, 6)  # widest speaker and outlet, in cells
        self._columns: tuple[int, Columns] | None = None
        # quote index -> its drawn lines by (width, current): forgetting one quote's lines
        # costs that quote, not every line drawn so far
        self._cache: dict[int, dict[tuple[int, bool], Strip]] = {}

    # ------------------------------------------------------------------ content

    def show_quotes(
        self,
        quotes: list[Quote],
        labels: dict[str, QuoteLabel | None],
        borderline: set[str] | None = None,
    ) -> None:
        """Replace all lines (on open, and after quotes were added or deleted)."""
        self._quotes = list(quotes)
        self._labels = [labels.get(quote.id) for quote in quotes]
        borderline = borderline or set()
        self._borderline = [quote.id in borderline for quote in quotes]
        speakers = [
            cell_len(resolved_speaker(q, lab) or "—")
            for q, lab in zip(quotes, self._labels, strict=True)
        ]
        outlets = [
            cell_len(resolved_outlet(q, lab) or "—")
            for q, lab in zip(quotes, self._labels, strict=True)
        ]
        self._natural = (max(speakers, default=7), max(outlets, default=6))
        self._columns = None
        self._layout_rows()

    def set_hide_borderline(self, hide: bool) -> None:
        self.hide_borderline = hide
        self._layout_rows()

    def _layout_rows(self) -> None:
        self._rows = [
            index
            for index in range(len(self._quotes))
            if not (self.hide_borderline and self._borderline[index]) or index == self._current
        ]
        self._row_of = {index: row for row, index in enumerate(self._rows)}
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows) + 1)
        self.refresh()

    def update_quote(
        self, index: int, quote: Quote, label: QuoteLabel | None, borderline: bool = False
    ) -> None:
        """Redraw one line after its label changed."""
        if not 0 <= index < len(self._quotes):
            return
        self._quotes[index] = quote
        self._labels[index] = label
        self._borderline[index] = borderline
        self._forget(index)

    def is_shown(self, index: int) -> bool:
        return not (
            self.hide_borderline and 0 <= index < len(self._borderline) and self._borderline[index]
        )

    def follow(self, index: int) -> None:
        """Highlight quote ``index`` and scroll it into view."""
        previous, self._current = self._current, index
        if self.hide_borderline and (
            index not in self._row_of or previous not in self._row_of or self._borderline[previous]
        ):
            self._layout_rows()  # the current quote is always listed, even when hidden
        self._forget(previous)
        self._forget(index)
        height = self.scrollable_content_region.height
        line = self._row_of.get(index, 0) + 1  # line 0 is the header
        if height and not (self.scroll_y + 1 <= line < self.scroll_y + height):
            self.scroll_to(y=max(0, line - height // 2), animate=False, immediate=True)

    def _forget(self, index: int) -> None:
        self._cache.pop(index, None)
        row = self._row_of.get(index)
        if row is None:
            return
        y = row + 1 - int(self.scroll_y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # ------------------------------------------------------------------ rendering

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self._columns = None
        self.virtual_size = Size(event.size.width, len(self._rows) + 1)

    def columns(self, width: int) -> Columns:
        if self._columns is None or self._columns[0] != width:
            speaker, outlet = self._natural
            self._columns = (
                width,
                fit_columns(width, len(self._quotes), speaker, outlet, self._stance_width),
            )
        return self._columns[1]

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._strip(self._header(width), width)  # the header stays put
        row = int(self.scroll_y) + y - 1
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        index = self._rows[row]
        current = index == self._current
        key = (width, current)
        drawn = self._cache.setdefault(index, {})
        strip = drawn.get(key)
        if strip is None:
            text = self.row_text(
                index + 1, self._quotes[index], self._labels[index], width, self._borderline[index]
            )
            if current:
                text.stylize(CURRENT_STYLE)
            strip = self._strip(text, width)
            drawn[key] = strip
        return strip

    def _strip(self, text: Text, width: int) -> Strip:
        base = self.rich_style  # computed from the CSS of every ancestor: once per line
        segments = [
            Segment(segment.text, base + segment.style if segment.style else base)
            for segment in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, width, base)

    def _header(self, width: int) -> Text:
        columns = self.columns(width)
        text = Text(style="bold")
        for title, size in (
            ("#", columns.number),
            ("⚑", columns.marks),
            ("speaker", columns.speaker),
            ("outlet", columns.outlet),
            ("stance", columns.stance),
            ("sent", columns.sentiment),
        ):
            if size:
                text.append(set_cell_size(title, size))
        hidden = " (borderline hidden)" if self.hide_borderline else ""
        text.append("quote" + hidden)
        return text

    def row_text(
        self,
        number: int,
        quote: Quote,
        label: QuoteLabel | None,
        width: int,
        borderline: bool = False,
    ) -> Text:
        """One line; every cell cropped/padded to its width in terminal cells."""
        columns = self.columns(width)
        stance = label.stance if label else None
        sentiment = label.sentiment if label else None
        marks = ("⚑" if label and label.flagged else " ") + (BORDERLINE_MARK if borderline else "")
        cells = (
            (str(number), "dim", columns.number),
            (marks, "bold yellow", columns.marks),
            (resolved_speaker(quote, label) or "—", "", columns.speaker),
            (resolved_outlet(quote, label) or "—", "", columns.outlet),
            (stance or "·", self._colors.get(stance or "", "dim"), columns.stance),
            (sentiment[:3] if sentiment else "·", "" if sentiment else "dim", columns.sentiment),
        )
        text = Text(no_wrap=True)
        for value, style, size in cells:
            if size:
                text.append(_fit(safe_text(value.replace("\n", " ")), size), style=style)
        rest = max(width - columns.fixed, 0)
        if rest:
            text.append(_fit(safe_text(quote.text.replace("\n", " ")), rest), style="#a0a0a0")
        if borderline:
            text.stylize("dim")
        return text

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if 0 <= row < len(self._rows):
            self.post_message(self.QuoteChosen(self._rows[row]))


def _fit(value: str, size: int) -> str:
    """``value`` cropped (with an ellipsis) or padded to exactly ``size`` cells, one space kept
    at the end as a column gap."""
    if cell_len(value) > size - 1:
        value = set_cell_size(value, size - 2) + "…"
    return set_cell_size(value, size)
