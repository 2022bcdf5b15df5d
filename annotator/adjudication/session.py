"""The adjudication session: one adjudicator settling one document, saved after every change.

Like :class:`~annotator.session.AnnotationSession` (and, like it, free of Textual): a cursor on
an aligned quote and on one of its fields, undo/redo, and a save of the whole gold file through
the store's :class:`~annotator.store.AnnotationWriter` under the adjudicator's name after every
decision. Actions: :meth:`take` annotator N's value for the current field, :meth:`set_own`
value, :meth:`accept` / :meth:`reject` the quote, :meth:`clear` a decision, :meth:`next_unsettled`.
What the policy settles needs no action; the adjudicator's decisions override it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.adjudication.align import AlignedQuote, align_document
from annotator.adjudication.fields import FIELDS, NOT_BLOCKING, value_of
from annotator.adjudication.gold import (
    Decisions,
    FieldState,
    ManualDecision,
    QuoteStatus,
    build_gold,
    decisions_from_gold,
    field_state,
    quote_status,
)
from annotator.errors import AnnotatorError
from annotator.models import (
    DEFAULT_ADJUDICATOR,
    AdjudicationPolicy,
    AnnotationFile,
    DecisionField,
    DecisionMethod,
    Document,
    is_adjudicated,
)
from annotator.store import AnnotationStore, AnnotationWriter


def annotator_files(
    store: AnnotationStore, document: Document, adjudicator: str = DEFAULT_ADJUDICATOR
) -> list[AnnotationFile]:
    """Every annotator's file for ``document``, gold files (and the adjudicator's) left out."""
    files = []
    for name in store.annotators():
        if name == adjudicator:
            continue
        annotation = store.load(name, document.id, document)
        if annotation is None or is_adjudicated(annotation, adjudicator):
            continue
        if annotation.document_sha256 != document.sha256:
            raise AnnotatorError(
                f"{store.path_for(name, document.id)}: was made on another version of the text "
                f"of {document.id!r}; open it in 'annotator annotate' (or run 'annotator label "
                f"{document.id} --annotator {name} --accept-new-text') before adjudicating"
            )
        files.append(annotation)
    return files


def adjudicator_names(store: AnnotationStore) -> list[str]:
    """The store's folders that hold adjudicated (gold) files: the reserved name, and any whose
    first file records an adjudication."""
    from annotator.jsonio import read_json_bytes

    found = []
    for name in store.annotators():
        if name == DEFAULT_ADJUDICATOR:
            found.append(name)
            continue
        first = next(iter(store.paths([name])), None)
        if first is None:
            continue
        try:
            data = read_json_bytes(first)
        except AnnotatorError:
            continue  # reported by whoever reads the file for real
        if isinstance(data, dict) and data.get("adjudication") is not None:
            found.append(name)
    return found


def refuse_adjudicated(store: AnnotationStore, name: str) -> None:
    """Annotating under an adjudicator's name would leave its decisions' provenance stale."""
    if name in adjudicator_names(store):
        raise AnnotatorError(
            f"{store.root / name}: holds an adjudicated (gold) set; change it with "
            f"'annotator adjudicate --as {name}', or annotate under your own name"
        )


@dataclass(frozen=True)
class _Snapshot:
    decisions: Decisions
    index: int
    field: int
    description: str


class AdjudicationSession:
    """One adjudicator's work on one document (see the module docstring)."""

    def __init__(
        self,
        document: Document,
        writer: AnnotationWriter | None,
        files: list[AnnotationFile] | None = None,
        policy: AdjudicationPolicy | None = None,
        *,
        store: AnnotationStore | None = None,
        adjudicator: str = DEFAULT_ADJUDICATOR,
    ) -> None:
        """``files``: the annotators' files (default: all of the store's for the document);
        ``policy``: default the one recorded in the gold file, else ``unanimous``. Without a
        writer (``store`` given) the session only reads."""
        if writer is not None:
            store, adjudicator = writer.store, writer.annotator
        if store is None:
            raise ValueError("a read-only session needs a store")
        self.document = document
        self.writer = writer
        self.store = store
        self.adjudicator = adjudicator
        self.path: Path = store.path_for(adjudicator, document.id)
        if files is None:
            files = annotator_files(store, document, adjudicator)
        self.files = files
        self.annotators: list[str] = [annotation.annotator for annotation in files]
        self.items: list[AlignedQuote] = align_document(document, files)
        self.gold: AnnotationFile | None = (
            writer.load(document.id, document)  # the base of a three-way merge on save
            if writer is not None
            else store.load(adjudicator, document.id, document)
        )
        recorded = (
            None
            if self.gold is None or self.gold.adjudication is None
            else (self.gold.adjudication.policy)
        )
        self.policy: AdjudicationPolicy = policy or recorded or "unanimous"
        self.decisions: Decisions = (
            {} if self.gold is None else decisions_from_gold(self.gold, self.items)
        )
        self.index = 0
        self.field = 0  # index into FIELDS
        self._undo: list[_Snapshot] = []
        self._redo: list[_Snapshot] = []
        self.save_count = 0
        first = self.next_unsettled_index(from_start=True)
        self.index = 0 if first is None else first
        self._focus_first_open_field()

    # ------------------------------------------------------------------ reading

    @property
    def current(self) -> AlignedQuote | None:
        return self.items[self.index] if self.items else None

    @property
    def current_field(self) -> DecisionField:
        return FIELDS[self.field]

    def state(self, field: DecisionField, item: AlignedQuote | None = None) -> FieldState:
        item = item or self.current
        if item is None:
            raise AnnotatorError(f"{self.document.id}: no quotes to adjudicate")
        return field_state(item, field, self.policy, self.decisions)

    def status(self, item: AlignedQuote | None = None) -> QuoteStatus:
        item = item or self.current
        if item is None:
            return "settled"
        return quote_status(item, self.policy, self.decisions)

    def statuses(self) -> list[QuoteStatus]:
        return [quote_status(item, self.policy, self.decisions) for item in self.items]

    @property
    def unsettled_count(self) -> int:
        return sum(status == "unsettled" for status in self.statuses())

    def value_of(self, annotator_number: int, field: DecisionField | None = None) -> Any:
        """Annotator N's (1-based) value for ``field`` of the current quote (``None``: none)."""
        item = self.current
        if item is None or not 1 <= annotator_number <= len(item.readings):
            return None
        return value_of(item.readings[annotator_number - 1], field or self.current_field)

    def gold_file(self) -> AnnotationFile:
        return build_gold(
            self.document,
            self.items,
            self.policy,
            self.decisions,
            self.adjudicator,
            self.annotators,
            self.store.scheme.ref,
            self.gold,
        )

    # ------------------------------------------------------------------ moving

    def move_to(self, index: int) -> None:
        if self.items:
            self.index = max(0, min(index, len(self.items) - 1))

    def next(self) -> None:
        self.move_to(self.index + 1)

    def previous(self) -> None:
        self.move_to(self.index - 1)

    def next_field(self, step: int = 1) -> None:
        self.field = (self.field + step) % len(FIELDS)

    def next_unsettled_index(self, from_start: bool = False) -> int | None:
        """The next unsettled quote after the current one (wrapping), or ``None``."""
        if not self.items:
            return None
        count = len(self.items)
        start = 0 if from_start else self.index + 1
        for offset in range(count):
            index = (start + offset) % count
            if quote_status(self.items[index], self.policy, self.decisions) == "unsettled":
                return index
        return None

    def next_unsettled(self) -> bool:
        """Move to the next unsettled quote and its first open field; False if none is left."""
        index = self.next_unsettled_index()
        if index is None:
            return False
        self.index = index
        self._focus_first_open_field()
        return True

    def _focus_first_open_field(self) -> None:
        if self.current is None:
            return
        for position, field in enumerate(FIELDS):
            if field in NOT_BLOCKING:
                continue
            state = self.state(field)
            if state.open or (field == "bounds" and state.settlement is None):
                self.field = position
                return
            if field == "quote" and state.value is False:
                self.field = position
                return

    # ------------------------------------------------------------------ deciding

    def take(self, annotator_number: int) -> bool:
        """Take annotator N's (1-based) value for the current field; False if they have none."""
        item = self.current
        if item is None or not 1 <= annotator_number <= len(item.readings):
            return False
        field = self.current_field
        reading = item.readings[annotator_number - 1]
        value = value_of(reading, field)
        if value is None:
            return False
        self._decide(
            field,
            ManualDecision(DecisionMethod.CHOSEN, value, reading.annotator),
            f"{field}: {reading.annotator}'s value",
        )
        return True

    def set_own(self, value: Any, field: DecisionField | None = None) -> None:
        """The adjudicator's own value for ``field`` (default: the current one)."""
        field = field or self.current_field
        value = self._checked(field, value)
        self._decide(field, ManualDecision(DecisionMethod.OWN, value), f"{field}: own value")

    def accept(self) -> None:
        """Decide that the current quote is a quote."""
        self._decide("quote", ManualDecision(DecisionMethod.OWN, True), "accepted the quote")

    def reject(self) -> None:
        """Decide that the current quote is not a quote."""
        self._decide("quote", ManualDecision(DecisionMethod.OWN, False), "rejected the quote")

    def clear(self, field: DecisionField | None = None) -> bool:
        """Drop the adjudicator's decision on ``field`` (back to the policy); False if none."""
        item = self.current
        field = field or self.current_field
        if item is None or (item.key, field) not in self.decisions:
            return False
        self._checkpoint(f"{field}: decision cleared")
        del self.decisions[(item.key, field)]
        self.save()
        return True

    def _checked(self, field: DecisionField, value: Any) -> Any:
        scheme = self.store.scheme
        if field == "stance" and value not in scheme.stance_values():
            raise ValueError(f"{value!r} is not a stance of scheme {scheme.name}")
        if field == "sentiment" and value not in scheme.sentiment_values():
            raise ValueError(f"{value!r} is not a sentiment of scheme {scheme.name}")
        if field in ("speaker", "outlet"):
            return " ".join(str(value or "").split())
        if field == "note":
            return str(value).strip() or None
        if field in ("flag", "quote"):
            return bool(value)
        if field == "bounds":
            start, end = value
            if not 0 <= start < end <= len(self.document.text):
                raise ValueError(f"bounds {start}-{end} are not inside the text")
            current = self.current
            for item in self.items:
                if item is not current and item.contains(start, end):
                    raise ValueError(
                        f"bounds {start}-{end} overlap another quote ({item.key}); "
                        "adjudicate that one instead"
                    )
            return (start, end)
        return value

    def _decide(self, field: DecisionField, decision: ManualDecision, description: str) -> None:
        item = self.current
        if item is None:
            return
        if field == "note" and decision.value is None:
            self.clear(field)
            return
        if self.decisions.get((item.key, field)) == decision:
            return
        self._checkpoint(description)
        self.decisions[(item.key, field)] = decision
        self.save()

    # ------------------------------------------------------------------ undo / redo

    def _snapshot(self, description: str) -> _Snapshot:
        return _Snapshot(dict(self.decisions), self.index, self.field, description)

    def _checkpoint(self, description: str) -> None:
        if self.writer is None:
            raise AnnotatorError(f"{self.path}: opened read-only, nothing can be changed")
        self._undo.append(self._snapshot(description))
        self._redo.clear()

    def _restore(self, snapshot: _Snapshot) -> None:
        self.decisions = dict(snapshot.decisions)
        self.index, self.field = snapshot.index, snapshot.field
        self.save()

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> str | None:
        """Revert the last decision (saving at once); returns what was undone, or ``None``."""
        if not self._undo:
            return None
        snapshot = self._undo.pop()
        self._redo.append(self._snapshot(snapshot.description))
        self._restore(snapshot)
        return snapshot.description

    def redo(self) -> str | None:
        if not self._redo:
            return None
        snapshot = self._redo.pop()
        self._undo.append(self._snapshot(snapshot.description))
        self._restore(snapshot)
        return snapshot.description

    # ------------------------------------------------------------------ saving

    def save(self) -> Path:
        """Write the gold file now (atomically, validated by the writer)."""
        if self.writer is None:
            raise AnnotatorError(f"{self.path}: opened read-only, not saved")
        saved = self.writer.write(self.gold_file())
        self.gold = saved.annotation
        if saved.merged:
            # the file changed on disk (a git pull): take its decisions along with ours
            self.decisions = decisions_from_gold(saved.annotation, self.items)
        self.save_count += 1
        return saved.path
