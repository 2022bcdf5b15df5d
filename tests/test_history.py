"""The shared undo/redo history: undo returns to the state before a change, redo comes back,
a new change drops what was undone, a failed batch is cut off."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.history import History


@dataclass(frozen=True)
class State:
    value: int
    description: str


class Counter:
    """A minimal session: one value, changed through the history like the real sessions."""

    def __init__(self) -> None:
        self.value = 0
        self.history: History[State] = History()
        self.restored: list[int] = []

    def snapshot(self, description: str) -> State:
        return State(self.value, description)

    def restore(self, state: State) -> None:
        self.value = state.value
        self.restored.append(state.value)

    def set(self, value: int) -> None:
        self.history.checkpoint(self.snapshot(f"set {value}"))
        self.value = value

    def undo(self) -> str | None:
        return self.history.undo(self.snapshot, self.restore)

    def redo(self) -> str | None:
        return self.history.redo(self.snapshot, self.restore)


def test_undo_and_redo_walk_the_changes_both_ways() -> None:
    counter = Counter()
    assert not counter.history.can_undo and counter.undo() is None
    counter.set(1)
    counter.set(2)
    assert counter.history.depth == 2
    assert counter.undo() == "set 2" and counter.value == 1
    assert counter.undo() == "set 1" and counter.value == 0
    assert counter.undo() is None and counter.value == 0
    assert counter.history.can_redo
    assert counter.redo() == "set 1" and counter.value == 1
    assert counter.redo() == "set 2" and counter.value == 2
    assert counter.redo() is None
    assert counter.restored == [1, 0, 1, 2]


def test_a_new_change_drops_what_was_undone() -> None:
    counter = Counter()
    counter.set(1)
    counter.set(2)
    counter.undo()
    counter.set(5)
    assert not counter.history.can_redo
    assert counter.undo() == "set 5" and counter.value == 1


def test_truncate_and_clear() -> None:
    counter = Counter()
    counter.set(1)
    depth = counter.history.depth
    counter.set(2)
    counter.set(3)
    counter.history.truncate(depth)
    assert counter.undo() == "set 1" and counter.value == 0
    counter.history.clear()
    assert not counter.history.can_undo and not counter.history.can_redo
