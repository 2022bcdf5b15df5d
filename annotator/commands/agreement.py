"""``annotator agreement``: inter-annotator agreement over a folder of annotation files.

Reads every annotation file under the folder (no corpus needed), treats each
``(document_id, quote_id)`` as a unit and prints one Rich table per field — or, with ``--json``,
the object described in :mod:`annotator.agreement.report`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import orjson
from rich.console import Group
from rich.table import Table
from rich.text import Text

from annotator.agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED
from annotator.agreement.report import (
    AgreementReport,
    FieldAgreement,
    Figure,
    OrdinalFieldAgreement,
    QuoteBoundaries,
    build_report,
)
from annotator.agreement.units import FIELDS, Field
from annotator.cli_support import (
    stderr_console,
    stdout_console,
    user_errors,
    with_progress,
)
from annotator.errors import AnnotatorError
from annotator.gc_pause import paused_gc
from annotator.models import AnnotationFile, Document, is_adjudicated
from annotator.safe_text import escape_json_output, safe_rich
from annotator.scheme import find_scheme
from annotator.store import DEFAULT_ANNOTATIONS_DIR, AnnotationStore

#: Confusion matrices with more labels than this (speaker and outlet names) are left to --json.
MAX_PRINTED_LABELS = 12


@click.command("agreement")
@click.argument(
    "annotations_dir",
    required=False,
    default=DEFAULT_ANNOTATIONS_DIR,
    type=click.Path(path_type=Path),
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    type=click.Choice(FIELDS),
    help="Only this field (repeat for several; default: all four).",
)
@click.option("--document", "document_id", help="Only the quotes of this document.")
@click.option("--annotators", help="Only these annotators, comma-separated (default: all).")
@click.option(
    "--draws",
    default=DEFAULT_DRAWS,
    show_default=True,
    type=click.IntRange(min=1),
    help="Bootstrap draws for the alpha confidence interval.",
)
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Bootstrap random seed.")
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(path_type=Path),
    help="Count kept quotes for quote-boundary agreement from this corpus's extraction "
    "(optional; speakers and outlets always come from the labels).",
)
@click.option(
    "--against",
    "reference",
    help="Each annotator's agreement with this adjudicated set instead (e.g. --against gold): "
    "accuracy, Cohen's kappa, per-label precision and recall.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object instead of tables.")
@user_errors
# Every label loaded stays alive until the output is written: automatic collections would only
# walk them (the first one after loading, and those while writing the report, cost more than the
# figures themselves), so the collector is off for the whole command.
@paused_gc()
def agreement(
    annotations_dir: Path,
    fields: tuple[Field, ...],
    document_id: str | None,
    annotators: str | None,
    draws: int,
    seed: int,
    corpus_path: Path | None,
    reference: str | None,
    as_json: bool,
) -> None:
    """Inter-annotator agreement on stance, sentiment, speaker and outlet.

    A unit is one quote of one document. Krippendorff's alpha (with a bootstrap 95% interval),
    Fleiss' kappa, pairwise Cohen's kappa, Gwet's AC1, percent agreement, per-label agreement and
    pairwise confusion matrices; sentiment adds ordinal alpha and weighted kappas. Undefined
    figures (one annotator, no quote labelled by two, a single label used) show as — (null).
    Speaker/outlet are those each annotator settled on, read from the labels (their own, else
    the one they saw when labelling): the corpus is not needed. When annotators added
    or deleted quotes, quote-boundary agreement follows (quotes each kept, span F1 between pairs).
    Adjudicated (gold) files are left out unless named in --annotators; --against gold compares
    each annotator with them instead.
    """
    names = _annotator_names(annotators)
    scheme = find_scheme(annotations_dir)
    chosen = tuple(dict.fromkeys(fields)) or FIELDS
    if reference is not None:
        report_against(annotations_dir, reference, names, document_id, chosen, as_json)
        return
    files = without_adjudicated(
        load_annotation_files(annotations_dir, names, document_id, as_json), names, annotations_dir
    )
    documents = matching_documents(corpus_path, files) if corpus_path is not None else None
    report = build_report(files, scheme, chosen, documents=documents, draws=draws, seed=seed)
    if len(report.annotators) < 2:
        stderr_console.print(
            safe_rich(
                f"annotator: note: agreement needs two annotators; {annotations_dir} has files "
                f"from {', '.join(report.annotators)} only, so every figure is undefined"
            )
        )
    if as_json:
        click.echo(
            escape_json_output(
                orjson.dumps(report.to_json_object(), option=orjson.OPT_INDENT_2)
            ).decode()
        )
        return
    print_report(report)


def without_adjudicated(
    files: list[AnnotationFile], names: list[str] | None, root: Path
) -> list[AnnotationFile]:
    """The files of annotators, adjudicated (gold) files left out unless named in ``names``."""
    kept = [
        annotation
        for annotation in files
        if not is_adjudicated(annotation) or (names is not None and annotation.annotator in names)
    ]
    left_out = sorted({annotation.annotator for annotation in files} - {a.annotator for a in kept})
    if left_out:
        stderr_console.print(
            safe_rich(
                f"annotator: note: adjudicated files of {', '.join(left_out)} left out "
                f"(--against {left_out[0]} compares with them; name them in --annotators to "
                "count them as annotators)"
            )
        )
    if not kept:
        raise AnnotatorError(f"{root}: no annotation files besides adjudicated ones")
    return kept


def report_against(
    root: Path,
    reference: str,
    names: list[str] | None,
    document_id: str | None,
    fields: tuple[Field, ...],
    as_json: bool,
) -> None:
    """``--against``: each annotator's agreement with the reference (gold) files."""
    from annotator.agreement.against import agreement_against

    if not root.is_dir():
        raise AnnotatorError(f"{root}: no such folder of annotation files")
    known = AnnotationStore(root).annotators()
    if reference not in known:
        raise AnnotatorError(
            f"{root}: no adjudicated set {reference!r} (annotators found: "
            f"{', '.join(known) or 'none'}); make one with 'annotator adjudicate'"
        )
    wanted = [name for name in names if name != reference] if names is not None else None
    files = load_annotation_files(root, wanted, document_id)
    files = [
        annotation
        for annotation in files
        if annotation.annotator != reference
        and (wanted is not None or not is_adjudicated(annotation))
    ]
    reference_files = load_annotation_files(root, [reference], document_id)
    documents = {annotation.document_id for annotation in reference_files}
    files = [annotation for annotation in files if annotation.document_id in documents]
    if not files:
        raise AnnotatorError(f"{root}: no annotator's file for the documents {reference!r} has")
    report = agreement_against([*reference_files, *files], reference, find_scheme(root), fields)
    if as_json:
        click.echo(
            escape_json_output(
                orjson.dumps(report.to_json_object(), option=orjson.OPT_INDENT_2)
            ).decode()
        )
        return
    for field, scores in report.fields.items():
        stdout_console.print(against_table(field, reference, scores))


def against_table(field: str, reference: str, scores: dict[str, Any]) -> Group:
    summary = Table(
        title=safe_rich(f"{field}: each annotator against {reference}"), title_justify="left"
    )
    for column in ("annotator", "units", "accuracy", "Cohen's kappa"):
        summary.add_column(column, justify="left" if column == "annotator" else "right")
    labels = Table(
        title=safe_rich(f"{field}: per label against {reference} (precision / recall)"),
        title_justify="left",
    )
    labels.add_column("annotator")
    labels.add_column("label")
    for column in ("precision", "recall", "given", f"{reference}"):
        labels.add_column(column, justify="right")
    for name, score in scores.items():
        summary.add_row(
            safe_rich(name),
            safe_rich(str(score.n_units)),
            _number(score.accuracy),
            _number(score.cohen_kappa),
        )
        for label, figures in score.per_label.items():
            labels.add_row(
                safe_rich(name),
                safe_rich(label),
                _number(figures.precision),
                _number(figures.recall),
                safe_rich(str(figures.annotator_count), justify="right"),
                safe_rich(str(figures.reference_count), justify="right"),
            )
    if len({label for score in scores.values() for label in score.per_label}) > MAX_PRINTED_LABELS:
        return Group(summary, safe_rich(f"{field}: per-label figures: see --json", style="dim"))
    return Group(summary, labels)


def _annotator_names(option: str | None) -> list[str] | None:
    if option is None:
        return None
    names = [name.strip() for name in option.split(",") if name.strip()]
    if not names:
        raise AnnotatorError("--annotators: give at least one name, e.g. --annotators alice,bob")
    return list(dict.fromkeys(names))


def load_annotation_files(
    root: Path, annotators: list[str] | None, document_id: str | None, as_json: bool = False
) -> list[AnnotationFile]:
    """The annotation files to compare; one-line errors for a missing folder or name."""
    if not root.is_dir():
        raise AnnotatorError(f"{root}: no such folder of annotation files")
    store = AnnotationStore(root, scheme=find_scheme(root))
    known = store.annotators()
    if annotators is not None:
        unknown = [name for name in annotators if name not in known]
        if unknown:
            raise AnnotatorError(
                f"{root}: no annotator {', '.join(repr(name) for name in unknown)} "
                f"(annotators found: {', '.join(known) or 'none'})"
            )
    names = annotators if annotators is not None else known
    if document_id is not None:
        loaded = (store.load(name, document_id) for name in names)
        files = [annotation for annotation in loaded if annotation is not None]
        if not files:
            raise AnnotatorError(f"{root}: no annotation file for document {document_id!r}")
        return files
    paths = list(store.paths(names))
    files = list(
        with_progress(
            store.iter_files(paths=paths), "reading annotations", total=len(paths), as_json=as_json
        )
    )
    if not files:
        raise AnnotatorError(f"{root}: no annotation files (expected <annotator>/<document>.json)")
    return files


def matching_documents(corpus_path: Path, files: list[AnnotationFile]) -> dict[str, Document]:
    """The corpus documents the files were made on (same id and same text), extracted."""
    from annotator.pipeline import load_corpus

    if not corpus_path.exists():
        raise AnnotatorError(f"{corpus_path}: no such corpus file or folder")
    wanted = {(annotation.document_id, annotation.document_sha256) for annotation in files}
    return {
        document.id: document
        for document in with_progress(
            load_corpus(
                [corpus_path], only=lambda document: (document.id, document.sha256) in wanted
            ),
            "reading the corpus",
        )
    }


# --------------------------------------------------------------------------- printing


def print_report(report: AgreementReport) -> None:
    for name, figures in report.fields.items():
        stdout_console.print(field_tables(name, figures))
    if report.quote_boundaries is not None:
        stdout_console.print(boundary_table(report.quote_boundaries))


def _number(value: Figure) -> Text:
    return safe_rich("—" if value is None else f"{value:.3f}", justify="right")


def _interval(bounds: tuple[Figure, Figure]) -> Text:
    low, high = bounds
    if low is None or high is None:
        return safe_rich("—")
    return safe_rich(f"[{low:.3f}, {high:.3f}]")


def field_tables(name: str, figures: FieldAgreement) -> Group:
    """The summary, per-label and confusion tables of one field."""
    summary = Table(
        title=safe_rich(
            f"{name}: {figures.n_units} units labelled by two or more of "
            f"{figures.n_annotators} annotators"
        ),
        title_justify="left",
    )
    summary.add_column("figure")
    summary.add_column("value", justify="right")
    summary.add_column("95% interval (bootstrap)")
    summary.add_row(
        safe_rich("Krippendorff's alpha (nominal)"),
        _number(figures.krippendorff_alpha),
        _interval(figures.krippendorff_alpha_ci95),
    )
    if isinstance(figures, OrdinalFieldAgreement):
        summary.add_row(
            safe_rich("Krippendorff's alpha (ordinal)"),
            _number(figures.krippendorff_alpha_ordinal),
            _interval(figures.krippendorff_alpha_ordinal_ci95),
        )
    summary.add_row(safe_rich("Fleiss' kappa (units all labelled)"), _number(figures.fleiss_kappa))
    summary.add_row(safe_rich("Gwet's AC1"), _number(figures.gwet_ac1))
    if isinstance(figures, OrdinalFieldAgreement):
        summary.add_row(safe_rich("Gwet's AC2 (quadratic)"), _number(figures.gwet_ac2_quadratic))
    summary.add_row(safe_rich("percent agreement"), _number(figures.percent_agreement))
    for pair, value in figures.pairwise_cohen_kappa.items():
        summary.add_row(safe_rich(f"Cohen's kappa {pair}"), _number(value))
    if isinstance(figures, OrdinalFieldAgreement):
        for pair, value in figures.pairwise_cohen_kappa_linear.items():
            summary.add_row(safe_rich(f"Cohen's kappa {pair}, linear weights"), _number(value))
        for pair, value in figures.pairwise_cohen_kappa_quadratic.items():
            summary.add_row(safe_rich(f"Cohen's kappa {pair}, quadratic weights"), _number(value))
    parts: list[Any] = [summary]
    if len(figures.per_label) <= MAX_PRINTED_LABELS:
        per_label = Table(title=safe_rich(f"{name}: agreement per label"), title_justify="left")
        per_label.add_column("label")
        per_label.add_column("agreement", justify="right")
        for label, value in figures.per_label.items():
            per_label.add_row(safe_rich(label), _number(value))
        parts.append(per_label)
    for pair, matrix in figures.confusion.items():
        parts.append(confusion_table(name, pair, matrix))
    return Group(*parts)


def confusion_table(name: str, pair: str, matrix: dict[str, dict[str, int]]) -> Table | Text:
    first, second = pair.split("|", 1)
    if len(matrix) > MAX_PRINTED_LABELS:
        return safe_rich(
            f"{name}: {pair} confusion matrix has {len(matrix)} labels; see --json", style="dim"
        )
    table = Table(
        title=safe_rich(f"{name}: {first} (rows) × {second} (columns)"), title_justify="left"
    )
    table.add_column(safe_rich(f"{first} \\ {second}"))
    labels = list(matrix)
    for label in labels:
        table.add_column(safe_rich(label), justify="right")
    for row_label in labels:
        row = matrix[row_label]
        table.add_row(
            safe_rich(row_label),
            *(
                safe_rich(str(row[column]), style="bold" if column == row_label else "")
                for column in labels
            ),
        )
    return table


def boundary_table(boundaries: QuoteBoundaries) -> Group:
    kept = Table(title=safe_rich("quote boundaries: quotes kept"), title_justify="left")
    for column in ("annotator", "documents", "kept", "added", "deleted"):
        kept.add_column(column, justify="left" if column == "annotator" else "right")
    for name, counts in boundaries.annotators.items():
        kept.add_row(
            safe_rich(name),
            safe_rich(str(counts.documents)),
            safe_rich(str(counts.kept)),
            safe_rich(str(counts.added)),
            safe_rich(str(counts.deleted)),
        )
    pairs = Table(
        title=safe_rich("quote boundaries: span F1 between annotators"), title_justify="left"
    )
    for column in ("pair", "documents", "same span", "exact F1", "overlap F1"):
        pairs.add_column(column, justify="left" if column == "pair" else "right")
    for pair, figures in boundaries.pairs.items():
        pairs.add_row(
            safe_rich(pair),
            safe_rich(str(figures.documents)),
            safe_rich(str(figures.exact_matches)),
            _number(figures.exact_f1),
            _number(figures.overlap_f1),
        )
    return Group(kept, pairs)
