"""`annotator label`: the UI's labelling actions from the command line, saved like key presses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner, Result

from annotator.cli import main
from annotator.store import AnnotationStore, AnnotationWriter, load_annotation_file

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


def test_listing_takes_no_lock_and_never_writes(seeds_dir: Path, annotations_dir: Path) -> None:
    assert run(seeds_dir, annotations_dir, "1", "--stance", "neutral").exit_code == 0
    path = annotations_dir / "alice" / f"{SEED_ID}.json"
    raw, mtime = path.read_bytes(), path.stat().st_mtime_ns
    # alice has the document open in the UI: listing still works
    with AnnotationStore(annotations_dir).open_writer("alice"):
        rows = listed(seeds_dir, annotations_dir)
        table = run(seeds_dir, annotations_dir)
        assert table.exit_code == 0 and "1/" in table.output
        changing = run(seeds_dir, annotations_dir, "2", "--stance", "neutral")
        assert changing.exit_code == 1 and "already being edited" in changing.output
    assert rows[0]["stance"] == "neutral"
    assert path.read_bytes() == raw and path.stat().st_mtime_ns == mtime


def test_several_options_are_one_write(
    seeds_dir: Path, annotations_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writes: list[int] = []
    original = AnnotationWriter.write

    def counting(self: AnnotationWriter, annotation: Any) -> Any:
        writes.append(len(annotation.labels))
        return original(self, annotation)

    monkeypatch.setattr(AnnotationWriter, "write", counting)
    result = run(
        seeds_dir, annotations_dir, "2", "--stance", "pro-US", "--sentiment", "negative",
        "--note", "one call", "--flag", "--speaker", "Someone",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert writes == [1]
    (label,) = load_annotation_file(annotations_dir / "alice" / f"{SEED_ID}.json").labels
    assert (label.stance, label.sentiment, label.note, label.flagged, label.speaker) == (
        "pro-US", "negative", "one call", True, "Someone",
    )  # fmt: skip
    # one bad option: nothing of the call is applied
    failing = run(seeds_dir, annotations_dir, "3", "--stance", "neutral", "--sentiment", "ecstatic")
    assert failing.exit_code == 1 and "nothing was saved" in failing.output
    assert writes == [1]
    assert len(load_annotation_file(annotations_dir / "alice" / f"{SEED_ID}.json").labels) == 1


def test_accept_proposal_from_the_command_line(seeds_dir: Path, annotations_dir: Path) -> None:
    assert run(seeds_dir, annotations_dir, "1", "--stance", "neutral").exit_code == 0
    path = annotations_dir / "alice" / f"{SEED_ID}.json"
    data = orjson.loads(path.read_bytes())
    proposed = data["labels"][0]["quote"]["speaker"]
    data["labels"][0]["quote"]["speaker"] = "An Older Guess"  # what an older extractor said
    path.write_bytes(orjson.dumps(data))
    (row,) = [row for row in listed(seeds_dir, annotations_dir) if row["stance"]]
    assert row["speaker"] == "An Older Guess"
    assert row["proposal"] == (
        f"extractor now proposes speaker {proposed!r} (saved 'An Older Guess')"
        if proposed
        else "extractor now proposes speaker none (saved 'An Older Guess')"
    )
    table = run(seeds_dir, annotations_dir)
    assert f"#1 {row['quote_id']}: extractor now proposes speaker" in table.output
    accepted = run(seeds_dir, annotations_dir, "1", "--accept-proposal", "--json")
    assert accepted.exit_code == 0, accepted.output
    assert orjson.loads(accepted.output)["speaker"] == proposed
    assert orjson.loads(accepted.output)["proposal"] is None
    nothing = run(seeds_dir, annotations_dir, "1", "--accept-proposal")
    assert nothing.exit_code == 1 and "proposes nothing new" in nothing.output


def test_another_text_needs_accept_new_text(
    seeds_dir: Path, annotations_dir: Path, tmp_path: Path
) -> None:
    assert run(seeds_dir, annotations_dir, "1", "--stance", "pro-China").exit_code == 0
    first = listed(seeds_dir, annotations_dir)[0]
    path = annotations_dir / "alice" / f"{SEED_ID}.json"
    raw = path.read_bytes()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = (seeds_dir / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    title, _, body = original.partition("\n")
    (corpus / f"{SEED_ID}.txt").write_text(
        f"{title}\nCorrection appended on 2 May.\n{body}", encoding="utf-8"
    )
    listing = run(corpus, annotations_dir, "--json")
    assert listing.exit_code == 0, listing.output
    assert "was made on another version of the text" in listing.stderr
    assert "1 moved" in listing.stderr
    assert path.read_bytes() == raw  # listing never re-stamps the file
    refused = run(corpus, annotations_dir, "2", "--stance", "neutral")
    assert refused.exit_code == 1 and "--accept-new-text" in refused.stderr
    assert path.read_bytes() == raw
    accepted = run(corpus, annotations_dir, "--accept-new-text")
    assert accepted.exit_code == 0, accepted.output
    saved = load_annotation_file(path)
    assert saved.document_sha256 != orjson.loads(raw)["document_sha256"]
    (label,) = saved.labels
    assert label.stance == "pro-China" and label.quote.text == first["text"]
    assert label.quote_id != first["quote_id"]
    again = run(corpus, annotations_dir, "2", "--stance", "neutral")
    assert again.exit_code == 0 and "another version" not in again.stderr


def saved_labels(annotations: Path) -> dict[str, Any]:
    path = annotations / "alice" / f"{SEED_ID}.json"
    return {label.quote_id: label for label in load_annotation_file(path).labels}


def test_stance_and_sentiment_by_key_or_by_name_in_any_case(
    seeds_dir: Path, annotations_dir: Path
) -> None:
    quotes = listed(seeds_dir, annotations_dir)
    assert run(seeds_dir, annotations_dir, "1", "--stance", "2", "--sentiment", "9").exit_code == 0
    assert run(seeds_dir, annotations_dir, "2", "--stance", "PRO-us").exit_code == 0
    assert run(seeds_dir, annotations_dir, "3", "--sentiment", "Negative").exit_code == 0
    labels = saved_labels(annotations_dir)
    first, second, third = (labels[str(quotes[i]["quote_id"])] for i in range(3))
    assert (first.stance, first.sentiment) == ("pro-China", "positive")
    assert second.stance == "pro-US"
    assert third.sentiment == "negative"


def test_a_wrong_label_lists_the_valid_ones(seeds_dir: Path, annotations_dir: Path) -> None:
    result = run(seeds_dir, annotations_dir, "1", "--stance", "7")  # a sentiment key
    assert result.exit_code == 1
    line = result.output.strip()
    assert len(line.splitlines()) == 1 and "nothing was saved" in line
    for value, key in (("pro-US", 1), ("pro-China", 2), ("balancing", 3), ("neutral", 4)):
        assert f"{value} (key {key})" in line
    assert not (annotations_dir / "alice").exists()


def test_add_with_start_after_end_says_so(seeds_dir: Path, annotations_dir: Path) -> None:
    result = run(seeds_dir, annotations_dir, "--add", "10:5", "--stance", "neutral")
    assert result.exit_code == 1 and "--add 10:5: start after end" in result.output
    empty = run(seeds_dir, annotations_dir, "--add", "10:10")
    assert empty.exit_code == 1 and "empty span" in empty.output
    rebound = run(seeds_dir, annotations_dir, "1", "--rebound", "30:20")
    assert rebound.exit_code == 1 and "--rebound 30:20: start after end" in rebound.output
    assert not (annotations_dir / "alice" / f"{SEED_ID}.json").exists()


def test_label_uses_the_name_the_ui_remembered(
    seeds_dir: Path, annotations_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.tui.name_store import default_name_file, remember_name

    monkeypatch.setenv("ANNOTATOR_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("ANNOTATOR", raising=False)
    args = [
        "label",
        SEED_ID,
        "1",
        "--corpus",
        str(seeds_dir),
        "--annotations",
        str(annotations_dir),
    ]
    nameless = CliRunner().invoke(main, [*args, "--stance", "neutral"])
    assert nameless.exit_code == 1 and "no annotator name" in nameless.output
    remember_name(default_name_file(), "carol")  # what the UI does after the name prompt
    result = CliRunner().invoke(main, [*args, "--stance", "neutral"])
    assert result.exit_code == 0, result.output
    assert (annotations_dir / "carol" / f"{SEED_ID}.json").is_file()
    # --annotator and $ANNOTATOR still come first
    monkeypatch.setenv("ANNOTATOR", "dave")
    assert CliRunner().invoke(main, [*args, "--stance", "balancing"]).exit_code == 0
    assert (annotations_dir / "dave" / f"{SEED_ID}.json").is_file()


def test_quotes_are_addressed_by_id_when_numbers_shift(
    seeds_dir: Path, annotations_dir: Path
) -> None:
    quotes = listed(seeds_dir, annotations_dir)
    third_id = str(quotes[2]["quote_id"])
    assert run(seeds_dir, annotations_dir, "2", "--delete").exit_code == 0
    after = listed(seeds_dir, annotations_dir)
    assert after[1]["quote_id"] == third_id  # quote 3 is number 2 now
    result = run(seeds_dir, annotations_dir, third_id, "--stance", "neutral")
    assert result.exit_code == 0, result.output
    assert saved_labels(annotations_dir)[third_id].stance == "neutral"
