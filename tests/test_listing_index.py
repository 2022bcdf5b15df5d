"""The listing index (annotator.listing, annotator.corpus_rows): rows from the index equal rows
computed from the files, and every change to what a row was computed from is seen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import orjson
import pytest

from annotator import cache as cache_module
from annotator.cache import ExtractionCache
from annotator.corpus_rows import CorpusRows, counts_of
from annotator.extract import extract_document
from annotator.listing import Counts, ListingIndex
from annotator.models import DEFAULT_SCHEME, AnnotationFile, QuoteLabel
from annotator.pipeline import CachedExtractor
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder, ignore=shutil.ignore_patterns("*.json*"))
    return folder


def lister(annotations: Path, cache_dir: Path, annotator: str = "ana") -> CorpusRows:
    store = AnnotationStore(annotations, find_scheme(annotations))
    extractor = CachedExtractor(extract_document, ExtractionCache(cache_dir))
    return CorpusRows(store, annotator, extractor, ListingIndex(cache_dir / "listing"))


def listed(rows: CorpusRows, corpus: Path) -> list[tuple[str, Counts | None]]:
    """Every row with its counts, pending ones extracted (as the corpus screen's worker does)."""
    done = [rows.extracted(row) if row.pending else row for row in rows.rows([corpus])]
    return [(row.summary.id, row.counts) for row in done]


def from_files(annotations: Path, corpus: Path, annotator: str = "ana") -> list[tuple[str, Counts]]:
    """The same rows computed without any index or cache."""
    from annotator.corpus import iter_documents

    store = AnnotationStore(annotations, find_scheme(annotations))
    return [
        (document.id, counts_of(store, annotator, extract_document(document)))
        for document in iter_documents([corpus])
    ]


def label_first_quotes(
    annotations: Path, corpus: Path, number: int, annotator: str = "ana"
) -> None:
    """Label (stance pro-US) the first ``number`` quotes of the first document, as the store does."""
    from annotator.corpus import iter_documents

    store = AnnotationStore(annotations, find_scheme(annotations))
    document = extract_document(next(iter_documents([corpus])))
    writer = store.open_writer(annotator)
    try:
        annotation = writer.load(document.id, document)

        labels = [QuoteLabel.for_quote(q, stance="pro-US") for q in document.quotes[:number]]
        if annotation is None:
            annotation = AnnotationFile(
                annotator=annotator,
                document_id=document.id,
                document_sha256=document.sha256,
                scheme=DEFAULT_SCHEME.ref,
            )
        writer.write(annotation.model_copy(update={"labels": labels}))
    finally:
        writer.release()


def test_second_listing_comes_from_the_index_and_equals_the_files(
    corpus: Path, tmp_path: Path, private_cache: Path
) -> None:
    annotations = tmp_path / "annotations"
    label_first_quotes(annotations, corpus, 3)
    first = lister(annotations, private_cache)
    rows = listed(first, corpus)
    assert first.index is not None and first.index.written > 0
    assert rows == from_files(annotations, corpus)
    assert rows[0][1] == Counts(3, rows[0][1].total, 0) and rows[0][1].total > 3  # type: ignore[union-attr]
    second = lister(annotations, private_cache)
    assert listed(second, corpus) == rows
    assert second.index is not None and second.index.misses == 0 and second.index.written == 0
    assert second.extractor is not None and second.extractor.cache is not None
    assert second.extractor.cache.hits == 0  # no extraction entry even read


def test_edited_article_is_read_again(corpus: Path, tmp_path: Path, private_cache: Path) -> None:
    annotations = tmp_path / "annotations"
    listed(lister(annotations, private_cache), corpus)
    article = sorted(corpus.glob("*.txt"))[1]
    text = article.read_text(encoding="utf-8")
    article.write_text(
        text + "\n\n“We will not give in,” Foreign Minister Wang Yi told reporters.\n",
        encoding="utf-8",
    )
    again = lister(annotations, private_cache)
    rows = listed(again, corpus)
    assert rows == from_files(annotations, corpus)
    assert again.index is not None and again.index.misses > 0
    # a same-size edit with the old mtime is still seen (inode/ctime change with the rewrite)
    stat = article.stat()
    article.write_text(text.replace("a", "e", 1) if "a" in text else text, encoding="utf-8")
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert listed(lister(annotations, private_cache), corpus) == from_files(annotations, corpus)


def test_annotation_written_elsewhere_is_counted(
    corpus: Path, tmp_path: Path, private_cache: Path
) -> None:
    annotations = tmp_path / "annotations"
    before = listed(lister(annotations, private_cache), corpus)
    assert before[0][1] is not None and before[0][1].labelled == 0
    # another process (another window, a git pull) writes the file after the listing was indexed
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
        "from tests.test_listing_index import label_first_quotes\n"
        "from pathlib import Path\n"
        f"label_first_quotes(Path({str(annotations)!r}), Path({str(corpus)!r}), 2)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    rows = listed(lister(annotations, private_cache), corpus)
    assert rows[0][1] is not None and rows[0][1].labelled == 2
    assert rows == from_files(annotations, corpus)
    # and again, with more labels (the file's identity changes with every write)
    label_first_quotes(annotations, corpus, 4)
    rows = listed(lister(annotations, private_cache), corpus)
    assert rows[0][1] is not None and rows[0][1].labelled == 4
    # another annotator's file does not change this annotator's rows
    label_first_quotes(annotations, corpus, 1, annotator="bob")
    assert listed(lister(annotations, private_cache), corpus) == rows


def test_broken_annotation_file_shows_its_error_and_recovers(
    corpus: Path, tmp_path: Path, private_cache: Path
) -> None:
    annotations = tmp_path / "annotations"
    label_first_quotes(annotations, corpus, 2)
    listed(lister(annotations, private_cache), corpus)
    path = next((annotations / "ana").glob("*.json"))
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    rows = listed(lister(annotations, private_cache), corpus)
    assert rows[0][1] is not None and rows[0][1].error and str(path) in rows[0][1].error
    path.write_bytes(good)
    rows = listed(lister(annotations, private_cache), corpus)
    assert rows[0][1] is not None and rows[0][1].error is None and rows[0][1].labelled == 2


def test_extractor_version_change_misses(
    corpus: Path, tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    annotations = tmp_path / "annotations"
    listed(lister(annotations, private_cache), corpus)
    monkeypatch.setattr(cache_module, "EXTRACTOR_VERSION", "rules+syntax-test-other")
    other = lister(annotations, private_cache)
    rows = list(other.rows([corpus]))
    # the summaries (no extraction in them) still come from the index; the quotes do not
    assert other.index is not None and other.index.hits == len(list(corpus.glob("*.txt")))
    assert all(row.pending for row in rows)  # not in the cache under the other version
    finished = [other.extracted(row) for row in rows]
    assert [(row.summary.id, row.counts) for row in finished] == from_files(annotations, corpus)
    # options are part of the key as well
    store = AnnotationStore(annotations, find_scheme(annotations))
    optioned = CorpusRows(
        store,
        "ana",
        CachedExtractor(extract_document, ExtractionCache(private_cache, options={"x": 1})),
        ListingIndex(private_cache / "listing"),
    )
    assert all(row.pending for row in optioned.rows([corpus]))


def test_corrupt_and_foreign_entries_are_ignored_and_rebuilt(
    corpus: Path, tmp_path: Path, private_cache: Path
) -> None:
    annotations = tmp_path / "annotations"
    label_first_quotes(annotations, corpus, 2)
    expected = listed(lister(annotations, private_cache), corpus)
    entries = sorted((private_cache / "listing").rglob("*.json"))
    assert entries
    for number, entry in enumerate(entries):
        data = orjson.loads(entry.read_bytes())
        if number % 3 == 0:
            entry.write_bytes(entry.read_bytes()[:10])  # truncated
        elif number % 3 == 1:
            data["key"] = "0" * 64  # another entry's content
            entry.write_bytes(orjson.dumps(data))
        else:
            data["value"] = {"labelled": "many"} if data["kind"] == "progress" else [1, 2]
            entry.write_bytes(orjson.dumps(data))
    again = lister(annotations, private_cache)
    assert listed(again, corpus) == expected
    assert again.index is not None and again.index.hits == 0 and again.index.written > 0
    third = lister(annotations, private_cache)
    assert listed(third, corpus) == expected
    assert third.index is not None and third.index.misses == 0


def test_concurrent_writers_leave_valid_entries(
    corpus: Path, tmp_path: Path, private_cache: Path
) -> None:
    annotations = tmp_path / "annotations"
    label_first_quotes(annotations, corpus, 2)
    expected = from_files(annotations, corpus)
    results: list[list[tuple[str, Counts | None]]] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            for _ in range(3):
                results.append(listed(lister(annotations, private_cache), corpus))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    # a separate process lists at the same time too
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})\n"
        "from pathlib import Path\n"
        "from tests.test_listing_index import lister, listed\n"
        "for _ in range(3):\n"
        f"    listed(lister(Path({str(annotations)!r}), Path({str(private_cache)!r})), "
        f"Path({str(corpus)!r}))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    for thread in threads:
        thread.join()
    assert not errors
    assert all(rows == expected for rows in results)
    assert not [p for p in (private_cache / "listing").rglob("*") if p.name.endswith(".tmp")]
    for entry in (private_cache / "listing").rglob("*.json"):
        assert orjson.loads(entry.read_bytes())["format"] == "annotator-listing/1"
    final = lister(annotations, private_cache)
    assert listed(final, corpus) == expected
    assert final.index is not None and final.index.misses == 0


def test_a_file_changed_while_it_was_read_is_not_indexed(
    corpus: Path, tmp_path: Path, private_cache: Path
) -> None:
    index = ListingIndex(private_cache / "listing")
    article = sorted(corpus.glob("*.txt"))[0]
    from annotator.corpus import load_text_file
    from annotator.listing import DocumentSummary, file_identity

    before = file_identity(article)
    summary = DocumentSummary.of(load_text_file(article))
    article.write_text(article.read_text(encoding="utf-8") + "\n\nMore.\n", encoding="utf-8")
    index.put_documents(article, before, [summary])
    assert index.written == 0
    assert index.documents(article, before) is None


def test_corpus_command_lists_from_the_index(corpus: Path, private_cache: Path) -> None:
    command = [sys.executable, "-m", "annotator", "corpus", str(corpus), "--json"]
    first = subprocess.run(command, capture_output=True, check=True).stdout
    assert list((private_cache / "listing").rglob("*.json"))
    second = subprocess.run(command, capture_output=True, check=True).stdout
    assert first == second and len(first.splitlines()) == len(list(corpus.glob("*.txt")))
    article = sorted(corpus.glob("*.txt"))[0]
    article.write_text("A new title\n\nBody text, he said on Monday.\n", encoding="utf-8")
    third = subprocess.run(command, capture_output=True, check=True).stdout
    unindexed = subprocess.run(
        command, capture_output=True, check=True, env={**os.environ, "ANNOTATOR_NO_CACHE": "1"}
    ).stdout
    assert third == unindexed != first
    assert orjson.loads(third.splitlines()[0])["words"] == 9
    assert third.splitlines()[1:] == first.splitlines()[1:]
