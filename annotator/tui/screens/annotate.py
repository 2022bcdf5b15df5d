"""The annotate screen: article, quote list, quote detail, label bar; every key acts on the
:class:`~annotator.session.AnnotationSession`, which saves at once."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from annotator.annotations import resolved_outlet, resolved_speaker
from annotator.errors import AnnotatorError
from annotator.gc_pause import freeze_long_lived, thaw
from annotator.models import EntityKind, Quote, QuoteKind
from annotator.safe_text import safe_text
from annotator.session import AnnotationSession
from annotator.tui.key_routing import hold_keys, reroute_if_covered
from annotator.tui.screens.dialogs import (
    AttributionDialog,
    NoteDialog,
    SearchDialog,
    SpanDialog,
    SpanResult,
    quote_option_text,
)
from annotator.tui.toast import notify
from annotator.tui.widgets.article_view import UNLABELLED, ArticleView, stance_highlight
from annotator.tui.widgets.label_bar import LabelBar, StatusLine
from annotator.tui.widgets.quote_detail import QuoteDetail
from annotator.tui.widgets.quote_list import QuoteList

STANCE_GROUP = Binding.Group("stance", compact=True)
SENTIMENT_GROUP = Binding.Group("sentiment", compact=True)
MOVE_GROUP = Binding.Group("quote", compact=True)
RETRY_SECONDS = 3.0
DOCUMENT_KEYS = ("right_square_bracket", "left_square_bracket", "escape")  # leave the screen


def short_reason(error: str | None) -> str | None:
    """The status line's version of an error: without the leading file path (the toast has it)."""
    if error is None:
        return None
    where, separator, reason = error.partition(": ")
    return reason if separator and "/" in where else error


class AnnotateScreen(Screen[None]):
    """Annotate one document (see the module docstring)."""

    AUTO_FOCUS = ""  # keys act on quotes; the article takes focus only when clicked
    # stance and sentiment keys come from the label scheme (see __init__)
    BINDINGS: ClassVar[list[BindingType]] = [
        # first, so that it stays visible in a narrow footer
        Binding("question_mark", "app.help", "help"),
        Binding("j,down", "next_quote", "next", group=MOVE_GROUP),
        Binding("k,up", "previous_quote", "previous", group=MOVE_GROUP),
        Binding("tab", "next_unlabelled", "next without stance", key_display="tab"),
        Binding("e", "edit_attribution", "speaker/outlet"),
        Binding("n", "edit_note", "note"),
        Binding("f", "toggle_flag", "flag"),
        Binding("x", "delete_quote", "not a quote"),
        Binding("a", "add_quote", "add quote"),
        Binding("c", "cycle_kind", "kind (direct/indirect/mixed)", show=False),
        Binding("h", "toggle_borderline", "hide/show borderline", show=False),
        Binding("F", "next_in_queue('flagged')", "next flagged", show=False),
        Binding("B", "next_in_queue('borderline')", "next borderline", show=False),
        Binding("P", "next_in_queue('changed')", "next changed proposal", show=False),
        Binding("N", "next_in_queue('noted')", "next with a note", show=False),
        Binding("A", "toggle_auto_advance", "auto-advance on/off", show=False),
        Binding("b", "rebound_quote", "bounds", show=False),
        Binding("p", "accept_proposal", "take the extractor's new proposal", show=False),
        Binding("u", "undo", "undo"),
        Binding("ctrl+r", "redo", "redo"),
        Binding("/", "search", "search"),
        Binding("]", "next_document", "next doc", show=False),
        Binding("[", "previous_document", "previous doc", show=False),
        Binding("escape", "back", "documents", show=False),
    ]

    class DocumentStep(Message):
        """Ask the app for the next (+1) or previous (-1) document."""

        def __init__(self, step: int) -> None:
            self.step = step
            super().__init__()

    def __init__(
        self,
        session: AnnotationSession,
        title: str,
        *,
        auto_advance: bool = True,
        on_auto_advance: Callable[[bool], None] | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.auto_advance = auto_advance
        self._on_auto_advance = on_auto_advance
        self.hide_borderline = False
        self.scheme = session.scheme
        self.document_title = title
        # the label bar above the footer already shows every label key with its label, so the
        # footer leaves them out and keeps room for the other keys (help and palette list them)
        label_bindings = [
            Binding(
                label.key,
                f"stance({index})",
                safe_text(label.value),
                group=STANCE_GROUP,
                show=False,
            )
            for index, label in enumerate(self.scheme.stance)
        ] + [
            Binding(
                label.key,
                f"sentiment({index})",
                safe_text(label.value),
                group=SENTIMENT_GROUP,
                show=False,
            )
            for index, label in enumerate(self.scheme.sentiment)
        ]
        # label keys first, so that the footer and the help screen start with them
        key_to_bindings: dict[str, list[Binding]] = {}
        for binding in Binding.make_bindings(label_bindings):  # normalises the key names
            key_to_bindings.setdefault(binding.key, []).append(binding)
        for key, bindings in self._bindings.key_to_bindings.items():
            key_to_bindings.setdefault(key, []).extend(bindings)
        self._bindings.key_to_bindings = key_to_bindings

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        with Vertical(id="body"):
            yield ArticleView(self.session.document.text, self.scheme, id="article")
            with Vertical(id="side"):
                yield QuoteList(self.scheme, id="quotes")
                yield QuoteDetail(self.scheme, id="detail")
        yield LabelBar(self.scheme, id="labels")
        yield Footer()

    def on_key(self, event: events.Key) -> None:
        if reroute_if_covered(self, event):  # typed just after a dialog opened: goes to it
            return
        if event.key in DOCUMENT_KEYS and not (event.key == "escape" and self.article.has_focus):
            # another document or the corpus comes: what is typed next is for it (the app
            # releases the keys once it has answered)
            hold_keys(self, event)

    def on_paste(self, event: events.Paste) -> None:
        reroute_if_covered(self, event)

    def on_mount(self) -> None:
        # after a failed save (full disk, ...) try again every few seconds until it works
        self.set_interval(RETRY_SECONDS, self.retry_save)
        self._fill_list()
        self._reset_highlights()
        self._show_current()
        # built: what lives as long as the screen is kept out of the collector's walks
        self.call_after_refresh(freeze_long_lived)

    def on_unmount(self) -> None:
        thaw()

    def on_resize(self) -> None:
        # the article re-wraps: bring the current quote back into view once it has
        self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        quote = self.session.current
        if quote is not None:
            self.article.scroll_to_offset(quote.start)
        self.query_one(QuoteList).follow(self.session.index)

    def _fill_list(self) -> None:
        session = self.session
        self.query_one(QuoteList).show_quotes(
            session.quotes,
            {q.id: session.label_for(q.id) for q in session.quotes},
            {q.id for q in session.quotes if session.is_borderline(q)},
        )

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    # ------------------------------------------------------------------ redrawing

    def _highlight_name(self, quote: Quote) -> str:
        label = self.session.label_for(quote.id)
        return stance_highlight(label.stance) if label and label.stance else UNLABELLED

    def _reset_highlights(self) -> None:
        quotes = self.session.quotes
        self.article.set_quotes(quotes, [self._highlight_name(quote) for quote in quotes])

    def _show_current(self, scroll: bool = True) -> None:
        session = self.session
        quote = session.current
        label = session.current_label
        self.article.set_current(quote.id if quote else None, scroll=scroll)
        self.query_one(QuoteList).follow(session.index)
        position = f"quote {session.index + 1}/{len(session.quotes)}" if quote else ""
        change = session.proposal_changes(quote.id) if quote else None
        self.query_one(QuoteDetail).show(
            quote, label, position, change.describe() if change else None
        )
        self.query_one(LabelBar).show(label)
        self._show_status()

    def _show_status(self) -> None:
        progress = self.session.progress()
        self.query_one(StatusLine).show(
            self.document_title,
            progress.labelled,
            progress.total,
            progress.flagged,
            self.session.last_saved,
            short_reason(self.session.save_error),
        )

    @property
    def save_error(self) -> str | None:
        """Why the labels on screen are not on disk (None: everything is saved)."""
        return self.session.save_error

    def retry_save(self) -> None:
        """Save again if the last save failed; the indicator returns to normal once it works."""
        if not self.session.unsaved:
            return
        merges, error = self.session.merge_count, self.session.save_error
        if self.session.retry_save():
            notify(self, "Saved again: every label is on disk", timeout=4)
        elif self.session.save_error == error:
            return  # still failing the same way: the screen already says so
        self._redraw_after_save(merges, quotes_may_change=False)

    def _redraw_after_save(self, merges: int, quotes_may_change: bool) -> None:
        if self.session.merge_count != merges:
            notify(
                self,
                f"{self.session.path.name} was changed on disk; those changes are merged in",
                title="Merged",
                timeout=6,
            )
            quotes_may_change = True
        if quotes_may_change:
            self._quotes_changed()
        else:
            self._label_changed()

    def _label_changed(self) -> None:
        """Redraw what depends on the current quote's label (row, highlight, detail, bars)."""
        quote = self.session.current
        if quote is None:
            return
        label = self.session.current_label
        self.query_one(QuoteList).update_quote(
            self.session.index, quote, label, self.session.is_borderline(quote)
        )
        self.article.set_quote_highlight(quote.id, self._highlight_name(quote))
        self._show_current(scroll=False)

    def _quotes_changed(self) -> None:
        """Quotes were added, deleted or restored (or an undo may have done so): redraw all."""
        self._fill_list()
        self._reset_highlights()
        self._show_current()

    def _change(self, action: Callable[[], object], quotes_may_change: bool = False) -> None:
        """Run a session action; a failed save is shown, never silently dropped.

        A change of labels only (``quotes_may_change`` False: stance, sentiment, flag, note,
        speaker/outlet) is drawn first and written right after the frame that shows it
        (:meth:`save_pending`), so the key's answer does not wait for the write and fsync
        of the whole file; the next key writes it first if it comes before that frame, so
        at most one change is ever unwritten. Quote edits (add, delete, bounds, undo...)
        are written before they are drawn, as before.

        The session keeps the change in memory; the status line shows ``✗ NOT SAVED`` until
        a later change or :meth:`retry_save` gets it onto the disk.
        """
        self.save_pending()  # what the previous key left pending goes first
        session = self.session
        merges = session.merge_count
        try:
            with session.saving_later() if not quotes_may_change else nullcontext():
                action()
        except AnnotatorError as exc:
            notify(self, str(exc), title="Not saved", severity="error", timeout=10)
        except ValueError as exc:
            notify(self, str(exc), severity="warning")
        else:
            if session.unsaved and not session.save_pending:
                session.retry_save()  # the action itself did not save (a move): try now
        self._redraw_after_save(merges, quotes_may_change)
        if session.save_pending:
            self.call_after_refresh(self.save_pending)

    def save_pending(self) -> None:
        """Write the change a label key left pending (see :meth:`_change`); the status line
        then says saved, or NOT SAVED with the reason (a toast names the file)."""
        session = self.session
        if not session.save_pending:
            return
        merges = session.merge_count
        try:
            session.save_now()
        except AnnotatorError as exc:
            notify(self, str(exc), title="Not saved", severity="error", timeout=10)
        if session.merge_count != merges:
            self._redraw_after_save(merges, quotes_may_change=True)
        else:
            self._show_status()

    # ------------------------------------------------------------------ label actions

    def action_stance(self, index: int) -> None:
        value = self.scheme.stance[index].value
        label = self.session.current_label
        self._change(lambda: self.session.set_stance(value))
        self._maybe_advance(cleared=label is not None and label.stance == value)

    def action_sentiment(self, index: int) -> None:
        value = self.scheme.sentiment[index].value
        label = self.session.current_label
        self._change(lambda: self.session.set_sentiment(value))
        self._maybe_advance(cleared=label is not None and label.sentiment == value)

    def _maybe_advance(self, cleared: bool) -> None:
        """Auto-advance: a label key that completes the quote moves on to the next one."""
        if self.auto_advance and not cleared:
            self._move(self._advance_if_complete)

    def _advance_if_complete(self) -> None:
        session = self.session
        start = session.index
        if session.advance_if_complete() and self.hide_borderline:
            while session.index + 1 < len(session.quotes) and session.is_borderline(
                session.quotes[session.index]
            ):
                session.next()
            if session.is_borderline(session.quotes[session.index]):
                session.move_to(start)

    def action_toggle_auto_advance(self) -> None:
        self.auto_advance = not self.auto_advance
        if self._on_auto_advance is not None:
            self._on_auto_advance(self.auto_advance)
        state = "on" if self.auto_advance else "off"
        required = " and ".join(self.scheme.required) or "nothing (the scheme requires none)"
        notify(self, f"Auto-advance {state} (moves on once {required} are set)", timeout=3)

    def action_cycle_kind(self) -> None:
        quote = self.session.current
        if quote is None:
            return
        kinds = list(QuoteKind)
        kind = kinds[(kinds.index(quote.kind) + 1) % len(kinds)]
        self._change(lambda: self.session.set_kind(kind), quotes_may_change=True)
        notify(self, f"Kind {kind.value} (u undoes)", timeout=2)

    def action_toggle_borderline(self) -> None:
        self.hide_borderline = not self.hide_borderline
        self.query_one(QuoteList).set_hide_borderline(self.hide_borderline)
        hidden = sum(1 for quote in self.session.quotes if self.session.is_borderline(quote))
        verb = "hidden" if self.hide_borderline else "shown"
        notify(self, f"{hidden} borderline proposals {verb} (h toggles; x removes one)", timeout=3)
        self._show_current()

    def action_next_in_queue(self, queue: str) -> None:
        names = {
            "flagged": "flagged quote",
            "borderline": "borderline proposal",
            "changed": "quote whose extractor proposal changed",
            "noted": "quote with a note",
        }
        if self.session.next_index_where(self.session.review_test(queue)) is None:
            notify(self, f"No {names[queue]}", timeout=2)
            return
        self._move(lambda: self.session.next_in_queue(queue))

    def action_toggle_flag(self) -> None:
        self._change(self.session.toggle_flag)

    def action_edit_note(self) -> None:
        label = self.session.current_label
        if self.session.current is None:
            return

        def done(note: str | None) -> None:
            if note is not None:
                self._change(lambda: self.session.set_note(note))

        self.app.push_screen(NoteDialog(label.note or "" if label else ""), done)

    def action_edit_attribution(self) -> None:
        quote = self.session.current
        if quote is None:
            return
        label = self.session.current_label
        document = self.session.document
        people = [e.name for e in document.entities if e.kind != EntityKind.OUTLET]
        outlets = [e.name for e in document.entities if e.kind == EntityKind.OUTLET]
        people += [q.speaker for q in self.session.quotes if q.speaker]
        outlets += [q.outlet for q in self.session.quotes if q.outlet]
        if document.outlet:
            outlets.append(document.outlet)

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                self._change(lambda: self.session.set_attribution(*result))

        self.app.push_screen(
            AttributionDialog(
                resolved_speaker(quote, label) or "",
                resolved_outlet(quote, label) or "",
                list(dict.fromkeys(people)),
                list(dict.fromkeys(outlets)),
            ),
            done,
        )

    # ------------------------------------------------------------------ quote edits

    def action_delete_quote(self) -> None:
        if self.session.current is None:
            return
        self._change(self.session.delete_quote, quotes_may_change=True)
        notify(self, "Not a quote (u undoes; restore from the command palette)", timeout=2)

    def action_add_quote(self) -> None:
        """Add a quote: from the selection, else from the sentence of the article's cursor
        (when the article has the focus) or of the current quote."""
        session = self.session
        span = self.article.selected_span()
        if span is None:
            if self.article.has_focus:
                offset = self.article.offset_of(self.article.cursor_location)
            else:
                quote = session.current
                offset = quote.start if quote else 0
            span = session.sentence_at(offset)

        def done(result: SpanResult | None) -> None:
            if result is None:
                return
            start, end, kind = result

            def add() -> None:
                with session.batch():
                    session.add_quote(start, end)
                    session.set_kind(kind)

            self._change(add, quotes_may_change=True)

        self.app.push_screen(
            SpanDialog(
                "Add a quote",
                session.document.text,
                *span,
                sentences=session.sentence_spans(),
            ),
            done,
        )

    def action_rebound_quote(self) -> None:
        quote = self.session.current
        if quote is None:
            return
        span = self.article.selected_span() or (quote.start, quote.end)

        def done(result: SpanResult | None) -> None:
            if result is None:
                return
            start, end, kind = result

            def rebound() -> None:
                with self.session.batch():
                    self.session.rebound_quote(start, end)
                    self.session.set_kind(kind)

            self._change(rebound, quotes_may_change=True)

        self.app.push_screen(
            SpanDialog(
                "Change the bounds of this quote",
                self.session.document.text,
                *span,
                sentences=self.session.sentence_spans(),
                kind=quote.kind,
            ),
            done,
        )

    def action_accept_proposal(self) -> None:
        if self.session.current is None:
            return
        accepted: list[bool] = []
        self._change(
            lambda: accepted.append(self.session.accept_proposal()), quotes_may_change=True
        )
        if accepted and accepted[0]:
            notify(self, "Took the extractor's new proposal (u undoes)", timeout=3)
        elif accepted:
            notify(self, "The extractor proposes nothing new for this quote", timeout=3)

    def action_restore_quote(self, quote_id: str) -> None:
        self._change(lambda: self.session.restore_quote(quote_id), quotes_may_change=True)

    def palette_commands(self) -> list[tuple[str, str, str]]:
        """Commands without a key of their own, for the command palette."""
        commands = [
            ("Change the bounds of this quote", "select the new text first", "rebound_quote"),
            ("Back to the documents", "key: escape", "back"),
        ]
        for quote in self.session.deleted_quotes:
            snippet = quote.text.replace("\n", " ")[:50]
            commands.append(
                (
                    f"Restore quote {snippet}",
                    f"{quote.id}, marked as not a quote",
                    f"restore_quote({quote.id!r})",
                )
            )
        return commands

    def action_undo(self) -> None:
        self._undo_redo(self.session.undo, "Undone", "Nothing to undo")

    def action_redo(self) -> None:
        self._undo_redo(self.session.redo, "Redone", "Nothing to redo")

    def _undo_redo(self, step: Callable[[], str | None], done: str, nothing: str) -> None:
        result: list[str | None] = []
        self._change(lambda: result.append(step()), quotes_may_change=True)
        what = result[0] if result else None
        notify(self, f"{done}: {what}" if what else nothing, timeout=2)

    # ------------------------------------------------------------------ moving

    def _move(self, move: Callable[[], object]) -> None:
        previous = self.session.index
        move()
        if self.session.unsaved:  # the next key is a good moment to try saving again
            self.retry_save()
        if self.session.index != previous:
            self._show_current()

    def _step(self, step: int) -> None:
        """Move one quote, over hidden borderline proposals."""
        session = self.session
        index = session.index + step
        while (
            self.hide_borderline
            and 0 <= index < len(session.quotes)
            and session.is_borderline(session.quotes[index])
        ):
            index += step
        if 0 <= index < len(session.quotes):
            session.move_to(index)

    def action_next_quote(self) -> None:
        self._move(lambda: self._step(1))

    def action_previous_quote(self) -> None:
        self._move(lambda: self._step(-1))

    def action_next_unlabelled(self) -> None:
        if self.session.quotes and self.session.next_unlabelled_index() is None:
            notify(self, "Every quote has a stance")
        self._move(self.session.next_unlabelled)

    @on(QuoteList.QuoteChosen)
    def _quote_chosen(self, event: QuoteList.QuoteChosen) -> None:
        self._move(lambda: self.session.move_to(event.index))

    def action_search(self) -> None:
        session = self.session

        def describe(index: int) -> Text:
            quote = session.quotes[index]
            return quote_option_text(
                index + 1, quote, resolved_speaker(quote, session.label_for(quote.id))
            )

        def done(index: int | None) -> None:
            if index is not None:
                self._move(lambda: session.move_to(index))

        self.app.push_screen(SearchDialog(session.search, describe), done)

    def action_next_document(self) -> None:
        self.post_message(self.DocumentStep(+1))

    def action_previous_document(self) -> None:
        self.post_message(self.DocumentStep(-1))

    def action_back(self) -> None:
        if self.article.has_focus:
            self.set_focus(None)
            return
        self.post_message(self.DocumentStep(0))
