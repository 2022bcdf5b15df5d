"""``annotator corpus``: the documents of a corpus with their metadata (no extraction).

Rows come from the listing index (:mod:`annotator.listing`) for files unchanged since they were
listed; the others are read and cleaned, and indexed for next time.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from annotator.cli_support import (
    corpus_paths,
    corpus_total,
    user_errors,
    with_progress,
    write_json_lines,
)
from annotator.errors import AnnotatorError
from annotator.listing import DocumentSummary, file_identity, open_listing_index
from annotator.locations import check_unique_id, corpus_files
from annotator.safe_text import safe_rich


@click.command("corpus")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one document summary per line.")
@user_errors
def corpus_command(paths: tuple[Path, ...], as_json: bool) -> None:
    """List the documents of a corpus (default: seeds/) with their metadata."""
    print_corpus(corpus_paths(paths), as_json)


def corpus_summaries(paths: list[Path]) -> Iterator[DocumentSummary]:
    """Each document's summary in corpus order: from the listing index when a file is
    unchanged since it was indexed, else read, cleaned (and indexed)."""
    index = open_listing_index()
    seen: dict[str, str] = {}
    for path in corpus_files(paths):
        before = file_identity(path)
        summaries = index.documents(path, before) if index is not None else None
        if summaries is None:
            from annotator.corpus import iter_file_documents

            summaries = []
            for document in iter_file_documents(path):
                summary = DocumentSummary.of(document)
                check_unique_id(seen, summary.id, summary.source)
                summaries.append(summary)
                yield summary
            if index is not None and summaries:
                index.put_documents(path, before, summaries)
            continue
        for summary in summaries:
            check_unique_id(seen, summary.id, summary.source)
            yield summary


def print_corpus(paths: list[Path], as_json: bool) -> None:
    rows = []
    listed = 0
    summaries = corpus_summaries(paths)
    for summary in with_progress(summaries, "reading", total=corpus_total(paths), as_json=as_json):
        row = summary.to_json()
        del row["sha256"]
        rows.append(row)
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

    from annotator.cli_support import stdout_console

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
