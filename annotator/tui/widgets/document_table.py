"""The corpus screen's table of documents, drawn line by line: only visible rows are rendered.

A line-API scroll view (:class:`~textual.scroll_view.ScrollView` with ``render_line``), in
place of Textual's ``DataTable``: adding rows only appends them and widens a column when a
cell is wider than any before (its width is the cell's plain text measured in terminal cells),
so listing 1,000 documents costs no per-cell measuring or rendering; drawing a screen line
renders only that row's cells, and the drawn row is cached until the row, the cursor, the
focus or a column's width changes. The header stays on the first line; the cursor is a whole
row; rows alternate in background (zebra stripes) as ``DataTable(zebra_stripes=True)`` did.

Cells are Rich :class:`~rich.text.Text` made by the caller with the one safe-text renderer
(:mod:`annotator.safe_text`): never markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1  # cells on each side of a cell, as DataTable's default cell padding


class DocumentTable(ScrollView, can_focus=True):
    """Rows of cells under a header; the cursor row is highlighted, enter or a click selects it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-table--header",
        "document-table--cursor",
        "document-table--even-row",
    }

    DEFAULT_CSS = """
    DocumentTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .document-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .document-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .document-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .document-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .document-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .document-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .document-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", "cursor up", show=False),
        Binding("down", "cursor(1)", "cursor down", show=False),
        Binding("pageup", "page(-1)", "page up", show=False),
        Binding("pagedown", "page(1)", "page down", show=False),
        Binding("home", "edge(0)", "first row", show=False),
        Binding("end", "edge(1)", "last row", show=False),
        Binding("enter", "select", "select", show=False),
    ]

    class RowSelected(Message):
        """Enter on a row, or a click on it."""

        def __init__(self, table: DocumentTable, cursor_row: int) -> None:
            self.table = table
            self.cursor_row = cursor_row
            super().__init__()

    def __init__(self, columns: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._columns = list(columns)
        self._widths = [cell_len(name) for name in self._columns]
        self._rows: list[list[Text]] = []
        self._keys: dict[str, int] = {}
        self._cursor = 0
        self._cache: dict[tuple[int, bool], Strip] = {}  # (row, is the cursor) -> whole row
        self._header_strip: Strip | None = None
        self._styles: tuple[Style, Style, Style, Style] | None = None  # base, even, cursor, header

    # ------------------------------------------------------------------ content

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        return self._cursor

    def get_row_at(self, index: int) -> list[Text]:
        return list(self._rows[index])

    def add_rows(self, rows: Sequence[tuple[str, Sequence[Text]]]) -> None:
        """Append ``(key, cells)`` rows; one refresh for all of them."""
        if not rows:
            return
        widths = self._widths
        wider = False
        for key, cells in rows:
            self._keys[key] = len(self._rows)
            self._rows.append(list(cells))
            for column, cell in enumerate(cells):
                width = cell_len(cell.plain)
                if width > widths[column]:
                    widths[column] = width
                    wider = True
        if wider:
            self._forget_all()
        self._update_virtual_size()
        self.refresh()

    def update_row(self, key: str, cells: Sequence[Text]) -> None:
        """Replace the cells of row ``key`` and redraw it (all rows if a column widened)."""
        index = self._keys.get(key)
        if index is None:
            return
        self._rows[index] = list(cells)
        widths = self._widths
        wider = False
        for column, cell in enumerate(cells):
            width = cell_len(cell.plain)
            if width > widths[column]:
                widths[column] = width
                wider = True
        if wider:
            self._forget_all()
            self._update_virtual_size()
            self.refresh()
        else:
            self._forget(index)

    # ------------------------------------------------------------------ cursor

    def move_cursor(self, *, row: int) -> None:
        """Put the cursor on ``row`` (clamped to the rows) and scroll it into view."""
        if not self._rows:
            return
        row = max(0, min(row, len(self._rows) - 1))
        previous, self._cursor = self._cursor, row
        if previous != row:
            self._forget(previous)
            self._forget(row)
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        visible = self.scrollable_content_region.height - 1  # the header takes a line
        if visible <= 0:
            return
        top = int(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + visible:
            self.scroll_to(y=self._cursor - visible + 1, animate=False, immediate=True)

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 1, 1)

    def action_cursor(self, step: int) -> None:
        self.move_cursor(row=self._cursor + step)

    def action_page(self, direction: int) -> None:
        self.move_cursor(row=self._cursor + direction * self._page())

    def action_edge(self, end: int) -> None:
        self.move_cursor(row=len(self._rows) - 1 if end else 0)

    def action_select(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self._cursor))

    def on_click(self, event: events.Click) -> None:
        row = int(self.scroll_y) + event.y - 1
        if event.y >= 1 and 0 <= row < len(self._rows):
            event.stop()
            self.move_cursor(row=row)
            self.post_message(self.RowSelected(self, row))

    # ------------------------------------------------------------------ drawing

    def _forget_all(self) -> None:
        self._cache.clear()
        self._header_strip = None
        self._styles = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_all()  # another theme, or the CSS reloaded: rows drawn again

    def _row_styles(self) -> tuple[Style, Style, Style, Style]:
        """The widget's style and its rows' (even, cursor, header), read once per change."""
        if self._styles is None:
            self._styles = (
                self.rich_style,
                self.get_component_rich_style("document-table--even-row"),
                self.get_component_rich_style("document-table--cursor"),
                self.get_component_rich_style("document-table--header"),
            )
        return self._styles

    def _forget(self, index: int) -> None:
        self._cache.pop((index, False), None)
        self._cache.pop((index, True), None)
        y = index + 1 - int(self.scroll_y)
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _update_virtual_size(self) -> None:
        width = sum(self._widths) + 2 * PADDING * len(self._widths)
        self.virtual_size = Size(width, len(self._rows) + 1)

    def on_focus(self) -> None:
        self._forget_all()
        self.refresh()

    def on_blur(self) -> None:
        self._forget_all()
        self.refresh()

    def on_resize(self) -> None:
        self._forget_all()  # the styles (and the tint) are read again
        self._update_virtual_size()
        self._scroll_to_cursor()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        left = int(self.scroll_x)
        base, even, cursor_style, header_style = self._row_styles()
        if y == 0:
            style = base + header_style
            if self._header_strip is None:
                header = [Text(name) for name in self._columns]
                self._header_strip = self._strip(header, style, Style())
            return self._header_strip.crop_extend(left, left + width, style)
        row = int(self.scroll_y) + y - 1
        if row >= len(self._rows):
            return Strip.blank(width, base)
        cursor = row == self._cursor
        key = (row, cursor)
        strip = self._cache.get(key)
        if strip is None:
            style = base + even if row % 2 == 0 else base
            strip = self._strip(self._rows[row], style, cursor_style if cursor else Style())
            self._cache[key] = strip
        return strip.crop_extend(left, left + width, base + cursor_style if cursor else base)

    def _strip(self, cells: Sequence[Text], style: Style, over: Style) -> Strip:
        """One whole row: each cell padded (or cut) to its column, ``style`` under the cells'
        own styles and ``over`` above them (the cursor)."""
        console = self.app.console
        segments: list[Segment] = []
        pad = " " * PADDING
        for cell, width in zip(cells, self._widths, strict=False):
            text = cell.copy()
            text.no_wrap = True
            text.truncate(width, overflow="ellipsis")
            text.align(
                cell.justify if cell.justify in ("left", "center", "right") else "left", width
            )
            segments.append(Segment(pad, style + over))
            for segment in text.render(console):
                own = segment.style
                segments.append(
                    Segment(segment.text, (style + own + over) if own else style + over)
                )
            segments.append(Segment(pad, style + over))
        return Strip(segments)
