"""Extraction on the bundled seed articles, and the ``annotator extract`` command."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli import main
from annotator.models import Document, QuoteKind
from annotator.pipeline import load_corpus


def _seed(seeds_dir: Path, prefix: str) -> Document:
    return next(doc for doc in load_corpus([seeds_dir]) if doc.id.startswith(prefix))


def test_seed_quotes_are_sorted_unique_and_valid(seeds_dir: Path) -> None:
    for document in load_corpus([seeds_dir]):
        assert document.quotes
        starts = [quote.start for quote in document.quotes]
        assert starts == sorted(starts)
        assert len({quote.id for quote in document.quotes}) == len(document.quotes)
        Document.model_validate_json(document.model_dump_json())


def test_seed_attribution_examples_from_the_issue(seeds_dir: Path) -> None:
    document = _seed(seeds_dir, "000_")
    by_start = {document.text[quote.start : quote.start + 30]: quote for quote in document.quotes}
    herald = next(q for q in document.quotes if q.text.startswith("North Korea’s reasonable"))
    assert (herald.speaker, herald.outlet) == ("Wang Yi", "Korea Herald")
    times = next(q for q in document.quotes if q.text.startswith("Seoul is trying to enlist"))
    assert (times.speaker, times.outlet, times.kind) == (
        "Korea Times",
        "Korea Times",
        QuoteKind.INDIRECT,
    )
    mixed = next(q for q in document.quotes if q.text.startswith("the two sides favor"))
    assert (mixed.speaker, mixed.kind) == ("Wang Yi", QuoteKind.MIXED)
    horn = next(q for q in document.quotes if q.text.startswith("the meeting provided"))
    assert horn.speaker == "Emily Horn"
    assert horn.speaker_role == "National Security Council spokeswoman"
    scare = next(q for q in document.quotes if q.text == "deterring")
    assert scare.confidence < 0.5
    assert by_start


def test_seed_entities_include_speakers_and_outlets(seeds_dir: Path) -> None:
    document = _seed(seeds_dir, "000_")
    names = {entity.name: entity for entity in document.entities}
    assert {"Wang Yi", "Chung Eui-yong", "Suh Hoon", "Korea Herald", "Korea Times"} <= set(names)
    assert "Wang" in names["Wang Yi"].aliases
    assert names["Korea Herald"].kind.value == "outlet"


def test_extract_command_table(seeds_dir: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(seeds_dir), "--entities"])
    assert result.exit_code == 0, result.output
    assert "000_f0025863dcde12f7" in result.output
    assert "Korea Herald" in result.output
    assert "entities" in result.output


def test_extract_command_json_lines_validate(seeds_dir: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(seeds_dir), "--json"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    documents = [Document.model_validate_json(line) for line in lines]
    assert len(documents) == 2
    assert all(document.quotes for document in documents)


def test_extract_command_markup_in_text_is_not_interpreted(tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text(
        "Mayor Tom Reyes said that “[bold red]the bridge[/bold red] will open in June.”\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert "[bold red]the" in result.output


def test_extract_command_bad_path_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
