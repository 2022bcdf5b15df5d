"""The extraction cache: hits and misses, untrusted entries, versions, concurrency, size, CLI."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from annotator import cache as cache_module
from annotator.cache import ExtractionCache, parse_size
from annotator.cli import main
from annotator.errors import AnnotatorError
from annotator.extract import extract_document
from annotator.models import Document
from annotator.pipeline import CachedExtractor, load_corpus


def make_corpus(folder: Path, seeds_dir: Path, copies: int) -> Path:
    """``copies`` distinct articles per seed: the seed with one paragraph added mid-body."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in sorted(seeds_dir.glob("*.txt")):
        paragraphs = seed.read_text(encoding="utf-8").split("\n\n")
        middle = len(paragraphs) // 2
        for number in range(copies):
            added = f"The talks resumed on day {number}, officials said."
            text = "\n\n".join([*paragraphs[:middle], added, *paragraphs[middle:]])
            (folder / f"{seed.stem}_{number:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def fresh(documents: list[Document]) -> list[dict[str, object]]:
    """What the extractor itself makes of these documents (no cache)."""
    return [extract_document(document).model_dump(mode="json") for document in documents]


def dumped(documents: list[Document]) -> list[dict[str, object]]:
    return [document.model_dump(mode="json") for document in documents]


def refusing_extractor(document: Document) -> Document:
    raise AssertionError(f"{document.id} was extracted although it is cached")


def entry_files(root: Path) -> list[Path]:
    return sorted(root.glob("??/*.json"))


def test_second_load_hits_without_extracting(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "cache"
    first_cache = ExtractionCache(root)
    first = list(load_corpus([seeds_dir], cache=first_cache))
    assert first_cache.misses == len(first) == 2 and first_cache.hits == 0
    assert len(entry_files(root)) == 2
    plain = list(load_corpus([seeds_dir], extract=False))
    assert dumped(first) == fresh(plain)

    second_cache = ExtractionCache(root)
    cached = CachedExtractor(refusing_extractor, second_cache)
    second = [cached(document) for document in plain]
    assert second_cache.hits == 2 and second_cache.misses == 0
    assert dumped(second) == dumped(first)
    assert all(document.quotes for document in second)


def test_changed_text_misses(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", seeds_dir, 1)
    cache = ExtractionCache(tmp_path / "cache")
    list(load_corpus([corpus], cache=cache))
    target = next(corpus.glob("*.txt"))
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("resumed on day", "stalled on day"), encoding="utf-8")
    again = ExtractionCache(tmp_path / "cache")
    documents = list(load_corpus([corpus], cache=again))
    assert (again.hits, again.misses) == (1, 1)
    changed = next(d for d in documents if d.id == target.stem)
    assert dumped([changed]) == fresh(list(load_corpus([target], extract=False)))


@pytest.mark.parametrize(
    "damage",
    ["truncated", "garbage", "empty", "other document", "wrong version", "bad quote", "not dict"],
)
def test_unusable_entry_is_ignored_and_rebuilt(
    tmp_path: Path, seeds_dir: Path, damage: str
) -> None:
    root = tmp_path / "cache"
    cache = ExtractionCache(root)
    documents = list(load_corpus([seeds_dir], extract=False))
    first, other = documents
    for document in documents:
        cache.put(extract_document(document))
    path = cache.path_for(cache.key(first))
    good = path.read_bytes()
    entry = orjson.loads(good)
    if damage == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "other document":  # a foreign entry renamed into place
        path.write_bytes(cache.path_for(cache.key(other)).read_bytes())
    elif damage == "wrong version":
        path.write_bytes(orjson.dumps({**entry, "extractor_version": "rules-1900.01"}))
    elif damage == "bad quote":
        broken = orjson.loads(good)
        broken["quotes"][0]["end"] = len(first.text) + 5
        path.write_bytes(orjson.dumps(broken))
    else:
        path.write_bytes(b"[1, 2, 3]")

    reader = ExtractionCache(root)
    assert reader.get(first) is None
    rebuilt = list(load_corpus([seeds_dir], cache=reader))
    assert dumped(rebuilt) == fresh(documents)
    assert orjson.loads(path.read_bytes()) == entry  # rewritten whole
    assert ExtractionCache(root).get(first) is not None


def test_new_extractor_version_misses(
    tmp_path: Path, seeds_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    list(load_corpus([seeds_dir], cache=ExtractionCache(root)))
    monkeypatch.setattr(cache_module, "EXTRACTOR_VERSION", "rules-2099.01")
    later = ExtractionCache(root)
    list(load_corpus([seeds_dir], cache=later))
    assert (later.hits, later.misses) == (0, 2)
    assert len(entry_files(root)) == 4  # the old version's entries are kept until pruned


def test_options_are_part_of_the_key(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "cache"
    [document, _] = list(load_corpus([seeds_dir], extract=False))
    ExtractionCache(root).put(extract_document(document))
    assert ExtractionCache(root).get(document) is not None
    assert ExtractionCache(root, options={"language": "de"}).get(document) is None


def _load_into(arguments: tuple[str, str]) -> int:
    corpus, root = arguments
    return len(list(load_corpus([Path(corpus)], cache=ExtractionCache(Path(root)))))


def test_concurrent_writers(tmp_path: Path, seeds_dir: Path) -> None:
    # four processes write the same four entries at once (more documents add time, not races)
    corpus = make_corpus(tmp_path / "corpus", seeds_dir, 2)
    root = tmp_path / "cache"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        counts = pool.map(_load_into, [(str(corpus), str(root))] * 4)
    assert counts == [4, 4, 4, 4]
    assert len({d.sha256 for d in load_corpus([corpus], extract=False)}) == 4
    assert len(entry_files(root)) == 4
    assert not list(root.glob("??/.*.tmp"))
    documents = list(load_corpus([corpus], extract=False))
    reader = ExtractionCache(root)
    cached = [reader.get(document) for document in documents]
    assert reader.hits == 4
    assert dumped([d for d in cached if d is not None]) == fresh(documents)


def test_writer_killed_midway_leaves_a_usable_cache(tmp_path: Path, seeds_dir: Path) -> None:
    # 12 documents: the writer is killed right after its second entry, with ten still to do
    corpus = make_corpus(tmp_path / "corpus", seeds_dir, 6)
    root = tmp_path / "cache"
    code = (
        "import sys; from pathlib import Path;"
        "from annotator.cache import ExtractionCache; from annotator.pipeline import load_corpus\n"
        "for d in load_corpus([Path(sys.argv[1])], cache=ExtractionCache(Path(sys.argv[2]))):\n"
        "    print(d.id, flush=True)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", code, str(corpus), str(root)], stdout=subprocess.PIPE
    )
    assert writer.stdout is not None
    writer.stdout.readline()
    writer.stdout.readline()  # at least two entries written: kill it while it works on more
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    written = len(entry_files(root))
    assert 2 <= written < 12
    documents = list(load_corpus([corpus], extract=False))
    reader = ExtractionCache(root)
    assert dumped(list(load_corpus([corpus], cache=reader))) == fresh(documents)
    assert reader.hits == written and reader.misses == 12 - written


def test_size_limit_removes_least_recently_used(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", seeds_dir, 3)
    root = tmp_path / "cache"
    documents = list(load_corpus([corpus], extract=False))
    writer = ExtractionCache(root)
    for document in documents:
        writer.put(extract_document(document))
    paths = [writer.path_for(writer.key(document)) for document in documents]
    now = time.time()
    for age, path in enumerate(reversed(paths)):  # documents[0] is the oldest
        os.utime(path, (now - 1000 * age, now - 1000 * age))
    ExtractionCache(root).get(documents[1])  # a hit makes it the most recent
    sizes = {path: path.stat().st_size for path in paths}
    limit = sum(sizes.values()) - sizes[paths[0]] - 1  # two entries must go
    removed = ExtractionCache(root, limit=limit).prune()
    assert removed == 2
    remaining = set(entry_files(root))
    assert paths[0] not in remaining and paths[2] not in remaining
    assert paths[1] in remaining
    assert ExtractionCache(root).info().bytes <= limit


def test_load_prunes_after_writing(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = make_corpus(tmp_path / "corpus", seeds_dir, 3)
    root = tmp_path / "cache"
    cache = ExtractionCache(root, limit=20_000)
    assert len(list(load_corpus([corpus], cache=cache))) == 6
    info = ExtractionCache(root).info()
    assert 0 < info.entries < 6 and info.bytes <= 20_000


def test_stale_temp_files_are_removed(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "cache"
    list(load_corpus([seeds_dir], cache=ExtractionCache(root)))
    shard = entry_files(root)[0].parent
    stale, recent = shard / ".abc.json.x1.tmp", shard / ".abc.json.x2.tmp"
    stale.write_bytes(b"{half")
    recent.write_bytes(b"{half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    assert ExtractionCache(root).info().temporary == 2
    ExtractionCache(root).prune()
    assert not stale.exists() and recent.exists()  # a recent one may be another writer's


def test_unwritable_cache_still_extracts(tmp_path: Path, seeds_dir: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = ExtractionCache(blocker)
    documents = list(load_corpus([seeds_dir], cache=cache))
    assert dumped(documents) == fresh(list(load_corpus([seeds_dir], extract=False)))
    assert cache.written == 0


def test_parse_size() -> None:
    assert parse_size("500M") == 500 * 1024**2
    assert parse_size("1.5G") == int(1.5 * 1024**3)
    assert parse_size("2048") == 2048
    assert parse_size("10kb") == 10 * 1024
    with pytest.raises(AnnotatorError, match="ANNOTATOR_CACHE_LIMIT"):
        parse_size("lots")


def test_location_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_module.default_cache_dir() == tmp_path / "xdg" / "annotator"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_module.default_cache_dir() == tmp_path / "home" / ".cache" / "annotator"
    monkeypatch.setenv("ANNOTATOR_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_module.default_cache_dir() == tmp_path / "mine"


def _run(*arguments: str) -> str:
    result = CliRunner().invoke(main, list(arguments), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_cli_cache_info_clear_and_options(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "cli-cache"
    cold = _run("--cache-dir", str(root), "extract", str(seeds_dir), "--json")
    info = orjson.loads(_run("--cache-dir", str(root), "cache", "info", "--json"))
    assert info["path"] == str(root) and info["entries"] == 2 and info["bytes"] > 0
    warm = _run("--cache-dir", str(root), "extract", str(seeds_dir), "--json")
    assert warm == cold
    assert "entries  2" in _run("--cache-dir", str(root), "cache", "info")
    assert "removed 2 entries" in _run("--cache-dir", str(root), "cache", "clear")
    assert orjson.loads(_run("--cache-dir", str(root), "cache", "info", "--json"))["entries"] == 0
    other = tmp_path / "unused"
    uncached = _run("--cache-dir", str(other), "--no-cache", "extract", str(seeds_dir), "--json")
    assert uncached == cold
    assert not other.exists()


def test_cli_process_uses_environment_cache(tmp_path: Path, seeds_dir: Path) -> None:
    root = tmp_path / "env-cache"
    environment = {**os.environ, "ANNOTATOR_CACHE_DIR": str(root)}
    command = [sys.executable, "-m", "annotator", "extract", str(seeds_dir), "--json"]
    cold = subprocess.run(command, env=environment, capture_output=True, check=True)
    assert len(entry_files(root)) == 2
    warm = subprocess.run(command, env=environment, capture_output=True, check=True)
    assert warm.stdout == cold.stdout
