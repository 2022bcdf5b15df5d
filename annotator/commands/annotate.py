"""``annotator annotate`` (and ``annotator`` alone): open the terminal UI on a corpus."""

from __future__ import annotations

import os
from pathlib import Path

import click

from annotator.cli_support import (
    ANNOTATIONS_OPTION,
    ANNOTATOR_OPTION,
    corpus_paths,
    stderr_console,
    user_errors,
)
from annotator.commands.corpus import print_corpus


@click.command("annotate")
@click.argument("corpus", required=False, type=click.Path(path_type=Path))
@ANNOTATOR_OPTION
@ANNOTATIONS_OPTION
@user_errors
def annotate(corpus: Path | None, annotator_name: str | None, annotations_dir: Path) -> None:
    """Open the terminal UI to annotate CORPUS (default: seeds/)."""
    try:
        from annotator.tui.app import run_app
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("annotator.tui"):
            raise
        stderr_console.print("The terminal UI is not available yet; showing the corpus instead.")
        print_corpus(corpus_paths((corpus,) if corpus else ()), as_json=False)
        return
    name = annotator_name or os.environ.get("ANNOTATOR") or None
    if name is not None:
        from annotator.adjudication.session import refuse_adjudicated
        from annotator.store import AnnotationStore

        refuse_adjudicated(AnnotationStore(annotations_dir), name)
    run_app(
        corpus=corpus_paths((corpus,) if corpus else ())[0],
        annotator=name,
        annotations_dir=annotations_dir,
    )
