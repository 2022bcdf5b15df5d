"""The command line: --help, corpus (table and JSON Lines), validate, schema --check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.corpus import iter_documents, word_count
from annotator.models import DEFAULT_SCHEME, AnnotationFile, QuoteLabel
from annotator.pipeline import load_corpus
from annotator.schemas import render_schemas
from annotator.store import AnnotationStore

REPO = Path(__file__).resolve().parent.parent
SEED_IDS = ["000_f0025863dcde12f7", "002_ca6aa25ebd0c7d75"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(REPO)
    return REPO


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("corpus", "validate", "schema", "annotate"):
        assert f"  {command} " in result.stdout
    assert run("corpus", "--help").exit_code == 0
    assert "--json" in run("validate", "--help").stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.stderr


# --------------------------------------------------------------------------- corpus


def test_corpus_json_lines_on_default_seeds(in_repo: Path) -> None:
    result = run("corpus", "--json")
    assert result.exit_code == 0, result.stderr
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    documents = list(iter_documents([in_repo / "seeds"]))
    assert [row["id"] for row in rows] == SEED_IDS
    for row, document in zip(rows, documents, strict=True):
        assert row["paragraphs"] == len(document.paragraphs()) > 10
        assert row["words"] == word_count(document.text) > 1000
        assert row["headings"] == len(document.headings)
        assert row["characters"] == len(document.text)
    first, second = rows
    assert first["author"] == "Dr. Konstantin Asmolov"
    assert first["outlet"] == "Asia-Pacific Research"
    assert first["published"] == "2021-04-26"
    assert first["title"].startswith("China-South Korea Relations: Two Parallel Visits")
    assert first["region"] == ["China", "East Asia", "USA"]
    assert second["title"] is None and second["headings"] == 4


def test_corpus_table_shows_ids_in_full_and_metadata(in_repo: Path) -> None:
    result = run("corpus")
    assert result.exit_code == 0, result.stderr
    assert "2 documents" in result.stdout
    for document_id in SEED_IDS:
        assert document_id in result.stdout
    for column in ("id", "title", "author", "outlet", "words"):
        assert column in result.stdout
    words = str(word_count(next(iter(iter_documents([in_repo / "seeds"]))).text))
    assert words in result.stdout


def test_corpus_of_a_jsonl_file_and_a_single_file(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(
        b'{"id": "b-1", "text": "One. Two three.\\n\\nFour five six.", "outlet": "KT"}\n'
        b'{"id": "a-2", "text": "Seven eight."}\n'
    )
    result = run("corpus", "--json", str(corpus))
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [(r["id"], r["paragraphs"], r["words"], r["outlet"]) for r in rows] == [
        ("b-1", 2, 6, "KT"),
        ("a-2", 1, 2, None),
    ]


def test_corpus_on_missing_path_is_one_line(tmp_path: Path) -> None:
    result = run("corpus", str(tmp_path / "nowhere"))
    assert result.exit_code == 1
    assert result.stderr == f"annotator: error: {tmp_path / 'nowhere'}: no such file or folder\n"


# --------------------------------------------------------------------------- schema


def test_schema_check_passes_in_the_repository(in_repo: Path) -> None:
    result = run("schema", "--check")
    assert result.exit_code == 0, result.stderr
    assert "up to date" in result.stdout


def test_schema_check_fails_on_stale_files_then_schema_writes_them(tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    result = run("schema", "--check", "--dir", str(folder))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == len(render_schemas())
    assert all("stale or missing; run `annotator schema`" in line for line in lines)
    assert run("schema", "--dir", str(folder)).exit_code == 0
    assert {path.name for path in folder.iterdir()} == set(render_schemas())
    assert run("schema", "--check", "--dir", str(folder)).exit_code == 0
    (folder / "document.schema.json").write_bytes(b"{}\n")
    result = run("schema", "--check", "--dir", str(folder))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{folder / 'document.schema.json'}: stale or missing; run `annotator schema`"
    ]


# --------------------------------------------------------------------------- validate


def save_annotation(root: Path, annotator: str, stance: str = "neutral") -> Path:
    # a quote the extractor proposes, so that validate --corpus finds the label in place
    document = next(load_corpus([REPO / "seeds"]))
    quote = next(quote for quote in document.quotes if "very important" in quote.text)
    annotation = AnnotationFile(
        annotator=annotator,
        document_id=document.id,
        document_sha256=document.sha256,
        scheme=DEFAULT_SCHEME.ref,
        labels=[QuoteLabel.for_quote(quote, stance=stance)],
    )
    with AnnotationStore(root).open_writer(annotator) as writer:
        return writer.save(annotation)


def test_validate_seed_articles(in_repo: Path) -> None:
    result = run("validate", "seeds")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "2 of 2 files valid"


def test_validate_valid_annotation_folder(tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    save_annotation(root, "alice")
    save_annotation(root, "bob", stance="pro-US")
    result = run("validate", "--corpus", str(REPO / "seeds"), str(root))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "2 of 2 files valid"
    result = run("validate", "--json", "--corpus", str(REPO / "seeds"), str(root))
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [(row["valid"], row["kind"]) for row in rows] == [(True, "annotation")] * 2


def test_validate_reports_one_line_per_problem(tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    good = save_annotation(root, "alice")
    truncated = root / "bob" / good.name
    truncated.parent.mkdir()
    truncated.write_bytes(good.read_bytes()[:-40])
    wrong_type = root / "carol" / good.name
    wrong_type.parent.mkdir()
    data = orjson.loads(good.read_bytes())
    data["annotator"] = "carol"
    data["labels"][0]["seconds"] = "a while"
    wrong_type.write_bytes(orjson.dumps(data))
    result = run("validate", "--corpus", str(REPO / "seeds"), str(root))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[1:] == [
        f"{wrong_type}: $.labels[0].seconds: Input should be a valid number, "
        "unable to parse string as a number",
        "1 of 3 files valid",
    ]
    assert lines[0].endswith(": unexpected end of data)")
    assert lines[0].startswith(f"{truncated}: not valid JSON (line ")
    result = run("validate", "--json", "--corpus", str(REPO / "seeds"), str(root))
    assert result.exit_code == 1
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [row["valid"] for row in rows] == [True, False, False]
    assert rows[2]["error"].startswith(f"{wrong_type}: $.labels[0].seconds")


def test_validate_missing_path_and_no_arguments(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nothing.json"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "no such file or folder" in result.stderr
    assert run("validate").exit_code == 2


# --------------------------------------------------------------------------- the real executable


def test_installed_command_prints_one_line_errors_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 society in Seoul is a long-running story.\n".encode("latin-1"))
    executable = Path(sys.executable).parent / "annotator"
    command = [str(executable)] if executable.exists() else [sys.executable, "-m", "annotator"]
    result = subprocess.run(
        [*command, "corpus", str(bad)],
        capture_output=True,
        text=True,
        env=os.environ | {"COLUMNS": "60"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr  # not wrapped at 60 columns
    assert result.stderr.startswith(f"annotator: error: {bad}: not UTF-8 (byte 0xe9 on line 1)")
    assert "Traceback" not in result.stderr


def test_validate_document_files(tmp_path: Path) -> None:
    documents = list(iter_documents([REPO / "seeds"]))
    single = tmp_path / "doc.json"
    single.write_bytes(orjson.dumps(documents[0].model_dump(mode="json")))
    lines = tmp_path / "docs.jsonl"
    lines.write_bytes(b"".join(orjson.dumps(d.model_dump(mode="json")) + b"\n" for d in documents))
    result = run("validate", "--json", str(single), str(lines))
    assert result.exit_code == 0, result.stdout
    rows = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert [row["kind"] for row in rows] == ["document", "documents"]

    tampered = documents[1].model_dump(mode="json") | {"text": documents[1].text + " Extra."}
    with lines.open("ab") as handle:
        handle.write(orjson.dumps(tampered) + b"\n")
    result = run("validate", str(lines))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{lines}:3: $: sha256 does not match the text",
        "0 of 1 files valid",
    ]


def test_validate_reports_annotation_made_on_another_text_version(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc.txt").write_text(
        "Kim said the talks went well. Lee disagreed.\n", encoding="utf-8"
    )
    annotations = tmp_path / "annotations"
    store = AnnotationStore(annotations)
    with store.open_writer("alice") as writer:
        path = writer.save(
            AnnotationFile(
                annotator="alice",
                document_id="doc",
                document_sha256="0" * 64,
                scheme=DEFAULT_SCHEME.ref,
            )
        )
    result = CliRunner().invoke(main, ["validate", "--corpus", str(corpus), str(path)])
    assert result.exit_code == 1
    assert (
        "$.document_sha256" in result.output
        and "another version of document 'doc'" in result.output
    )


def test_validate_reports_labels_not_proposed_and_labels_whose_text_moved(tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    path = save_annotation(root, "alice")
    data = orjson.loads(path.read_bytes())
    label = data["labels"][0]
    text = next(load_corpus([REPO / "seeds"], extract=False)).text
    # a label on a span nobody proposed or added (its text is the document's), and a label
    # whose saved text is not what the document holds at its offsets
    start = text.index("Conservatives")
    unproposed = {
        **label,
        "quote_id": f"q{start}-{start + 13}",
        "quote": {**label["quote"], "start": start, "end": start + 13, "text": "Conservatives"},
    }
    moved_start = label["quote"]["start"] + 1
    moved_end = label["quote"]["end"] + 1
    moved = {
        **label,
        "quote_id": f"q{moved_start}-{moved_end}",
        "quote": {**label["quote"], "start": moved_start, "end": moved_end},
    }
    data["labels"] = [label, moved, unproposed]
    path.write_bytes(orjson.dumps(data))
    result = run("validate", "--corpus", str(REPO / "seeds"), str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: $.labels[1].quote.text: the saved text of quote q{moved_start}-{moved_end} "
        f"no longer matches document {data['document_id']!r} at {moved_start}-{moved_end}",
        f"{path}: $.labels[2].quote_id: quote q{start}-{start + 13} is neither proposed by the "
        "extractor nor added by the annotator",
        "0 of 1 files valid",
    ]


def test_corpus_on_an_empty_folder_fails_with_a_clear_message(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.pdf").write_bytes(b"%PDF")  # not a corpus file
    for extra in ([], ["--json"]):
        result = CliRunner().invoke(main, ["corpus", str(empty), *extra])
        assert result.exit_code == 1
        assert result.output.strip() == (
            f"annotator: error: {empty}: no documents found (a corpus is .txt, .md or .jsonl "
            "files, or a folder of them)"
        )
    empty_jsonl = tmp_path / "none.jsonl"
    empty_jsonl.write_text("\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["corpus", str(empty_jsonl)]).exit_code == 1
