"""The export rendered on worker processes: the same bytes as one process for every format,
errors in the middle of the corpus reported after the documents before them, no worker left."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from annotator import parallel
from annotator.cli import main
from annotator.export import workers
from annotator.export.formats import EXPORT_FORMATS, write_export
from annotator.export.options import ExportOptions
from annotator.export.views import ExportSource
from annotator.pipeline import load_corpus
from annotator.scheme import find_scheme
from annotator.store import AnnotationStore

REPO_ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = REPO_ROOT / "annotations"
ARTICLES = REPO_ROOT / "benchmarks" / "corpus" / "articles"
VARIANTS = [(name, []) for name in EXPORT_FORMATS] + [("doccano", ["--doccano-plain"])]


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Small chunks (a small corpus makes many), and a count of the process pools started."""
    monkeypatch.setattr(workers, "CHUNK_DOCUMENTS", 2)
    started: list[int] = []

    class Counted(parallel.ProcessPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            started.append(1)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "ProcessPoolExecutor", Counted)
    return started


def corpus_folder(tmp_path: Path, seeds_dir: Path, articles: int = 8) -> Path:
    """The seeds and the first benchmark articles (JSON Lines files) in one folder."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*sorted(seeds_dir.glob("*.txt")), *sorted(ARTICLES.glob("*.jsonl"))[:articles]]:
        shutil.copy(path, folder / path.name)
    return folder


def export(arguments: list[str]) -> Any:
    return CliRunner().invoke(main, ["export", *arguments], catch_exceptions=False)


@pytest.mark.parametrize(("format_name", "extra"), VARIANTS)
def test_two_workers_write_the_bytes_of_one_for_every_format(
    format_name: str, extra: list[str], seeds_dir: Path, tmp_path: Path, pools: list[int]
) -> None:
    corpus = corpus_folder(tmp_path, seeds_dir)
    outputs = {}
    for count in (1, 2):
        target = tmp_path / f"out-{count}"
        result = export(
            ["--corpus", str(corpus), "--annotations", str(ANNOTATIONS), "--format",
             format_name, *extra, "--workers", str(count), "-o", str(target)]
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        outputs[count] = target.read_bytes()
    assert pools == [1]  # two workers started processes; one did not
    # and both are what the in-process writer makes of the same corpus
    store = AnnotationStore(ANNOTATIONS, scheme=find_scheme(ANNOTATIONS))
    documents = load_corpus([corpus], workers=1)
    source = ExportSource(corpus=documents, store=store, annotators=store.annotators())
    out = tmp_path / "in-process"
    with out.open("wb") as handle:
        write_export(format_name, source, handle, ExportOptions(doccano_relations=not extra))
    assert outputs[2] == outputs[1] == out.read_bytes()
    assert len(outputs[2]) > 50_000
    if format_name == "label-studio":  # tasks numbered across the chunks
        tasks = outputs[2].splitlines()[1:-1]  # one task per line between "[" and "]"
        numbers = [int(task.split(b",", 1)[0].removeprefix(b'{"id":')) for task in tasks]
        assert numbers == list(range(1, 11))


def test_seeds_alone_start_no_process(seeds_dir: Path, tmp_path: Path, pools: list[int]) -> None:
    assert workers.CHUNK_DOCUMENTS == 2  # the two seeds make one chunk
    target = tmp_path / "seeds.jsonl"
    result = export(
        ["--corpus", str(seeds_dir), "--annotations", str(ANNOTATIONS), "--format", "jsonl",
         "--workers", "2", "-o", str(target)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert pools == [] and target.stat().st_size > 10_000


def test_spawned_workers_write_the_same_bytes(
    seeds_dir: Path, tmp_path: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started fresh (spawn: a program with threads) render what forked ones do."""
    import multiprocessing

    corpus = corpus_folder(tmp_path, seeds_dir, articles=4)
    common = ["--corpus", str(corpus), "--annotations", str(ANNOTATIONS), "--format", "prodigy"]
    forked = export([*common, "--workers", "2"])
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    spawned = export([*common, "--workers", "2"])
    one = export([*common, "--workers", "1"])
    assert pools == [1, 1]
    assert forked.exit_code == spawned.exit_code == one.exit_code == 0
    assert spawned.stdout_bytes == forked.stdout_bytes == one.stdout_bytes
    assert len(spawned.stdout_bytes) > 100_000


def middle_error_corpus(tmp_path: Path, seeds_dir: Path) -> tuple[Path, Path]:
    """A corpus whose 6th document (by name) is a binary file, and the corpus before it."""
    corpus = corpus_folder(tmp_path, seeds_dir)
    names = sorted(path.name for path in corpus.iterdir())
    bad = corpus / (Path(names[5]).stem + "x.txt")  # sorts right after the 6th
    bad.write_bytes(b"abc\x00\x00def")
    before = tmp_path / "before"
    before.mkdir()
    for name in names[:6]:
        shutil.copy(corpus / name, before / name)
    return corpus, before


@pytest.mark.parametrize("format_name", EXPORT_FORMATS)
def test_a_bad_file_in_the_middle_with_two_workers(
    format_name: str, seeds_dir: Path, tmp_path: Path, pools: list[int]
) -> None:
    corpus, before = middle_error_corpus(tmp_path, seeds_dir)
    common = ["--annotations", str(ANNOTATIONS), "--format", format_name]
    result = export(["--corpus", str(corpus), *common, "--workers", "2"])
    assert pools == [1]
    assert result.exit_code == 1
    bad = next(corpus.glob("*x.txt"))
    assert result.stderr == (
        f"annotator: error: {bad}: looks like a binary file (contains NUL bytes), not an article\n"
    )
    # standard output holds every document before the bad one, as one worker writes them
    one = export(["--corpus", str(corpus), *common, "--workers", "1"])
    assert one.exit_code == 1 and one.stderr == result.stderr
    assert result.stdout_bytes == one.stdout_bytes
    complete = export(["--corpus", str(before), *common, "--workers", "1"]).stdout_bytes
    complete = complete.replace(str(before).encode(), str(corpus).encode())  # the sources
    if format_name in ("json", "label-studio"):  # the list is left open
        tail = {"json": b"\n]}\n", "label-studio": b"\n]\n"}[format_name]
        assert complete == result.stdout_bytes + tail
    else:
        assert complete == result.stdout_bytes
    # a file target is left as it was
    target = tmp_path / "old.out"
    target.write_bytes(b"old")
    again = export(["--corpus", str(corpus), *common, "--workers", "2", "-o", str(target)])
    assert again.exit_code == 1 and target.read_bytes() == b"old"


def test_a_broken_annotation_file_in_the_middle_with_two_workers(
    seeds_dir: Path, tmp_path: Path, pools: list[int]
) -> None:
    corpus = corpus_folder(tmp_path, seeds_dir, articles=10)
    annotations = tmp_path / "annotations"
    shutil.copytree(ANNOTATIONS, annotations)
    documents = list(load_corpus([corpus], extract=False))
    assert len(documents) == 12
    broken = annotations / "bob" / f"{documents[6].id}.json"  # the 7th document's file
    broken.write_text('{"broken": ')
    common = ["--corpus", str(corpus), "--annotations", str(annotations), "--format", "jsonl"]
    two = export([*common, "--workers", "2"])
    one = export([*common, "--workers", "1"])
    assert pools == [1]
    assert two.exit_code == one.exit_code == 1
    assert two.stderr == one.stderr
    assert two.stderr.startswith(f"annotator: error: {broken}: not valid JSON")
    assert two.stdout_bytes == one.stdout_bytes
    lines = two.stdout_bytes.splitlines()
    written = {line.split(b'"document_id":"')[1].split(b'"')[0].decode() for line in lines}
    assert written == {document.id for document in documents[:6]}  # not it nor any after


def test_first_document_unreadable_leaves_stdout_empty(
    seeds_dir: Path, tmp_path: Path, pools: list[int]
) -> None:
    corpus = corpus_folder(tmp_path, seeds_dir)
    (corpus / "0000-first.txt").write_bytes(b"\xff\xfe\x00bad")
    for format_name in ("json", "label-studio", "csv"):
        result = export(
            ["--corpus", str(corpus), "--annotations", str(ANNOTATIONS), "--format",
             format_name, "--workers", "2"]
        )  # fmt: skip
        assert result.exit_code == 1
        assert result.stdout_bytes == b""
        assert "0000-first.txt: is UTF-16 text" in result.stderr


def test_duplicate_id_in_the_middle_with_two_workers(
    seeds_dir: Path, tmp_path: Path, pools: list[int]
) -> None:
    corpus = corpus_folder(tmp_path, seeds_dir)
    first = sorted(corpus.glob("*.jsonl"))[0]
    shutil.copy(first, corpus / "zz-again.jsonl")
    common = ["--corpus", str(corpus), "--annotations", str(ANNOTATIONS), "--format", "csv"]
    two = export([*common, "--workers", "2"])
    one = export([*common, "--workers", "1"])
    assert two.exit_code == one.exit_code == 1
    assert "already used by" in two.stderr and two.stderr == one.stderr
    assert two.stdout_bytes == one.stdout_bytes and len(two.stdout_bytes) > 10_000


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
@pytest.mark.parametrize("how", ["kill parent", "ctrl-c", "kill worker"])
def test_a_killed_or_interrupted_export_leaves_no_worker(
    how: str, seeds_dir: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(ARTICLES.glob("*.jsonl")):
        shutil.copy(path, corpus / path.name)
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "export", "--corpus", str(corpus), "--annotations",
         str(tmp_path / "none"), "--format", "prodigy", "--workers", "2", "-o",
         str(tmp_path / "out")],
        stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    found: list[int] = []
    while time.monotonic() < deadline and len(found) < 2 and process.poll() is None:
        found = children(process.pid)
        time.sleep(0.05)
    assert len(found) >= 2, "the export started no workers"
    if how == "ctrl-c":  # the terminal sends it to the whole process group
        os.killpg(process.pid, signal.SIGINT)
    elif how == "kill parent":
        process.send_signal(signal.SIGKILL)
    else:
        os.kill(found[0], signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode != 0
    assert process.stderr is not None
    stderr = process.stderr.read()
    if how == "kill worker":
        assert process.returncode == 1
        assert stderr.startswith(b"annotator: error: an export worker died")
    stopped = time.monotonic() + 10
    while time.monotonic() < stopped and any(alive(pid) for pid in found):
        time.sleep(0.1)
    assert not any(alive(pid) for pid in found)
    assert not (tmp_path / "out").exists()
    if how == "ctrl-c":
        assert b"Traceback" not in stderr
