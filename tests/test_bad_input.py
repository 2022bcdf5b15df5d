"""Bad input the tool must survive: one clear line naming the file, exit 1, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.corpus import iter_documents
from annotator.errors import AnnotatorError
from annotator.models import DEFAULT_SCHEME, AnnotationFile, QuoteLabel, sha256_text
from annotator.pipeline import load_corpus
from annotator.store import AnnotationStore

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED_ID = "000_f0025863dcde12f7"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def assert_one_line_error(result: Result, path: Path, reason: str) -> None:
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(f"annotator: error: {path}: ")
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


# --------------------------------------------------------------------------- articles


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file: no article text"),
        (b" \n\r\n\t\n", "empty file: no article text"),
        ("“Cheap” talk in Seoul.\n".encode("cp1252"), "not UTF-8 (byte 0x93 on line 1)"),
        (b"Line one is fine.\nLine two: caf\xe9\n", "not UTF-8 (byte 0xe9 on line 2)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "looks like a binary file"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", "looks like a binary file"),
        ("“Cheap” talk in Seoul.\n".encode("utf-16"), "is UTF-16 text; save it as UTF-8 (UTF-16)"),
        ("Cheap talk in Seoul.\n".encode("utf-16-le"), "UTF-16 text; save it as UTF-8 (UTF-16LE)"),
        ("Cheap talk in Seoul.\n".encode("utf-16-be"), "UTF-16 text; save it as UTF-8 (UTF-16BE)"),
    ],
)
def test_unreadable_article(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert_one_line_error(run("corpus", str(path)), path, reason)
    assert_one_line_error(run("corpus", "--json", str(tmp_path)), path, reason)
    validate = run("validate", str(path))
    assert validate.exit_code == 1
    assert validate.stderr.splitlines()[0].startswith(f"{path}: ")
    assert path.read_bytes() == content  # nothing changed


def test_twenty_megabyte_article_loads(tmp_path: Path) -> None:
    """Speed and memory are measured in benchmarks/corpus_load.py; this checks the result."""
    raw = (SEEDS / "002_ca6aa25ebd0c7d75.txt").read_text(encoding="utf-8")
    copies = 20_000_000 // len(raw.encode("utf-8")) + 1
    path = tmp_path / "huge.txt"
    path.write_text("\n".join([raw] * copies), encoding="utf-8")
    assert path.stat().st_size >= 20_000_000
    result = run("corpus", "--json", str(path))
    assert result.exit_code == 0, result.stderr
    (row,) = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert row["id"] == "huge"
    assert row["characters"] > 19_000_000
    assert row["headings"] >= 4 * (copies - 1)


BRACKETS_TITLE = "[bold]Red[/bold] alert: [link=https://x.y]Seoul[/link] and [/] [red on white]"
BRACKETS_ARTICLE = (
    f"{BRACKETS_TITLE}\n\nBy [i]Jane[/i] Roe\n\nThe Daily [Example], May 3, 2024\n\n"
    "The envoy said “[inaudible] we will [not] choose” and [b]left[/b] the room [sic].\n\n"
    "A second paragraph mentions [1] a footnote and [[double]] brackets, plus [/red].\n\n"
    "A third paragraph closes with [bold] still open and nothing else at all.\n"
)


def test_bracket_text_is_kept_literally(tmp_path: Path) -> None:
    path = tmp_path / "brackets.txt"
    path.write_text(BRACKETS_ARTICLE, encoding="utf-8")
    (document,) = iter_documents([path])
    assert document.title == BRACKETS_TITLE
    assert document.author == "[i]Jane[/i] Roe"
    assert document.text.split("\n\n") == BRACKETS_ARTICLE.strip().split("\n\n")[3:]


def test_bracket_text_is_not_markup_in_the_table(tmp_path: Path) -> None:
    path = tmp_path / "brackets.txt"
    path.write_text(BRACKETS_ARTICLE, encoding="utf-8")
    executable = Path(sys.executable).parent / "annotator"
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "annotator"]
    result = subprocess.run(
        [*command, "corpus", str(path)],
        capture_output=True,
        text=True,
        env=os.environ | {"COLUMNS": "400"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert BRACKETS_TITLE in result.stdout
    assert "[i]Jane[/i] Roe" in result.stdout


def test_bracket_file_name_in_an_error_is_literal(tmp_path: Path) -> None:
    path = tmp_path / "[red]oops[bold].txt"
    path.write_bytes(b"")
    assert_one_line_error(run("corpus", str(path)), path, "empty file")


# --------------------------------------------------------------------------- annotation files


@pytest.fixture(scope="module")
def seed_text() -> str:
    return next(iter(iter_documents([SEEDS / f"{SEED_ID}.txt"]))).text


@pytest.fixture
def good_file(tmp_path: Path, seed_text: str) -> Path:
    # a quote the extractor proposes, so that validate --corpus finds the label in place
    document = next(load_corpus([SEEDS / f"{SEED_ID}.txt"]))
    assert document.text == seed_text
    quote = next(quote for quote in document.quotes if "very important" in quote.text)
    annotation = AnnotationFile(
        annotator="alice",
        document_id=SEED_ID,
        document_sha256=sha256_text(seed_text),
        scheme=DEFAULT_SCHEME.ref,
        labels=[QuoteLabel.for_quote(quote, stance="balancing")],
    )
    with AnnotationStore(tmp_path / "annotations").open_writer("alice") as writer:
        return writer.save(annotation)


def break_file(
    path: Path, change: dict[str, object] | None = None, raw: bytes | None = None
) -> bytes:
    if raw is None:
        data = orjson.loads(path.read_bytes())
        for key, value in (change or {}).items():
            if key.startswith("label."):
                data["labels"][0][key.removeprefix("label.")] = value
            else:
                data[key] = value
        raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    path.write_bytes(raw)
    return raw


def validate_one_problem(path: Path, expected: str) -> None:
    result = run("validate", "--corpus", str(SEEDS), str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [expected, "0 of 1 files valid"]


def test_good_annotation_file_validates(good_file: Path) -> None:
    result = run("validate", "--corpus", str(SEEDS), str(good_file))
    assert result.exit_code == 0, result.stderr


def test_truncated_annotation_json(good_file: Path) -> None:
    raw = break_file(good_file, raw=good_file.read_bytes()[:100])
    result = run("validate", "--corpus", str(SEEDS), str(good_file))
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{good_file}: not valid JSON (line ")
    assert good_file.read_bytes() == raw


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"labels": "balancing"}, "$.labels: Input should be a valid list"),
        ({"label.flagged": [1]}, "$.labels[0].flagged: Input should be a valid boolean"),
        ({"schema_version": "one"}, "$.schema_version: missing or non-integer schema_version"),
        ({"document_id": 42}, "$.document_id: Input should be a valid string"),
    ],
)
def test_annotation_with_wrong_type(good_file: Path, change: dict[str, object], where: str) -> None:
    raw = break_file(good_file, change)
    validate_one_problem(good_file, f"{good_file}: {where}")
    assert good_file.read_bytes() == raw


def test_annotation_with_unknown_label(good_file: Path) -> None:
    raw = break_file(good_file, {"label.stance": "pro-Russia"})
    result = run("validate", "--corpus", str(SEEDS), str(good_file))
    assert result.exit_code == 1
    (problem, summary) = result.stderr.splitlines()
    assert problem.startswith(f"{good_file}: ")
    assert "stance 'pro-Russia' is not in scheme default" in problem
    assert summary == "0 of 1 files valid"
    assert good_file.read_bytes() == raw


def test_annotation_with_span_outside_the_text(good_file: Path, seed_text: str) -> None:
    end = len(seed_text) + 50
    quote = {"start": end - 10, "end": end, "text": "x" * 10, "kind": "direct", "extractor": "t"}
    raw = break_file(good_file, {"label.quote_id": f"q{end - 10}-{end}", "label.quote": quote})
    validate_one_problem(
        good_file,
        f"{good_file}: $.labels[0].quote_id: quote q{end - 10}-{end} lies outside the text "
        f"({len(seed_text)} characters)",
    )
    assert good_file.read_bytes() == raw


def test_annotation_with_path_like_annotator_name(good_file: Path) -> None:
    raw = break_file(good_file, {"annotator": "../../x"})
    result = run("validate", "--corpus", str(SEEDS), str(good_file))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"{good_file}: $.annotator: ")
    assert good_file.read_bytes() == raw


def test_path_like_annotator_name_writes_nothing_outside_the_folder(tmp_path: Path) -> None:
    root = tmp_path / "deep" / "annotations"
    root.mkdir(parents=True)
    store = AnnotationStore(root)
    before = sorted(tmp_path.rglob("*"))
    for name in ("../../x", "../x", "x/../../y"):
        with pytest.raises(AnnotatorError, match="invalid annotator name"):
            store.path_for(name, SEED_ID)
        with pytest.raises(AnnotatorError, match="invalid annotator name"):
            store.open_writer(name)
    assert sorted(tmp_path.rglob("*")) == before
    assert not (tmp_path / "x").exists()


def test_unreadable_annotation_file_is_not_overwritten(good_file: Path, seed_text: str) -> None:
    raw = break_file(good_file, raw=good_file.read_bytes()[:100])
    store = AnnotationStore(good_file.parent.parent)
    annotation = AnnotationFile(
        annotator="alice",
        document_id=SEED_ID,
        document_sha256="0" * 64,
        scheme=DEFAULT_SCHEME.ref,
    )
    with (
        store.open_writer("alice") as writer,
        pytest.raises(AnnotatorError, match="not overwritten"),
    ):
        writer.save(annotation)
    assert good_file.read_bytes() == raw


def test_a_utf16_jsonl_corpus_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [orjson.dumps({"id": f"doc-{n}", "text": "He said “no.”"}).decode() for n in range(3)]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    assert_one_line_error(run("corpus", str(path)), path, "is UTF-16 text; save it as UTF-8")


# --------------------------------------------------------------------------- the machine's errors


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_export_on_a_full_disk_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from annotator import atomic

    output = tmp_path / "out.json"
    output.write_bytes(b"old export\n")
    monkeypatch.setattr(atomic.os, "replace", no_space)
    result = run(
        "export", "--corpus", str(SEEDS), "--annotations", str(tmp_path), "-o", str(output)
    )
    assert_one_line_error(result, output, "cannot write: the disk is full; free some space")
    assert output.read_bytes() == b"old export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_export_to_a_name_too_long_is_one_line(tmp_path: Path) -> None:
    output = tmp_path / ("x" * 300 + ".json")
    result = run(
        "export", "--corpus", str(SEEDS), "--annotations", str(tmp_path), "-o", str(output)
    )
    assert_one_line_error(result, output, "the path is too long; use a shorter folder or file name")


def test_label_on_a_full_disk_is_one_line_and_keeps_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator import atomic

    annotations = tmp_path / "annotations"
    common = ["label", SEED_ID, "1", "--annotator", "alice", "--annotations", str(annotations)]
    assert run(*common, "--stance", "neutral").exit_code == 0
    path = annotations / "alice" / f"{SEED_ID}.json"
    before = path.read_bytes()
    monkeypatch.setattr(atomic.os, "fsync", no_space)
    assert_one_line_error(run(*common, "--stance", "pro-US"), path, "the disk is full")
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_an_unreadable_article_names_the_file_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "article.txt"
    path.write_text("He said “no.”\n", encoding="utf-8")
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert_one_line_error(run("corpus", str(path)), path, "cannot read: permission denied")


def test_any_other_os_error_in_a_command_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.commands import export

    broken = tmp_path / "corpus"

    def io_error(*arguments: object) -> None:
        raise OSError(5, "Input/output error", str(broken))

    monkeypatch.setattr(export, "export_corpus", io_error)
    result = run("export", "--annotations", str(tmp_path))
    assert_one_line_error(result, broken, "input/output error; check the disk")
