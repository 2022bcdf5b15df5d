"""Help and guidelines: the label scheme with each label's definition, and every key.

Generated from the scheme and from the bindings of the screen it was opened from, so it can
never disagree with what the keys do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from annotator.models import LabelScheme
from annotator.safe_text import safe_rich


@dataclass(frozen=True)
class KeyHelp:
    keys: str
    description: str


class HelpScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", "close help"),
    ]

    def __init__(self, scheme: LabelScheme, keys: list[KeyHelp], context: str) -> None:
        super().__init__()
        self.scheme = scheme
        self.keys = keys
        self.context = context

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self.render_help(), id="help-text")
        yield Footer()

    def render_help(self) -> Group:
        title = safe_rich(f"Label scheme: {self.scheme.name} v{self.scheme.version}", style="bold")
        labels = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
        labels.add_column("key", no_wrap=True, width=4)
        labels.add_column("label", no_wrap=True)
        labels.add_column("definition", ratio=1)
        for heading, definitions in (
            ("stance", self.scheme.stance),
            ("sentiment", self.scheme.sentiment),
        ):
            labels.add_row(Text(""), Text(heading, style="bold underline"), Text(""))
            for definition in definitions:
                labels.add_row(
                    safe_rich(definition.key, style="bold"),
                    safe_rich(definition.value, style=definition.color or ""),
                    safe_rich(definition.definition, multiline=True),
                )
        keys = Table(box=None, show_header=True, header_style="bold", expand=True, pad_edge=False)
        keys.add_column("keys", no_wrap=True, min_width=10)
        keys.add_column(f"action ({self.context})", ratio=1)
        for item in self.keys:
            keys.add_row(safe_rich(item.keys, style="bold"), safe_rich(item.description))
        required = " and ".join(self.scheme.required)
        advance = (
            f"Auto-advance (A toggles it; remembered): once a quote has its {required}, the "
            "next quote comes by itself. "
            if required
            else ""
        )
        notes = Text(
            "Pressing a label's key again clears it. Every change is saved at once; "
            f"there is no save key. {advance}Rows marked ? (dim) are borderline proposals "
            "(scare quotes, titles, terms): x removes one, h hides them. "
            "ctrl+p opens the command palette with every action.",
            style="dim",
        )
        return Group(title, labels, Text(""), Text("Keys", style="bold"), keys, Text(""), notes)

    def action_close(self) -> None:
        self.dismiss()
