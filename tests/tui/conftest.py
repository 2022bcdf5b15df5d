"""Fixtures for the UI tests: the app on the seed documents (with quotes), and file helpers."""

from __future__ import annotations

import asyncio
import inspect
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from tui_documents import seed_documents

from annotator.models import AnnotationFile, Document
from annotator.store import load_annotation_file
from annotator.tui.app import AnnotatorApp

MakeApp = Callable[..., AnnotatorApp]


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests in a fresh event loop (no asyncio plugin needed)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


@pytest.fixture(scope="session")
def documents() -> list[Document]:
    return seed_documents()


@pytest.fixture
def make_app(annotations_dir: Path, tmp_path: Path, documents: list[Document]) -> MakeApp:
    def make(
        annotator: str | None = "alice",
        docs: list[Document] | None = None,
        name_file: Path | None = None,
        auto_advance: bool | None = None,
    ) -> AnnotatorApp:
        return AnnotatorApp(
            annotations_dir=annotations_dir,
            annotator=annotator,
            documents=docs if docs is not None else documents,
            name_file=name_file or tmp_path / "config" / "annotator-name",
            auto_advance=auto_advance,
        )

    return make


def saved_file(
    annotations_dir: Path, document: Document, annotator: str = "alice"
) -> AnnotationFile:
    """The annotation file as saved on disk, validated against the document."""
    return load_annotation_file(
        annotations_dir / annotator / f"{document.id}.json", document=document
    )


def screen_text(app: AnnotatorApp) -> str:
    """What the terminal shows right now, as plain text (one line per screen row)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text(styles=False)
