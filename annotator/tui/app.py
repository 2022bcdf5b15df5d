"""The Textual app: name prompt, corpus and annotate screens, global keys, command palette.

``run_app`` is what ``annotator annotate`` calls. The annotator's write lock is held for the
whole run, so two windows can never overwrite each other's work.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import get_current_worker

from annotator.atomic import write_atomic
from annotator.corpus_rows import CorpusRows, Row, counts_of
from annotator.errors import AnnotatorError
from annotator.listing import DocumentSummary
from annotator.models import Document, LabelScheme
from annotator.pipeline import cached_extractor
from annotator.scheme import find_scheme
from annotator.session import AnnotationSession
from annotator.store import AnnotationStore, AnnotationWriter, safe_component
from annotator.tui.commands import AnnotatorCommands
from annotator.tui.key_routing import release_keys, reroute_at_app
from annotator.tui.keys import key_help
from annotator.tui.name_store import (
    auto_advance_file,
    default_name_file,
    remember_auto_advance,
    remember_name,
    remembered_auto_advance,
    remembered_name,
)
from annotator.tui.progress import DocumentProgress, row_progress
from annotator.tui.screens.annotate import AnnotateScreen
from annotator.tui.screens.corpus import CorpusScreen
from annotator.tui.screens.dialogs import NewTextDialog
from annotator.tui.screens.help import HelpScreen
from annotator.tui.screens.name_prompt import NamePromptScreen
from annotator.tui.screens.stats import StatsScreen
from annotator.tui.toast import notify

LAST_DOCUMENT_FILE = ".last-document"
# Rows are sent to the corpus screen in batches: the first after LIST_BATCH rows or
# LIST_INTERVAL seconds (whichever comes first, so the screen fills at once), then each limit
# doubles up to LIST_INTERVAL_MAX. Every batch makes the table repaint all its visible rows
# (its render cache is keyed by its update count), which costs far more than adding rows: at a
# fixed 0.1 s a loaded machine sent 77 batches for 250 documents and spent 50 s repainting.
LIST_BATCH = 200
LIST_INTERVAL = 0.1
LIST_INTERVAL_MAX = 1.0


class AnnotatorApp(App[None]):
    """Annotate a corpus quote by quote; every change is saved at once."""

    CSS_PATH = "annotator.tcss"
    TITLE = "annotator"
    COMMANDS = App.COMMANDS | {AnnotatorCommands}
    # side by side (article | quotes) only when the quote list still gets 40+ cells of text
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (160, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (34, "-tall")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "help"),
        Binding("s", "statistics", "statistics", show=False),
        Binding("q", "quit", "quit"),
    ]

    def __init__(
        self,
        corpus: Iterable[Path] = (),
        annotations_dir: Path = Path("annotations"),
        annotator: str | None = None,
        *,
        scheme: LabelScheme | None = None,
        documents: list[Document] | None = None,
        writer: AnnotationWriter | None = None,
        name_file: Path | None = None,
        auto_advance: bool | None = None,
    ) -> None:
        """``auto_advance``: move on once a quote's required labels are set (None: as last
        time, on by default); a value given is remembered for next time."""
        super().__init__()
        self.corpus = list(corpus)
        self.store = AnnotationStore(annotations_dir, scheme or find_scheme(annotations_dir))
        self.annotator = annotator
        self.writer = writer
        self.name_file = name_file or default_name_file()
        setting = auto_advance_file(self.name_file)
        if auto_advance is None:
            auto_advance = remembered_auto_advance(setting)
        else:
            remember_auto_advance(setting, auto_advance)
        self.auto_advance = auto_advance
        self._given_documents = documents
        self.rows: list[Row] = []
        self._positions: dict[str, int] = {}  # document id -> row
        self._lister: CorpusRows | None = None
        self.progress: list[DocumentProgress] = []
        self.session: AnnotationSession | None = None
        self._quit_asked = False  # q pressed while the last save failed
        self.corpus_screen: CorpusScreen | None = None
        self.start_error: str | None = None

    # ------------------------------------------------------------------ start

    def on_mount(self) -> None:
        if self.annotator is None:
            self.annotator = remembered_name(self.name_file)
        if self.annotator is None:
            self.push_screen(NamePromptScreen(self.store.root))
        else:
            self._start(self.annotator)

    def on_name_prompt_screen_name_given(self, event: NamePromptScreen.NameGiven) -> None:
        prompt = self.screen
        try:
            self._take_lock(event.name)
        except AnnotatorError as exc:
            if isinstance(prompt, NamePromptScreen):
                prompt.show_error(str(exc))
            release_keys(self, prompt)  # typed after the refused name: back to the prompt
            return
        remember_name(self.name_file, event.name)
        self.pop_screen()
        self._start(event.name)
        release_keys(self, prompt)  # typed after the name: to the corpus screen

    def _take_lock(self, name: str) -> None:
        safe_component(name, "annotator name")
        if self.writer is None or self.writer.annotator != name:
            self.writer = self.store.open_writer(name)

    def _start(self, name: str) -> None:
        try:
            self._take_lock(name)
        except AnnotatorError as exc:
            self.start_error = str(exc)
            self.exit(return_code=1)
            return
        self.annotator = name
        self.sub_title = name
        self.corpus_screen = CorpusScreen(name)
        self.corpus_screen.resume_id = self._last_document()
        self.push_screen(self.corpus_screen)
        if self._given_documents is not None:
            for document in self._given_documents:
                self._document_loaded(document)
            self.corpus_screen.loading_finished()
        else:
            self._load_corpus()

    def _rows(self) -> CorpusRows:
        assert self.annotator is not None
        if self._lister is None or self._lister.annotator != self.annotator:
            self._lister = CorpusRows(self.store, self.annotator, cached_extractor())
        return self._lister

    @work(thread=True, exclusive=True, group="corpus")
    def _load_corpus(self) -> None:
        """Read the corpus in a thread: documents the listing index or the extraction cache
        knows are listed at once, then the others are extracted one by one (with progress)
        and their rows filled in."""
        worker = get_current_worker()
        error: str | None = None
        lister = self._rows()
        waiting: list[tuple[int, Row]] = []
        try:
            batch: list[Row] = []
            sent = time.monotonic()
            limit, interval = LIST_BATCH, LIST_INTERVAL
            for index, row in enumerate(lister.rows(self.corpus)):
                if worker.is_cancelled:
                    return
                if row.pending:
                    waiting.append((index, row))
                batch.append(row)
                if len(batch) >= limit or time.monotonic() - sent > interval:
                    self.call_from_thread(self._documents_loaded, batch, len(waiting))
                    batch, sent = [], time.monotonic()
                    limit, interval = limit * 2, min(interval * 2, LIST_INTERVAL_MAX)
            self.call_from_thread(self._documents_loaded, batch, len(waiting))
            for done, (index, row) in enumerate(waiting, start=1):
                if worker.is_cancelled:
                    return
                extracted = lister.extracted(row)
                self.call_from_thread(
                    self._document_extracted, index, extracted, done, len(waiting)
                )
        except Exception as exc:
            error = str(exc) if isinstance(exc, AnnotatorError) else f"{type(exc).__name__}: {exc}"
            self.call_from_thread(notify, self, error, title="Corpus", severity="error", timeout=15)
        finally:
            if lister.extractor is not None:
                lister.extractor.finish()
        if not worker.is_cancelled:
            self.call_from_thread(self._corpus_loaded, error)

    def _corpus_loaded(self, error: str | None) -> None:
        if self.corpus_screen is not None:
            self.corpus_screen.loading_finished(error)

    def _document_loaded(self, document: Document) -> None:
        """A document given to the app (not read from a corpus) listed with its counts."""
        assert self.annotator is not None
        counts = counts_of(self.store, self.annotator, document)
        row = Row(DocumentSummary.of(document), Path(document.source), document, counts)
        self._documents_loaded([row], 0)

    def _documents_loaded(self, batch: list[Row], waiting: int) -> None:
        progress = [row_progress(row) for row in batch]
        for row, shown in zip(batch, progress, strict=True):
            self._positions[row.summary.id] = len(self.rows)
            self.rows.append(row)
            self.progress.append(shown)
        if self.corpus_screen is not None:
            self.corpus_screen.add_documents(progress)
            if waiting:
                self.corpus_screen.extraction_progress(0, waiting)

    def _document_extracted(self, index: int, row: Row, done: int, total: int) -> None:
        self.rows[index] = row
        self.progress[index] = row_progress(row)
        if self.corpus_screen is not None:
            self.corpus_screen.update_document(self.progress[index])
            self.corpus_screen.extraction_progress(done, total)

    @property
    def documents(self) -> list[DocumentSummary]:
        """The corpus's documents as listed (summaries; :meth:`document_at` reads one)."""
        return [row.summary for row in self.rows]

    def document_at(self, index: int) -> Document:
        """The extracted document of row ``index``, read (and kept) if the listing had none."""
        row = self.rows[index]
        if row.document is None:
            row.document = self._rows().load(row)
        return row.document

    # ------------------------------------------------------------------ documents

    def _last_document_path(self) -> Path:
        return self.store.root / (self.annotator or "") / LAST_DOCUMENT_FILE

    def _last_document(self) -> str | None:
        try:
            return self._last_document_path().read_text(encoding="utf-8").strip() or None
        except OSError:
            return None

    def on_corpus_screen_open_document(self, event: CorpusScreen.OpenDocument) -> None:
        try:
            self.open_document(event.index)
        finally:  # typed after the enter: to the document (or its dialog), else the corpus
            if self.corpus_screen is not None:
                release_keys(self, self.corpus_screen)

    def open_document(self, index: int) -> None:
        """Open document ``index`` of the corpus in an annotate screen."""
        if not 0 <= index < len(self.rows) or self.writer is None:
            return
        if self.progress[index].extracting:
            self.notify(
                f"{self.rows[index].summary.id} is still being extracted; a moment", timeout=3
            )
            return
        try:
            document = self.document_at(index)
            session = AnnotationSession(document, self.writer)
        except AnnotatorError as exc:
            # an unreadable annotation file is never overwritten: refuse to open it
            notify(self, str(exc), title="Cannot open", severity="error", timeout=15)
            return
        if session.pending_new_text:

            def decided(accept: bool | None) -> None:
                if not accept:
                    return  # nothing was written; the file stays as it was
                try:
                    session.accept_new_text()
                except AnnotatorError as exc:
                    notify(self, str(exc), title="Not saved", severity="error", timeout=15)
                    return
                self._show_session(index, session)

            summary = session.anchor_report.summary()
            self.push_screen(
                NewTextDialog(document.id, summary, session.new_text_report()), decided
            )
            return
        self._show_session(index, session)

    def _show_session(self, index: int, session: AnnotationSession) -> None:
        document = session.document
        if not self.close_session():
            return  # the open document's labels could not be saved: stay with them
        self.session = session
        with contextlib.suppress(OSError):  # resuming there next time is a convenience
            write_atomic(self._last_document_path(), document.id.encode("utf-8"))
        if self.corpus_screen is not None:
            self.corpus_screen.select(index)
        title = document.title or document.id
        self.push_screen(
            AnnotateScreen(
                session,
                f"{title} · {index + 1}/{len(self.rows)}",
                auto_advance=self.auto_advance,
                on_auto_advance=self._auto_advance_toggled,
            )
        )

    def _auto_advance_toggled(self, on: bool) -> None:
        self.auto_advance = on
        remember_auto_advance(auto_advance_file(self.name_file), on)

    def close_session(self, force: bool = False) -> bool:
        """Record the time on the current quote, save, and refresh the corpus row.

        If that save fails (full disk, ...), the session stays open with its labels in
        memory and False is returned, unless ``force`` (quitting anyway) is given.
        """
        session = self.session
        if session is None:
            return True
        try:
            session.close()
        except AnnotatorError as exc:
            if not force:
                notify(
                    self,
                    f"{exc}. Your labels are kept here; they are saved as soon as that works "
                    "(q twice quits without them)",
                    title="Not saved",
                    severity="error",
                    timeout=15,
                )
                return False
        self.session = None
        index = self._positions[session.document.id]
        if self.annotator is not None:
            row = self._rows().counted(self.rows[index].path, session.document)
            self.rows[index] = row
            self.progress[index] = row_progress(row)
            if self.corpus_screen is not None:
                self.corpus_screen.update_document(self.progress[index])
        if isinstance(self.screen, AnnotateScreen):
            self.pop_screen()
        return True

    def on_annotate_screen_document_step(self, event: AnnotateScreen.DocumentStep) -> None:
        screen = self.screen
        try:
            self._document_step(event.step)
        finally:  # typed after the key: to the next document, the corpus, or this one again
            if isinstance(screen, AnnotateScreen):
                release_keys(self, screen)

    def _document_step(self, step: int) -> None:
        session = self.session
        if session is None:
            return
        index = self._positions[session.document.id]
        if step == 0:
            self.close_session()
            return
        target = index + step
        if not 0 <= target < len(self.rows):
            notify(self, "No more documents in this direction", timeout=2)
            return
        self.open_document(target)

    def on_key(self, event: events.Key) -> None:
        # before the bindings run: a key typed on a screen that was covered since goes on top
        reroute_at_app(self, event)

    def on_paste(self, event: events.Paste) -> None:
        reroute_at_app(self, event)

    # ------------------------------------------------------------------ global actions

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            return
        context = "annotate" if isinstance(self.screen, AnnotateScreen) else "documents"
        self.push_screen(HelpScreen(self.store.scheme, key_help(self.screen), context))

    def action_statistics(self) -> None:
        if not isinstance(self.screen, CorpusScreen | AnnotateScreen):
            return
        self.push_screen(StatsScreen(self.store, self.documents))

    async def action_quit(self) -> None:
        if not self.close_session(force=self._quit_asked):
            self._quit_asked = True  # the next q quits even without saving
            return
        self.exit()

    def on_unmount(self) -> None:
        if self.session is not None:
            with contextlib.suppress(AnnotatorError):
                self.session.close()
            self.session = None
        if self.writer is not None:
            self.writer.release()


def run_app(
    corpus: Path,
    annotator: str | None,
    annotations_dir: Path,
    auto_advance: bool | None = None,
) -> None:
    """Run the UI on ``corpus``; the annotator's name comes from the CLI, $ANNOTATOR or a prompt."""
    store = AnnotationStore(annotations_dir, find_scheme(annotations_dir))
    writer = None
    if annotator is not None:
        safe_component(annotator, "annotator name")
        writer = store.open_writer(annotator)  # a one-line error if another window has it
    app = AnnotatorApp(
        [corpus],
        annotations_dir,
        annotator,
        scheme=store.scheme,
        writer=writer,
        auto_advance=auto_advance,
    )
    try:
        app.run()
    finally:
        if app.writer is not None:
            app.writer.release()
    if app.return_code:
        raise AnnotatorError(app.start_error or "the annotation UI stopped")
