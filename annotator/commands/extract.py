"""``annotator extract``: the quotes (and entities) extracted from a corpus, as a table or JSON Lines."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from annotator.cli_support import (
    corpus_paths,
    corpus_total,
    stdout_console,
    user_errors,
    with_progress,
    write_json_lines,
)
from annotator.models import Document
from annotator.pipeline import load_corpus
from annotator.safe_text import safe_rich

FIRST_WORDS = 8


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def quote_table(document: Document, min_confidence: float) -> Table:
    quotes = [quote for quote in document.quotes if quote.confidence >= min_confidence]
    table = Table(
        title=safe_rich(f"{document.id}: {len(quotes)} quote{'s' if len(quotes) != 1 else ''}"),
        title_justify="left",
    )
    for column in ("start", "kind", "conf", "speaker", "outlet", "cue", "first words"):
        table.add_column(
            column,
            overflow="fold",
            justify="right" if column == "start" else "left",
            no_wrap=column in ("start", "kind", "conf"),
            ratio=3 if column == "first words" else None,
        )
    for quote in quotes:
        speaker = quote.speaker or "—"
        if quote.speaker_role:
            speaker = f"{speaker} ({quote.speaker_role})"
        table.add_row(
            safe_rich(str(quote.start)),
            safe_rich(quote.kind.value),
            safe_rich(f"{quote.confidence:.2f}", style="dim" if quote.confidence < 0.5 else ""),
            safe_rich(speaker),
            safe_rich(quote.outlet or "—"),
            safe_rich(quote.cue or "—"),
            safe_rich(first_words(quote.text)),
        )
    return table


def entity_table(document: Document) -> Table:
    table = Table(title=safe_rich(f"{document.id}: entities"), title_justify="left")
    for column in ("name", "kind", "mentions", "aliases"):
        table.add_column(column, overflow="fold")
    for entity in document.entities:
        table.add_row(
            safe_rich(entity.name),
            safe_rich(entity.kind.value),
            safe_rich(str(entity.mentions)),
            safe_rich(", ".join(entity.aliases) or "—"),
        )
    return table


@click.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="JSON Lines: one Document (with quotes) per line."
)
@click.option(
    "--entities", "show_entities", is_flag=True, help="Also print each document's entities."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Table only: hide quotes below this confidence (scare quotes score under 0.5).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes extracting in parallel (default: all cores). Output order is corpus order.",
)
@user_errors
def extract(
    paths: tuple[Path, ...],
    as_json: bool,
    show_entities: bool,
    min_confidence: float,
    workers: int | None,
) -> None:
    """Extract quotes with speaker, outlet and cue from PATHS (default: seeds/)."""
    chosen = corpus_paths(paths)
    total = corpus_total(chosen)
    for document in with_progress(
        load_corpus(chosen, workers=workers), "extracting", total=total, as_json=as_json
    ):
        if as_json:
            write_json_lines([document])
            continue
        stdout_console.print(quote_table(document, min_confidence))
        if show_entities:
            stdout_console.print(entity_table(document))
