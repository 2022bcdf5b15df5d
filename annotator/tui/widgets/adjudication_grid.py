"""The adjudication grid: one row per field, one column per annotator, and the gold value.

Row order is :data:`annotator.adjudication.fields.FIELDS`; the cursor row is the focused field.
Every cell is built from inert text (file text is never read as markup).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from annotator.adjudication.display import rich_text, shown_value
from annotator.adjudication.fields import FIELDS, NOT_BLOCKING, value_of
from annotator.adjudication.session import AdjudicationSession
from annotator.models import DecisionMethod

CELL_WIDTH = 18


def decision_text(session: AdjudicationSession, field: str) -> Text:
    """The gold cell: the decided value and how it was decided, or what is still open."""
    state = session.state(field)  # type: ignore[arg-type]
    if state.settlement is None:
        if not state.candidates:
            return Text("—", style="dim")
        if field in NOT_BLOCKING:
            return Text("(optional)", style="dim")
        return Text("? open", style="bold red")
    settlement = state.settlement
    text = rich_text(shown_value(state.field, settlement.value, CELL_WIDTH))
    how = {
        DecisionMethod.UNANIMOUS: "all",
        DecisionMethod.MAJORITY: "majority",
        DecisionMethod.CHOSEN: f"chose {settlement.chosen}",
        DecisionMethod.OWN: "own",
    }[settlement.method]
    style = "green" if settlement.method in (DecisionMethod.CHOSEN, DecisionMethod.OWN) else "dim"
    text.append(f" ({how})", style=style)
    return text


class AdjudicationGrid(DataTable[Text]):
    """Fields × annotators of the session's current quote."""

    def __init__(self, session: AdjudicationSession, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self.session = session

    def on_mount(self) -> None:
        self.add_column("field", key="field")
        for number, name in enumerate(self.session.annotators, start=1):
            self.add_column(rich_text(f"{number} {name}"), key=f"a{number}")
        self.add_column(rich_text(self.session.adjudicator), key="gold")
        self.refresh_rows()

    def refresh_rows(self) -> None:
        session = self.session
        self.clear()
        item = session.current
        if item is None:
            return
        for field in FIELDS:
            state = session.state(field)
            marker = "?" if state.open and field not in NOT_BLOCKING else " "
            if field == "bounds" and state.settlement is None and state.candidates:
                marker = "?"
            label = Text(f"{marker} {field}", style="bold red" if marker == "?" else "")
            cells = [label]
            for reading in item.readings:
                value = value_of(reading, field)
                style = "" if state.disputed else "dim"
                cells.append(rich_text(shown_value(field, value, CELL_WIDTH), style))
            cells.append(decision_text(session, field))
            self.add_row(*cells, key=field)
        self.move_cursor(row=session.field, animate=False)
