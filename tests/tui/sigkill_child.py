"""Child process of the SIGKILL test: runs the app headless and labels quotes until killed.

After each stance key has been handled and written it prints ``labelled <quote id> <stance>``; the test
kills this process with SIGKILL at some moment and then checks the saved file.
Usage: ``python sigkill_child.py ANNOTATIONS_DIR``.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tui_documents import seed_documents

from annotator.tui.app import AnnotatorApp


async def label_until_killed(annotations_dir: Path) -> None:
    documents = seed_documents()
    app = AnnotatorApp(
        annotations_dir=annotations_dir,
        annotator="alice",
        documents=documents,
        name_file=annotations_dir.parent / "annotator-name",
    )
    stances = app.store.scheme.stance
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        round_number = 0
        while True:  # label every quote, again and again, until killed
            session = app.session
            assert session is not None
            quote = session.current
            assert quote is not None
            definition = stances[(session.index + round_number) % len(stances)]
            label = session.label_for(quote.id)
            if label is not None and label.stance == definition.value:
                definition = stances[(session.index + round_number + 1) % len(stances)]
            await pilot.press(definition.key)
            # a label key is written right after the frame that shows it: report it once it is
            # (the test checks that everything reported is on disk)
            while session.save_pending:
                await pilot.pause()
            # straight to the pipe: print() inside run_test goes through Textual's buffer
            os.write(1, f"labelled {quote.id} {definition.value}\n".encode())
            if session.index < len(session.quotes) - 1:
                await pilot.press("j")
            else:
                session.move_to(0)  # wrap around for another round
                round_number += 1


if __name__ == "__main__":
    asyncio.run(label_until_killed(Path(sys.argv[1])))
