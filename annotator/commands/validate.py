"""``annotator validate``: check documents, annotation files, scheme files or folders of them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli_support import stderr_console, stdout_console, user_errors, write_json_lines
from annotator.errors import AnnotatorError, InvalidFileError
from annotator.jsonio import parse_json, read_json_bytes, validate_model
from annotator.models import AnnotationFile, Document, LabelScheme
from annotator.safe_text import safe_rich
from annotator.scheme import SCHEME_FILE_NAME, find_scheme
from annotator.store import check_location, load_annotation_file


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
