"""The adjudication app: documents with unsettled counts, then one document's adjudication.

``run_adjudication`` is what ``annotator adjudicate`` (without ``--auto``) calls. The
adjudicator's write lock is held for the whole run.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from annotator.adjudication.session import AdjudicationSession
from annotator.adjudication.summary import summarise
from annotator.errors import AnnotatorError
from annotator.models import DEFAULT_ADJUDICATOR, AdjudicationPolicy, Document
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore, AnnotationWriter
from annotator.tui.key_routing import reroute_at_app
from annotator.tui.keys import key_help
from annotator.tui.screens.adjudicate import AdjudicateScreen, AdjudicationCorpusScreen
from annotator.tui.screens.help import HelpScreen


class AdjudicatorApp(App[None]):
    """Settle the annotators' disagreements, document by document; every decision is saved."""

    CSS_PATH = "annotator.tcss"
    TITLE = "annotator adjudicate"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "help"),
        Binding("q", "quit", "quit"),
    ]

    def __init__(
        self,
        documents: list[Document],
        writer: AnnotationWriter,
        policy: AdjudicationPolicy | None = None,
    ) -> None:
        super().__init__()
        self.writer = writer
        self.store: AnnotationStore = writer.store
        self.policy = policy
        self.sessions: list[AdjudicationSession] = []
        for document in documents:
            session = AdjudicationSession(document, writer, policy=policy)
            if session.files:
                self.sessions.append(session)
        self.corpus_screen: AdjudicationCorpusScreen | None = None

    def on_key(self, event: events.Key) -> None:
        # before the bindings run: a key typed on a screen that was covered since goes on top
        reroute_at_app(self, event)

    def on_paste(self, event: events.Paste) -> None:
        reroute_at_app(self, event)

    def on_mount(self) -> None:
        self.sub_title = self.writer.annotator
        self.corpus_screen = AdjudicationCorpusScreen(
            self.writer.annotator,
            [summarise(session) for session in self.sessions],
            [session.document.title or session.document.id for session in self.sessions],
        )
        self.push_screen(self.corpus_screen)

    def on_adjudication_corpus_screen_open_document(
        self, event: AdjudicationCorpusScreen.OpenDocument
    ) -> None:
        self.open_document(event.index)

    def open_document(self, index: int) -> None:
        session = self.sessions[index]
        title = session.document.title or session.document.id
        self.push_screen(AdjudicateScreen(session, f"{title} · {index + 1}/{len(self.sessions)}"))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        context = "adjudicate" if isinstance(self.screen, AdjudicateScreen) else "documents"
        self.push_screen(HelpScreen(self.store.scheme, key_help(self.screen), context))

    def on_adjudicate_screen_closed(self, event: AdjudicateScreen.Closed) -> None:
        screen = self.screen
        if isinstance(screen, AdjudicateScreen) and self.corpus_screen is not None:
            index = self.sessions.index(screen.session)
            self.corpus_screen.update_summary(index, summarise(screen.session))
            self.pop_screen()


def run_adjudication(
    corpus: Path,
    annotations_dir: Path,
    adjudicator: str = DEFAULT_ADJUDICATOR,
    policy: AdjudicationPolicy | None = None,
) -> None:
    """Run the adjudication UI on ``corpus``'s documents that have annotators' files."""
    from annotator.pipeline import load_corpus

    if not annotations_dir.is_dir():
        raise AnnotatorError(f"{annotations_dir}: no such folder of annotation files")
    store = AnnotationStore(annotations_dir, find_scheme(annotations_dir))
    documents = list(load_corpus([corpus]))
    with store.open_writer(adjudicator) as writer:
        app = AdjudicatorApp(documents, writer, policy)
        if not app.sessions:
            raise AnnotatorError(
                f"{annotations_dir}: no annotator's file for any document of {corpus}"
            )
        app.run()
