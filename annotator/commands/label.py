"""``annotator label``: every labelling action of the UI, from the command line.

It drives the same :class:`~annotator.session.AnnotationSession` as the terminal UI, so a
label set here is saved, locked and validated exactly as one set with a key press.
Without a QUOTE it lists the annotator's quotes of the document with their labels: that reads
the file without taking the write lock and never writes. All the options of one call are
applied as one change: one write (and one undo step), or nothing if any of them fails.

A file made on another version of the document's text is re-anchored, reported, and left
unchanged until the call gives ``--accept-new-text``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.table import Table

from annotator.annotations import resolved_outlet, resolved_speaker
from annotator.cli_support import (
    ANNOTATIONS_OPTION,
    corpus_paths,
    stderr_console,
    stdout_console,
    user_errors,
    write_json_lines,
)
from annotator.errors import AnnotatorError
from annotator.models import Document, Quote, QuoteLabel
from annotator.names import default_name_file, remembered_name
from annotator.pipeline import load_corpus
from annotator.safe_text import safe_rich
from annotator.scheme import find_scheme, resolve_label
from annotator.session import AnnotationSession
from annotator.store import AnnotationStore


def parse_span(value: str, option: str) -> tuple[int, int]:
    """``"120:180"`` -> ``(120, 180)``; the start must come before the end."""
    try:
        start_text, end_text = value.split(":")
        start, end = int(start_text), int(end_text)
    except ValueError:
        raise AnnotatorError(f"{option} {value!r}: expected START:END, e.g. 120:180") from None
    if start > end:
        raise AnnotatorError(f"{option} {value}: start after end (START:END, e.g. {end}:{start})")
    if start == end:
        raise AnnotatorError(f"{option} {value}: an empty span (START and END are equal)")
    return start, end


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


def quote_row(
    number: int, quote: Quote, label: QuoteLabel | None, proposal: str | None = None
) -> dict[str, object]:
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
        "proposal": proposal,
        "text": quote.text,
    }


def session_row(session: AnnotationSession, index: int) -> dict[str, object]:
    quote = session.quotes[index]
    change = session.proposal_changes(quote.id)
    return quote_row(
        index + 1, quote, session.label_for(quote.id), change.describe() if change else None
    )


@click.command("label")
@click.argument("document_id")
@click.argument("quote", required=False)
@click.option(
    "--annotator",
    "annotator_name",
    help="Your annotator name (default: $ANNOTATOR, else the name the UI remembered).",
)
@click.option("--corpus", "corpus_path", type=click.Path(path_type=Path), help="Default: seeds/.")
@ANNOTATIONS_OPTION
@click.option("--stance", help="Set the stance: a label of the scheme, its key, any case.")
@click.option("--sentiment", help="Set the sentiment: a label of the scheme, its key, any case.")
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
@click.option(
    "--accept-proposal",
    is_flag=True,
    help="Take what the extractor now proposes for the quote (bounds, speaker, outlet).",
)
@click.option(
    "--accept-new-text",
    is_flag=True,
    help="Accept labels re-anchored on a changed text of the document (see the report).",
)
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
    accept_proposal: bool,
    accept_new_text: bool,
    as_json: bool,
) -> None:
    """Label QUOTE (an id such as q120-180, or its number) of DOCUMENT_ID, or list the quotes.

    \b
    annotator label 000_f0025863dcde12f7 --annotator alice            # list
    annotator label 000_f0025863dcde12f7 3 --stance balancing --sentiment neutral
    annotator label 000_f0025863dcde12f7 --add 120:180 --stance pro-US
    """
    name = annotator_name or os.environ.get("ANNOTATOR") or remembered_name()
    if not name:
        raise AnnotatorError(
            "no annotator name: pass --annotator NAME, set $ANNOTATOR, or open the UI once "
            f"(it remembers the name in {default_name_file()})"
        )
    store = AnnotationStore(annotations_dir, scheme=find_scheme(annotations_dir))
    # scheme keys (--stance 2) and names in any case (--stance pro-us) are accepted
    try:
        if stance is not None:
            stance = resolve_label(store.scheme, "stance", stance)
        if sentiment is not None:
            sentiment = resolve_label(store.scheme, "sentiment", sentiment)
        for option, span in (("--add", add_span), ("--rebound", rebound_span)):
            if span is not None:
                parse_span(span, option)  # a malformed span is refused before anything is read
    except AnnotatorError as exc:
        raise AnnotatorError(f"{document_id}: {exc}; nothing was saved") from exc
    document = find_document(corpus_paths((corpus_path,) if corpus_path else ()), document_id)
    changes = (stance, sentiment, speaker, outlet, note, flag, add_span, rebound_span)
    acting = any(value is not None for value in changes) or (
        delete or restore or clear_stance or clear_sentiment or accept_proposal
    )
    if acting or accept_new_text:
        from annotator.adjudication.session import refuse_adjudicated

        refuse_adjudicated(store, name)
    if quote is None and add_span is None:
        if acting:
            raise AnnotatorError("say which quote: give QUOTE (id or number) or --add")
        if not accept_new_text:
            # listing: no lock, no write
            session = AnnotationSession(document, None, store=store, annotator=name)
            report_new_text(session)
            print_quotes(session, as_json)
            return
    with store.open_writer(name) as writer:
        session = AnnotationSession(document, writer)
        report_new_text(session)
        if session.pending_new_text and not accept_new_text:
            raise AnnotatorError(
                f"{session.path}: not changed; the labels were made on another version of "
                f"the text ({session.anchor_report.summary()}): check the report above and "
                "pass --accept-new-text to accept it"
            )
        try:
            with session.batch():
                if accept_new_text:
                    session.accept_new_text()
                if quote is None and add_span is None:
                    pass
                elif add_span is not None:
                    session.add_quote(*parse_span(add_span, "--add"))
                elif quote is not None and restore:
                    session.restore_quote(quote)
                elif quote is not None:
                    session.move_to(quote_index(session, quote))
                if quote is not None or add_span is not None:
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
                        accept_proposal=accept_proposal,
                        delete=delete,
                    )
        except ValueError as exc:
            raise AnnotatorError(f"{document_id}: {exc}; nothing was saved") from exc
        if quote is None and add_span is None:
            print_quotes(session, as_json)
        elif not delete and session.current is not None:
            row = session_row(session, session.index)
            if as_json:
                write_json_lines([row])
            else:
                stdout_console.print(safe_rich(describe(row)))
        elif not as_json:
            stdout_console.print(safe_rich(f"deleted {quote}; restore it with --restore"))


def report_new_text(session: AnnotationSession) -> None:
    """On another version of the text: what moved and what could not be placed (stderr)."""
    if not session.pending_new_text and not session.unplaced_labels:
        return
    if session.pending_new_text:
        stderr_console.print(
            safe_rich(
                f"annotator: {session.path} was made on another version of the text of "
                f"{session.document.id!r}: {session.anchor_report.summary()}"
            )
        )
    else:
        stderr_console.print(
            safe_rich(
                f"annotator: {session.path}: {len(session.unplaced_labels)} labels not placed"
            )
        )
    for line in session.new_text_report():
        stderr_console.print(safe_rich(f"  {line}"))


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
    accept_proposal: bool = False,
) -> None:
    """Apply the options to the current quote; setting a value never toggles it off."""
    if accept_proposal and not session.accept_proposal():
        current_quote = session.current
        raise ValueError(
            f"the extractor proposes nothing new for {current_quote.id if current_quote else '-'}"
        )
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
    proposal = f" ({row['proposal']})" if row.get("proposal") else ""
    return f"#{row['number']} {row['quote_id']} {labels}{flag}".rstrip() + proposal


def print_quotes(session: AnnotationSession, as_json: bool) -> None:
    rows = [session_row(session, index) for index in range(len(session.quotes))]
    if as_json:
        write_json_lines(rows)
        return
    progress = session.progress()
    table = Table(
        title=safe_rich(
            f"{session.document.id}: {progress.labelled}/{progress.total} labelled "
            f"({session.annotator})"
        )
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
        cells = [safe_rich("—" if row[c] is None else str(row[c])) for c in columns[:-1]]
        text = str(row["text"])
        cells.append(safe_rich(text if len(text) <= 90 else text[:87] + "…"))
        table.add_row(*cells)
    stdout_console.print(table)
    for row in rows:
        if row["proposal"]:
            stdout_console.print(
                safe_rich(f"#{row['number']} {row['quote_id']}: {row['proposal']}")
            )
