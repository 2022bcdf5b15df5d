"""The label bar (stance and sentiment choices with their keys, the current ones lit) and the
status line (document, progress, saved indicator)."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from annotator.models import LabelScheme, QuoteLabel
from annotator.safe_text import safe_text


class OneLine(Static):
    """A one-line :class:`Static` that repaints only when its text changes: every key asks
    the bars to show themselves again, and a repaint that changes nothing still costs a frame
    (which can hold up the next key's frame by Textual's frame interval)."""

    _shown: Text | None = None

    def show_text(self, text: Text) -> None:
        if self._shown is not None and text == self._shown:
            return
        self._shown = text
        self.update(text, layout=False)  # one line, fixed by the CSS: no relayout


class LabelBar(OneLine):
    """`1 pro-US  2 pro-China ... │ 7 negative ...` with the current quote's labels lit."""

    def __init__(self, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme

    def show(self, label: QuoteLabel | None) -> None:
        stance = label.stance if label else None
        sentiment = label.sentiment if label else None
        text = Text(no_wrap=True, overflow="ellipsis")
        for definition in self.scheme.stance:
            self._choice(
                text,
                definition.key,
                definition.value,
                definition.color or "white",
                definition.value == stance,
            )
        text.append(" │", style="dim")
        for definition in self.scheme.sentiment:
            self._choice(
                text, definition.key, definition.value, "white", definition.value == sentiment
            )
        self.show_text(text)

    @staticmethod
    def _choice(text: Text, key: str, value: str, color: str, chosen: bool) -> None:
        text.append(" ")
        if chosen:
            text.append(safe_text(f"{key} {value}"), style=f"bold black on {color}")
        else:
            text.append(safe_text(key), style="bold")
            text.append(safe_text(f" {value}"), style="dim")


class StatusLine(OneLine):
    """Document title, progress and whether everything is saved."""

    def show(
        self,
        title: str,
        labelled: int,
        total: int,
        flagged: int,
        saved_at: datetime | None,
        error: str | None = None,
    ) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        percent = 100 * labelled // total if total else 100
        text.append(f" {labelled}/{total} labelled ({percent}%)", style="bold")
        if flagged:
            text.append(f" · {flagged} ⚑", style="yellow")
        text.append(" │ ", style="dim")
        if error:
            text.append(f"✗ NOT SAVED: {safe_text(error)}", style="bold white on red")
        elif saved_at is not None:
            text.append(f"✓ saved {saved_at.astimezone().strftime('%H:%M:%S')}", style="green")
        else:
            text.append("✓ nothing to save", style="green dim")
        text.append(" │ ", style="dim")
        text.append(safe_text(title))
        self.show_text(text)
