"""The statistics screen: the distributions of ``annotator stats`` as bar charts, in the UI.

Reads every annotator's files in the annotations folder (the same data as ``annotator stats``;
adjudicated gold sets left out)
in a worker thread, with the loaded corpus for the articles' outlets and dates. Usable at 80×24:
the charts take the screen's width and the body scrolls. ``r`` reads the files again.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from annotator.errors import AnnotatorError
from annotator.listing import DocumentSummary
from annotator.safe_text import safe_rich
from annotator.store import AnnotationStore


class StatsScreen(Screen[None]):
    """Stance and sentiment by outlet, speaker and month; labels and time per annotator."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s,q", "close", "close statistics"),
        Binding("r", "refresh", "read again"),
    ]

    def __init__(self, store: AnnotationStore, documents: list[DocumentSummary]) -> None:
        super().__init__()
        self.store = store
        self.documents = {document.id: document for document in documents}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-body"):
            yield Static(Text("reading annotation files…", style="italic"), id="stats-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stats-body", VerticalScroll).focus()
        self.action_refresh()

    def action_refresh(self) -> None:
        self._compute()

    @work(thread=True, exclusive=True, group="statistics")
    def _compute(self) -> None:
        self.app.call_from_thread(self._show, self.render_statistics())

    def render_statistics(self) -> RenderableType:
        """The charts, or one line saying why there are none."""
        from rich.console import Group

        from annotator.adjudication.session import is_adjudicated
        from annotator.report.distributions import compute_statistics
        from annotator.report.terminal import statistics_renderable

        try:
            loaded = list(self.store.iter_files())
        except AnnotatorError as exc:
            return safe_rich(str(exc), style="red")
        # the annotators' labels, as `annotator stats` counts them: gold sets are left out
        files = [annotation for annotation in loaded if not is_adjudicated(annotation)]
        left_out = sorted(
            {annotation.annotator for annotation in loaded if is_adjudicated(annotation)}
        )
        if not files:
            return safe_rich(f"{self.store.root}: no annotation files yet", style="dim")
        statistics = compute_statistics(files, self.store.scheme, self.documents or None)
        charts = statistics_renderable(statistics, self.store.scheme)
        if not left_out:
            return charts
        note = safe_rich(f"adjudicated labels of {', '.join(left_out)} left out", style="dim")
        return Group(note, charts)

    def _show(self, renderable: RenderableType) -> None:
        self.query_one("#stats-text", Static).update(renderable)

    def action_close(self) -> None:
        self.dismiss()
