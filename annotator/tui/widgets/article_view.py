"""The article text with its quotes highlighted, rendered once; highlights move by offset.

The view is a read-only :class:`~textual.widgets.TextArea`: it renders only the visible lines
(so a 1 MB article opens fast), wraps wide characters correctly, never interprets the text as
markup (control, bidi and invisible format characters are shown as visible symbols, one for
one, see :func:`annotator.safe_text.safe_text_same_length`), and lets the annotator select a span (mouse, or shift+arrows once focused) to add a quote.
Quote highlights are kept per line and fed to the TextArea's highlight map, so moving the
current quote touches only the lines of the old and the new quote.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rich.style import Style
from textual.geometry import Region
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Selection, TextAreaTheme

from annotator.models import LabelScheme, Quote
from annotator.safe_text import safe_text_same_length

THEME_NAME = "annotator-article"
CURRENT = "quote-current"
UNLABELLED = "quote-unlabelled"


def stance_highlight(value: str) -> str:
    return f"quote-stance-{value}"


def article_theme(scheme: LabelScheme) -> TextAreaTheme:
    """Highlight styles: unlabelled quotes underlined, labelled ones in their stance colour."""
    styles: dict[str, Style] = {
        UNLABELLED: Style(underline=True, color="#e8e8e8"),
        CURRENT: Style(bgcolor="#3a3f5c", bold=True, underline=True),
    }
    for label in scheme.stance:
        styles[stance_highlight(label.value)] = Style(color=label.color or "cyan", underline=True)
    return TextAreaTheme(
        name=THEME_NAME,
        base_style=Style(color="#d0d0d0", bgcolor="#1e1e24"),
        cursor_style=Style(reverse=True),
        selection_style=Style(bgcolor="#5a4a1e"),
        syntax_styles=styles,
    )


class ArticleView(TextArea):
    """Read-only article text with quote highlights (see the module docstring)."""

    def __init__(self, text: str, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(
            safe_text_same_length(text),  # shown inert, character for character: offsets hold
            read_only=True,
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            id=id,
        )
        self._text = text
        lines = text.splitlines(keepends=True) or [""]
        self._line_texts = [line.rstrip("\r\n") for line in lines]
        self._line_starts: list[int] = []
        offset = 0
        for line in lines:
            self._line_starts.append(offset)
            offset += len(line)
        # row -> [(quote_id, start_byte, end_byte_or_None, highlight name)]
        self._quote_rows: dict[int, list[tuple[str, int, int | None, str]]] = defaultdict(list)
        self._rows_of_quote: dict[str, list[int]] = {}
        self._spans: dict[str, tuple[int, int]] = {}
        self._current: str | None = None
        self.register_theme(article_theme(scheme))
        self.theme = THEME_NAME

    # ------------------------------------------------------------------ drawing

    @property
    def text(self) -> str:
        """The shown text. TextArea's ``render_line`` asks for it on every line it draws (to
        know whether to draw a placeholder), and its own property joins every line of the
        document each time: 1 MB per screen line. The article is never edited in place, so
        the joined text is kept for as long as the document object is the same and no edit
        went through (every change of a TextArea's document goes through ``edit`` or undo/redo)."""
        document = self.document
        cached = self.__dict__.get("_joined")
        if cached is None or cached[0] is not document:
            cached = (document, document.text)
            self.__dict__["_joined"] = cached
        return cached[1]

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(value)

    def edit(self, edit: Edit) -> EditResult:
        self.__dict__.pop("_joined", None)
        try:
            return super().edit(edit)
        finally:
            self.__dict__.pop("_joined", None)

    def _undo_batch(self, edits: Sequence[Edit]) -> None:
        self.__dict__.pop("_joined", None)
        super()._undo_batch(edits)
        self.__dict__.pop("_joined", None)

    def _redo_batch(self, edits: Sequence[Edit]) -> None:
        self.__dict__.pop("_joined", None)
        super()._redo_batch(edits)
        self.__dict__.pop("_joined", None)

    # ------------------------------------------------------------------ offsets

    def location_of(self, offset: int) -> tuple[int, int]:
        """(row, column) of a text offset."""
        row = bisect_right(self._line_starts, offset) - 1
        return row, offset - self._line_starts[row]

    def offset_of(self, location: tuple[int, int]) -> int:
        row, column = location
        row = max(0, min(row, len(self._line_starts) - 1))
        return min(self._line_starts[row] + column, len(self._text))

    def selected_span(self) -> tuple[int, int] | None:
        """The selected text as (start, end) offsets, or ``None`` if nothing is selected."""
        start, end = sorted(self.selection)
        if start == end:
            return None
        return self.offset_of(start), self.offset_of(end)

    def _byte_column(self, row: int, column: int) -> int:
        return len(self._line_texts[row][:column].encode("utf-8", "surrogatepass"))

    def _row_pieces(self, start: int, end: int) -> list[tuple[int, int, int | None]]:
        """(row, start byte, end byte or None) for each line the span touches."""
        first_row, first_col = self.location_of(start)
        last_row, last_col = self.location_of(end)
        pieces: list[tuple[int, int, int | None]] = []
        for row in range(first_row, last_row + 1):
            begin = self._byte_column(row, first_col) if row == first_row else 0
            finish = self._byte_column(row, last_col) if row == last_row else None
            pieces.append((row, begin, finish))
        return pieces

    # ------------------------------------------------------------------ highlights

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
        self._recompose(range(len(self._line_starts)))

    def set_quote_highlight(self, quote_id: str, name: str) -> None:
        """Change one quote's highlight (its stance changed)."""
        rows = self._rows_of_quote.get(quote_id, [])
        for row in rows:
            self._quote_rows[row] = [
                (qid, begin, finish, name if qid == quote_id else old)
                for qid, begin, finish, old in self._quote_rows[row]
            ]
        self._recompose(rows, [self._spans[quote_id]] if quote_id in self._spans else [])

    def set_current(self, quote_id: str | None, scroll: bool = True) -> None:
        """Make ``quote_id`` the highlighted current quote and scroll it into view."""
        previous = self._current
        self._current = quote_id
        rows: set[int] = set()
        changed: list[tuple[int, int]] = []
        for qid in (previous, quote_id):
            if qid is not None and qid in self._spans:
                rows.update(self._rows_of_quote.get(qid, []))
                changed.append(self._spans[qid])
        self._recompose(sorted(rows), changed)
        if scroll and quote_id is not None and quote_id in self._spans:
            self.scroll_to_offset(self._spans[quote_id][0])

    def _wrapped_y(self, offset: int) -> int | None:
        """The screen line (in the wrapped text) of a text offset.

        From the wrap offsets the TextArea keeps per line (its ``location_to_offset`` builds
        and divides a rich Text of the whole line for the x it also returns: ~2,000 characters
        per call in a long paragraph); falls back to it if those internals are not there.
        """
        row, column = self.location_of(offset)
        wrapped = self.wrapped_document
        try:
            ys = wrapped._line_index_to_offsets[row]
            return ys[bisect_right(wrapped.get_offsets(row), column)]
        except (AttributeError, IndexError, TypeError, ValueError):
            pass
        try:
            return wrapped.location_to_offset((row, column)).y
        except (ValueError, IndexError):
            return None

    def scroll_to_offset(self, offset: int) -> None:
        y = self._wrapped_y(offset)
        if y is None:
            return
        height = self.scrollable_content_region.height or self.size.height
        top, bottom = self.scroll_y, self.scroll_y + height
        if not (top <= y < bottom - 1):
            self.scroll_to(y=max(0, y - height // 3), animate=False, immediate=True)

    def _recompose(self, rows: Iterable[int], changed: list[tuple[int, int]] | None = None) -> None:
        """Rebuild the highlights of ``rows``; redraw the screen lines of the ``changed``
        spans (everything when ``changed`` is None)."""
        highlights = self._highlights
        current = self._current
        for row in rows:
            entries = self._quote_rows.get(row, [])
            line = [(begin, finish, name) for _, begin, finish, name in entries]
            line.extend(
                (begin, finish, CURRENT) for qid, begin, finish, _ in entries if qid == current
            )
            if line:
                highlights[row] = line
            else:
                highlights.pop(row, None)
        if changed is None or not self._forget_rendered(changed):
            self._line_cache.clear()
            self.refresh()

    def _forget_rendered(self, spans: list[tuple[int, int]]) -> bool:
        """Drop the cached renderings of the screen lines showing ``spans``, and redraw them.

        Relies on a TextArea internal (its line cache is keyed by size, scroll x, wrapped y,
        ...); returns False when that is not as expected, and the caller redraws everything.
        """
        ys: set[int] = set()
        for start, end in spans:
            first, last = self._wrapped_y(start), self._wrapped_y(end)
            if first is None or last is None:
                return False
            ys.update(range(first, last + 1))
        if not ys:
            return True
        try:
            cache = self._line_cache
            for key in list(cache.keys()):
                if key[2] in ys:
                    cache.discard(key)
        except (AttributeError, IndexError, TypeError):
            return False
        scroll_y = int(self.scroll_y)
        top, bottom = min(ys) - scroll_y, max(ys) - scroll_y
        height = self.size.height
        if bottom >= 0 and top < height:
            top, bottom = max(top, 0), min(bottom, height - 1)
            self.refresh(Region(0, top, self.size.width, bottom - top + 1))
        return True

    def _build_highlight_map(self) -> None:
        """Called by TextArea when the text or language changes: keep the quote highlights."""
        if not hasattr(self, "_quote_rows"):  # during TextArea.__init__
            return
        self._recompose(range(len(self._line_starts)))

    def select_span(self, start: int, end: int) -> None:
        self.selection = Selection(self.location_of(start), self.location_of(end))
