"""``annotator agreement``: inter-annotator agreement over a folder of annotation files.

Reads every annotation file under the folder (no corpus needed), treats each
``(document_id, quote_id)`` as a unit and prints one Rich table per field — or, with ``--json``,
the object described in :mod:`annotator.agreement.report`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import click
import orjson

from annotator import cli_support, fast_exit
from annotator.agreement.bootstrap import DEFAULT_DRAWS, DEFAULT_SEED
from annotator.agreement.columns import AnnotationColumns, as_columns, read_columns
from annotator.agreement.report import build_report
from annotator.agreement.units import FIELDS, Field
from annotator.cli_support import user_errors, with_progress
from annotator.errors import AnnotatorError
from annotator.gc_pause import paused_gc
from annotator.models import AnnotationFile, Document, is_adjudicated
from annotator.safe_text import escape_json_output, safe_rich
from annotator.scheme import find_scheme
from annotator.store import DEFAULT_ANNOTATIONS_DIR, AnnotationStore

Files = TypeVar("Files", AnnotationFile, AnnotationColumns)


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
        read_agreement_files(annotations_dir, names, document_id, as_json), names, annotations_dir
    )
    documents = matching_documents(corpus_path, files) if corpus_path is not None else None
    report = build_report(files, scheme, chosen, documents=documents, draws=draws, seed=seed)
    if len(report.annotators) < 2:
        cli_support.stderr_console.print(
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
    else:
        from annotator.commands.agreement_tables import print_report

        print_report(report)
    # every label loaded is still alive: end the process without freeing them one by one
    fast_exit.finish()


def without_adjudicated(files: list[Files], names: list[str] | None, root: Path) -> list[Files]:
    """The files of annotators, adjudicated (gold) files left out unless named in ``names``."""
    kept = [
        annotation
        for annotation in files
        if not is_adjudicated(annotation) or (names is not None and annotation.annotator in names)
    ]
    left_out = sorted({annotation.annotator for annotation in files} - {a.annotator for a in kept})
    if left_out:
        cli_support.stderr_console.print(
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
    from annotator.commands.agreement_tables import against_table

    for field, scores in report.fields.items():
        cli_support.stdout_console.print(against_table(field, reference, scores))


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
    store, names = _store_and_names(root, annotators)
    if document_id is not None:
        return _document_files(store, names, document_id)
    paths = list(store.paths(names))
    files = list(
        with_progress(
            store.iter_files(paths=paths), "reading annotations", total=len(paths), as_json=as_json
        )
    )
    if not files:
        raise AnnotatorError(f"{root}: no annotation files (expected <annotator>/<document>.json)")
    return files


def read_agreement_files(
    root: Path, annotators: list[str] | None, document_id: str | None, as_json: bool = False
) -> list[AnnotationColumns]:
    """:func:`load_annotation_files` as columns: refused, and errors, alike; no object per
    label (:func:`annotator.agreement.columns.read_columns`)."""
    store, names = _store_and_names(root, annotators)
    if document_id is not None:
        return [as_columns(annotation) for annotation in _document_files(store, names, document_id)]
    paths = list(store.paths(names))
    files = list(
        with_progress(
            read_columns(paths, store.scheme),
            "reading annotations",
            total=len(paths),
            as_json=as_json,
        )
    )
    if not files:
        raise AnnotatorError(f"{root}: no annotation files (expected <annotator>/<document>.json)")
    return files


def _store_and_names(root: Path, annotators: list[str] | None) -> tuple[AnnotationStore, list[str]]:
    """The store of ``root`` and the annotators to read; one-line errors for a missing folder
    or name."""
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
    return store, annotators if annotators is not None else known


def _document_files(
    store: AnnotationStore, names: list[str], document_id: str
) -> list[AnnotationFile]:
    loaded = (store.load(name, document_id) for name in names)
    files = [annotation for annotation in loaded if annotation is not None]
    if not files:
        raise AnnotatorError(f"{store.root}: no annotation file for document {document_id!r}")
    return files


def matching_documents(corpus_path: Path, files: list[AnnotationColumns]) -> dict[str, Document]:
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
