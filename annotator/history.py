"""Undo/redo history of a session: a stack of snapshots to undo, and one of those undone.

Shared by :class:`~annotator.session.AnnotationSession` and
:class:`~annotator.adjudication.session.AdjudicationSession`. A snapshot is whatever the
session needs to restore its state (frozen, so that a later change cannot alter it) and
carries a ``description`` of the change it precedes. The history keeps the stacks; the session
gives the functions that take a snapshot and restore one (and save).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Protocol, TypeVar


class Described(Protocol):
    @property
    def description(self) -> str: ...


SnapshotT = TypeVar("SnapshotT", bound=Described)


class History(Generic[SnapshotT]):
    """Snapshots taken before each change (undo) and before each undo (redo)."""

    def __init__(self) -> None:
        self._undo: list[SnapshotT] = []
        self._redo: list[SnapshotT] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def depth(self) -> int:
        """How many changes can be undone."""
        return len(self._undo)

    def checkpoint(self, snapshot: SnapshotT) -> None:
        """Record the state before a new change; what was undone can no longer be redone."""
        self._undo.append(snapshot)
        self._redo.clear()

    def undo(
        self, now: Callable[[str], SnapshotT], restore: Callable[[SnapshotT], object]
    ) -> str | None:
        """Undo the last change: ``restore`` its snapshot; returns its description (``None``:
        nothing to undo). ``now(description)`` is the current state, kept for :meth:`redo`."""
        return self._step(self._undo, self._redo, now, restore)

    def redo(
        self, now: Callable[[str], SnapshotT], restore: Callable[[SnapshotT], object]
    ) -> str | None:
        """Redo the last undone change (like :meth:`undo`, the other way)."""
        return self._step(self._redo, self._undo, now, restore)

    @staticmethod
    def _step(
        source: list[SnapshotT],
        target: list[SnapshotT],
        now: Callable[[str], SnapshotT],
        restore: Callable[[SnapshotT], object],
    ) -> str | None:
        if not source:
            return None
        snapshot = source.pop()
        target.append(now(snapshot.description))
        restore(snapshot)
        return snapshot.description

    def truncate(self, depth: int) -> None:
        """Forget the changes recorded after the history was ``depth`` deep (a failed batch)."""
        del self._undo[depth:]

    def clear(self) -> None:
        """Forget everything (after merging someone else's changes: undoing would revert them)."""
        self._undo.clear()
        self._redo.clear()
