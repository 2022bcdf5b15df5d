"""`annotator label`: the UI's labelling actions from the command line, saved like key presses."""

from __future__ import annotations

from pathlib import Path

import orjson
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.store import load_annotation_file

SEED_ID = "000_f0025863dcde12f7"


def run(seeds_dir: Path, annotations: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main,
        [
            "label",
            SEED_ID,
            *args,
            "--annotator",
            "alice",
            "--corpus",
            str(seeds_dir),
            "--annotations",
            str(annotations),
        ],
    )


def listed(seeds_dir: Path, annotations: Path) -> list[dict[str, object]]:
    result = run(seeds_dir, annotations, "--json")
    assert result.exit_code == 0, result.output
    return [orjson.loads(line) for line in result.output.splitlines()]


def test_label_sets_and_saves_every_field(seeds_dir: Path, annotations_dir: Path) -> None:
    quotes = listed(seeds_dir, annotations_dir)
    assert len(quotes) >= 10 and all(row["stance"] is None for row in quotes)
    second = quotes[1]
    result = run(
        seeds_dir,
        annotations_dir,
        "2",
        "--stance",
        "balancing",
        "--sentiment",
        "positive",
        "--outlet",
        "Yonhap",
        "--note",
        "check the source",
        "--flag",
    )
    assert result.exit_code == 0, result.output
    saved = load_annotation_file(annotations_dir / "alice" / f"{SEED_ID}.json")
    (label,) = saved.labels
    assert label.quote_id == second["quote_id"]
    assert (label.stance, label.sentiment, label.outlet, label.note, label.flagged) == (
        "balancing",
        "positive",
        "Yonhap",
        "check the source",
        True,
    )
    assert label.speaker is None  # untouched: still "as extracted"

    # setting the same stance again keeps it (the CLI never toggles), --unflag clears the flag
    result = run(
        seeds_dir, annotations_dir, str(second["quote_id"]), "--stance", "balancing", "--unflag"
    )
    assert result.exit_code == 0, result.output
    (label,) = load_annotation_file(annotations_dir / "alice" / f"{SEED_ID}.json").labels
    assert label.stance == "balancing" and not label.flagged
    assert listed(seeds_dir, annotations_dir)[1]["stance"] == "balancing"


def test_delete_restore_and_add(seeds_dir: Path, annotations_dir: Path) -> None:
    first = listed(seeds_dir, annotations_dir)[0]
    assert run(seeds_dir, annotations_dir, "1", "--delete").exit_code == 0
    path = annotations_dir / "alice" / f"{SEED_ID}.json"
    assert load_annotation_file(path).deleted_quotes == [first["quote_id"]]
    assert first["quote_id"] not in {row["quote_id"] for row in listed(seeds_dir, annotations_dir)}
    assert run(seeds_dir, annotations_dir, str(first["quote_id"]), "--restore").exit_code == 0
    assert load_annotation_file(path).deleted_quotes == []

    result = run(seeds_dir, annotations_dir, "--add", "0:19", "--stance", "neutral", "--json")
    assert result.exit_code == 0, result.output
    added = load_annotation_file(path).added_quotes
    assert [quote.id for quote in added] == ["q0-19"] and added[0].origin == "manual"
    assert orjson.loads(result.output)["stance"] == "neutral"


def test_label_errors_are_one_line_and_save_nothing(seeds_dir: Path, annotations_dir: Path) -> None:
    for args, message in [
        (("2", "--stance", "pro-Mars"), "'pro-Mars' is not a stance"),
        (("9999", "--stance", "neutral"), "has quotes 1-"),
        (("q1-2", "--stance", "neutral"), "has no quote 'q1-2'"),
        (("--add", "5-9"), "expected START:END"),
        (("--stance", "neutral"), "say which quote"),
    ]:
        result = run(seeds_dir, annotations_dir, *args)
        assert result.exit_code == 1, args
        assert message in result.output and len(result.output.strip().splitlines()) == 1
    assert not (annotations_dir / "alice" / f"{SEED_ID}.json").exists()

    bad_name = CliRunner().invoke(
        main, ["label", SEED_ID, "--annotator", "../x", "--annotations", str(annotations_dir)]
    )
    assert bad_name.exit_code == 1 and "invalid annotator name" in bad_name.output
