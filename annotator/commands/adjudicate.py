"""``annotator adjudicate``: settle several annotators' work into one gold annotation set.

Without ``--auto`` it opens the adjudication screen of the terminal UI. With ``--auto POLICY``
it writes, for each annotated document, the gold file of what the policy settles without a
person (keeping every decision already made by hand) and lists what remains: one line per
document and one per unsettled quote, or with ``--json`` one JSON object per document.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from annotator.adjudication.display import short
from annotator.adjudication.fields import POLICIES
from annotator.adjudication.summary import DocumentSummary, auto_adjudicate
from annotator.cli_support import (
    ANNOTATIONS_OPTION,
    corpus_paths,
    stdout_console,
    user_errors,
    write_json_lines,
)
from annotator.errors import AnnotatorError
from annotator.models import DEFAULT_ADJUDICATOR, AdjudicationPolicy
from annotator.safe_text import safe_rich
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore, safe_component


@click.command("adjudicate")
@click.argument("corpus", required=False, type=click.Path(path_type=Path))
@ANNOTATIONS_OPTION
@click.option(
    "--as",
    "adjudicator",
    default=DEFAULT_ADJUDICATOR,
    show_default=True,
    help="The adjudicator's (gold set's) annotator name.",
)
@click.option(
    "--policy",
    type=click.Choice(POLICIES),
    help="What settles a field without you: every annotator agrees (unanimous) or more than "
    "half (majority). Default: the policy recorded in the gold files, else unanimous.",
)
@click.option(
    "--auto",
    "auto_policy",
    type=click.Choice(POLICIES),
    help="Write what POLICY settles without a person and list what remains (no UI).",
)
@click.option("--document", "document_id", help="Only this document (with --auto).")
@click.option("--json", "as_json", is_flag=True, help="With --auto: one JSON object per document.")
@user_errors
def adjudicate(
    corpus: Path | None,
    annotations_dir: Path,
    adjudicator: str,
    policy: str | None,
    auto_policy: str | None,
    document_id: str | None,
    as_json: bool,
) -> None:
    """Settle the annotators' disagreements into one gold set (annotations/<--as>/)."""
    safe_component(adjudicator, "adjudicator name")
    if auto_policy is None:
        if as_json:
            raise AnnotatorError("--json needs --auto (the screen has no JSON output)")
        from annotator.tui.adjudicate_app import run_adjudication

        run_adjudication(
            corpus_paths((corpus,) if corpus else ())[0],
            annotations_dir,
            adjudicator,
            cast(AdjudicationPolicy | None, policy),
        )
        return
    if policy is not None and policy != auto_policy:
        raise AnnotatorError(f"--policy {policy} and --auto {auto_policy} disagree; give one")
    if not annotations_dir.is_dir():
        raise AnnotatorError(f"{annotations_dir}: no such folder of annotation files")
    from annotator.pipeline import load_corpus

    documents = list(load_corpus(corpus_paths((corpus,) if corpus else ())))
    if document_id is not None:
        documents = [document for document in documents if document.id == document_id]
        if not documents:
            raise AnnotatorError(f"no document with id {document_id!r} in the corpus")
    store = AnnotationStore(annotations_dir, find_scheme(annotations_dir))
    with store.open_writer(adjudicator) as writer:
        summaries = auto_adjudicate(documents, writer, cast(AdjudicationPolicy, auto_policy))
    if not summaries:
        raise AnnotatorError(
            f"{annotations_dir}: no annotator's file for any document of the corpus"
        )
    if as_json:
        write_json_lines(summary.to_json() for summary in summaries)
        return
    for summary in summaries:
        print_summary(summary, store.path_for(adjudicator, summary.document_id))


def print_summary(summary: DocumentSummary, path: Path) -> None:
    stdout_console.print(
        safe_rich(
            f"{summary.document_id}: {summary.quotes} quotes of {', '.join(summary.annotators)} "
            f"({summary.policy}): {summary.settled} settled, {summary.rejected} not quotes, "
            f"{summary.unsettled} to adjudicate -> {path}"
        )
    )
    for quote in summary.open:
        stdout_console.print(
            safe_rich(f"  {quote.key} {', '.join(quote.fields)}: {short(quote.text, 50)}")
        )
