"""``annotator report`` and ``annotator stats``: the report for a paper and the distributions in
the terminal.

``report`` writes the reliability table (``reliability.md``, ``.csv``, ``.tex``) — the figures of
``annotator agreement --json``, read from the same report — and, with the optional ``report``
extra (matplotlib), every figure as SVG and PNG. ``stats`` prints the distributions as bar
charts (or ``--json``). Both read the annotation files alone; ``--corpus`` adds each article's
outlet and publication date. Heavy modules load only when a command runs.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotator.agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED
from annotator.cli_support import ANNOTATIONS_OPTION, stderr_console, stdout_console, user_errors
from annotator.errors import AnnotatorError
from annotator.models import AnnotationFile, Document, LabelScheme
from annotator.report.distributions import DEFAULT_TOP, Statistics
from annotator.safe_text import safe_rich

DEFAULT_OUT = Path("report")

CORPUS_OPTION = click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(path_type=Path),
    help="Articles the annotations were made on: their outlets and publication months "
    "(without it, only what the annotation files carry).",
)
TOP_OPTION = click.option(
    "--top",
    default=DEFAULT_TOP,
    show_default=True,
    type=click.IntRange(min=1),
    help="Speakers and outlets shown; the rest are summed in (other).",
)
ANNOTATORS_OPTION = click.option(
    "--annotators", help="Only these annotators, comma-separated (default: all)."
)


@click.command("report")
@click.option(
    "--out",
    "out",
    default=DEFAULT_OUT,
    show_default=True,
    type=click.Path(path_type=Path),
    help="Folder to write the tables and figures to (made if missing).",
)
@ANNOTATIONS_OPTION
@CORPUS_OPTION
@TOP_OPTION
@ANNOTATORS_OPTION
@click.option(
    "--draws",
    default=DEFAULT_DRAWS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Bootstrap draws for the alpha confidence interval.",
)
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Bootstrap random seed.")
@click.option("--no-figures", is_flag=True, help="Write the tables only.")
@user_errors
def report(
    out: Path,
    annotations_dir: Path,
    corpus_path: Path | None,
    top: int,
    annotators: str | None,
    draws: int,
    seed: int,
    no_figures: bool,
) -> None:
    """Write the reliability table and the figures for a paper to OUT (default: report/).

    reliability.md, .csv and .tex hold, per field, Krippendorff's alpha with its bootstrap
    interval (nominal, and ordinal for sentiment), Fleiss' kappa, Cohen's kappa, Gwet's AC1/AC2,
    percent agreement, units and annotators: the figures of `annotator agreement --json`.
    With the 'report' extra (matplotlib), SVG and PNG figures follow: confusion matrices per
    annotator pair (stance, sentiment), stance and sentiment by outlet, by speaker (top N) and by
    publication month, labels per annotator and seconds per quote. Output is deterministic.
    """
    from annotator.agreement.report import build_report
    from annotator.report.output import build_contents, check_output_folder, write_report
    from annotator.scheme import find_scheme

    check_output_folder(out)  # before any work
    files, documents = _inputs(annotations_dir, annotators, corpus_path)
    scheme = find_scheme(annotations_dir)
    # as `annotator agreement` computes it (the corpus only adds quote-boundary figures)
    agreement = build_report(files, scheme, draws=draws, seed=seed)
    statistics = _statistics(files, scheme, documents, top)
    contents = build_contents(
        agreement, statistics, scheme, figures=not no_figures, draws=draws, seed=seed
    )
    written = write_report(out, contents.files)
    if len(agreement.annotators) < 2:
        stderr_console.print(
            safe_rich(
                f"annotator: note: agreement needs two annotators; {annotations_dir} has files "
                f"from {', '.join(agreement.annotators)} only, so the table's figures are "
                "undefined and no confusion matrix is drawn"
            )
        )
    figures = f", {len(contents.figures)} figures (SVG and PNG)" if contents.figures else ""
    stdout_console.print(
        safe_rich(f"wrote {len(written)} files to {out}/: reliability tables{figures}")
    )
    if contents.note:
        stderr_console.print(safe_rich(f"annotator: note: {contents.note}"))


@click.command("stats")
@ANNOTATIONS_OPTION
@CORPUS_OPTION
@TOP_OPTION
@ANNOTATORS_OPTION
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of charts.")
@user_errors
def stats(
    annotations_dir: Path,
    corpus_path: Path | None,
    top: int,
    annotators: str | None,
    as_json: bool,
) -> None:
    """Label distributions as bar charts in the terminal (or --json).

    Stance and sentiment by outlet, by speaker (top N) and by publication month, labels per
    annotator and seconds per quote: the distributions of `annotator report`'s figures.
    """
    import orjson

    from annotator.report.terminal import statistics_renderable
    from annotator.safe_text import escape_json_output
    from annotator.scheme import find_scheme

    files, documents = _inputs(annotations_dir, annotators, corpus_path)
    scheme = find_scheme(annotations_dir)
    statistics = _statistics(files, scheme, documents, top)
    if as_json:
        data = orjson.dumps(statistics.model_dump(mode="json"), option=orjson.OPT_INDENT_2)
        click.echo(escape_json_output(data).decode())
        return
    stdout_console.print(statistics_renderable(statistics, scheme))


def _inputs(
    annotations_dir: Path, annotators: str | None, corpus_path: Path | None
) -> tuple[list[AnnotationFile], dict[str, Document] | None]:
    """The annotation files (read and chosen as ``annotator agreement`` does) and, with --corpus,
    the articles they were made on, by id (metadata only: no extraction)."""
    from annotator.commands.agreement import (
        _annotator_names,
        load_annotation_files,
        without_adjudicated,
    )

    names = _annotator_names(annotators)
    # adjudicated (gold) files are left out with a note unless named, as agreement does
    files = without_adjudicated(
        load_annotation_files(annotations_dir, names, None), names, annotations_dir
    )
    if corpus_path is None:
        return files, None
    return files, article_metadata(corpus_path, {annotation.document_id for annotation in files})


def article_metadata(corpus_path: Path, wanted: set[str]) -> dict[str, Document]:
    """The corpus documents with these ids (a changed text still has its outlet and date)."""
    from annotator.pipeline import load_corpus

    if not corpus_path.exists():
        raise AnnotatorError(f"{corpus_path}: no such corpus file or folder")
    return {
        document.id: document
        for document in load_corpus([corpus_path], extract=False)
        if document.id in wanted
    }


def _statistics(
    files: list[AnnotationFile],
    scheme: LabelScheme,
    documents: dict[str, Document] | None,
    top: int,
) -> Statistics:
    from annotator.report.distributions import compute_statistics

    return compute_statistics(files, scheme, documents, top)
