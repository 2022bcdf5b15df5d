"""The annotation session: one annotator working on one document, saved after every change.

The session is the model layer of the terminal UI (it never imports Textual). It holds the
document, its effective quotes (extracted - deleted + added), the annotator's labels, a cursor
on the current quote and an undo/redo history. Every action that changes the annotation
saves the whole file at once through :class:`~annotator.store.AnnotationWriter` (atomic
rename), so killing the process loses at most the change being written (inside
:meth:`AnnotationSession.saving_later` the write waits for :meth:`AnnotationSession.save_now`:
the UI shows a label first and writes it right after). Changes made to the
file on disk meanwhile (a ``git pull``) are merged by the writer and adopted by the session; a
failed save (full disk, conflict) keeps everything in memory until a later save works.

A labelled quote is shown as the annotator saw it (the label's saved snapshot); when the
extractor now proposes something else for it, :meth:`AnnotationSession.proposal_changes` says
what and :meth:`AnnotationSession.accept_proposal` takes it (undoable, saved).

A file made on another version of the text (other ``document_sha256``) is re-anchored by the
saved text of each label (:mod:`annotator.anchoring`) and the session is *pending new text*: it
reports what moved and what could not be placed, and saves nothing until
:meth:`AnnotationSession.accept_new_text`. A session opened without a writer is read-only.

Time is measured per quote: the seconds between the cursor arriving on a quote and leaving it
(each visit capped at :data:`MAX_SECONDS_PER_VISIT`, so a coffee break does not count) are
added to that quote's ``QuoteLabel.seconds``. Time is not part of the undo history.
"""

from __future__ import annotations

import time
from bisect import bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from annotator.anchoring import AnchorReport, anchor_labels, anchor_quotes
from annotator.annotations import effective_quotes
from annotator.errors import AnnotatorError
from annotator.extract.confidence import CONFIDENT
from annotator.history import History
from annotator.models import (
    AnnotationFile,
    Document,
    LabelledQuote,
    LabelScheme,
    Quote,
    QuoteKind,
    QuoteLabel,
    QuoteOrigin,
    current_extractor_version,
    kind_of_text,
    utc_now,
)
from annotator.store import AnnotationStore, AnnotationWriter

MAX_SECONDS_PER_VISIT = 300.0


@dataclass(frozen=True)
class Snapshot:
    """Everything undo restores: labels, quote edits and the cursor."""

    labels: dict[str, QuoteLabel]
    added: dict[str, Quote]
    deleted: frozenset[str]
    index: int
    description: str


@dataclass(frozen=True)
class ProposalChange:
    """What the extractor proposes now for a labelled quote, unlike the label's snapshot."""

    quote_id: str
    proposal: Quote
    differences: list[str] = field(default_factory=list)

    def describe(self) -> str:
        return "extractor now proposes " + "; ".join(self.differences)


@dataclass(frozen=True)
class Progress:
    labelled: int
    total: int
    flagged: int


class AnnotationSession:
    """One annotator's work on one document (see the module docstring)."""

    @property
    def _labels(self) -> LabelsByQuote:
        return self.__labels

    @_labels.setter
    def _labels(self, labels: dict[str, QuoteLabel]) -> None:
        # every dict of labels the session holds counts its changes (see progress)
        self.__labels = labels if isinstance(labels, LabelsByQuote) else LabelsByQuote(labels)

    def __init__(
        self,
        document: Document,
        writer: AnnotationWriter | None,
        clock: Callable[[], float] = time.monotonic,
        *,
        store: AnnotationStore | None = None,
        annotator: str | None = None,
    ) -> None:
        """``writer`` saves every change; with ``writer=None`` (``store`` and ``annotator``
        given) the session only reads: it takes no lock and never writes."""
        self.document = document
        self.writer = writer
        if writer is not None:
            store, annotator = writer.store, writer.annotator
        if store is None or annotator is None:
            raise ValueError("a read-only session needs store and annotator")
        self.store = store
        self.annotator = annotator
        self.scheme: LabelScheme = store.scheme
        self.path: Path = store.path_for(self.annotator, document.id)
        self._clock = clock
        if writer is not None:
            # read through the writer: what it read is the base of a merge with outside changes
            loaded = writer.load(document.id, document)
        else:
            loaded = store.load(self.annotator, document.id, document)
        self._proposals = {quote.id: quote for quote in document.quotes}
        self._labels = LabelsByQuote()
        # (labels, positions, labelled, flagged) as progress() last counted them
        self._progress: tuple[LabelsByQuote, dict[str, int], int, int] | None = None
        self._unplaced: dict[str, QuoteLabel] = {}
        self._added: dict[str, Quote] = {}
        self._deleted: set[str] = set()
        self._seconds = SecondsByQuote()
        # each label as last put into a file by annotation_file (seconds in step), so that an
        # unchanged label costs one identity test per save (see annotation_file)
        self._emitted: dict[str, QuoteLabel] = {}
        self._batch_depth = 0
        self._batch_dirty = False
        # inside saving_later(): changes are kept in memory until save_pending() (the UI saves
        # right after the frame that shows the change, see AnnotateScreen._change)
        self._later_depth = 0
        self.save_pending = False
        self._sentences: list[tuple[int, int]] | None = None
        self.anchor_report = AnchorReport()
        self.unplaced_added: list[Quote] = []
        self.pending_new_text = False
        if loaded is not None:
            self._adopt(loaded)
            self.pending_new_text = loaded.document_sha256 != document.sha256 or bool(
                self.anchor_report.moved or self.unplaced_added
            )
        self._history: History[Snapshot] = History()
        self.quotes: list[Quote] = []
        self._position: dict[str, int] = {}
        self._refresh_quotes()
        self.index = self.first_unlabelled_index()
        self._visit_started = self._clock()
        self.last_saved: datetime | None = None
        self.save_count = 0
        # why the last save failed (full disk, conflict, ...); None once a save succeeds.
        # The labels stay in memory meanwhile; the next change or retry_save() saves them.
        self.save_error: str | None = None
        self.merge_count = 0

    # ------------------------------------------------------------------ reading

    @property
    def current(self) -> Quote | None:
        return self.quotes[self.index] if self.quotes else None

    def label_for(self, quote_id: str) -> QuoteLabel | None:
        return self._labels.get(quote_id)

    @property
    def current_label(self) -> QuoteLabel | None:
        quote = self.current
        return None if quote is None else self._labels.get(quote.id)

    def seconds_for(self, quote_id: str) -> float:
        return self._seconds.get(quote_id, 0.0)

    def position_of(self, quote_id: str) -> int | None:
        return self._position.get(quote_id)

    @property
    def unplaced_labels(self) -> list[QuoteLabel]:
        """Labels whose saved text is nowhere in this text: kept in the file, not in the list."""
        return list(self._unplaced.values())

    @property
    def read_only(self) -> bool:
        return self.writer is None

    def new_text_report(self) -> list[str]:
        """One line per label that moved or could not be placed, and per unplaced added quote."""
        lines = [
            f"moved {item.old_id} → {item.new_id}: {_short(item.label.quote.text)}"
            for item in self.anchor_report.moved
        ]
        lines.extend(
            f"not placed {item.old_id} (kept in the file): {_short(item.label.quote.text)}"
            for item in self.anchor_report.unplaced
        )
        lines.extend(
            f"added quote {quote.id} not found in the new text (dropped on accept): "
            f"{_short(quote.text)}"
            for quote in self.unplaced_added
        )
        return lines

    def proposal_changes(self, quote_id: str) -> ProposalChange | None:
        """What the extractor now proposes for a labelled quote, if it differs from the label.

        Same span: another speaker, role or outlet. Span no longer proposed: the proposal
        overlapping it most (that no other label or added quote holds), with its bounds.
        Quotes the annotator made (manual) have no proposal.
        """
        label = self._labels.get(quote_id)
        if label is None or label.quote.origin == QuoteOrigin.MANUAL:
            return None
        saved = label.quote
        proposal = self._proposals.get(quote_id)
        differences: list[str] = []
        if proposal is None:
            best: tuple[int, Quote] | None = None
            for quote in self.document.quotes:
                overlap = min(quote.end, saved.end) - max(quote.start, saved.start)
                if (
                    overlap <= 0
                    or quote.id in self._deleted
                    or quote.id in self._labels
                    or quote.id in self._added
                    or quote.id in self._unplaced
                ):
                    continue
                if best is None or overlap > best[0]:
                    best = (overlap, quote)
            if best is None:
                return None
            proposal = best[1]
            differences.append(
                f"bounds {proposal.start}-{proposal.end} (saved {saved.start}-{saved.end})"
            )
        for name in ("speaker", "speaker_role", "outlet"):
            new, old = getattr(proposal, name), getattr(saved, name)
            if new != old:
                differences.append(f"{name.replace('_', ' ')} {_shown(new)} (saved {_shown(old)})")
        if not differences:
            return None
        return ProposalChange(quote_id=quote_id, proposal=proposal, differences=differences)

    @property
    def deleted_quotes(self) -> list[Quote]:
        """Extracted quotes this annotator marked as not a quote (restorable)."""
        return [quote for quote in self.document.quotes if quote.id in self._deleted]

    def is_labelled(self, quote_id: str) -> bool:
        label = self._labels.get(quote_id)
        return label is not None and label.stance is not None

    def progress(self) -> Progress:
        """Labelled and flagged quotes. The status line asks after every key: while the
        quotes stay the same, only the labels changed since the last call are counted (the
        labels' log); otherwise one pass over the labels (not over the quotes)."""
        labels, position, cached = self._labels, self._position, self._progress
        if (
            cached is not None
            and cached[0] is labels
            and cached[1] is position
            and labels.log is not None
        ):
            labelled, flagged = cached[2], cached[3]
            for quote_id, old, new in labels.log:
                if quote_id in position:
                    if old is not None:
                        labelled -= old.stance is not None
                        flagged -= old.flagged
                    if new is not None:
                        labelled += new.stance is not None
                        flagged += new.flagged
        else:
            labelled = flagged = 0
            for quote_id, label in labels.items():
                if quote_id in position:
                    labelled += label.stance is not None
                    flagged += label.flagged
        labels.log = []
        self._progress = (labels, position, labelled, flagged)
        return Progress(labelled=labelled, total=len(self.quotes), flagged=flagged)

    def first_unlabelled_index(self) -> int:
        for index, quote in enumerate(self.quotes):
            if not self.is_labelled(quote.id):
                return index
        return 0

    def next_unlabelled_index(self) -> int | None:
        """The next quote after the current one without a stance (wrapping), if any."""
        count = len(self.quotes)
        for step in range(1, count + 1):
            index = (self.index + step) % count
            if not self.is_labelled(self.quotes[index].id):
                return index
        return None

    def search(self, query: str) -> list[int]:
        """Indexes of quotes whose text, speaker or outlet contains ``query`` (case-insensitive)."""
        needle = query.casefold().strip()
        if not needle:
            return list(range(len(self.quotes)))
        found = []
        for index, quote in enumerate(self.quotes):
            label = self._labels.get(quote.id)
            haystack = " ".join(
                part
                for part in (
                    quote.text,
                    quote.speaker,
                    quote.outlet,
                    label.speaker if label else None,
                    label.outlet if label else None,
                )
                if part
            )
            if needle in haystack.casefold():
                found.append(index)
        return found

    def annotation_file(self) -> AnnotationFile:
        """The annotation as it would be saved now."""
        labels = []
        emitted, changed = self._emitted, self._seconds.changed
        for quote_id, label in self._labels.items():
            if emitted.get(quote_id) is label and quote_id not in changed:
                labels.append(label)  # as in the last file, and its time has not changed
                continue
            if label.is_empty() and not self._corrects_kind(quote_id, label):
                continue
            seconds = round(self._seconds.get(quote_id, 0.0), 1)
            if label.seconds != seconds:
                # kept in place: undo snapshots may hold the older copy, but seconds always
                # come from self._seconds, so they never go back in time
                label = label.model_copy(update={"seconds": seconds})
                self._labels[quote_id] = label
            emitted[quote_id] = label
            labels.append(label)
        changed.clear()
        labels.extend(
            label for quote_id, label in self._unplaced.items() if quote_id not in self._labels
        )
        # the writer validates what changed since its last write before writing (file_pieces)
        return AnnotationFile.model_construct(
            schema_version=2,
            annotator=self.annotator,
            document_id=self.document.id,
            document_sha256=self.document.sha256,
            scheme=self.scheme.ref,
            labels=labels,
            added_quotes=list(self._added.values()),
            deleted_quotes=sorted(self._deleted),
        )

    def _corrects_kind(self, quote_id: str, label: QuoteLabel) -> bool:
        """True when a label with nothing else set still changes an extracted quote's kind."""
        proposal = self._proposals.get(quote_id)
        return proposal is not None and label.quote.kind != proposal.kind

    # ------------------------------------------------------------------ moving

    def move_to(self, index: int) -> None:
        """Make quote ``index`` current (clamped), recording the time spent on the previous one."""
        if not self.quotes:
            return
        index = max(0, min(index, len(self.quotes) - 1))
        if index != self.index:
            self._record_time()
            self.index = index

    def next(self) -> None:
        self.move_to(self.index + 1)

    def previous(self) -> None:
        self.move_to(self.index - 1)

    def next_unlabelled(self) -> bool:
        index = self.next_unlabelled_index()
        if index is None:
            return False
        self.move_to(index)
        return True

    def _record_time(self) -> None:
        now = self._clock()
        quote = self.current
        if quote is not None:
            spent = min(max(now - self._visit_started, 0.0), MAX_SECONDS_PER_VISIT)
            self._seconds[quote.id] = self._seconds.get(quote.id, 0.0) + spent
        self._visit_started = now

    # ------------------------------------------------------------------ labelling

    def set_stance(self, value: str) -> None:
        """Set the current quote's stance; setting the value it already has clears it."""
        if value not in self.scheme.stance_values():
            raise ValueError(f"{value!r} is not a stance of scheme {self.scheme.name}")
        label = self.current_label
        new = None if label is not None and label.stance == value else value
        self._update_current(f"stance {new or 'cleared'}", stance=new)

    def set_sentiment(self, value: str) -> None:
        """Set the current quote's sentiment; setting the value it already has clears it."""
        if value not in self.scheme.sentiment_values():
            raise ValueError(f"{value!r} is not a sentiment of scheme {self.scheme.name}")
        label = self.current_label
        new = None if label is not None and label.sentiment == value else value
        self._update_current(f"sentiment {new or 'cleared'}", sentiment=new)

    def toggle_flag(self) -> None:
        label = self.current_label
        flagged = not (label is not None and label.flagged)
        self._update_current("flagged" if flagged else "unflagged", flagged=flagged)

    def set_note(self, note: str) -> None:
        note = note.strip()
        self._update_current("note", note=note or None)

    def set_attribution(self, speaker: str | None, outlet: str | None) -> None:
        """The annotator's speaker and outlet: ``None`` keeps the one shown, ``''`` means none."""
        quote = self.current
        if quote is None:
            return
        self._update_current(
            "speaker and outlet",
            speaker=_override(speaker, quote.speaker),
            outlet=_override(outlet, quote.outlet),
        )

    def _update_current(self, description: str, **changes: object) -> None:
        quote = self.current
        if quote is None:
            return
        if quote.id in self._unplaced:
            raise ValueError(
                f"quote {quote.id}: a label that could not be placed on this text holds this "
                "span; see the report of labels not placed"
            )
        self._record_time()
        label = self._labels.get(quote.id) or QuoteLabel.for_quote(
            quote, current_extractor_version()
        )
        if all(getattr(label, name) == value for name, value in changes.items()):
            return
        self._checkpoint(description)
        self._labels[quote.id] = label.model_copy(update={**changes, "updated_at": utc_now()})
        self.save()

    # ------------------------------------------------------------------ quote edits

    def delete_quote(self) -> Quote | None:
        """Mark the current quote as not a quote (its label goes to the undo history)."""
        quote = self.current
        if quote is None:
            return None
        self._record_time()
        self._checkpoint(f"deleted {quote.id}")
        self._labels.pop(quote.id, None)
        if quote.id in self._added:
            del self._added[quote.id]
        else:
            self._deleted.add(quote.id)
        self._refresh_quotes()
        self.index = min(self.index, max(len(self.quotes) - 1, 0))
        self.save()
        return quote

    def restore_quote(self, quote_id: str) -> None:
        """Bring back an extracted quote this annotator had deleted, and make it current."""
        if quote_id not in self._deleted:
            raise ValueError(f"quote {quote_id} is not deleted")
        self._record_time()
        self._checkpoint(f"restored {quote_id}")
        self._deleted.discard(quote_id)
        self._refresh_quotes()
        self.index = self._position[quote_id]
        self.save()

    def add_quote(self, start: int, end: int) -> Quote:
        """Add a quote over ``text[start:end]`` (or go to it if it is already a quote)."""
        quote = self._new_quote(start, end)
        if quote.id in self._position:
            self.move_to(self._position[quote.id])
            return self.quotes[self.index]
        if quote.id in self._deleted:
            self.restore_quote(quote.id)
            return self.quotes[self.index]
        self._record_time()
        self._checkpoint(f"added {quote.id}")
        self._added[quote.id] = quote
        self._refresh_quotes()
        self.index = self._position[quote.id]
        self.save()
        return quote

    def rebound_quote(self, start: int, end: int) -> Quote:
        """Replace the current quote by one over ``text[start:end]``, keeping its label."""
        old = self.current
        if old is None:
            raise ValueError("there is no quote to re-bound")
        new = self._new_quote(start, end, kind=old.kind, replaces=old.id)
        if new.id == old.id:
            return old
        if new.id in self._position:
            raise ValueError(f"there is already a quote at {start}-{end}")
        new = new.model_copy(
            update={
                "speaker": old.speaker,
                "speaker_role": old.speaker_role,
                "outlet": old.outlet,
                "cue": old.cue,
            }
        )
        self._record_time()
        self._checkpoint(f"re-bounded {old.id} to {new.id}")
        label = self._labels.pop(old.id, None)
        if label is not None:
            self._labels[new.id] = label.model_copy(
                update={
                    "quote_id": new.id,
                    "quote": LabelledQuote.of(new, current_extractor_version()),
                    "updated_at": utc_now(),
                }
            )
        self._seconds[new.id] = self._seconds.pop(old.id, 0.0)
        if old.id in self._added:
            del self._added[old.id]
        else:
            self._deleted.add(old.id)
        self._deleted.discard(new.id)
        self._added[new.id] = new
        self._refresh_quotes()
        self.index = self._position[new.id]
        self.save()
        return new

    def _new_quote(
        self, start: int, end: int, kind: QuoteKind | None = None, replaces: str | None = None
    ) -> Quote:
        text = self.document.text
        if not 0 <= start < end <= len(text):
            raise ValueError(f"bounds {start}-{end} are not inside the text (0-{len(text)})")
        # trim surrounding white space so that the same words always give the same id
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            raise ValueError("the selected text is only white space")
        if kind is None:
            kind = kind_of_text(text[start:end])
        return Quote.from_span(
            text, start, end, kind=kind, origin=QuoteOrigin.MANUAL, replaces=replaces
        )

    def _refresh_quotes(self) -> None:
        annotation = AnnotationFile.model_construct(
            labels=list(self._labels.values()),
            added_quotes=list(self._added.values()),
            deleted_quotes=list(self._deleted),
        )
        self.quotes = effective_quotes(self.document, annotation)
        self._position = {quote.id: index for index, quote in enumerate(self.quotes)}

    # ------------------------------------------------------------------ undo / redo

    def _snapshot(self, description: str) -> Snapshot:
        return Snapshot(
            labels=dict(self._labels),
            added=dict(self._added),
            deleted=frozenset(self._deleted),
            index=self.index,
            description=description,
        )

    def _checkpoint(self, description: str) -> None:
        """Called before every change: refuses it up front when it could not be saved."""
        if self.writer is None:
            raise AnnotatorError(f"{self.path}: opened read-only, nothing can be changed")
        if self.pending_new_text:
            raise AnnotatorError(self._pending_message())
        if self._batch_depth and self._batch_dirty:
            return  # one undo step for the whole batch
        self._history.checkpoint(self._snapshot(description))

    def _restore(self, snapshot: Snapshot) -> None:
        self._record_time()
        self._labels = dict(snapshot.labels)
        self._added = dict(snapshot.added)
        self._deleted = set(snapshot.deleted)
        self._refresh_quotes()
        self.index = max(0, min(snapshot.index, len(self.quotes) - 1))
        self.save()

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    def undo(self) -> str | None:
        """Revert the last change (saving at once); returns what was undone, or ``None``."""
        return self._history.undo(self._snapshot, self._restore)

    def redo(self) -> str | None:
        return self._history.redo(self._snapshot, self._restore)

    # ------------------------------------------------------------------ auto-advance, review

    def is_complete(self, quote_id: str) -> bool:
        """True when the quote has every field the scheme requires (none required: never)."""
        label = self._labels.get(quote_id)
        required = self.scheme.required
        return (
            label is not None
            and bool(required)
            and all(getattr(label, name) is not None for name in required)
        )

    def advance_if_complete(self) -> bool:
        """After a label key: go to the next quote if the current one is now complete.

        Stays on the last quote. True if the cursor moved.
        """
        quote = self.current
        if quote is None or not self.is_complete(quote.id) or self.index + 1 >= len(self.quotes):
            return False
        self.move_to(self.index + 1)
        return True

    def is_borderline(self, quote: Quote) -> bool:
        """An extractor proposal under :data:`~annotator.extract.confidence.CONFIDENT` not yet labelled
        (scare quotes, titles, terms)."""
        return (
            quote.origin != QuoteOrigin.MANUAL
            and quote.confidence < CONFIDENT
            and not self.is_labelled(quote.id)
        )

    def has_note(self, quote_id: str) -> bool:
        label = self._labels.get(quote_id)
        return label is not None and bool(label.note)

    def is_flagged(self, quote_id: str) -> bool:
        label = self._labels.get(quote_id)
        return label is not None and label.flagged

    def next_index_where(self, wanted: Callable[[Quote], bool]) -> int | None:
        """The next quote after the current one (wrapping, the current one last) that is
        ``wanted``, if any."""
        count = len(self.quotes)
        for step in range(1, count + 1):
            index = (self.index + step) % count
            if wanted(self.quotes[index]):
                return index
        return None

    REVIEW_QUEUES = ("flagged", "borderline", "changed", "noted")

    def review_test(self, queue: str) -> Callable[[Quote], bool]:
        """What a quote of review queue ``queue`` (one of :attr:`REVIEW_QUEUES`) is."""
        tests: dict[str, Callable[[Quote], bool]] = {
            "flagged": lambda quote: self.is_flagged(quote.id),
            "borderline": self.is_borderline,
            "changed": lambda quote: self.proposal_changes(quote.id) is not None,
            "noted": lambda quote: self.has_note(quote.id),
        }
        return tests[queue]

    def next_in_queue(self, queue: str) -> bool:
        """Move to the next quote of review queue ``queue``; False if there is none."""
        index = self.next_index_where(self.review_test(queue))
        if index is None:
            return False
        self.move_to(index)
        return True

    def set_kind(self, kind: QuoteKind) -> None:
        """Change the current quote's kind (direct / indirect / mixed), undoable and saved.

        An added quote changes itself (and its label's snapshot); an extracted quote's kind
        lives in its label's snapshot, which is saved even before the quote has a stance.
        """
        quote = self.current
        if quote is None or quote.kind == kind:
            return
        if quote.id in self._unplaced:
            raise ValueError(f"quote {quote.id}: a label that could not be placed holds this span")
        self._record_time()
        self._checkpoint(f"kind {kind.value}")
        if quote.id in self._added:
            self._added[quote.id] = self._added[quote.id].model_copy(update={"kind": kind})
        label = self._labels.get(quote.id) or QuoteLabel.for_quote(
            quote, current_extractor_version()
        )
        self._labels[quote.id] = label.model_copy(
            update={
                "quote": label.quote.model_copy(update={"kind": kind}),
                "updated_at": utc_now(),
            }
        )
        self._refresh_quotes()
        self.save()

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence of the text around ``offset`` (where ``a`` starts a new quote)."""
        spans = self.sentence_spans()
        if not spans:
            return 0, len(self.document.text)
        index = max(bisect_right([start for start, _ in spans], offset) - 1, 0)
        return spans[index]

    def sentence_spans(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            from annotator.extract.sentences import sentence_spans as split  # only when adding

            self._sentences = split(self.document.text)
        return self._sentences

    # ------------------------------------------------------------------ proposals, new text

    def accept_proposal(self) -> bool:
        """Take the extractor's current proposal into the current quote's label (undoable).

        The label moves to the proposal's span when the bounds differ; the annotator's own
        speaker/outlet stay, unless they now equal the proposal's. False if nothing to accept.
        """
        quote = self.current
        change = None if quote is None else self.proposal_changes(quote.id)
        if quote is None or change is None:
            return False
        label = self._labels[quote.id]
        proposal = change.proposal
        self._record_time()
        self._checkpoint(f"accepted the proposal for {quote.id}")
        del self._labels[quote.id]
        self._labels[proposal.id] = label.model_copy(
            update={
                "quote_id": proposal.id,
                "quote": LabelledQuote.of(proposal, current_extractor_version()),
                "speaker": _override(label.speaker, proposal.speaker),
                "outlet": _override(label.outlet, proposal.outlet),
                "updated_at": utc_now(),
            }
        )
        if proposal.id != quote.id:
            self._seconds[proposal.id] = self._seconds.pop(quote.id, 0.0) + self._seconds.get(
                proposal.id, 0.0
            )
        self._refresh_quotes()
        self.index = self._position[proposal.id]
        self.save()
        return True

    def accept_new_text(self) -> Path | None:
        """Confirm the re-anchoring on another version of the text, and save it."""
        if not self.pending_new_text:
            return None
        self.pending_new_text = False
        return self.save()

    # ------------------------------------------------------------------ saving

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Apply several changes as one: one undo step and one write at the end.

        If a change fails, the changes made in the batch are undone (in memory, nothing was
        written) and the error is raised.
        """
        if self._batch_depth:
            yield
            return
        before = self._snapshot("batch")
        undo_depth = self._history.depth
        self._batch_depth, self._batch_dirty = 1, False
        try:
            yield
        except BaseException:
            self._batch_depth = 0
            if self._batch_dirty:
                self._labels = dict(before.labels)
                self._added = dict(before.added)
                self._deleted = set(before.deleted)
                self._refresh_quotes()
                self.index = max(0, min(before.index, len(self.quotes) - 1))
                self._history.truncate(undo_depth)
            self._batch_dirty = False
            raise
        self._batch_depth = 0
        if self._batch_dirty:
            self._batch_dirty = False
            self.save()

    @contextmanager
    def saving_later(self) -> Iterator[None]:
        """Changes made inside are not written yet: :attr:`save_pending` becomes True and
        :meth:`save_now` writes them (one write for everything pending). Refusals that
        come before a write (read-only, pending new text) still raise at once."""
        self._later_depth += 1
        try:
            yield
        finally:
            self._later_depth -= 1

    def save_now(self) -> bool:
        """Write what :meth:`saving_later` left pending; True if something was written.

        Raises like :meth:`save` (the change stays in memory, :attr:`unsaved` is True).
        """
        if not self.save_pending:
            return False
        self.save()
        return True

    def save(self) -> Path:
        """Write the annotation file now (atomically, validated by the writer).

        Changes made to the file on disk since this session read or wrote it are merged in
        and adopted (the session then shows them; the undo history is cleared, since undoing
        across someone else's changes would revert them). On any failure the error is raised
        and kept in :attr:`save_error`; the session's state stays as it was, unsaved.
        """
        if self._batch_depth:
            self._batch_dirty = True
            return self.path
        if self.writer is None:
            raise AnnotatorError(f"{self.path}: opened read-only, not saved")
        if self.pending_new_text:
            raise AnnotatorError(self._pending_message())
        if self._later_depth:
            self.save_pending = True
            return self.path
        # pending or not, this write holds every change: a failure is kept in save_error
        self.save_pending = False
        try:
            saved = self.writer.write(self.annotation_file())
        except AnnotatorError as exc:
            self.save_error = str(exc)
            raise
        if saved.merged:
            self._adopt(saved.annotation)
            self._history.clear()
            self.merge_count += 1
        self.save_error = None
        self.last_saved = utc_now()
        self.save_count += 1
        return saved.path

    @property
    def unsaved(self) -> bool:
        """True while a save failed and the labels in memory are not on disk."""
        return self.save_error is not None

    def retry_save(self) -> bool:
        """Try again to save after a failed save; True if everything is saved now."""
        if self.save_error is None:
            return True
        try:
            self.save()
        except AnnotatorError:
            return False
        return True

    def _adopt(self, annotation: AnnotationFile) -> None:
        """Take labels and quote edits from ``annotation`` (loaded or merged), keeping the cursor."""
        current = self.current.id if getattr(self, "quotes", None) and self.quotes else None
        # each label is placed by its saved text (annotator.anchoring): unchanged on the same
        # text, moved or unplaced (kept, never dropped) on another version of it
        self.anchor_report = anchor_labels(annotation.labels, self.document.text)
        self._labels, self._unplaced = {}, {}
        for item in self.anchor_report.anchored:
            if item.placement == "unplaced":
                self._unplaced[item.old_id] = item.label
                continue
            self._labels[item.new_id] = item.label
            self._seconds[item.new_id] = max(
                item.label.seconds, self._seconds.get(item.new_id, 0.0)
            )
        added, self.unplaced_added = anchor_quotes(annotation.added_quotes, self.document.text)
        self._added = {quote.id: quote for quote in added}
        self._deleted = set(annotation.deleted_quotes)
        if current is not None:
            self._refresh_quotes()
            self.index = self._position.get(current, min(self.index, len(self.quotes) - 1))
            self.index = max(self.index, 0)

    def _pending_message(self) -> str:
        return (
            f"{self.path}: was made on another version of the text of {self.document.id!r} "
            f"({self.anchor_report.summary()}); not changed until the new text is accepted "
            "(annotator label --accept-new-text, or the dialog in the UI)"
        )

    def close(self) -> None:
        """Record the time spent on the current quote and save, unless there is nothing to save."""
        self._record_time()
        if self.writer is None or self.pending_new_text:
            return
        if self._labels or self._added or self._deleted or self.path.exists() or self.unsaved:
            self.save()


class LabelsByQuote(dict[str, QuoteLabel]):
    """Labels per quote id that log their changes for :meth:`AnnotationSession.progress`.

    Labels are replaced, never changed in place, so every change of a label is a change of
    this dict: ``log`` holds (quote id, old label, new label) of each since the last count,
    or is ``None`` after a change that is not logged (``clear``, ``update``...): count again.
    """

    def __init__(self, *args: object, **kwargs: QuoteLabel) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.log: list[tuple[str, QuoteLabel | None, QuoteLabel | None]] | None = None

    def __setitem__(self, quote_id: str, label: QuoteLabel) -> None:
        if self.log is not None:
            self.log.append((quote_id, self.get(quote_id), label))
        super().__setitem__(quote_id, label)

    def __delitem__(self, quote_id: str) -> None:
        if self.log is not None:
            self.log.append((quote_id, self.get(quote_id), None))
        super().__delitem__(quote_id)

    def pop(self, quote_id: str, *default: QuoteLabel | None) -> QuoteLabel | None:  # type: ignore[override]
        if self.log is not None and quote_id in self:
            self.log.append((quote_id, self[quote_id], None))
        return super().pop(quote_id, *default)

    def popitem(self) -> tuple[str, QuoteLabel]:
        self.log = None
        return super().popitem()

    def clear(self) -> None:
        self.log = None
        super().clear()

    def setdefault(self, quote_id: str, default: QuoteLabel) -> QuoteLabel:  # type: ignore[override]
        self.log = None
        return super().setdefault(quote_id, default)

    def update(self, *args: object, **kwargs: QuoteLabel) -> None:  # type: ignore[override]
        self.log = None
        super().update(*args, **kwargs)  # type: ignore[arg-type]

    def __ior__(self, other: object) -> LabelsByQuote:  # type: ignore[override,misc]
        self.update(other)
        return self


class SecondsByQuote(dict[str, float]):
    """Seconds spent per quote id, remembering which ids changed (until ``changed`` is cleared)."""

    def __init__(self) -> None:
        super().__init__()
        self.changed: set[str] = set()

    def __setitem__(self, quote_id: str, seconds: float) -> None:
        self.changed.add(quote_id)
        super().__setitem__(quote_id, seconds)

    def pop(self, quote_id: str, *default: float) -> float:  # type: ignore[override]
        self.changed.add(quote_id)
        return super().pop(quote_id, *default)

    def update(self, *args: object, **kwargs: float) -> None:  # type: ignore[override]
        for quote_id, seconds in dict(*args, **kwargs).items():  # type: ignore[call-overload]
            self[quote_id] = seconds


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _shown(value: str | None) -> str:
    return "none" if not value else repr(value)


def _override(value: str | None, extracted: str | None) -> str | None:
    """``None`` when the annotator's value equals the shown one, else their value."""
    if value is None:
        return None
    value = value.strip()
    if value == (extracted or ""):
        return None
    return value
