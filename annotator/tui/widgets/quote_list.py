"""The document's quotes as a table (speaker, outlet, stance, sentiment, flag) that follows
the current quote. Cells are Text objects, so names are never read as markup."""

from __future__ import annotations

from rich.text import Text
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from annotator.annotations import resolved_outlet, resolved_speaker
from annotator.models import LabelScheme, Quote, QuoteLabel

COLUMNS = ("#", "speaker", "outlet", "stance", "sent.", "⚑", "quote")


class QuoteList(DataTable[Text]):
    """One row per effective quote; the screen moves its cursor, clicks choose a quote."""

    can_focus = False

    class QuoteChosen(Message):
        """The annotator clicked a quote in the list."""

        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)
        self.scheme = scheme
        self._colors = {label.value: label.color or "" for label in scheme.stance}
        self._row_count = 0

    def on_mount(self) -> None:
        for name in COLUMNS:
            self.add_column(name, key=name)

    def show_quotes(self, quotes: list[Quote], labels: dict[str, QuoteLabel | None]) -> None:
        """Replace all rows (on open, and after quotes were added or deleted)."""
        self.clear()
        self.add_rows(
            (
                self.row_cells(number, quote, labels.get(quote.id))
                for number, quote in enumerate(quotes, 1)
            ),
        )
        self._row_count = len(quotes)

    def row_cells(self, number: int, quote: Quote, label: QuoteLabel | None) -> list[Text]:
        stance = label.stance if label else None
        sentiment = label.sentiment if label else None
        snippet = quote.text.replace("\n", " ")
        return [
            Text(str(number), style="dim"),
            Text(_clip(resolved_speaker(quote, label) or "—", 22)),
            Text(_clip(resolved_outlet(quote, label) or "—", 16)),
            Text(stance or "·", style=self._colors.get(stance or "", "dim")),
            Text(sentiment or "·", style="" if sentiment else "dim"),
            Text("⚑" if label and label.flagged else " ", style="bold yellow"),
            Text(_clip(snippet, 60), style="dim"),
        ]

    def update_quote(self, index: int, quote: Quote, label: QuoteLabel | None) -> None:
        """Redraw one row after its label changed."""
        if index >= self._row_count:
            return
        row_key = self.coordinate_to_cell_key(Coordinate(index, 0)).row_key
        for column, cell in zip(COLUMNS, self.row_cells(index + 1, quote, label), strict=True):
            self.update_cell(row_key, column, cell)

    def follow(self, index: int) -> None:
        if self._row_count:
            self.move_cursor(row=index, animate=False, scroll=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.QuoteChosen(event.cursor_row))


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
