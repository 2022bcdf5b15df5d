"""``annotator label``: every labelling action of the UI, from the command line.

It drives the same :class:`~annotator.session.AnnotationSession` as the terminal UI, so a
label set here is saved, locked and validated exactly as one set with a key press.
Without a QUOTE it lists the annotator's quotes of the document with their labels.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from annotator.annotations import resolved_outlet, resolved_speaker
from annotator.cli_support import (
    ANNOTATIONS_OPTION,
    ANNOTATOR_OPTION,
    corpus_paths,
    stdout_console,
    user_errors,
    write_json_lines,
)
from annotator.errors import AnnotatorError
from annotator.models import Document, Quote, QuoteLabel
from annotator.pipeline import load_corpus
from annotator.scheme import find_scheme
from annotator.session import AnnotationSession
from annotator.store import AnnotationStore


def parse_span(value: str, option: str) -> tuple[int, int]:
    """``"120:180"`` -> ``(120, 180)``."""
    try:
        start_text, end_text = value.split(":")
        return int(start_text), int(end_text)
    except ValueError:
        raise AnnotatorError(f"{option} {value!r}: expected START:END, e.g. 120:180") from None


def find_document(paths: list[Path], document_id: str) -> Document:
    for document in load_corpus(paths, only=lambda document: document.id == document_id):
        return document
    shown = ", ".join(str(path) for path in paths)
    raise AnnotatorError(f"{shown}: no document with id {document_id!r}")


def quote_index(session: AnnotationSession, reference: str) -> int:
    """A quote given by its id (``q120-180``) or its 1-based number in the list."""
    if reference.isdigit():
        number = int(reference)
        if not 1 <= number <= len(session.quotes):
            raise AnnotatorError(
                f"document {session.document.id!r} has quotes 1-{len(session.quotes)}, not {number}"
            )
        return number - 1
    position = session.position_of(reference)
    if position is None:
        raise AnnotatorError(f"document {session.document.id!r} has no quote {reference!r}")
    return position


def quote_row(number: int, quote: Quote, label: QuoteLabel | None) -> dict[str, object]:
    return {
        "number": number,
        "quote_id": quote.id,
        "kind": quote.kind.value,
        "speaker": resolved_speaker(quote, label),
        "outlet": resolved_outlet(quote, label),
        "stance": label.stance if label else None,
        "sentiment": label.sentiment if label else None,
        "flagged": bool(label and label.flagged),
        "note": label.note if label else None,
        "origin": quote.origin.value,
        "text": quote.text,
    }


@click.command("label")
@click.argument("document_id")
@click.argument("quote", required=False)
@ANNOTATOR_OPTION
@click.option("--corpus", "corpus_path", type=click.Path(path_type=Path), help="Default: seeds/.")
@ANNOTATIONS_OPTION
@click.option("--stance", help="Set the stance (a label of the scheme).")
@click.option("--sentiment", help="Set the sentiment (a label of the scheme).")
@click.option("--clear-stance", is_flag=True, help="Remove the stance.")
@click.option("--clear-sentiment", is_flag=True, help="Remove the sentiment.")
@click.option("--speaker", help="Your speaker ('' = none; the extracted one = as extracted).")
@click.option("--outlet", help="Your outlet ('' = none; the extracted one = as extracted).")
@click.option("--note", help="A note on the quote ('' removes it).")
@click.option("--flag/--unflag", default=None, help="Flag the quote for discussion, or unflag.")
@click.option("--delete", is_flag=True, help="Mark the quote as not a quote.")
@click.option("--restore", is_flag=True, help="Bring back a quote you deleted.")
@click.option("--add", "add_span", metavar="START:END", help="Add a quote over text[START:END].")
@click.option("--rebound", "rebound_span", metavar="START:END", help="Move the quote's bounds.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines output.")
@user_errors
def label(
    document_id: str,
    quote: str | None,
    annotator_name: str | None,
    corpus_path: Path | None,
    annotations_dir: Path,
    stance: str | None,
    sentiment: str | None,
    clear_stance: bool,
    clear_sentiment: bool,
    speaker: str | None,
    outlet: str | None,
    note: str | None,
    flag: bool | None,
    delete: bool,
    restore: bool,
    add_span: str | None,
    rebound_span: str | None,
    as_json: bool,
) -> None:
    """Label QUOTE (an id such as q120-180, or its number) of DOCUMENT_ID, or list the quotes.

    \b
    annotator label 000_f0025863dcde12f7 --annotator alice            # list
    annotator label 000_f0025863dcde12f7 3 --stance balancing --sentiment neutral
    annotator label 000_f0025863dcde12f7 --add 120:180 --stance pro-US
    """
    name = annotator_name or os.environ.get("ANNOTATOR")
    if not name:
        raise AnnotatorError("no annotator name: pass --annotator NAME or set $ANNOTATOR")
    document = find_document(corpus_paths((corpus_path,) if corpus_path else ()), document_id)
    store = AnnotationStore(annotations_dir, scheme=find_scheme(annotations_dir))
    with store.open_writer(name) as writer:
        session = AnnotationSession(document, writer)
        try:
            changes = (stance, sentiment, speaker, outlet, note, flag, add_span, rebound_span)
            acting = any(value is not None for value in changes) or (
                delete or restore or clear_stance or clear_sentiment
            )
            if quote is None and add_span is None:
                if acting:
                    raise AnnotatorError("say which quote: give QUOTE (id or number) or --add")
                print_quotes(session, as_json)
                return
            if add_span is not None:
                session.add_quote(*parse_span(add_span, "--add"))
            elif quote is not None and restore:
                session.restore_quote(quote)
            elif quote is not None:
                session.move_to(quote_index(session, quote))
            apply_changes(
                session,
                stance=stance,
                sentiment=sentiment,
                clear_stance=clear_stance,
                clear_sentiment=clear_sentiment,
                speaker=speaker,
                outlet=outlet,
                note=note,
                flag=flag,
                rebound_span=rebound_span,
                delete=delete,
            )
            if not delete and session.current is not None:
                current = session.current
                row = quote_row(session.index + 1, current, session.label_for(current.id))
                if as_json:
                    write_json_lines([row])
                else:
                    stdout_console.print(Text(describe(row)))
            elif not as_json:
                stdout_console.print(Text(f"deleted {quote}; restore it with --restore"))
        except ValueError as exc:
            raise AnnotatorError(f"{document_id}: {exc}") from exc
        finally:
            session.close()


def apply_changes(
    session: AnnotationSession,
    *,
    stance: str | None,
    sentiment: str | None,
    clear_stance: bool,
    clear_sentiment: bool,
    speaker: str | None,
    outlet: str | None,
    note: str | None,
    flag: bool | None,
    rebound_span: str | None,
    delete: bool,
) -> None:
    """Apply the options to the current quote; setting a value never toggles it off."""
    if rebound_span is not None:
        session.rebound_quote(*parse_span(rebound_span, "--rebound"))
    current = session.current_label
    if stance is not None and (current is None or current.stance != stance):
        session.set_stance(stance)
    if clear_stance and current is not None and current.stance is not None:
        session.set_stance(current.stance)
    if sentiment is not None and (current is None or current.sentiment != sentiment):
        session.set_sentiment(sentiment)
    current = session.current_label
    if clear_sentiment and current is not None and current.sentiment is not None:
        session.set_sentiment(current.sentiment)
    if speaker is not None or outlet is not None:
        current = session.current_label
        quote = session.current
        assert quote is not None
        session.set_attribution(
            speaker if speaker is not None else resolved_speaker(quote, current) or "",
            outlet if outlet is not None else resolved_outlet(quote, current) or "",
        )
    if note is not None:
        session.set_note(note)
    current = session.current_label
    if flag is not None and bool(current and current.flagged) != flag:
        session.toggle_flag()
    if delete:
        session.delete_quote()


def describe(row: dict[str, object]) -> str:
    labels = " ".join(
        f"{key}={row[key]}"
        for key in ("stance", "sentiment", "speaker", "outlet")
        if row[key] is not None
    )
    flag = " flagged" if row["flagged"] else ""
    return f"#{row['number']} {row['quote_id']} {labels}{flag}".rstrip()


def print_quotes(session: AnnotationSession, as_json: bool) -> None:
    rows = [
        quote_row(number, quote, session.label_for(quote.id))
        for number, quote in enumerate(session.quotes, start=1)
    ]
    if as_json:
        write_json_lines(rows)
        return
    progress = session.progress()
    table = Table(
        title=f"{session.document.id}: {progress.labelled}/{progress.total} labelled "
        f"({session.annotator})"
    )
    columns = ("number", "quote_id", "kind", "speaker", "outlet", "stance", "sentiment", "text")
    for column in columns:
        short = column in ("number", "quote_id", "kind", "stance", "sentiment")
        table.add_column(
            "#" if column == "number" else column,
            overflow="fold",
            no_wrap=short,
            ratio=3 if column == "text" else None if short else 1,
        )
    for row in rows:
        cells = [Text("—" if row[c] is None else str(row[c])) for c in columns[:-1]]
        text = str(row["text"])
        cells.append(Text(text if len(text) <= 90 else text[:87] + "…"))
        table.add_row(*cells)
    stdout_console.print(table)
