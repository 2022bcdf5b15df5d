"""A save that fails (full disk) never kills the UI: NOT SAVED is shown, labels stay, retried."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from conftest import MakeApp, saved_file, screen_text

from annotator import atomic
from annotator.models import Document
from annotator.tui.screens import annotate
from annotator.tui.screens.annotate import AnnotateScreen

SIZE = (120, 40)


def full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def status_line(app: object) -> str:
    return next(line for line in screen_text(app).splitlines() if "labelled" in line)  # type: ignore[arg-type]


async def test_full_disk_shows_not_saved_keeps_labels_and_saves_when_there_is_room(
    make_app: MakeApp,
    annotations_dir: Path,
    documents: list[Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(annotate, "RETRY_SECONDS", 0.2)
    document = documents[0]
    path = annotations_dir / "alice" / f"{document.id}.json"
    app = make_app()
    stances = app.store.scheme.stance
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen)
        session = app.screen.session
        await pilot.press(stances[0].key)
        await pilot.pause()
        saved_before = path.read_bytes()

        monkeypatch.setattr(atomic.os, "replace", full_disk)
        await pilot.press("j", stances[1].key)
        await pilot.pause()
        # still running, still on the document, the label is in memory, the screen says so
        assert app.is_running and isinstance(app.screen, AnnotateScreen)
        assert session.label_for(document.quotes[1].id).stance == stances[1].value  # type: ignore[union-attr]
        line = status_line(app)
        assert "✗ NOT SAVED:" in line and "disk is full" in line
        assert path.read_bytes() == saved_before
        # more keys while the disk is full: nothing crashes, every change stays in memory
        await pilot.press("j", stances[2].key, "j", "k")
        await pilot.pause(0.5)  # a few retries fail too
        assert "✗ NOT SAVED:" in status_line(app)
        # leaving the document would lose the labels: it stays open
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, AnnotateScreen) and app.session is session

        monkeypatch.setattr(atomic.os, "replace", atomic_replace)
        await pilot.pause(0.6)  # the periodic retry saves without a key press
        assert "✗ NOT SAVED" not in status_line(app)
        assert "✓ saved" in status_line(app)
        labels = {
            label.quote_id: label.stance for label in saved_file(annotations_dir, document).labels
        }
        assert labels == {
            document.quotes[0].id: stances[0].value,
            document.quotes[1].id: stances[1].value,
            document.quotes[2].id: stances[2].value,
        }
        assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


async def test_the_next_key_retries_a_failed_save(
    make_app: MakeApp,
    annotations_dir: Path,
    documents: list[Document],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(annotate, "RETRY_SECONDS", 3600)  # only keys retry here
    document = documents[0]
    app = make_app()
    stance = app.store.scheme.stance[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.setattr(atomic.os, "fsync", full_disk)
        await pilot.press(stance.key)
        await pilot.pause()
        assert "✗ NOT SAVED:" in status_line(app)
        monkeypatch.setattr(atomic.os, "fsync", atomic_fsync)
        await pilot.press("j")
        await pilot.pause()
        assert "✓ saved" in status_line(app)
        assert saved_file(annotations_dir, document).labels[0].stance == stance.value


async def test_quitting_with_unsaved_labels_asks_for_a_second_q(
    make_app: MakeApp, documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(annotate, "RETRY_SECONDS", 3600)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        monkeypatch.setattr(atomic.os, "replace", full_disk)
        await pilot.press(app.store.scheme.stance[0].key, "q")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnnotateScreen)
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


atomic_replace = atomic.os.replace
atomic_fsync = atomic.os.fsync


async def test_a_file_changed_on_disk_is_merged_and_shown(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document], tmp_path: Path
) -> None:
    import shutil

    from annotator.session import AnnotationSession
    from annotator.store import AnnotationStore

    document = documents[0]
    app = make_app()
    stances = app.store.scheme.stance
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(stances[0].key)
        await pilot.pause()
        # a colleague's clone labels quote 3; a git pull brings the file in
        clone = tmp_path / "clone"
        shutil.copytree(annotations_dir, clone, ignore=shutil.ignore_patterns(".lock"))
        with AnnotationStore(clone).open_writer("alice") as writer:
            other = AnnotationSession(document, writer)
            other.move_to(3)
            other.set_stance(stances[1].value)
        path = annotations_dir / "alice" / f"{document.id}.json"
        incoming = path.with_name("incoming")
        shutil.copyfile(clone / "alice" / path.name, incoming)
        incoming.replace(path)

        await pilot.press("j", stances[2].key)
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert f"{path.name} was changed on disk; those changes are merged in" in messages
        assert "✓ saved" in status_line(app)
        labels = {
            label.quote_id: label.stance for label in saved_file(annotations_dir, document).labels
        }
        assert labels == {
            document.quotes[0].id: stances[0].value,
            document.quotes[1].id: stances[2].value,
            document.quotes[3].id: stances[1].value,
        }
        assert status_line(app).startswith(" 3/")  # the progress counts the merged label
