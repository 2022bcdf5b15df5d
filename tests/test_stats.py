"""Distributions (annotator/report/distributions.py) and `annotator stats` on the shipped
annotations: counts checked against the files themselves, 80-column charts, --json, safe names."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.commands.agreement import load_annotation_files
from annotator.commands.report import article_metadata
from annotator.models import AnnotationFile
from annotator.report.distributions import (
    NO_DATE,
    OTHER,
    OWN_OUTLET,
    compute_statistics,
)
from annotator.scheme import find_scheme

REPO = Path(__file__).resolve().parent.parent
ANNOTATIONS = REPO / "annotations"
SEEDS = REPO / "seeds"


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run(*arguments: str, columns: int = 80) -> Ran:
    """The command in this process (its startup is tested in test_lazy_imports.py and below)."""
    result = CliRunner().invoke(
        main, list(arguments), env={"NO_COLOR": "1", "COLUMNS": str(columns)}
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def files() -> list[AnnotationFile]:
    return load_annotation_files(ANNOTATIONS, None, None)


def raw_labels() -> list[tuple[str, str, dict[str, object]]]:
    """(annotator, document id, label) straight from the JSON files, without the models."""
    found = []
    for path in sorted(ANNOTATIONS.glob("*/*.json")):
        data = json.loads(path.read_text())
        found.extend((data["annotator"], data["document_id"], label) for label in data["labels"])
    return found


def test_counts_by_month_and_annotator_follow_the_files(files: list[AnnotationFile]) -> None:
    scheme = find_scheme(ANNOTATIONS)
    documents = article_metadata(SEEDS, {annotation.document_id for annotation in files})
    statistics = compute_statistics(files, scheme, documents)
    labels = raw_labels()
    months = {document.id: document.published for document in documents.values()}
    expected: Counter[tuple[str, str]] = Counter()
    for _, document_id, label in labels:
        if label["stance"] is not None:
            published = months[document_id]
            expected[(published[:7] if published else NO_DATE, str(label["stance"]))] += 1
    by_month = statistics.breakdown("stance", "month")
    got = Counter(
        {(g.group, label): n for g in by_month.groups for label, n in g.counts.items() if n}
    )
    assert got == expected
    per_annotator = Counter(name for name, _, _ in labels)
    assert {s.annotator: s.labels for s in statistics.per_annotator} == dict(per_annotator)
    assert statistics.labels == len(labels)
    flagged = Counter(name for name, _, label in labels if label["flagged"])
    assert {s.annotator: s.flagged for s in statistics.per_annotator} == {
        name: flagged[name] for name in per_annotator
    }


def test_top_speakers_and_the_rest_sum_to_every_label(files: list[AnnotationFile]) -> None:
    scheme = find_scheme(ANNOTATIONS)
    statistics = compute_statistics(files, scheme, None, top=3)
    with_stance = sum(1 for _, _, label in raw_labels() if label["stance"] is not None)
    by_speaker = statistics.breakdown("stance", "speaker")
    assert [group.group for group in by_speaker.groups][-1] == OTHER
    assert len(by_speaker.groups) == 4 and by_speaker.others > 0
    assert sum(group.total for group in by_speaker.groups) == with_stance
    totals = [group.total for group in by_speaker.groups[:-1]]
    assert totals == sorted(totals, reverse=True)
    # the most frequent speaker, counted from the raw files (annotator's own, else shown)
    speakers: Counter[str] = Counter()
    for _, _, label in raw_labels():
        if label["stance"] is None:
            continue
        own = label["speaker"]
        shown = label["quote"]["speaker"]  # type: ignore[index]
        speakers[str(own if own is not None else shown or "(none)")] += 1
    assert by_speaker.groups[0].group == speakers.most_common(1)[0][0]
    assert by_speaker.groups[0].total == speakers.most_common(1)[0][1]


def test_without_a_corpus_articles_have_no_outlet_or_date(files: list[AnnotationFile]) -> None:
    statistics = compute_statistics(files, find_scheme(ANNOTATIONS), None)
    assert statistics.metadata == "annotation files"
    assert [group.group for group in statistics.breakdown("stance", "month").groups] == [NO_DATE]
    outlets = {group.group for group in statistics.breakdown("stance", "outlet").groups}
    assert OWN_OUTLET in outlets and "Korea Times" in outlets


def test_seconds_are_binned_and_untimed_labels_left_out(files: list[AnnotationFile]) -> None:
    scheme = find_scheme(ANNOTATIONS)
    alice = next(annotation for annotation in files if annotation.annotator == "alice")
    times = [3.0, 7.5, 7.5, 45.0, 400.0]
    labels = [
        label.model_copy(update={"seconds": times[index] if index < len(times) else 0.0})
        for index, label in enumerate(alice.labels)
    ]
    timed = alice.model_copy(update={"labels": labels})
    [summary] = compute_statistics([timed], scheme).seconds
    assert (summary.timed, summary.untimed) == (5, len(labels) - 5)
    assert summary.median == 7.5 and summary.total == sum(times)
    assert summary.bins == {
        "0–5 s": 1,
        "5–10 s": 2,
        "10–20 s": 0,
        "20–30 s": 0,
        "30–60 s": 1,
        "60–120 s": 0,
        "120+ s": 1,
    }


def test_stats_prints_every_chart_within_80_columns() -> None:
    result = run("stats", "--annotations", str(ANNOTATIONS), "--corpus", str(SEEDS))
    assert result.returncode == 0, result.stderr
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert max(len(line) for line in lines) <= 80
    for title in (
        "Stance by outlet",
        "Stance by speaker",
        "Stance by publication month",
        "Sentiment by outlet",
        "Sentiment by speaker",
        "Sentiment by publication month",
        "Labels per annotator",
        "Stance per annotator",
        "Sentiment per annotator",
        "Seconds per quote, alice: no time recorded",
    ):
        assert any(line.startswith(title) for line in lines), title
    month = lines.index("Stance by publication month")
    assert lines[month + 2].startswith("2021-04") and lines[month + 2].endswith(" 86")
    # without colour, each stance has its own fill: pro-US █, pro-China ▒, balancing ░, neutral ▚
    assert lines[month + 1] == "█ pro-US  ▒ pro-China  ░ balancing  ▚ neutral"


def test_stats_json_is_the_computed_statistics(files: list[AnnotationFile]) -> None:
    result = run("stats", "--annotations", str(ANNOTATIONS), "--json", "--top", "5")
    assert result.returncode == 0, result.stderr
    expected = compute_statistics(files, find_scheme(ANNOTATIONS), None, top=5)
    assert json.loads(result.stdout) == json.loads(orjson.dumps(expected.model_dump(mode="json")))


def test_names_from_files_cannot_drive_the_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "annotations" / "alice"
    folder.mkdir(parents=True)
    data = json.loads((ANNOTATIONS / "alice" / "000_f0025863dcde12f7.json").read_text())
    data["labels"][0]["speaker"] = "[b]X[/b]\x1b\u202e"
    data["labels"][1]["speaker"] = "\x1b]0;pwned\x07"
    (folder / "000_f0025863dcde12f7.json").write_text(json.dumps(data))
    result = run("stats", "--annotations", str(tmp_path / "annotations"), "--top", "50")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    # shown as typed, not read as markup; controls and the bidi override made visible
    assert "[b]X[/b]␛<U+202E>" in result.stdout
    assert "␛]0;pwned␇" in result.stdout


def test_stats_of_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = run("stats", "--annotations", str(tmp_path / "nothing"))
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "no such folder" in result.stderr


def test_report_and_stats_leave_the_gold_set_out_unless_named(tmp_path: Path) -> None:
    root = tmp_path / "annotations"
    for name in ("alice", "bob", "gold"):
        (root / name).mkdir(parents=True)
        source = "bob" if name == "gold" else name
        for path in (ANNOTATIONS / source).glob("*.json"):
            data = json.loads(path.read_text())
            data["annotator"] = name
            (root / name / path.name).write_text(json.dumps(data))
    result = run("stats", "--annotations", str(root), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["annotators"] == ["alice", "bob"]
    assert "adjudicated files of gold left out" in result.stderr
    result = run("stats", "--annotations", str(root), "--json", "--annotators", "gold")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["annotators"] == ["gold"]
    out = tmp_path / "out"
    result = run("report", "--annotations", str(root), "--out", str(out), "--no-figures")
    assert result.returncode == 0, result.stderr
    header = (out / "reliability.csv").read_text().splitlines()[0]
    assert header.endswith(",cohen_kappa[alice|bob]")


PROBE = """
import runpy, sys
sys.argv = ["annotator", *sys.argv[1:]]
try:
    runpy.run_module("annotator", run_name="__main__")
except SystemExit as exit:
    assert not exit.code, exit.code
print("PLOTTING", sorted(name for name in sys.modules if name.startswith("matplotlib"))[:3],
      file=sys.stderr)
"""


@pytest.mark.parametrize(
    "arguments", [("stats", "--json"), ("report", "--no-figures", "--out", "{out}")]
)
def test_stats_and_tables_load_no_plotting_library(
    tmp_path: Path, arguments: tuple[str, ...]
) -> None:
    command = [argument.replace("{out}", str(tmp_path / "out")) for argument in arguments]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *command, "--annotations", str(ANNOTATIONS)],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "PLOTTING []" in result.stderr
