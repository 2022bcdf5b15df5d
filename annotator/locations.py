"""Where things are: which files make up a corpus, the default annotations folder.

Light (no pydantic, no cleaning), so that listing a corpus from the listing index
(:mod:`annotator.listing`) and the CLI's shared options load nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from annotator.errors import AnnotatorError, InvalidFileError

TEXT_SUFFIXES = (".txt", ".md")
JSONL_SUFFIXES = (".jsonl",)
CORPUS_SUFFIXES = TEXT_SUFFIXES + JSONL_SUFFIXES
DEFAULT_ANNOTATIONS_DIR = Path("annotations")


def corpus_files(paths: Iterable[Path]) -> list[Path]:
    """The article files under ``paths`` (folders are expanded, in file-name order)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                (p for p in path.iterdir() if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES),
                key=lambda p: p.name,
            )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise AnnotatorError(f"{path}: no such file or folder")
    return files


def check_unique_id(seen: dict[str, str], document_id: str, source: str) -> None:
    """Record ``document_id`` (from ``source``) in ``seen``; an id used before is an error."""
    if document_id in seen:
        raise InvalidFileError(
            source, f"document id {document_id!r} already used by {seen[document_id]}"
        )
    seen[document_id] = source


def default_corpus_path() -> Path:
    """``./seeds`` if present, else the ``seeds/`` folder of the source checkout."""
    local = Path("seeds")
    if local.is_dir():
        return local
    bundled = Path(__file__).resolve().parent.parent / "seeds"
    if bundled.is_dir():
        return bundled
    raise AnnotatorError("no corpus given and no seeds/ folder found; pass a corpus path")
