"""The corpus screen: every document with its metadata and this annotator's progress."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from annotator.safe_text import safe_rich, safe_text
from annotator.tui.key_routing import hold_keys, reroute_if_covered
from annotator.tui.progress import DocumentProgress
from annotator.tui.widgets.document_table import DocumentTable

# the title first, so that a narrow terminal still shows it; the long id comes last
COLUMNS = ("title", "quotes", "labelled", "⚑", "date", "outlet", "id")
OTHER_COLUMNS_WIDTH = 54  # cells taken by quotes … outlet (with the table's padding)


class CorpusScreen(Screen[None]):
    """Documents in file-name order; enter opens one. Rows arrive as the corpus loads."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_document", "open", priority=True),
        Binding("j", "cursor(1)", "down", show=False),
        Binding("k", "cursor(-1)", "up", show=False),
    ]

    class OpenDocument(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, annotator: str) -> None:
        super().__init__()
        self.annotator = annotator
        self.resume_id: str | None = None
        self._ids: list[str] = []
        self._loading = True
        self._pending: list[DocumentProgress] = []
        self._ready = False
        self._extraction = (0, 0)  # (extracted, to extract) of the documents not cached

    def compose(self) -> ComposeResult:
        yield Static(id="corpus-status")
        yield DocumentTable(COLUMNS, id="documents")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        if reroute_if_covered(self, event):  # typed just after a dialog opened: goes to it
            return
        if event.key == "enter" and self._ids and isinstance(self.focused, DocumentTable):
            # it opens a document: what is typed next is for it (the app releases the keys)
            hold_keys(self, event)

    def on_paste(self, event: events.Paste) -> None:
        reroute_if_covered(self, event)

    def on_mount(self) -> None:
        self.query_one(DocumentTable).focus()
        self._ready = True
        pending, self._pending = self._pending, []
        self.add_documents(pending)

    def _show_status(self, note: str = "") -> None:
        if not self._ready:
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f" {self.annotator}", style="bold")
        text.append(f" · {len(self._ids)} documents", style="")
        done, total = self._extraction
        if self._loading and total:
            text.append(f" · extracting {done}/{total}…", style="italic yellow")
        elif self._loading:
            text.append(" · loading…", style="italic yellow")
        if note:
            text.append(f" · {safe_text(note)}", style="red")
        self.query_one("#corpus-status", Static).update(text)

    def add_document(self, progress: DocumentProgress) -> None:
        self.add_documents([progress])

    def add_documents(self, batch: list[DocumentProgress]) -> None:
        if not self._ready:
            self._pending.extend(batch)
            return
        table = self.query_one(DocumentTable)
        title_width = self._title_width()
        resume: int | None = None
        rows = []
        for progress in batch:
            document = progress.summary
            if document.id == self.resume_id:
                resume = len(self._ids)
            self._ids.append(document.id)
            rows.append((document.id, self.cells(progress, title_width)))
        table.add_rows(rows)  # one refresh for the batch
        if resume is not None:
            table.move_cursor(row=resume)
        self._show_status()

    def extraction_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` documents that were not cached have been extracted."""
        self._extraction = (done, total)
        self._show_status()

    def update_document(self, progress: DocumentProgress) -> None:
        if progress.summary.id not in self._ids or not self._ready:
            return
        table = self.query_one(DocumentTable)
        table.update_row(progress.summary.id, self.cells(progress, self._title_width()))

    def loading_finished(self, error: str | None = None) -> None:
        self._loading = False
        self._show_status(error or "")

    def select(self, index: int) -> None:
        if 0 <= index < len(self._ids) and self._ready:
            self.query_one(DocumentTable).move_cursor(row=index)

    def _title_width(self) -> int:
        """Titles take what the other columns leave of the screen (at least 20 cells)."""
        return max(self.app.size.width - OTHER_COLUMNS_WIDTH, 20)

    @staticmethod
    def cells(progress: DocumentProgress, title_width: int = 60) -> list[Text]:
        document = progress.summary
        if progress.extracting:
            return [
                safe_rich(_clip(safe_text(document.title or "(untitled)"), title_width)),
                Text("…", justify="right", style="dim"),
                Text("extracting", style="italic dim"),
                Text(""),
                safe_rich(document.published or "—"),
                safe_rich(_clip(safe_text(document.outlet or "—"), 16)),
                safe_rich(document.id, style="dim"),
            ]
        if progress.error:
            status = Text("invalid file", style="bold red")
        elif progress.total == 0:
            status = Text("no quotes", style="dim")
        else:
            style = "green" if progress.done else ("yellow" if progress.labelled else "")
            status = Text(f"{progress.labelled}/{progress.total}", style=style)
        return [
            safe_rich(_clip(safe_text(document.title or "(untitled)"), title_width)),
            Text(str(progress.total), justify="right"),
            status,
            Text(str(progress.flagged) if progress.flagged else "", style="yellow"),
            safe_rich(document.published or "—"),
            safe_rich(_clip(safe_text(document.outlet or "—"), 16)),
            safe_rich(document.id, style="dim"),
        ]

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DocumentTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_open_document(self) -> None:
        table = self.query_one(DocumentTable)
        if self._ids:
            self.post_message(self.OpenDocument(table.cursor_row))

    def on_document_table_row_selected(self, event: DocumentTable.RowSelected) -> None:
        event.stop()
        self.post_message(self.OpenDocument(event.cursor_row))


def _clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (wide characters count two), with an ellipsis."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"
