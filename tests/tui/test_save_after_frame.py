"""A label key is drawn first and written right after its frame; a key that comes before that
frame writes the pending change first, so at most one change is ever unwritten."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import MakeApp, saved_file
from textual import events

from annotator.models import Document
from annotator.tui.screens.annotate import AnnotateScreen

SIZE = (120, 40)


async def test_the_label_is_on_screen_before_its_write_and_on_disk_after_the_frame(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app(auto_advance=False)
    document = documents[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        session = screen.session
        assert session.writer is not None
        events_seen: list[str] = []
        display, write = app._display, session.writer.write

        def recording_display(*args: Any) -> None:
            events_seen.append("frame")
            display(*args)

        def recording_write(*args: Any) -> Any:
            events_seen.append("write")
            return write(*args)

        app._display = recording_display  # type: ignore[method-assign]
        session.writer.write = recording_write  # type: ignore[method-assign]
        quote = session.current
        assert quote is not None
        await pilot.press("1")
        await pilot.pause()
        assert "write" in events_seen and "frame" in events_seen
        assert events_seen.index("frame") < events_seen.index("write")
        assert not session.save_pending and session.save_error is None
        by_id = {label.quote_id: label for label in saved_file(annotations_dir, document).labels}
        assert by_id[quote.id].stance == "pro-US"


async def test_keys_in_a_burst_write_each_change_before_the_next(
    make_app: MakeApp, annotations_dir: Path, documents: list[Document]
) -> None:
    app = make_app(auto_advance=False)
    document = documents[0]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnnotateScreen)
        session = screen.session
        assert session.writer is not None
        writes = 0
        unwritten_at_change: list[int] = []
        write, update = session.writer.write, session._update_current

        def counting_write(*args: Any) -> Any:
            nonlocal writes
            writes += 1
            return write(*args)

        def checked_update(*args: Any, **kwargs: Any) -> None:
            # changes made so far minus writes: what would be lost if killed now
            unwritten_at_change.append(len(unwritten_at_change) - writes)
            update(*args, **kwargs)

        session.writer.write = counting_write  # type: ignore[method-assign]
        session._update_current = checked_update  # type: ignore[method-assign]
        keys = ["1", "7", "j", "2", "8", "j", "3", "9"]
        for key in keys:  # queued at once, as a paste or key repeat sends them
            app.post_message(events.Key(key, key))
        for _ in range(100):
            await pilot.pause()
            if len(unwritten_at_change) == 6 and not session.save_pending:
                break
        assert len(unwritten_at_change) == 6
        assert max(unwritten_at_change) == 0, unwritten_at_change
        assert writes == 6
        saved = {
            label.quote_id: (label.stance, label.sentiment)
            for label in saved_file(annotations_dir, document).labels
        }
        quotes = session.quotes
        assert saved == {
            quotes[0].id: ("pro-US", "negative"),
            quotes[1].id: ("pro-China", "neutral"),
            quotes[2].id: ("balancing", "positive"),
        }
