"""The document's quotes, one line each (speaker, outlet, stance, sentiment, flag, text), with
the current quote highlighted and kept in view.

A line-API scroll view: only visible lines are rendered, each line is cached, and a label
change redraws one line — so a list of thousands of quotes stays instant. Every cell is a
Text cropped by terminal cells (wide characters count double), never markup.
"""

from __future__ import annotations

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

# (title, width in cells); the last column (the quote text) takes what is left
COLUMNS = (("#", 4), ("⚑", 2), ("speaker", 14), ("outlet", 10), ("stance", 10), ("sent", 5))
CURRENT_STYLE = Style(bgcolor="#3a3f5c", bold=True)


class QuoteList(ScrollView, can_focus=False):
    """One line per effective quote; the screen sets the current one, clicks choose one."""

    class QuoteChosen(Message):
        """The annotator clicked a quote in the list."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self._colors = {label.value: label.color or "" for label in scheme.stance}
        self._quotes: list[Quote] = []
        self._labels: list[QuoteLabel | None] = []
        self._current = 0
        self._cache: dict[tuple[int, int, bool], Strip] = {}

    # ------------------------------------------------------------------ content

    def show_quotes(self, quotes: list[Quote], labels: dict[str, QuoteLabel | None]) -> None:
        """Replace all lines (on open, and after quotes were added or deleted)."""
        self._quotes = list(quotes)
        self._labels = [labels.get(quote.id) for quote in quotes]
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(quotes) + 1)
        self.refresh()

    def update_quote(self, index: int, quote: Quote, label: QuoteLabel | None) -> None:
        """Redraw one line after its label changed."""
        if not 0 <= index < len(self._quotes):
            return
        self._quotes[index] = quote
        self._labels[index] = label
        self._forget(index)

    def follow(self, index: int) -> None:
        """Highlight quote ``index`` and scroll it into view."""
        previous, self._current = self._current, index
        self._forget(previous)
        self._forget(index)
        height = self.scrollable_content_region.height
        line = index + 1  # line 0 is the header
        if height and not (self.scroll_y + 1 <= line < self.scroll_y + height):
            self.scroll_to(y=max(0, line - height // 2), animate=False, immediate=True)

    def _forget(self, index: int) -> None:
        for key in [key for key in self._cache if key[0] == index]:
            del self._cache[key]
        y = index + 1 - int(self.scroll_y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    # ------------------------------------------------------------------ rendering

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._quotes) + 1)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y == 0:
            return self._strip(self._header(), width)  # the header stays put
        index = int(self.scroll_y) + y - 1
        if index >= len(self._quotes):
            return Strip.blank(width, self.rich_style)
        current = index == self._current
        key = (index, width, current)
        strip = self._cache.get(key)
        if strip is None:
            text = self.row_text(index + 1, self._quotes[index], self._labels[index], width)
            if current:
                text.stylize(CURRENT_STYLE)
            strip = self._strip(text, width)
            self._cache[key] = strip
        return strip

    def _strip(self, text: Text, width: int) -> Strip:
        segments = [
            Segment(
                segment.text, self.rich_style + segment.style if segment.style else self.rich_style
            )
            for segment in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, width, self.rich_style)

    def _header(self) -> Text:
        text = Text(style="bold")
        for title, size in COLUMNS:
            text.append(set_cell_size(title, size))
        text.append("quote")
        return text

    def row_text(self, number: int, quote: Quote, label: QuoteLabel | None, width: int) -> Text:
        """One line; every cell cropped/padded to its width in terminal cells."""
        stance = label.stance if label else None
        sentiment = label.sentiment if label else None
        cells = (
            (str(number), "dim"),
            ("⚑" if label and label.flagged else "", "bold yellow"),
            (resolved_speaker(quote, label) or "—", ""),
            (resolved_outlet(quote, label) or "—", ""),
            (stance or "·", self._colors.get(stance or "", "dim")),
            (sentiment[:3] if sentiment else "·", "" if sentiment else "dim"),
        )
        text = Text(no_wrap=True)
        used = 0
        for (value, style), (_, size) in zip(cells, COLUMNS, strict=True):
            text.append(_fit(safe_text(value.replace("\n", " ")), size), style=style)
            used += size
        rest = max(width - used, 0)
        if rest:
            text.append(_fit(safe_text(quote.text.replace("\n", " ")), rest), style="#a0a0a0")
        return text

    def on_click(self, event: events.Click) -> None:
        index = int(self.scroll_y) + event.y - 1
        if 0 <= index < len(self._quotes):
            self.post_message(self.QuoteChosen(index))


def _fit(value: str, size: int) -> str:
    """``value`` cropped (with an ellipsis) or padded to exactly ``size`` cells, one space kept
    at the end as a column gap."""
    if cell_len(value) > size - 1:
        value = set_cell_size(value, size - 2) + "…"
    return set_cell_size(value, size)
