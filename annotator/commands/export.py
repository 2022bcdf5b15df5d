"""The ``annotator export`` and ``annotator import`` commands."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli_support import (
    ANNOTATIONS_OPTION,
    corpus_paths,
    corpus_total,
    stderr_console,
    stderr_is_terminal,
    user_errors,
    with_progress,
)
from annotator.errors import AnnotatorError
from annotator.export.formats import EXPORT_FORMATS, IMPORT_FORMATS, read_records, write_export
from annotator.export.importing import apply_import, plan_import
from annotator.export.label_studio_config import label_studio_config
from annotator.export.options import (
    ExportOptions,
    export_emails,
    import_names,
    read_annotator_map,
)
from annotator.export.output import open_output
from annotator.export.sniff import check_format
from annotator.export.views import ExportSource
from annotator.export.workers import ExportJob, export_corpus
from annotator.gc_pause import paused_gc
from annotator.pipeline import load_corpus
from annotator.progress import progress
from annotator.safe_text import safe_rich
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore, safe_component

LABEL_FORMATS = ("jsonl", "csv")  # formats --no-corpus can write (no document text needed)

CORPUS_OPTION = click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Corpus file or folder (repeatable; default: seeds/).",
)
ANNOTATOR_MAP_OPTION = click.option(
    "--annotator-map",
    "annotator_map",
    type=click.Path(path_type=Path, dir_okay=False),
    help='JSON object tying annotators to the tool\'s users: {"alice": "alice@example.org"} '
    "(e-mails, or user ids/names on import).",
)


@click.command("export")
@CORPUS_OPTION
@ANNOTATIONS_OPTION
@click.option(
    "--format", "format_name", type=click.Choice(EXPORT_FORMATS), default="json", show_default=True
)
@click.option("--annotators", help="Comma-separated annotators to include (default: all).")
@click.option(
    "--no-corpus",
    "labels_only",
    is_flag=True,
    help="From the annotation files alone (jsonl, csv): each label's saved quote and "
    "attribution; document columns other than the id stay empty.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Output file; - or none = stdout.",
)
@ANNOTATOR_MAP_OPTION
@click.option(
    "--config",
    "print_config",
    is_flag=True,
    help="With --format label-studio: print the labeling config that matches the export.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes rendering documents in parallel (default: all cores). Output order is "
    "corpus order; the file is the same with any number.",
)
@click.option(
    "--doccano-plain",
    is_flag=True,
    help="With --format doccano: the plain sequence-labelling file (quotes only, no speaker "
    "relations) for a project without relation labelling.",
)
@user_errors
def export(
    corpus: tuple[Path, ...],
    annotations_dir: Path,
    format_name: str,
    annotators: str | None,
    labels_only: bool,
    output: Path | None,
    annotator_map: Path | None,
    print_config: bool,
    workers: int | None,
    doccano_plain: bool,
) -> None:
    """Export the corpus with every annotator's labels (json, jsonl, csv, prodigy, ...)."""
    if labels_only and corpus:
        raise AnnotatorError("--no-corpus and --corpus exclude each other")
    if labels_only and format_name not in LABEL_FORMATS:
        raise AnnotatorError(
            f"--no-corpus exports {' and '.join(LABEL_FORMATS)} only (the others need the "
            "document texts)"
        )
    store = AnnotationStore(annotations_dir, scheme=find_scheme(annotations_dir))
    if print_config:
        if format_name != "label-studio":
            raise AnnotatorError("--config goes with --format label-studio")
        with open_output(output) as out:
            out.write(label_studio_config(store.scheme).encode())
        return
    options = ExportOptions(doccano_relations=not doccano_plain)
    if annotator_map is not None:
        options.emails = export_emails(read_annotator_map(annotator_map), annotator_map)
    if annotators:
        names = sorted(
            {
                safe_component(name.strip(), "annotator name")
                for name in annotators.split(",")
                if name.strip()
            }
        )
        unknown = [name for name in names if name not in store.annotators()]
        if unknown:
            raise AnnotatorError(
                f"{annotations_dir}: no annotator {', '.join(unknown)} "
                f"(have: {', '.join(store.annotators()) or 'none'})"
            )
    else:
        from annotator.adjudication.session import adjudicator_names

        gold = adjudicator_names(store)
        names = [name for name in store.annotators() if name not in gold]
        if gold:
            stderr_console.print(
                safe_rich(
                    f"annotator: note: adjudicated files of {', '.join(gold)} left out "
                    f"(--annotators {gold[0]} exports them)"
                )
            )
    # the export makes millions of short-lived objects and next to no cycles (1,000 benchmark
    # documents: about 1,000 objects left for the collector, the same peak RSS): the collections
    # they trigger took a tenth of its CPU time
    if labels_only:
        source = ExportSource(corpus=(), store=store, annotators=names, labels_only=True)
        with open_output(output) as out, paused_gc():
            notes = write_export(format_name, source, out, options)
    else:
        chosen = corpus_paths(corpus)
        job = ExportJob(format_name=format_name, store=store, annotators=names, options=options)
        enabled = stderr_is_terminal()
        with (
            # the bar's thread starts once the workers are forked (no thread may run then)
            progress("exporting", corpus_total(chosen), enabled=enabled, deferred=True) as advance,
            open_output(output) as out,
            paused_gc(),
        ):
            notes = export_corpus(job, chosen, out, workers, advance)
    for note in notes:
        stderr_console.print(safe_rich(note))
    if output is not None and str(output) != "-":
        stderr_console.print(safe_rich(f"wrote {output}"))


@click.command("import")
@click.argument("format_name", metavar="FORMAT", type=click.Choice(IMPORT_FORMATS))
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--annotator", "annotator_name", help="Annotator for every record (overrides the file)."
)
@ANNOTATIONS_OPTION
@CORPUS_OPTION
@click.option(
    "--documents",
    "documents_out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where texts not in the corpus are written as a JSONL corpus "
    "(default: imported/<FILE name>.jsonl).",
)
@click.option("--force", is_flag=True, help="Overwrite existing annotation files.")
@ANNOTATOR_MAP_OPTION
@user_errors
def import_command(
    format_name: str,
    file: Path,
    annotator_name: str | None,
    annotations_dir: Path,
    corpus: tuple[Path, ...],
    documents_out: Path | None,
    force: bool,
    annotator_map: Path | None,
) -> None:
    """Import Label Studio, Prodigy or doccano annotations as annotation files.

    Everything is validated first; on any problem nothing is written.
    """
    if not file.is_file():
        raise AnnotatorError(f"{file}: no such file")
    if annotator_name is not None:
        safe_component(annotator_name, "annotator name")
    check_format(format_name, file)  # a file of another format says which it looks like
    store = AnnotationStore(annotations_dir, scheme=find_scheme(annotations_dir))
    names = None
    if annotator_map is not None:
        names = import_names(read_annotator_map(annotator_map), annotator_map)
    plan = plan_import(
        with_progress(
            read_records(format_name, file, store.scheme.stance_values(), names), "importing"
        ),
        corpus=load_corpus(corpus_paths(corpus)),
        store=store,
        documents_out=documents_out or Path("imported") / f"{file.stem}.jsonl",
        annotator_override=annotator_name,
        force=force,
    )
    apply_import(plan)
    for warning in plan.warnings:
        stderr_console.print(safe_rich(f"warning: {warning}"))
    stderr_console.print(safe_rich(plan.summary()))
