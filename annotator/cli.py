"""The command line: parses options, calls the core, prints (Rich tables, or ``--json``).

User errors (:class:`~annotator.errors.AnnotatorError`) are printed as one line on stderr with a
non-zero exit status; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from rich.table import Table

from annotator import __version__
from annotator.cli_support import (
    ANNOTATIONS_OPTION,
    ANNOTATOR_OPTION,
    corpus_paths,
    stderr_console,
    stdout_console,
    user_errors,
    write_json_lines,
)
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.jsonio import parse_json, read_json_bytes, validate_model
from annotator.models import AnnotationFile, Document, LabelScheme
from annotator.safe_text import safe_rich
from annotator.schemas import render_schemas, stale_schemas
from annotator.scheme import SCHEME_FILE_NAME, find_scheme
from annotator.store import check_location, load_annotation_file

DEFAULT_SCHEMA_DIR = Path("schemas")

# --------------------------------------------------------------------------- the group


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.pass_context
def main(context: click.Context, debug: bool) -> None:
    """Annotate news articles quote by quote: stance, sentiment, speaker and outlet.

    Without a command, opens the annotation UI on the bundled seeds/ corpus.
    """
    if debug:
        os.environ["ANNOTATOR_DEBUG"] = "1"
    if context.invoked_subcommand is None:
        context.invoke(annotate)


# --------------------------------------------------------------------------- annotate


@main.command()
@click.argument("corpus", required=False, type=click.Path(path_type=Path))
@ANNOTATOR_OPTION
@ANNOTATIONS_OPTION
@click.option(
    "--auto-advance/--no-auto-advance",
    default=None,
    help="Move to the next quote once its required labels are set (default: as last time, "
    "on at first; remembered; the A key toggles it in the UI).",
)
@user_errors
def annotate(
    corpus: Path | None,
    annotator_name: str | None,
    annotations_dir: Path,
    auto_advance: bool | None,
) -> None:
    """Open the terminal UI to annotate CORPUS (default: seeds/)."""
    try:
        from annotator.tui.app import run_app
    except ModuleNotFoundError as exc:
        if not (exc.name or "").startswith("annotator.tui"):
            raise
        stderr_console.print("The terminal UI is not available yet; showing the corpus instead.")
        _print_corpus(corpus_paths((corpus,) if corpus else ()), as_json=False)
        return
    run_app(
        corpus=corpus_paths((corpus,) if corpus else ())[0],
        annotator=annotator_name or os.environ.get("ANNOTATOR") or None,
        annotations_dir=annotations_dir,
        auto_advance=auto_advance,
    )


# --------------------------------------------------------------------------- corpus


@main.command("corpus")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one document summary per line.")
@user_errors
def corpus_command(paths: tuple[Path, ...], as_json: bool) -> None:
    """List the documents of a corpus (default: seeds/) with their metadata."""
    _print_corpus(corpus_paths(paths), as_json)


def _print_corpus(paths: list[Path], as_json: bool) -> None:
    from annotator.corpus import iter_documents, word_count

    rows = []
    for document in iter_documents(paths):
        rows.append(
            {
                "id": document.id,
                "title": document.title,
                "author": document.author,
                "outlet": document.outlet,
                "published": document.published,
                "region": document.region,
                "theme": document.theme,
                "paragraphs": len(document.paragraphs()),
                "headings": len(document.headings),
                "words": word_count(document.text),
                "characters": len(document.text),
                "source": document.source,
            }
        )
        if as_json:
            write_json_lines([rows.pop()])
    if as_json:
        return
    table = Table(
        title=safe_rich(f"{len(rows)} document{'s' if len(rows) != 1 else ''}"), show_lines=False
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


# --------------------------------------------------------------------------- schema


@main.command()
@click.option("--check", is_flag=True, help="Exit 1 if a schema file is stale instead of writing.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    default=DEFAULT_SCHEMA_DIR,
    show_default=True,
    help="Where the schema files live.",
)
@user_errors
def schema(check: bool, folder: Path) -> None:
    """Write the JSON Schemas of every file format to schemas/ (or check they are current)."""
    from annotator.atomic import write_atomic

    if check:
        stale = stale_schemas(folder)
        for name in stale:
            stderr_console.print(
                safe_rich(f"{folder / name}: stale or missing; run `annotator schema`")
            )
        if stale:
            sys.exit(1)
        stdout_console.print(
            safe_rich(f"{len(render_schemas())} schemas are up to date in {folder}/")
        )
        return
    for name, content in render_schemas().items():
        write_atomic(folder / name, content)
        stdout_console.print(safe_rich(f"wrote {folder / name}"))


# --------------------------------------------------------------------------- validate


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--corpus",
    "corpus_path",
    type=click.Path(path_type=Path),
    help="Check annotation files against these documents (default: seeds/ if present).",
)
@click.option("--scheme", "scheme_path", type=click.Path(path_type=Path), help="Label scheme file.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one result per file.")
@user_errors
def validate(
    paths: tuple[Path, ...], corpus_path: Path | None, scheme_path: Path | None, as_json: bool
) -> None:
    """Validate documents, annotation files, scheme files or folders of them.

    Annotation files are checked against their documents in the corpus: every label must lie
    on a quote the extractor proposes or the annotator added, with its saved text at its
    offsets. Exit status 0 when everything is valid, 1 with one line per problem otherwise.
    """
    files = _files_to_validate(paths)
    documents = _documents_by_id(corpus_path)
    problems = 0
    for path in files:
        try:
            kind = _validate_one(path, documents, scheme_path)
        except LabelProblems as exc:
            problems += 1
            if as_json:
                write_json_lines(
                    [{"path": str(path), "valid": False, "error": line} for line in exc.lines]
                )
            else:
                for line in exc.lines:
                    stderr_console.print(safe_rich(line))
            continue
        except AnnotatorError as exc:
            problems += 1
            if as_json:
                write_json_lines([{"path": str(path), "valid": False, "error": str(exc)}])
            else:
                stderr_console.print(safe_rich(str(exc)))
            continue
        if as_json:
            write_json_lines([{"path": str(path), "valid": True, "kind": kind}])
    if not as_json:
        summary = f"{len(files) - problems} of {len(files)} files valid"
        (stderr_console if problems else stdout_console).print(safe_rich(summary))
    if problems:
        sys.exit(1)


def _files_to_validate(paths: tuple[Path, ...]) -> list[Path]:
    from annotator.corpus import CORPUS_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(
                    candidate
                    for candidate in path.rglob("*")
                    if candidate.is_file()
                    and not candidate.name.startswith(".")
                    and candidate.suffix.lower() in (*CORPUS_SUFFIXES, ".json")
                )
            )
        elif path.exists():
            files.append(path)
        else:
            raise AnnotatorError(f"{path}: no such file or folder")
    return files


def _documents_by_id(corpus_path: Path | None) -> dict[str, Document]:
    from annotator.corpus import default_corpus_path
    from annotator.pipeline import load_corpus

    if corpus_path is None:
        try:
            corpus_path = default_corpus_path()
        except AnnotatorError:
            return {}
    # the (slower) quote extraction runs only for documents that have annotation files
    return {document.id: document for document in load_corpus([corpus_path], extract=False)}


class LabelProblems(AnnotatorError):
    """Labels of a valid annotation file that do not fit its document (one line each)."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__("; ".join(lines))


def label_problems(path: Path, annotation: AnnotationFile, document: Document) -> list[str]:
    """Labels on spans neither proposed nor added, and labels whose saved text moved."""
    proposed = {quote.id for quote in document.quotes}
    added = {quote.id for quote in annotation.added_quotes}
    lines = []
    for index, item in enumerate(annotation.labels):
        quote = item.quote
        if not quote.fits(document.text):
            lines.append(
                f"{path}: $.labels[{index}].quote.text: the saved text of quote {item.quote_id} "
                f"no longer matches document {document.id!r} at {quote.start}-{quote.end}"
            )
        elif item.quote_id not in proposed and item.quote_id not in added:
            lines.append(
                f"{path}: $.labels[{index}].quote_id: quote {item.quote_id} is neither proposed "
                "by the extractor nor added by the annotator"
            )
    return lines


_EXTRACTED: dict[tuple[str, str], Document] = {}


def _extracted(document: Document) -> Document:
    """The document with its proposals (extracted once per text)."""
    from annotator.pipeline import extract as extract_quotes

    key = (document.id, document.sha256)
    if key not in _EXTRACTED:
        if len(_EXTRACTED) >= 16:  # bounded: files come sorted by annotator, then document
            del _EXTRACTED[next(iter(_EXTRACTED))]
        _EXTRACTED[key] = extract_quotes(document)
    return _EXTRACTED[key]


def _validate_one(path: Path, documents: dict[str, Document], scheme_path: Path | None) -> str:
    from annotator.corpus import TEXT_SUFFIXES, iter_documents

    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        list(iter_documents([path]))
        return "article"
    if suffix == ".jsonl":
        return _validate_jsonl(path)
    if path.name == SCHEME_FILE_NAME:
        validate_model(LabelScheme, read_json_bytes(path), path)
        return "scheme"
    data = read_json_bytes(path)
    if isinstance(data, dict) and "annotator" in data:
        scheme = find_scheme(path.parent.parent, scheme_path)
        document = documents.get(str(data.get("document_id")))
        if document is not None:
            # the proposals are needed to migrate an old file and to check the labels
            document = _extracted(document)
        annotation = load_annotation_file(path, scheme, document)
        check_location(annotation, path)  # the annotator's folder, the document's name
        if document is not None and annotation.document_sha256 != document.sha256:
            raise InvalidFileError(
                path,
                f"was made on another version of document {document.id!r} (sha256 differs from "
                f"{document.source}); its quote spans may no longer fit the text",
                "$.document_sha256",
            )
        if document is not None and (problems := label_problems(path, annotation, document)):
            raise LabelProblems(problems)
        return "annotation"
    if isinstance(data, dict) and "sha256" in data and "text" in data:
        validate_model(Document, data, path)
        return "document"
    raise InvalidFileError(path, "not a document, annotation or scheme file", "$")


def _validate_jsonl(path: Path) -> str:
    """A JSONL file is either a corpus ({id, text, ...}) or documents from `annotator extract`."""
    from annotator.corpus import iter_jsonl

    with path.open("rb") as handle:
        first = next((line for line in handle if line.strip()), b"")
    if not first:
        raise InvalidFileError(path, "empty file")
    head = parse_json(first, path, line=1)
    if isinstance(head, dict) and "sha256" in head:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    validate_model(Document, parse_json(line, path, number), f"{path}:{number}")
        return "documents"
    for _document in iter_jsonl(path):
        pass
    return "corpus"


# --------------------------------------------------------------------------- other commands
# Commands that live in their own modules (annotator/commands/) are registered here.
from annotator.commands.export import export, import_command  # noqa: E402

main.add_command(export)
main.add_command(import_command)
from annotator.commands.agreement import agreement  # noqa: E402

main.add_command(agreement)
from annotator.commands.label import label  # noqa: E402

main.add_command(label)
from annotator.commands.extract import extract  # noqa: E402

main.add_command(extract)
from annotator.commands.migrate import migrate  # noqa: E402

main.add_command(migrate)
