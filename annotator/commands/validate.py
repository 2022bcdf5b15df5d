"""``annotator validate``: check documents, annotation files, scheme files or folders of them."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.text import Text

from annotator.cli_support import stderr_console, stdout_console, user_errors, write_json_lines
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.jsonio import parse_json, read_json_bytes, validate_model
from annotator.models import Document, LabelScheme
from annotator.scheme import SCHEME_FILE_NAME, find_scheme
from annotator.store import load_annotation_file


@click.command("validate")
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

    Exit status 0 when everything is valid, 1 with one line per problem otherwise.
    """
    files = _files_to_validate(paths)
    documents = _documents_by_id(corpus_path)
    problems = 0
    for path in files:
        try:
            kind = _validate_one(path, documents, scheme_path)
        except AnnotatorError as exc:
            problems += 1
            if as_json:
                write_json_lines([{"path": str(path), "valid": False, "error": str(exc)}])
            else:
                stderr_console.print(Text(str(exc)))
            continue
        if as_json:
            write_json_lines([{"path": str(path), "valid": True, "kind": kind}])
    if not as_json:
        summary = f"{len(files) - problems} of {len(files)} files valid"
        (stderr_console if problems else stdout_console).print(summary)
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
    # the checks need only the cleaned text, so the (slower) quote extraction is skipped
    return {document.id: document for document in load_corpus([corpus_path], extract=False)}


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
        annotation = load_annotation_file(path, scheme, document)
        if annotation.annotator != path.parent.name:
            raise InvalidFileError(
                path, f"annotator {annotation.annotator!r} does not match its folder", "$.annotator"
            )
        if document is not None and annotation.document_sha256 != document.sha256:
            raise InvalidFileError(
                path,
                f"was made on another version of document {document.id!r} (sha256 differs from "
                f"{document.source}); its quote spans may no longer fit the text",
                "$.document_sha256",
            )
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
