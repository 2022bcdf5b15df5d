"""The adjudication screens: documents with their unsettled counts, and one document's quotes.

:class:`AdjudicationCorpusScreen` lists the documents (quotes, settled, not quotes, to
adjudicate); enter opens one. :class:`AdjudicateScreen` shows the current quote's text, the grid
of every annotator's value per field (:class:`~annotator.tui.widgets.adjudication_grid.
AdjudicationGrid`) and the focused field's values in full. Keyboard only; every decision is
saved at once by the session.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from annotator.adjudication.display import describe, inert, rich_text, short, shown_value
from annotator.adjudication.fields import FIELDS, value_of
from annotator.adjudication.session import AdjudicationSession
from annotator.adjudication.summary import DocumentSummary
from annotator.errors import AnnotatorError
from annotator.tui.key_routing import RoutedInput as Input
from annotator.tui.key_routing import reroute_if_covered
from annotator.tui.screens.dialogs import Dialog
from annotator.tui.widgets.adjudication_grid import AdjudicationGrid

CORPUS_COLUMNS = ("id", "annotators", "quotes", "settled", "not quotes", "to adjudicate", "title")


class AdjudicationCorpusScreen(Screen[None]):
    """Every document with its adjudication figures; enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_document", "open", priority=True),
        Binding("j", "cursor(1)", "down", show=False),
        Binding("k", "cursor(-1)", "up", show=False),
    ]

    class OpenDocument(Message):
        def __init__(self, index: int) -> None:
            self.index = index
            super().__init__()

    def __init__(self, adjudicator: str, summaries: list[DocumentSummary], titles: list[str]):
        super().__init__()
        self.adjudicator = adjudicator
        self.summaries = summaries
        self.titles = titles

    def compose(self) -> ComposeResult:
        yield Static(id="adjudication-status")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="adjudication-documents")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for name in CORPUS_COLUMNS:
            table.add_column(name, key=name)
        for summary, title in zip(self.summaries, self.titles, strict=True):
            table.add_row(*self._cells(summary, title), key=summary.document_id)
        table.focus()
        self._show_status()

    def _cells(self, summary: DocumentSummary, title: str) -> list[Text]:
        left = summary.unsettled
        return [
            rich_text(summary.document_id),
            rich_text(", ".join(summary.annotators) or "—"),
            Text(str(summary.quotes), justify="right"),
            Text(str(summary.settled), justify="right"),
            Text(str(summary.rejected), justify="right"),
            Text(str(left), justify="right", style="bold red" if left else "green"),
            rich_text(short(title, 50)),
        ]

    def _show_status(self) -> None:
        left = sum(summary.unsettled for summary in self.summaries)
        self.query_one("#adjudication-status", Static).update(
            rich_text(
                f" adjudicating as {self.adjudicator} · {len(self.summaries)} documents · "
                f"{left} quotes to adjudicate"
            )
        )

    def update_summary(self, index: int, summary: DocumentSummary) -> None:
        self.summaries[index] = summary
        table = self.query_one(DataTable)
        for column, cell in zip(
            CORPUS_COLUMNS, self._cells(summary, self.titles[index]), strict=True
        ):
            table.update_cell(summary.document_id, column, cell)
        self._show_status()

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_open_document(self) -> None:
        if self.summaries:
            self.post_message(self.OpenDocument(self.query_one(DataTable).cursor_row))


class OwnValueDialog(Dialog[str | None]):
    """The adjudicator's own value for a field (checked by the session on submit)."""

    def __init__(self, field: str, current: str, hint: str) -> None:
        super().__init__()
        self._field = field
        self._current = current
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Your own {self._field}", style="bold"))
            yield Static(rich_text(self._hint, "dim"))
            yield Input(self._current, id="own-value")
            yield Static(id="own-error")

    def submit_input(self, field: Input) -> None:
        # called by the input on enter, at once: keys typed after it go to the screen below
        self.dismiss(field.value)

    def show_error(self, message: str) -> None:
        self.query_one("#own-error", Static).update(rich_text(message, "red"))


class AdjudicateScreen(Screen[None]):
    """One document: the current quote, every annotator's values, and the gold decision."""

    DEFAULT_CSS = """
    AdjudicateScreen #adjudication-header { height: 1; background: $panel; }
    AdjudicateScreen #adjudication-quote { height: auto; max-height: 5; padding: 0 1; }
    AdjudicateScreen AdjudicationGrid { height: auto; max-height: 11; }
    AdjudicateScreen #adjudication-detail { height: 1fr; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(number),
                f"take({number})",
                f"take annotator {number}'s value" if number > 1 else "take annotator 1's value",
                show=False,
            )
            for number in range(1, 10)
        ),
        Binding("o", "own", "own value"),
        Binding("a", "accept", "accept quote"),
        Binding("r", "reject", "not a quote"),
        Binding("c", "clear", "clear"),
        Binding("tab", "next_unsettled", "next unsettled", priority=True),
        Binding("up", "field(-1)", "previous field", show=False),
        Binding("down", "field(1)", "next field", show=False),
        Binding("j", "quote(1)", "next quote"),
        Binding("k", "quote(-1)", "prev quote"),
        Binding("u", "undo", "undo"),
        Binding("ctrl+r", "redo", "redo", show=False),
        Binding("escape", "back", "documents"),
    ]

    class Closed(Message):
        """The adjudicator went back to the documents."""

    def __init__(self, session: AdjudicationSession, title: str) -> None:
        super().__init__()
        self.session = session
        self.title_text = title

    def compose(self) -> ComposeResult:
        yield Static(id="adjudication-header")
        yield Static(id="adjudication-quote")
        yield AdjudicationGrid(self.session, id="adjudication-grid")
        yield Static(id="adjudication-detail")
        yield Footer()

    @property
    def grid(self) -> AdjudicationGrid:
        return self.query_one(AdjudicationGrid)

    def on_mount(self) -> None:
        self.grid.focus()
        self.refresh_view()

    def on_key(self, event: events.Key) -> None:
        reroute_if_covered(self, event)  # typed just after a dialog opened: goes to it

    def on_paste(self, event: events.Paste) -> None:
        reroute_if_covered(self, event)

    # ------------------------------------------------------------------ showing

    def refresh_view(self, note: str = "") -> None:
        session = self.session
        item = session.current
        header = Text(no_wrap=True, overflow="ellipsis")
        if item is None:
            header.append(inert(f" {self.title_text} · no quotes"))
            self.query_one("#adjudication-header", Static).update(header)
            return
        status = session.status()
        header.append(f" {session.index + 1}/{len(session.items)} ", style="bold")
        header.append(
            {"settled": "settled", "rejected": "not a quote", "unsettled": "OPEN"}[status],
            style={"settled": "green", "rejected": "yellow", "unsettled": "bold red"}[status],
        )
        header.append(f" · {session.unsettled_count} to adjudicate · {session.policy}")
        header.append(inert(f" · {self.title_text}"))
        if note:
            header.append(inert(f" · {note}"), style="italic")
        self.query_one("#adjudication-header", Static).update(header)
        text = session.document.text[item.start : item.end]
        shown = Text()
        difference = describe(item)
        if difference:
            shown.append(difference + "\n", style="yellow")
        shown.append(short(text, 400))
        self.query_one("#adjudication-quote", Static).update(shown)
        self.grid.refresh_rows()
        self._show_detail()

    def _show_detail(self) -> None:
        session = self.session
        item = session.current
        if item is None:
            return
        field = session.current_field
        detail = Text()
        detail.append(f"{field}", style="bold")
        detail.append(
            " · 1-9 take · o own · a/r accept/reject · c clear · u undo · ? help\n", style="dim"
        )
        for number, reading in enumerate(item.readings, start=1):
            value = value_of(reading, field)
            detail.append(f"{number} {inert(reading.annotator)}: ", style="bold")
            if field == "bounds" and value is not None:
                start, end = value
                shown = f"{start}-{end} {short(session.document.text[start:end], 200)}"
            else:
                shown = shown_value(field, value, 400)
            detail.append(inert(shown) + "\n")
        self.query_one("#adjudication-detail", Static).update(detail)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row != self.session.field:
            self.session.field = event.cursor_row
            self._show_detail()

    # ------------------------------------------------------------------ actions

    def _run(self, action: object, description: str = "") -> None:
        """Refresh after an action; a failed save is shown, never a traceback."""
        try:
            result = action() if callable(action) else action
        except (AnnotatorError, OSError) as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=15)
            result = None
        except ValueError as exc:
            self.notify(str(exc), severity="warning")
            result = None
        self.refresh_view(description if result is not False else "nothing to take")

    def action_take(self, number: int) -> None:
        self._run(lambda: self.session.take(number))

    def action_accept(self) -> None:
        self._run(self.session.accept)

    def action_reject(self) -> None:
        self._run(self.session.reject)

    def action_clear(self) -> None:
        self._run(lambda: self.session.clear() or None)

    def action_undo(self) -> None:
        self.refresh_view(f"undid {self.session.undo() or 'nothing'}")

    def action_redo(self) -> None:
        self.refresh_view(f"redid {self.session.redo() or 'nothing'}")

    def action_field(self, step: int) -> None:
        self.session.field = max(0, min(self.session.field + step, len(FIELDS) - 1))
        self.grid.move_cursor(row=self.session.field, animate=False)
        self._show_detail()

    def action_quote(self, step: int) -> None:
        self.session.move_to(self.session.index + step)
        self.refresh_view()

    def action_next_unsettled(self) -> None:
        moved = self.session.next_unsettled()
        self.refresh_view("" if moved else "every quote is settled")

    def action_own(self) -> None:
        session = self.session
        field = session.current_field
        if field in ("quote", "flag"):
            current = session.state(field).value
            self._run(lambda: session.set_own(not current))
            return
        scheme = session.store.scheme
        hints = {
            "stance": "one of: " + ", ".join(scheme.stance_values()),
            "sentiment": "one of: " + ", ".join(scheme.sentiment_values()),
            "speaker": "empty = no speaker",
            "outlet": "empty = no outlet",
            "note": "empty = no note",
            "bounds": "START:END (offsets in the text)",
        }
        value = session.state(field).value
        if field == "bounds" and value is not None:
            current = f"{value[0]}:{value[1]}"
        else:
            current = "" if value is None else str(value)

        def done(answer: str | None) -> None:
            if answer is None:
                return
            try:
                own: object = answer
                if field == "bounds":
                    start_text, end_text = answer.split(":")
                    own = (int(start_text), int(end_text))
                session.set_own(own, field)
            except (ValueError, AnnotatorError, OSError) as exc:
                self.notify(str(exc), title="Not set", severity="error", timeout=10)
            self.refresh_view()

        self.app.push_screen(OwnValueDialog(field, current, hints[field]), done)

    def action_back(self) -> None:
        self.post_message(self.Closed())
