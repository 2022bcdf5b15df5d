"""``annotator adjudicate --auto`` and ``annotator agreement --against`` on the shipped
annotations (alice and bob on both seed documents), and exports of the gold set."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.models import DecisionMethod, Document
from annotator.pipeline import load_corpus
from annotator.store import load_annotation_file

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "annotations"
SEEDS = REPO / "seeds"
FIELDS = ("stance", "sentiment")


@pytest.fixture(scope="module")
def seed_corpus() -> dict[str, Document]:
    return {document.id: document for document in load_corpus([SEEDS])}


@pytest.fixture
def team_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "annotations"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns(".lock", ".last-document"))
    return folder


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


def raw_labels(folder: Path, annotator: str, document_id: str) -> dict[str, dict[str, Any]]:
    data = orjson.loads((folder / annotator / f"{document_id}.json").read_bytes())
    return {label["quote_id"]: label for label in data["labels"]}


def auto(folder: Path, policy: str = "unanimous", *extra: str) -> Any:
    result = run("adjudicate", str(SEEDS), "--annotations", str(folder), "--auto", policy, *extra)
    assert result.exit_code == 0, result.output
    return result


def test_auto_settles_what_both_annotators_agree_on(
    team_dir: Path, seed_corpus: dict[str, Document]
) -> None:
    result = auto(team_dir)
    assert "q1548-1676 stance" in result.stdout  # alice balancing, bob pro-China
    for document_id, document in seed_corpus.items():
        path = team_dir / "gold" / f"{document_id}.json"
        gold = load_annotation_file(path, document=document)  # validates
        assert gold.annotator == "gold" and gold.adjudication is not None
        assert gold.adjudication.annotators == ["alice", "bob"]
        alice = raw_labels(team_dir, "alice", document_id)
        bob = raw_labels(team_dir, "bob", document_id)
        labels = {label.quote_id: label for label in gold.labels}
        both = set(alice) & set(bob)
        assert both
        checked = 0
        for quote_id in both:
            mine = labels[quote_id]
            assert mine.decision is not None and mine.decision.policy == "unanimous"
            for field in FIELDS:
                decided = mine.decision.fields.get(field)
                if alice[quote_id][field] == bob[quote_id][field]:
                    assert getattr(mine, field) == alice[quote_id][field]
                    if alice[quote_id][field] is not None:
                        assert decided is not None
                        assert decided.method == DecisionMethod.UNANIMOUS
                        assert decided.annotators == ["alice", "bob"]
                        checked += 1
                else:
                    assert decided is None and getattr(mine, field) is None
        assert checked > 10
        # a quote only alice added is neither in nor out of the gold set yet
        only_alice = {
            quote["id"]
            for quote in orjson.loads((team_dir / "alice" / f"{document_id}.json").read_bytes())[
                "added_quotes"
            ]
        } - set(bob)
        for quote_id in only_alice:
            assert quote_id not in labels
            assert quote_id in result.stdout


def test_auto_json_counts_and_second_run_writes_the_same_bytes(team_dir: Path) -> None:
    first = auto(team_dir, "majority", "--json")
    lines = [orjson.loads(line) for line in first.stdout.splitlines()]
    assert {line["document_id"] for line in lines} == {
        "000_f0025863dcde12f7",
        "002_ca6aa25ebd0c7d75",
    }
    for line in lines:
        assert line["policy"] == "majority"
        assert line["quotes"] == line["settled"] + line["rejected"] + line["unsettled"]
        assert line["unsettled"] == len(line["open"]) > 0
    before = {path.name: path.read_bytes() for path in (team_dir / "gold").glob("*.json")}
    auto(team_dir, "majority", "--json")
    after = {path.name: path.read_bytes() for path in (team_dir / "gold").glob("*.json")}
    assert before == after


def test_auto_keeps_decisions_made_by_hand(
    team_dir: Path, seed_corpus: dict[str, Document]
) -> None:
    from annotator.adjudication.session import AdjudicationSession
    from annotator.store import AnnotationStore

    document = seed_corpus["000_f0025863dcde12f7"]
    store = AnnotationStore(team_dir)
    with store.open_writer("gold") as writer:
        session = AdjudicationSession(document, writer)
        session.move_to(next(i for i, item in enumerate(session.items) if item.key == "q1548-1676"))
        session.field = 2
        assert session.take(2)  # bob's pro-China
    auto(team_dir)
    gold = load_annotation_file(team_dir / "gold" / f"{document.id}.json", document=document)
    label = next(label for label in gold.labels if label.quote_id == "q1548-1676")
    assert label.stance == "pro-China"
    assert label.decision is not None
    assert label.decision.fields["stance"].chosen == "bob"


def test_agreement_against_gold(team_dir: Path) -> None:
    auto(team_dir)
    result = run("agreement", str(team_dir), "--against", "gold", "--json")
    assert result.exit_code == 0, result.output
    report = orjson.loads(result.stdout)
    assert report["reference"] == "gold" and report["annotators"] == ["alice", "bob"]
    for name in ("alice", "bob"):
        score = report["fields"]["stance"][name]
        # recompute accuracy from the raw files: units both this annotator and gold gave a stance
        matches = units = 0
        given: dict[str, int] = {}
        for path in (team_dir / "gold").glob("*.json"):
            gold = raw_labels(team_dir, "gold", path.stem)
            mine = raw_labels(team_dir, name, path.stem)
            for quote_id, label in gold.items():
                if label["stance"] and quote_id in mine and mine[quote_id]["stance"]:
                    units += 1
                    matches += label["stance"] == mine[quote_id]["stance"]
                    given[mine[quote_id]["stance"]] = given.get(mine[quote_id]["stance"], 0) + 1
        assert score["n_units"] == units > 0
        assert score["accuracy"] == pytest.approx(matches / units)
        assert score["cohen_kappa"] is not None and -1 <= score["cohen_kappa"] <= 1
        for label_name, figures in score["per_label"].items():
            assert figures["annotator_count"] == given.get(label_name, 0)
            if figures["annotator_count"]:
                assert figures["precision"] == pytest.approx(
                    figures["both"] / figures["annotator_count"]
                )
    tables = run("agreement", str(team_dir), "--against", "gold", "--field", "stance")
    assert tables.exit_code == 0
    assert "stance: each annotator against gold" in tables.stdout
    assert "precision" in tables.stdout


def test_agreement_leaves_gold_out_unless_named(team_dir: Path) -> None:
    before = run("agreement", str(team_dir), "--json", "--draws", "50")
    auto(team_dir)
    after = run("agreement", str(team_dir), "--json", "--draws", "50")
    assert after.exit_code == 0
    assert orjson.loads(after.stdout) == orjson.loads(before.stdout)
    assert "gold left out" in after.stderr
    named = run("agreement", str(team_dir), "--json", "--draws", "50", "--annotators", "alice,gold")
    assert named.exit_code == 0, named.output
    assert orjson.loads(named.stdout)["stance"]["n_annotators"] == 2
    assert "alice|gold" in orjson.loads(named.stdout)["stance"]["pairwise_cohen_kappa"]


def test_exports_take_the_gold_set(team_dir: Path) -> None:
    auto(team_dir)
    default = run(
        "export", "--annotations", str(team_dir), "--format", "csv", "--corpus", str(SEEDS)
    )
    assert default.exit_code == 0, default.output
    names = {row["annotator"] for row in csv.DictReader(io.StringIO(default.stdout))}
    assert "gold" not in names and {"alice", "bob"} <= names
    gold = run(
        "export",
        "--annotations",
        str(team_dir),
        "--format",
        "csv",
        "--annotators",
        "gold",
        "--corpus",
        str(SEEDS),
    )
    assert gold.exit_code == 0, gold.output
    rows = [row for row in csv.DictReader(io.StringIO(gold.stdout)) if row["annotator"]]
    assert rows and {row["annotator"] for row in rows} == {"gold"}
    stances = {
        row["quote_id"]: row["stance"] for row in rows if row["document_id"].startswith("002")
    }
    assert stances["q364-450"] == "neutral"  # both said neutral
    for format_name in ("json", "jsonl", "prodigy", "label-studio", "doccano"):
        result = run(
            "export",
            "--annotations",
            str(team_dir),
            "--format",
            format_name,
            "--annotators",
            "gold",
            "--corpus",
            str(SEEDS),
        )
        assert result.exit_code == 0, (format_name, result.output)
        assert "gold" in result.stdout


def test_one_line_errors(team_dir: Path) -> None:
    missing = run("agreement", str(team_dir), "--against", "gold")
    assert missing.exit_code == 1
    assert "no adjudicated set 'gold'" in missing.stderr
    assert "Traceback" not in missing.output
    both = run(
        "adjudicate", "--annotations", str(team_dir), "--policy", "majority", "--auto", "unanimous"
    )
    assert both.exit_code == 1 and "disagree" in both.stderr
    no_ui_json = run("adjudicate", "--annotations", str(team_dir), "--json")
    assert no_ui_json.exit_code == 1 and "--json needs --auto" in no_ui_json.stderr
    bad_name = run(
        "adjudicate", "--annotations", str(team_dir), "--as", "../x", "--auto", "majority"
    )
    assert bad_name.exit_code == 1 and "adjudicator name" in bad_name.stderr
    assert not (team_dir / "gold").exists()


def test_annotating_under_the_gold_name_is_refused(team_dir: Path) -> None:
    auto(team_dir)
    path = team_dir / "gold" / "002_ca6aa25ebd0c7d75.json"
    before = path.read_bytes()
    result = run(
        "label",
        "002_ca6aa25ebd0c7d75",
        "1",
        "--stance",
        "pro-US",
        "--annotator",
        "gold",
        "--annotations",
        str(team_dir),
        "--corpus",
        str(SEEDS),
    )
    assert result.exit_code == 1
    assert (
        "adjudicated (gold) set" in result.stderr
        and "annotator adjudicate --as gold" in result.stderr
    )
    annotate = run("annotate", str(SEEDS), "--annotator", "gold", "--annotations", str(team_dir))
    assert annotate.exit_code == 1 and "adjudicated (gold) set" in annotate.stderr
    assert path.read_bytes() == before
    listing = run(
        "label",
        "002_ca6aa25ebd0c7d75",
        "--annotator",
        "gold",
        "--annotations",
        str(team_dir),
        "--corpus",
        str(SEEDS),
    )
    assert listing.exit_code == 0, listing.output  # reading is fine
