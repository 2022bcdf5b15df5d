"""``annotator corpus``: the documents of a corpus with their metadata (no extraction)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli_support import (
    corpus_paths,
    corpus_total,
    stdout_console,
    user_errors,
    with_progress,
    write_json_lines,
)
from annotator.errors import AnnotatorError
from annotator.safe_text import safe_rich


@click.command("corpus")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one document summary per line.")
@user_errors
def corpus_command(paths: tuple[Path, ...], as_json: bool) -> None:
    """List the documents of a corpus (default: seeds/) with their metadata."""
    print_corpus(corpus_paths(paths), as_json)


def print_corpus(paths: list[Path], as_json: bool) -> None:
    from annotator.corpus import iter_documents, word_count

    rows = []
    listed = 0
    documents = iter_documents(paths)
    for document in with_progress(documents, "reading", total=corpus_total(paths), as_json=as_json):
        rows.append(
            {
                "id": document.id,
                "title": document.title,
                "author": document.author,
                "outlet": document.outlet,
                "published": document.published,
                "region": document.region,
                "theme": document.theme,
                "paragraphs": len(document.paragraphs()),
                "headings": len(document.headings),
                "words": word_count(document.text),
                "characters": len(document.text),
                "source": document.source,
            }
        )
        if as_json:
            write_json_lines([rows.pop()])
            listed += 1
    if not rows and not listed:
        shown = ", ".join(str(path) for path in paths)
        raise AnnotatorError(
            f"{shown}: no documents found (a corpus is .txt, .md or .jsonl files, or a folder "
            "of them)"
        )
    if as_json:
        return
    from rich.table import Table  # only for the table: --json stays light

    table = Table(
        title=safe_rich(
            f"{len(rows)} document{'s' if len(rows) != 1 else ''}",
        ),
        show_lines=False,
    )
    for column in ("id", "title", "author", "outlet", "published", "paragraphs", "words"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")
    for row in rows:
        table.add_row(
            *(
                safe_rich(str(row[c]) if row[c] is not None else "—")
                for c in ("id", "title", "author", "outlet", "published", "paragraphs", "words")
            )
        )
    stdout_console.print(table)
