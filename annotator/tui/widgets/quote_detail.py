"""The current quote in full: kind, cue, speaker and role, outlet, confidence, labels, note,
and what the extractor now proposes when it differs from what was labelled."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from annotator.models import LabelScheme, Quote, QuoteLabel
from annotator.safe_text import append_safe


class QuoteDetail(Static):
    """Shows one quote; every value is plain Text (never markup)."""

    def __init__(self, scheme: LabelScheme, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scheme = scheme
        self._colors = {label.value: label.color or "" for label in scheme.stance}

    def show(
        self,
        quote: Quote | None,
        label: QuoteLabel | None,
        position: str,
        proposal: str | None = None,
    ) -> None:
        # its height is fixed by the CSS (overflow hidden): a new quote needs no relayout
        self.update(self.describe(quote, label, position, proposal), layout=False)

    def describe(
        self,
        quote: Quote | None,
        label: QuoteLabel | None,
        position: str,
        proposal: str | None = None,
    ) -> Text:
        """``proposal``: what the extractor now proposes for a labelled quote, if different."""
        if quote is None:
            return Text(
                "This document has no quotes. Press a to add one: select text in the article, "
                "then press a.",
                style="italic",
            )
        text = Text()
        text.append(f"{position}  ", style="bold")
        text.append(quote.kind.value)
        if quote.origin.value == "manual":
            text.append(" · added by hand", style="italic")
        text.append(f" · confidence {quote.confidence:.2f}", style="dim")
        if quote.cue:
            text.append(" · cue ", style="dim")
            append_safe(text, quote.cue)
        text.append("\n")
        self._field(text, "speaker", quote.speaker, label.speaker if label else None)
        if quote.speaker_role:
            text.append(" (")
            append_safe(text, quote.speaker_role, style="italic")
            text.append(")")
        text.append("\n")
        self._field(text, "outlet", quote.outlet, label.outlet if label else None)
        text.append("\n")
        stance = label.stance if label else None
        sentiment = label.sentiment if label else None
        text.append("stance ", style="dim")
        append_safe(text, stance or "—", style=f"bold {self._colors.get(stance or '', '')}".strip())
        text.append("   sentiment ", style="dim")
        append_safe(text, sentiment or "—", style="bold" if sentiment else "")
        if label and label.flagged:
            text.append("   ⚑ flagged", style="bold yellow")
        if label and label.note:
            text.append("\nnote ", style="dim")
            append_safe(text, label.note, style="italic")
        if proposal:
            text.append("\n")
            append_safe(text, proposal, style="bold magenta")
            text.append("  (p takes it)", style="dim")
        text.append("\n")
        append_safe(text, quote.text.replace("\n", " "), style="#c8c8c8")
        return text

    @staticmethod
    def _field(text: Text, name: str, extracted: str | None, own: str | None) -> None:
        text.append(f"{name} ", style="dim")
        if own is not None:
            append_safe(text, own or "(none)", style="bold")
            text.append("  edited", style="italic dim")
            if extracted:
                text.append(" · extracted: ", style="dim")
                append_safe(text, extracted, style="dim")
        else:
            append_safe(text, extracted or "—")
