"""Parallel extraction: corpus order, the same result as one worker, cache hooks, bad input."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from annotator import parallel
from annotator.cli import main
from annotator.corpus import iter_documents
from annotator.extract import extract_document
from annotator.models import Document
from annotator.pipeline import load_corpus

REPO_ROOT = Path(__file__).resolve().parent.parent
ARTICLES = REPO_ROOT / "benchmarks" / "corpus" / "articles"


def dumps(documents: list[Document]) -> list[bytes]:
    return [orjson.dumps(document.model_dump(mode="json")) for document in documents]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "CHUNK_DOCUMENTS", 3)  # many chunks from a small corpus


def test_two_workers_give_the_corpus_in_order_and_as_one_worker(
    seeds_dir: Path, small_chunks: None
) -> None:
    paths = [seeds_dir, ARTICLES]
    one = list(load_corpus(paths, workers=1))
    two = list(load_corpus(paths, workers=2))
    assert len(one) > 20
    assert [document.id for document in two] == [document.id for document in iter_documents(paths)]
    assert dumps(two) == dumps(one)
    assert sum(len(document.quotes) for document in two) > 200


def test_cache_hits_are_not_dispatched_and_extractions_are_stored(
    seeds_dir: Path, small_chunks: None
) -> None:
    documents = list(iter_documents([seeds_dir, ARTICLES]))[:14]
    known = {document.id: extract_document(document) for document in documents[::3]}
    stored: list[str] = []
    asked: list[str] = []

    def lookup(document: Document) -> Document | None:
        asked.append(document.id)
        return known.get(document.id)

    result = list(
        parallel.extract_all(
            documents, 2, lookup=lookup, store=lambda document: stored.append(document.id)
        )
    )
    assert asked == [document.id for document in documents]
    assert sorted(stored) == sorted(d.id for d in documents if d.id not in known)
    assert dumps(result) == dumps([extract_document(document) for document in documents])


def test_one_document_starts_no_process(seeds_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    documents = list(iter_documents([seeds_dir]))
    result = list(parallel.extract_all(documents[:1], 4))
    assert dumps(result) == dumps([extract_document(documents[0])])
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 100)  # one document larger than a chunk
    result = list(parallel.extract_all(documents[:1], 4))
    assert dumps(result) == dumps([extract_document(documents[0])])


def test_bad_file_after_good_ones_is_reported_after_them(
    tmp_path: Path, seeds_dir: Path, small_chunks: None
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, seed in enumerate(sorted(seeds_dir.glob("*.txt")) * 3):
        (corpus / f"a{number:02d}.txt").write_text(seed.read_text(encoding="utf-8"))
    (corpus / "z_empty.txt").write_text("   \n")
    runner = CliRunner()
    outputs = []
    for workers in ("1", "2"):
        result = runner.invoke(main, ["extract", "--json", "--workers", workers, str(corpus)])
        assert result.exit_code != 0
        assert "z_empty.txt" in result.output and "empty file" in result.output
        assert "Traceback" not in result.output
        outputs.append([line for line in result.stdout.splitlines() if line.startswith("{")])
    assert len(outputs[0]) == 6
    assert outputs[1] == outputs[0]


def test_extract_command_workers_option(seeds_dir: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(main, ["extract", "--json", "--workers", "1", str(seeds_dir)])
    two = runner.invoke(main, ["extract", "--json", "--workers", "2", str(seeds_dir)])
    default = runner.invoke(main, ["extract", "--json", str(seeds_dir)])
    assert one.exit_code == two.exit_code == default.exit_code == 0
    assert one.stdout == two.stdout == default.stdout
    assert len(one.stdout.splitlines()) == len(list(seeds_dir.glob("*.txt")))
    bad = runner.invoke(main, ["extract", "--workers", "0", str(seeds_dir)])
    assert bad.exit_code != 0 and "--workers" in bad.output


def test_default_workers_is_the_usable_cores() -> None:
    assert parallel.default_workers() >= 1


def test_parallel_corpus_goes_through_the_cache(
    tmp_path: Path, seeds_dir: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.cache import ExtractionCache

    paths = [seeds_dir, ARTICLES]
    cold_cache = ExtractionCache(tmp_path / "cache")
    cold = list(load_corpus(paths, cache=cold_cache, workers=2))
    assert cold_cache.written == len(cold) and cold_cache.hits == 0

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a warm cache still started a process pool")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    warm_cache = ExtractionCache(tmp_path / "cache")
    warm = list(load_corpus(paths, cache=warm_cache, workers=2))
    assert warm_cache.hits == len(warm) and warm_cache.written == 0
    assert dumps(warm) == dumps(cold) == dumps(list(load_corpus(paths, workers=1, cache=None)))


def test_one_worker_extracts_in_chunks_in_order_with_hits_and_stores_the_misses(
    seeds_dir: Path, small_chunks: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("one worker started a process pool")

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", no_pool)
    documents = list(iter_documents([seeds_dir, ARTICLES]))[:11]
    known = {document.id: extract_document(document) for document in documents[1::4]}
    stored: list[str] = []
    advanced: list[int] = []
    result = list(
        parallel.extract_all(
            documents,
            1,
            lookup=lambda document: known.get(document.id),
            store=lambda document: stored.append(document.id),
            advance=advanced.append,
        )
    )
    assert [document.id for document in result] == [document.id for document in documents]
    assert stored == [document.id for document in documents if document.id not in known]
    assert advanced == [1] * len(documents)
    assert dumps(result) == dumps([extract_document(document) for document in documents])
