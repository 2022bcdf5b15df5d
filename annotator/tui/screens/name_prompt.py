"""First screen when no annotator name was given: asks for it and remembers it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from annotator.models import check_safe_name
from annotator.safe_text import safe_text
from annotator.tui.key_routing import RoutedInput as Input
from annotator.tui.key_routing import hold_keys, reroute_if_covered, take_stray_text


class NamePromptScreen(Screen[None]):
    """Ask for the annotator's name; the app validates it and takes the write lock.

    Escape quits (nothing can be annotated without a name).
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.quit", "quit")]

    def __init__(self, annotations_dir: Path | None = None) -> None:
        super().__init__()
        self.annotations_dir = annotations_dir or Path("annotations")

    class NameGiven(Message):
        def __init__(self, name: str) -> None:
            self.name = name
            super().__init__()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="name-box"):
            yield Label(Text("Who is annotating?", style="bold"))
            yield Static(
                Text(
                    f"Your name labels your files ({safe_text(str(self.annotations_dir))}/<name>/). "
                    "Letters, digits, '_', '.', '-'. It is remembered for next time. "
                    "escape quits.",
                    style="dim",
                )
            )
            yield Input(placeholder="e.g. alice", id="name")
            yield Static(id="name-error")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        if not reroute_if_covered(self, event):
            take_stray_text(self, event)

    def on_paste(self, event: events.Paste) -> None:
        if not reroute_if_covered(self, event):
            take_stray_text(self, event)

    def show_error(self, message: str) -> None:
        self.query_one("#name-error", Static).update(Text(safe_text(message), style="red"))

    def submit_input(self, field: Input) -> None:
        name = field.value.strip()
        try:
            check_safe_name(name)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        hold_keys(self)  # what is typed next is for the screen that follows (the app releases)
        self.post_message(self.NameGiven(name))
