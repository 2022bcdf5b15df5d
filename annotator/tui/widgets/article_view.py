"""The article text with its quotes highlighted, drawn line by line; highlights move by offset.

A purpose-built view on Textual's Line API (:class:`~textual.scroll_view.ScrollView` with
``render_line``): the text is wrapped once per width (word wrap, wide characters counted in
terminal cells, as Textual's own wrapping does), and drawing a screen line builds only that
line's slice of the text with the highlights, selection and cursor that fall inside it.
Drawn lines are cached; changing a quote's highlight, the current quote, the selection or the
cursor forgets only the screen lines they cover. So a keystroke costs what it changes on the
screen, whatever the article's size (a 1 MB article has paragraphs of thousands of
characters: a TextArea rebuilt and divided the whole paragraph for every screen line drawn).

The text is never interpreted as markup: control, bidi and invisible format characters are
shown as visible symbols, one for one (:func:`annotator.safe_text.safe_text_same_length`), so
text offsets hold; a tab is shown as one space for the same reason. The annotator selects a
span to add a quote with the mouse (drag) or, once the view has the focus (a click), with
shift+arrows; arrows, home/end and page up/down move the cursor.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual._wrap import compute_wrap_offsets
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from annotator.models import LabelScheme, Quote
from annotator.safe_text import safe_text_same_length

CURRENT = "quote-current"
UNLABELLED = "quote-unlabelled"
BASE_STYLE = Style(color="#d0d0d0", bgcolor="#1e1e24")
CURSOR_STYLE = Style(reverse=True)
SELECTION_STYLE = Style(bgcolor="#5a4a1e")


def stance_highlight(value: str) -> str:
    return f"quote-stance-{value}"


def highlight_styles(scheme: LabelScheme) -> dict[str, Style]:
    """Highlight styles: unlabelled quotes underlined, labelled ones in their stance colour."""
    styles: dict[str, Style] = {
        UNLABELLED: Style(underline=True, color="#e8e8e8"),
        CURRENT: Style(bgcolor="#3a3f5c", bold=True, underline=True),
    }
    for label in scheme.stance:
        styles[stance_highlight(label.value)] = Style(color=label.color or "cyan", underline=True)
    return styles


class Selection(NamedTuple):
    """(row, column) of where a selection started and of the cursor (its end)."""

    start: tuple[int, int]
    end: tuple[int, int]


class ArticleView(ScrollView, can_focus=True):
    """Read-only article text with quote highlights (see the module docstring)."""

    DEFAULT_CSS = """
    ArticleView {
        background: #1e1e24;
        color: #d0d0d0;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "move(-1)", "cursor left", show=False),
        Binding("right", "move(1)", "cursor right", show=False),
        Binding("up", "move_line(-1)", "cursor up", show=False),
        Binding("down", "move_line(1)", "cursor down", show=False),
        Binding("home", "line_edge(0)", "line start", show=False),
        Binding("end", "line_edge(1)", "line end", show=False),
        Binding("pageup", "move_page(-1)", "page up", show=False),
        Binding("pagedown", "move_page(1)", "page down", show=False),
        Binding("shift+left", "move(-1, True)", "select left", show=False),
        Binding("shift+right", "move(1, True)", "select right", show=False),
        Binding("shift+up", "move_line(-1, True)", "select up", show=False),
        Binding("shift+down", "move_line(1, True)", "select down", show=False),
        Binding("shift+home", "line_edge(0, True)", "select to line start", show=False),
        Binding("shift+end", "line_edge(1, True)", "select to line end", show=False),
    ]

    def __init__(self, text: str, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = text
        shown = safe_text_same_length(text).replace("\t", " ")  # one cell each: offsets hold
        self.text = shown  # what is shown, character for character
        lines = shown.splitlines(keepends=True) or [""]
        self._line_texts = [line.rstrip("\r\n") for line in lines]
        self._line_starts: list[int] = []
        offset = 0
        for line in lines:
            self._line_starts.append(offset)
            offset += len(line)
        if shown.endswith(("\n", "\r")):  # the empty last line a cursor can be on
            self._line_texts.append("")
            self._line_starts.append(len(shown))
        self._styles = highlight_styles(scheme)
        # row -> [(quote_id, start column, end column or None: to the end of the row, name)]
        self._quote_rows: dict[int, list[tuple[str, int, int | None, str]]] = defaultdict(list)
        self._rows_of_quote: dict[str, list[int]] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        self._current: str | None = None
        self._anchor = 0  # selection start (text offset); the cursor is its end
        self._cursor = 0
        self._selecting = False  # a mouse drag is under way
        # wrapping at one width: section start columns per row, first screen line per row
        self._wrap_width = -1
        self._sections: list[list[int]] = []
        self._first_y: list[int] = []
        self._height = 0
        self._strips: dict[int, Strip] = {}  # screen line (whole text) -> drawn line
        self._pending_scroll: int | None = None  # asked before the view had a width

    # ------------------------------------------------------------------ wrapping

    def _wrap(self) -> bool:
        """Wrap every row at the width available (one cell kept for the cursor at the end);
        False while the view has no width yet."""
        available = self.scrollable_content_region.width
        if available < 2:
            return False
        width = available - 1
        if width == self._wrap_width:
            return True
        self._wrap_width = width
        sections: list[list[int]] = []
        first_y: list[int] = []
        y = 0
        for line in self._line_texts:
            first_y.append(y)
            starts = [0, *compute_wrap_offsets(line, width, tab_size=1)] if line else [0]
            sections.append(starts)
            y += len(starts)
        self._sections, self._first_y, self._height = sections, first_y, y
        self._strips.clear()
        self.virtual_size = Size(available, y)
        if self._pending_scroll is not None:
            self.call_after_refresh(self.scroll_to_offset, self._pending_scroll)
            self._pending_scroll = None
        return True

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()
        self.refresh()

    def _ensure_wrapped(self) -> bool:
        """Wrapped at the current width (a scroll bar that came or went changes it)."""
        return self._wrap()

    def _row_and_section(self, y: int) -> tuple[int, int]:
        row = bisect_right(self._first_y, y) - 1
        return row, y - self._first_y[row]

    def _section_bounds(self, row: int, section: int) -> tuple[int, int]:
        starts = self._sections[row]
        end = starts[section + 1] if section + 1 < len(starts) else len(self._line_texts[row])
        return starts[section], end

    def _y_of(self, row: int, column: int) -> int:
        """The screen line (in the wrapped text) of (row, column)."""
        section = bisect_right(self._sections[row], column) - 1
        return self._first_y[row] + max(section, 0)

    def wrapped_y(self, offset: int) -> int | None:
        """The screen line (in the whole wrapped text, not the window) of a text offset;
        None before the view has a width."""
        if not self._ensure_wrapped():
            return None
        return self._y_of(*self.location_of(offset))

    # ------------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if not self._ensure_wrapped():
            return Strip.blank(width, BASE_STYLE)
        absolute = int(self.scroll_y) + y
        strip = self._strips.get(absolute)
        if strip is not None and strip.cell_length == width:
            return strip
        if absolute >= self._height:
            strip = Strip.blank(width, BASE_STYLE)
        else:
            strip = self._draw(absolute, width)
        self._strips[absolute] = strip
        return strip

    def _draw(self, y: int, width: int) -> Strip:
        row, section = self._row_and_section(y)
        begin, end = self._section_bounds(row, section)
        last = section == len(self._sections[row]) - 1
        line = self._line_texts[row]
        text = Text(line[begin:end] + (" " if last else ""), style=BASE_STYLE, end="")
        size = len(text.plain)

        def stylize(style: Style, start: int, finish: int | None) -> None:
            start, stop = max(start, begin), min(end if finish is None else finish, end)
            if finish is None and last:
                stop = end + 1
            if start < stop:
                text.stylize(style, start - begin, min(stop - begin, size))

        styles = self._styles
        current = self._current
        entries = self._quote_rows.get(row, [])
        for _, start, finish, name in entries:
            stylize(styles[name], start, finish)
        for quote_id, start, finish, _ in entries:
            if quote_id == current:
                stylize(styles[CURRENT], start, finish)
        selection_start, selection_end = sorted((self._anchor, self._cursor))
        if selection_start != selection_end:
            (top_row, top_column), (bottom_row, bottom_column) = (
                self.location_of(selection_start),
                self.location_of(selection_end),
            )
            if top_row <= row <= bottom_row:
                stylize(
                    SELECTION_STYLE,
                    top_column if row == top_row else 0,
                    bottom_column if row == bottom_row else len(line),
                )
        if self.has_focus:
            cursor_row, cursor_column = self.location_of(self._cursor)
            if cursor_row == row and begin <= cursor_column < end + (1 if last else 0):
                text.stylize(CURSOR_STYLE, cursor_column - begin, cursor_column - begin + 1)
        strip = Strip(text.render(self.app.console), text.cell_len)
        return strip.extend_cell_length(width, BASE_STYLE).crop(0, width)

    def _forget_lines(self, ys: Iterable[tuple[int, int]]) -> None:
        """Draw the screen lines ``first..last`` (each pair, inclusive) again: those on
        screen now at once, the others when they are shown."""
        if not self._sections:
            return
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        low = high = None
        for first, last in ys:
            for y in range(first, last + 1):
                self._strips.pop(y, None)
            start, stop = max(first, top), min(last + 1, top + height)
            if start < stop:
                low = start if low is None else min(low, start)
                high = stop if high is None else max(high, stop)
        if low is not None and high is not None:
            self.refresh(Region(0, low - top, self.size.width, high - low))

    def _forget_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Draw again the screen lines that show the text ``start..end`` of each span (the
        line of ``end`` too: a cursor there is drawn on it)."""
        if not self._sections:
            return
        self._forget_lines(
            (self._y_of(*self.location_of(start)), self._y_of(*self.location_of(end)))
            for start, end in spans
        )

    # ------------------------------------------------------------------ offsets

    def location_of(self, offset: int) -> tuple[int, int]:
        """(row, column) of a text offset."""
        offset = max(0, min(offset, len(self._text)))
        row = bisect_right(self._line_starts, offset) - 1
        return row, min(offset - self._line_starts[row], len(self._line_texts[row]))

    def offset_of(self, location: tuple[int, int]) -> int:
        row, column = location
        row = max(0, min(row, len(self._line_starts) - 1))
        column = max(0, min(column, len(self._line_texts[row])))
        return min(self._line_starts[row] + column, len(self._text))

    @property
    def cursor_location(self) -> tuple[int, int]:
        return self.location_of(self._cursor)

    @property
    def selection(self) -> Selection:
        return Selection(self.location_of(self._anchor), self.location_of(self._cursor))

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as (start, end) offsets, or ``None`` if nothing is selected."""
        start, end = sorted((self._anchor, self._cursor))
        return None if start == end else (start, end)

    def select_span(self, start: int, end: int) -> None:
        self._set_cursor(end, anchor=start)

    def _set_cursor(self, offset: int, anchor: int | None = None) -> None:
        """Move the cursor (and the selection start: ``anchor``, else none selected)."""
        offset = max(0, min(offset, len(self._text)))
        anchor = offset if anchor is None else max(0, min(anchor, len(self._text)))
        old = (self._anchor, self._cursor)
        self._anchor, self._cursor = anchor, offset
        self._forget_spans([tuple(sorted(old)), tuple(sorted((anchor, offset)))])  # type: ignore[list-item]
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if not self._ensure_wrapped():
            return
        y = self._y_of(*self.location_of(self._cursor))
        height = self.scrollable_content_region.height
        if y < self.scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)
        elif height and y >= self.scroll_y + height:
            self.scroll_to(y=y - height + 1, animate=False, immediate=True)

    # ------------------------------------------------------------------ keys and mouse

    def _moved(self, offset: int, select: bool) -> None:
        self._set_cursor(offset, anchor=self._anchor if select else None)

    def action_move(self, step: int, select: bool = False) -> None:
        self._moved(self._cursor + step, select)

    def _column_at(self, row: int, section: int, x: int) -> int:
        """The column in ``row`` shown at cell ``x`` of its screen line ``section``."""
        begin, end = self._section_bounds(row, section)
        line = self._line_texts[row]
        cells = 0
        for column in range(begin, end):
            cells += cell_len(line[column])
            if cells > x:
                return column
        last = section == len(self._sections[row]) - 1
        return end if last else max(end - 1, begin)

    def _x_of(self, row: int, column: int) -> int:
        section = bisect_right(self._sections[row], column) - 1
        begin = self._sections[row][max(section, 0)]
        return cell_len(self._line_texts[row][begin:column])

    def _line_step(self, lines: int, select: bool) -> None:
        if not self._ensure_wrapped():
            return
        row, column = self.location_of(self._cursor)
        y = max(0, min(self._y_of(row, column) + lines, self._height - 1))
        x = self._x_of(row, column)
        target_row, section = self._row_and_section(y)
        self._moved(self.offset_of((target_row, self._column_at(target_row, section, x))), select)

    def action_move_line(self, lines: int, select: bool = False) -> None:
        self._line_step(lines, select)

    def action_move_page(self, pages: int, select: bool = False) -> None:
        self._line_step(pages * max(self.scrollable_content_region.height - 1, 1), select)

    def action_line_edge(self, end: int, select: bool = False) -> None:
        if not self._ensure_wrapped():
            return
        row, column = self.location_of(self._cursor)
        section = bisect_right(self._sections[row], column) - 1
        section = max(section, 0)
        begin, finish = self._section_bounds(row, section)
        if section + 1 < len(self._sections[row]):
            finish = max(finish - 1, begin)  # the column after it starts the next screen line
        self._moved(self.offset_of((row, finish if end else begin)), select)

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or not self._ensure_wrapped():
            return None
        y = max(0, min(int(self.scroll_y) + offset.y, self._height - 1))
        row, section = self._row_and_section(y)
        return self.offset_of((row, self._column_at(row, section, offset.x)))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event)
        if offset is None:
            return
        self._selecting = True
        self.capture_mouse()
        self._set_cursor(offset, anchor=self._anchor if event.shift else None)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._selecting:
            return
        offset = self._offset_at(event)
        if offset is not None:
            self._set_cursor(offset, anchor=self._anchor)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._selecting:
            self._selecting = False
            self.release_mouse()

    def on_focus(self) -> None:
        self._forget_spans([(self._cursor, self._cursor)])
        if self._ensure_wrapped() and not self._in_view(self._cursor):
            # focused from the keyboard (shift+tab): the cursor starts at the current quote, or
            # the first line shown, never off screen (the first arrow would jump there)
            span = self._spans.get(self._current) if self._current is not None else None
            if span is not None and self._in_view(span[0]):
                self._set_cursor(span[0])
            else:
                row, section = self._row_and_section(int(self.scroll_y))
                self._set_cursor(self.offset_of((row, self._sections[row][section])))

    def _in_view(self, offset: int) -> bool:
        y = self._y_of(*self.location_of(offset))
        return self.scroll_y <= y < self.scroll_y + self.scrollable_content_region.height

    def on_blur(self) -> None:
        self._forget_spans([(self._cursor, self._cursor)])

    # ------------------------------------------------------------------ highlights

    def _row_pieces(self, start: int, end: int) -> list[tuple[int, int, int | None]]:
        """(row, start column, end column or None: to the end of the row) for each row the
        span touches."""
        first_row, first_col = self.location_of(start)
        last_row, last_col = self.location_of(end)
        return [
            (
                row,
                first_col if row == first_row else 0,
                last_col if row == last_row else None,
            )
            for row in range(first_row, last_row + 1)
        ]

    def set_quotes(self, quotes: list[Quote], highlight_names: list[str]) -> None:
        """Replace every quote highlight (after quotes were added or deleted)."""
        self._quote_rows.clear()
        self._rows_of_quote.clear()
        self._spans = {quote.id: (quote.start, quote.end) for quote in quotes}
        for quote, name in zip(quotes, highlight_names, strict=True):
            rows = []
            for row, begin, finish in self._row_pieces(quote.start, quote.end):
                self._quote_rows[row].append((quote.id, begin, finish, name))
                rows.append(row)
            self._rows_of_quote[quote.id] = rows
        self._strips.clear()
        self.refresh()

    def set_quote_highlight(self, quote_id: str, name: str) -> None:
        """Change one quote's highlight (its stance changed)."""
        rows = self._rows_of_quote.get(quote_id, [])
        for row in rows:
            self._quote_rows[row] = [
                (qid, begin, finish, name if qid == quote_id else old)
                for qid, begin, finish, old in self._quote_rows[row]
            ]
        if quote_id in self._spans:
            self._forget_spans([self._spans[quote_id]])

    def set_current(self, quote_id: str | None, scroll: bool = True) -> None:
        """Make ``quote_id`` the highlighted current quote and scroll it into view."""
        previous = self._current
        self._current = quote_id
        self._forget_spans(
            self._spans[qid]
            for qid in (previous, quote_id)
            if qid is not None and qid in self._spans
        )
        if scroll and quote_id is not None and quote_id in self._spans:
            self.scroll_to_offset(self._spans[quote_id][0])

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the screen line of ``offset`` into view (a third from the top if it was not)."""
        y = self.wrapped_y(offset)
        if y is None:
            self._pending_scroll = offset
            return
        height = self.scrollable_content_region.height or self.size.height
        top, bottom = self.scroll_y, self.scroll_y + height
        if not (top <= y < bottom - 1):
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)
