"""``annotator migrate``: bring every annotation file up to the current ``schema_version``.

Version 1 files lack the quote each label was made on; it is filled from the corpus (the
current extraction, or the annotator's added quote). Each file is rewritten atomically under
its annotator's write lock; a file that cannot be migrated is named with the reason and left
unchanged. ``--dry-run`` reports without writing.
"""

from __future__ import annotations

from pathlib import Path

import click
from rich.text import Text

from annotator.atomic import write_atomic
from annotator.cli_support import ANNOTATIONS_OPTION, corpus_paths, stdout_console, user_errors
from annotator.errors import AnnotatorError
from annotator.jsonio import dump_pretty, read_json_bytes, validate_model
from annotator.migrations import MigrationReport, migrate_with_report, schema_version_of
from annotator.models import AnnotationFile, Document
from annotator.pipeline import load_corpus
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore, check_location, check_matches_document


@click.command("migrate")
@click.argument("corpus", required=False, type=click.Path(path_type=Path))
@ANNOTATIONS_OPTION
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@user_errors
def migrate(corpus: Path | None, annotations_dir: Path, dry_run: bool) -> None:
    """Migrate the annotation files to the current format (CORPUS default: seeds/).

    Labels whose span the extractor does not propose (and the annotator did not add) are
    anchored by their span only and listed.
    """
    if not annotations_dir.is_dir():
        raise AnnotatorError(f"{annotations_dir}: no such folder of annotation files")
    store = AnnotationStore(annotations_dir, scheme=find_scheme(annotations_dir))
    old: dict[Path, int] = {}
    failures = 0
    current = 0
    for path in store.paths():
        try:
            version = schema_version_of(read_json_bytes(path), path)
        except AnnotatorError as exc:
            stdout_console.print(Text(f"not migrated: {exc}"), soft_wrap=True)
            failures += 1
            continue
        if version < 2:
            old[path] = version
        else:
            current += 1
    documents: dict[str, Document] = {}
    if old:
        wanted = {path.stem for path in old}
        documents = {
            document.id: document
            for document in load_corpus(corpus_paths((corpus,) if corpus else ()))
            if document.id in wanted
        }
    migrated = 0
    for annotator in sorted({path.parent.name for path in old}):
        paths = [path for path in old if path.parent.name == annotator]
        writer = None if dry_run else store.open_writer(annotator)
        try:
            for path in paths:
                try:
                    report = migrate_file(path, store, documents.get(path.stem), write=not dry_run)
                except AnnotatorError as exc:
                    stdout_console.print(Text(f"not migrated: {exc}"), soft_wrap=True)
                    failures += 1
                    continue
                migrated += 1
                stdout_console.print(Text(describe(path, report, dry_run)), soft_wrap=True)
        finally:
            if writer is not None:
                writer.release()
    verb = "would migrate" if dry_run else "migrated"
    stdout_console.print(
        Text(f"{verb} {migrated} files, {current} already current, {failures} not migrated"),
        soft_wrap=True,
    )
    if failures:
        raise SystemExit(1)


def migrate_file(
    path: Path, store: AnnotationStore, document: Document | None, write: bool
) -> MigrationReport:
    """Migrate one file (written atomically when ``write``); raises with a one-line reason."""
    if document is None:
        raise AnnotatorError(f"{path}: document {path.stem!r} is not in the corpus")
    data, report = migrate_with_report(read_json_bytes(path), path, document)
    annotation = validate_model(
        AnnotationFile,
        data,
        path,
        context={"scheme": store.scheme, "document_text": document.text},
    )
    check_location(annotation, path)
    check_matches_document(annotation, document, path)
    if write:
        write_atomic(path, dump_pretty(annotation.sorted_for_writing()))
    return report


def describe(path: Path, report: MigrationReport, dry_run: bool) -> str:
    verb = "would migrate" if dry_run else "migrated"
    line = f"{verb} {path} (schema_version {report.from_version} → 2, {report.labels} labels)"
    if report.span_only:
        line += (
            f"; {len(report.span_only)} labels on spans the extractor does not propose, "
            f"anchored by span only: {', '.join(report.span_only)}"
        )
    return line
