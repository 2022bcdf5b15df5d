"""Small modal dialogs of the annotate screen: speaker/outlet, note, search, add or re-bound,
and the report on a document whose text changed."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from annotator.models import Quote, QuoteKind, kind_of_text
from annotator.safe_text import safe_text
from annotator.spans import (
    end_one_clause_earlier,
    end_one_clause_later,
    end_one_word_earlier,
    end_one_word_later,
    sentence_end_earlier,
    sentence_end_later,
    sentence_start_earlier,
    sentence_start_later,
    start_one_word_earlier,
    start_one_word_later,
)
from annotator.tui.key_routing import RoutedInput as Input
from annotator.tui.key_routing import reroute_if_covered, take_stray_text

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A centred box; escape cancels (returns ``None``)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)

    def on_key(self, event: events.Key) -> None:
        # typed before the input had the focus, or after the dialog closed: never lost
        if not reroute_if_covered(self, event):
            take_stray_text(self, event)

    def on_paste(self, event: events.Paste) -> None:
        if not reroute_if_covered(self, event):
            take_stray_text(self, event)


class AttributionDialog(Dialog[tuple[str, str] | None]):
    """Edit the speaker and outlet; suggestions come from the document's entities."""

    def __init__(self, speaker: str, outlet: str, speakers: list[str], outlets: list[str]) -> None:
        super().__init__()
        self._speaker = speaker
        self._outlet = outlet
        self._speakers = speakers
        self._outlets = outlets

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Speaker and outlet", style="bold"))
            yield Static(
                Text(
                    "Empty = none. → accepts a suggestion; tab / shift+tab move between the "
                    "fields; enter saves both (from either field); escape cancels.",
                    style="dim",
                )
            )
            yield Input(
                safe_text(self._speaker),
                placeholder="speaker",
                suggester=SuggestFromList(
                    [safe_text(name) for name in self._speakers], case_sensitive=False
                ),
                id="speaker",
            )
            yield Input(
                safe_text(self._outlet),
                placeholder="outlet",
                suggester=SuggestFromList(
                    [safe_text(name) for name in self._outlets], case_sensitive=False
                ),
                id="outlet",
            )

    def submit_input(self, _: Input) -> None:
        """Enter, in either field: save both."""
        self.dismiss(
            (
                unchanged_or(self._speaker, self.query_one("#speaker", Input).value),
                unchanged_or(self._outlet, self.query_one("#outlet", Input).value),
            )
        )


class NoteDialog(Dialog[str | None]):
    def __init__(self, note: str) -> None:
        super().__init__()
        self._note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text("Note on this quote", style="bold"))
            yield Static(Text("enter saves (empty removes the note); escape cancels.", style="dim"))
            yield Input(safe_text(self._note), placeholder="note", id="note")

    def submit_input(self, field: Input) -> None:
        self.dismiss(unchanged_or(self._note, field.value))


def unchanged_or(stored: str, edited: str) -> str:
    """An input shows ``safe_text(stored)``; left as shown, it gives back ``stored`` itself."""
    return stored if edited == safe_text(stored) else edited


class SearchDialog(Dialog[int | None]):
    """Type to filter quotes by text, speaker or outlet; enter jumps to the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, search: Callable[[str], list[int]], describe: Callable[[int], Text]) -> None:
        super().__init__()
        self._search = search
        self._describe = describe
        self._shown_query = ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text("Search quotes (text, speaker, outlet)", style="bold"))
            yield Input(placeholder="search", id="query")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        self._shown_query = query
        results = self.query_one("#results", OptionList)
        results.clear_options()
        hits = self._search(query)[:200]
        results.add_options(Option(self._describe(index), id=str(index)) for index in hits)
        if hits:
            results.highlighted = 0

    def action_move(self, step: int) -> None:
        results = self.query_one("#results", OptionList)
        if results.option_count:
            current = results.highlighted or 0
            results.highlighted = max(0, min(current + step, results.option_count - 1))

    def submit_input(self, field: Input) -> None:
        if field.value != self._shown_query:
            self._fill(field.value)  # typed in a burst: the results of what was typed
        results = self.query_one("#results", OptionList)
        if results.highlighted is None:
            return
        option = results.get_option_at_index(results.highlighted)
        self.dismiss(int(option.id or 0))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))


KINDS = (QuoteKind.DIRECT, QuoteKind.INDIRECT, QuoteKind.MIXED)
SpanResult = tuple[int, int, QuoteKind]


class SpanDialog(Dialog[SpanResult | None]):
    """Choose the bounds (and kind) of a quote to add, or new bounds for a quote, with a preview.

    It starts at a sentence (or the selection) and grows or shrinks from the keyboard: by
    word, by clause and by sentence, so any quote takes a few keys. The offset fields can
    still be typed in (tab focuses them); the keys below act when no field has the focus.
    """

    AUTO_FOCUS = ""  # the keys below are printable: the offset fields take focus only on tab
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "move_bound('end', 'word', 1)", "end → word"),
        Binding("left", "move_bound('end', 'word', -1)", "end ← word"),
        Binding("ctrl+right", "move_bound('end', 'word', 1)", "end → word", priority=True),
        Binding("ctrl+left", "move_bound('end', 'word', -1)", "end ← word", priority=True),
        Binding("shift+left", "move_bound('start', 'word', -1)", "start ← word", priority=True),
        Binding("shift+right", "move_bound('start', 'word', 1)", "start → word", priority=True),
        Binding("full_stop", "move_bound('end', 'clause', 1)", "end → clause"),
        Binding("comma", "move_bound('end', 'clause', -1)", "end ← clause"),
        Binding("down", "move_bound('end', 'sentence', 1)", "end → sentence"),
        Binding("up", "move_bound('end', 'sentence', -1)", "end ← sentence"),
        Binding("shift+up", "move_bound('start', 'sentence', -1)", "start ← sentence"),
        Binding("shift+down", "move_bound('start', 'sentence', 1)", "start → sentence"),
        Binding("c", "cycle_kind", "kind"),
        Binding("enter", "confirm", "confirm"),
    ]
    KEYS_HELP = (
        "→/← end a word later/earlier · ./, end a clause later/earlier · ↓/↑ end a sentence "
        "later/earlier · shift+→/← start a word · shift+↑/↓ start a sentence earlier/later · "
        "c kind · enter adds · escape cancels · tab types offsets"
    )

    def __init__(
        self,
        title: str,
        text: str,
        start: int,
        end: int,
        sentences: list[tuple[int, int]] | None = None,
        kind: QuoteKind | None = None,
    ) -> None:
        super().__init__()
        self._title = title
        self._text = text
        self._start = start
        self._end = end
        self._sentences = sentences or []
        self.kind = kind or kind_of_text(text[start:end])

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(Text(safe_text(self._title), style="bold"))
            yield Static(Text(self.KEYS_HELP, style="dim"), id="span-keys")
            yield Input(str(self._start), placeholder="start", id="start", type="integer")
            yield Input(str(self._end), placeholder="end", id="end", type="integer")
            yield Static(id="kind")
            yield Static(id="preview")

    def on_key(self, event: events.Key) -> None:
        reroute_if_covered(self, event)  # the printable keys are bindings here, not text

    def on_paste(self, event: events.Paste) -> None:
        if not reroute_if_covered(self, event):
            take_stray_text(self, event)

    def on_mount(self) -> None:
        self._preview()

    @on(Input.Changed)
    def _preview(self) -> None:
        preview = self.query_one("#preview", Static)
        self.query_one("#kind", Static).update(Text(f"kind: {self.kind.value}"))
        bounds = self._bounds()
        if bounds is None:
            preview.update(
                Text(f"bounds must satisfy 0 ≤ start < end ≤ {len(self._text)}", style="red")
            )
        else:
            snippet = self._text[bounds[0] : bounds[1]]
            if len(snippet) > 400:
                snippet = snippet[:200] + " … " + snippet[-200:]
            preview.update(Text(safe_text(snippet, multiline=True)))

    def _bounds(self) -> tuple[int, int] | None:
        try:
            start = int(self.query_one("#start", Input).value)
            end = int(self.query_one("#end", Input).value)
        except ValueError:
            return None
        if not 0 <= start < end <= len(self._text) or not self._text[start:end].strip():
            return None
        return start, end

    def action_cycle_kind(self) -> None:
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self._preview()

    def action_move_bound(self, bound: str, unit: str, step: int) -> None:
        start_input = self.query_one("#start", Input)
        end_input = self.query_one("#end", Input)
        try:
            start, end = int(start_input.value), int(end_input.value)
        except ValueError:
            return
        text, sentences = self._text, self._sentences
        if bound == "start":
            if unit == "sentence":
                start = (
                    sentence_start_later(sentences, start, end)
                    if step > 0
                    else sentence_start_earlier(sentences, start)
                )
            else:
                start = (start_one_word_later if step > 0 else start_one_word_earlier)(text, start)
            start = min(start, max(end - 1, 0))
            start_input.value = str(start)
        else:
            if unit == "sentence":
                end = (
                    sentence_end_later(sentences, end)
                    if step > 0
                    else sentence_end_earlier(sentences, end, start)
                )
            elif unit == "clause":
                end = (
                    end_one_clause_later(text, end)
                    if step > 0
                    else end_one_clause_earlier(text, end, start)
                )
            else:
                end = (end_one_word_later if step > 0 else end_one_word_earlier)(text, end)
            end = max(end, start + 1)
            end_input.value = str(end)

    def action_confirm(self) -> None:
        bounds = self._bounds()
        if bounds is not None:
            self.dismiss((*bounds, self.kind))

    def submit_input(self, _: Input) -> None:
        self.action_confirm()


def quote_option_text(number: int, quote: Quote, speaker: str | None) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{number:>4} ", style="dim")
    text.append(safe_text(f"{speaker or '—'}: "), style="bold")
    text.append(safe_text(quote.text.replace("\n", " ")))
    return text


class NewTextDialog(Dialog[bool | None]):
    """The document's text changed since the file was saved: what moved, what was not placed.

    enter accepts the re-anchored labels (and saves them); escape goes back without opening
    the document, and the file stays as it is.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "accept the new text"),
        Binding("escape", "cancel", "go back"),
    ]

    def __init__(self, document_id: str, summary: str, lines: list[str]) -> None:
        super().__init__()
        self._document_id = document_id
        self._summary = summary
        self._lines = lines

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="new-text"):
            yield Label(Text("The text of this document has changed", style="bold"))
            yield Static(
                Text(
                    f"Your labels on {self._document_id} were made on another version of its "
                    f"text. Re-anchored by their saved text: {self._summary}. Labels that "
                    "could not be placed stay in your file, unchanged."
                )
            )
            with VerticalScroll(id="new-text-report"):
                for line in self._lines or ["(every label is where it was)"]:
                    yield Static(Text(line))
            yield Static(
                Text("enter accepts the new text and saves · escape goes back", style="dim")
            )

    def action_accept(self) -> None:
        self.dismiss(True)
