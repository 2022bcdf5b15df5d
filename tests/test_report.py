"""annotator report: every figure from the shipped annotations (SVG parses, PNG has its size and
is not blank), the reliability numbers equal `annotator agreement --json`, refusals."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from matplotlib import image

from annotator.agreement.report import build_report
from annotator.cli import main
from annotator.commands.agreement import load_annotation_files
from annotator.commands.report import article_metadata
from annotator.report.distributions import compute_statistics
from annotator.report.figures import DPI, figure_specs, render
from annotator.report.output import FIGURES_EXTRA_NOTE, build_contents
from annotator.scheme import find_scheme

REPO = Path(__file__).resolve().parent.parent
ANNOTATIONS = REPO / "annotations"
SEEDS = REPO / "seeds"


def run(*arguments: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100"},
    )


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def invoke(*arguments: str) -> Ran:
    """The command in this process: the same exit status, stdout and stderr as ``run``, without
    a Python start each time (``report_dir`` runs the full report as a process)."""
    result = CliRunner().invoke(main, list(arguments), env={"NO_COLOR": "1", "COLUMNS": "100"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    result = run(
        "report", "--annotations", str(ANNOTATIONS), "--corpus", str(SEEDS), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    # the line names the output folder, so where it wraps depends on the temp path's length
    assert "reliability tables, 10 figures" in " ".join(result.stdout.split())
    return out


@pytest.fixture(scope="module")
def inputs():  # type: ignore[no-untyped-def]
    files = load_annotation_files(ANNOTATIONS, None, None)
    scheme = find_scheme(ANNOTATIONS)
    documents = article_metadata(SEEDS, {annotation.document_id for annotation in files})
    return files, scheme, documents


def expected_specs(inputs):  # type: ignore[no-untyped-def]
    files, scheme, documents = inputs
    agreement = build_report(files, scheme)
    statistics = compute_statistics(files, scheme, documents)
    confusion = {name: agreement.fields[name].confusion for name in ("stance", "sentiment")}
    return figure_specs(statistics, scheme, confusion)


def test_every_figure_is_written_as_svg_and_png(report_dir: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    specs = expected_specs(inputs)
    names = {spec.name for spec in specs}
    assert names == {
        "confusion_stance_alice_bob",
        "confusion_sentiment_alice_bob",
        "stance_by_outlet",
        "sentiment_by_outlet",
        "stance_by_speaker",
        "sentiment_by_speaker",
        "stance_by_month",
        "sentiment_by_month",
        "labels_per_annotator",
        "seconds_per_quote",
    }
    written = {path.name for path in report_dir.iterdir()}
    assert written == {
        "reliability.md",
        "reliability.csv",
        "reliability.tex",
        *(f"{name}.svg" for name in names),
        *(f"{name}.png" for name in names),
    }
    for spec in specs:
        root = ElementTree.parse(report_dir / f"{spec.name}.svg").getroot()
        assert root.tag == "{http://www.w3.org/2000/svg}svg", spec.name
        assert len(list(root.iter())) > 50, spec.name  # axes, bars, text: not an empty page
        pixels = image.imread(report_dir / f"{spec.name}.png")
        width, height = spec.pixels
        assert pixels.shape[:2] == (height, width), spec.name
        assert (width, height) == (round(spec.width * DPI), round(spec.height * DPI))
        assert float(np.var(pixels[..., :3])) > 1e-3, f"{spec.name}.png is blank"
        assert pixels[..., :3].min() < 0.5 < pixels[..., :3].max(), spec.name


def test_the_svg_carries_no_date_and_figures_are_deterministic(
    report_dir: Path,
    inputs,  # type: ignore[no-untyped-def]
) -> None:
    for spec in expected_specs(inputs):
        if spec.name not in ("confusion_stance_alice_bob", "stance_by_speaker"):
            continue
        svg, png = render(spec)
        assert svg == (report_dir / f"{spec.name}.svg").read_bytes()
        assert png == (report_dir / f"{spec.name}.png").read_bytes()
        assert b"<dc:date>" not in svg


def test_figures_show_what_the_files_hold(report_dir: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    """Each text of a figure is an SVG comment beside its glyph paths: the groups are there."""
    files, scheme, documents = inputs
    statistics = compute_statistics(files, scheme, documents)
    for by in ("outlet", "speaker", "month"):
        svg = (report_dir / f"stance_by_{by}.svg").read_text()
        for group in statistics.breakdown("stance", by).groups:
            assert f"<!-- {group.group[:39]}" in svg, (by, group.group)
    months = {group.group for group in statistics.breakdown("stance", "month").groups}
    # seed 000 is dated April 26, 2021 in its header; seed 002 has no date line
    assert months == {"2021-04", "(no date)"}
    confusion = (report_dir / "confusion_stance_alice_bob.svg").read_text()
    matrix = build_report(files, scheme).fields["stance"].confusion["alice|bob"]
    assert f"<!-- {matrix['pro-US']['pro-US']} -->" in confusion


def agreement_json() -> dict[str, object]:
    result = invoke("agreement", str(ANNOTATIONS), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def csv_value(text: str) -> float | None:
    return None if text == "" else float(text)


def test_reliability_numbers_equal_agreement_json(report_dir: Path) -> None:
    expected = agreement_json()
    rows = list(csv.DictReader(io.StringIO((report_dir / "reliability.csv").read_text())))
    assert [(row["field"], row["level"]) for row in rows] == [
        ("stance", "nominal"),
        ("sentiment", "nominal"),
        ("sentiment", "ordinal"),
        ("speaker", "nominal"),
        ("outlet", "nominal"),
    ]
    for row in rows:
        figures = expected[row["field"]]
        assert isinstance(figures, dict)
        assert int(row["units"]) == figures["n_units"]
        assert int(row["annotators"]) == figures["n_annotators"]
        assert csv_value(row["percent_agreement"]) == figures["percent_agreement"]
        if row["level"] == "nominal":
            alpha, interval = figures["krippendorff_alpha"], figures["krippendorff_alpha_ci95"]
            kappas = figures["pairwise_cohen_kappa"]
            assert csv_value(row["fleiss_kappa"]) == figures["fleiss_kappa"]
            assert csv_value(row["gwet_ac"]) == figures["gwet_ac1"]
        else:
            alpha = figures["krippendorff_alpha_ordinal"]
            interval = figures["krippendorff_alpha_ordinal_ci95"]
            kappas = figures["pairwise_cohen_kappa_quadratic"]
            assert row["fleiss_kappa"] == ""
            assert csv_value(row["gwet_ac"]) == figures["gwet_ac2_quadratic"]
        assert csv_value(row["alpha"]) == alpha
        assert [csv_value(row["alpha_ci95_low"]), csv_value(row["alpha_ci95_high"])] == interval
        assert csv_value(row["cohen_kappa[alice|bob]"]) == kappas["alice|bob"]
        assert csv_value(row["cohen_kappa_mean"]) == kappas["alice|bob"]
    markdown = (report_dir / "reliability.md").read_text()
    stance = expected["stance"]
    assert isinstance(stance, dict)
    low, high = stance["krippendorff_alpha_ci95"]
    assert (
        f"| stance | nominal | {stance['krippendorff_alpha']:.3f} | [{low:.3f}, {high:.3f}] |"
        in markdown
    )
    latex = (report_dir / "reliability.tex").read_text()
    assert latex.count(r"\\") == 1 + len(rows)  # header and one line per row
    assert f"stance & nominal & {stance['krippendorff_alpha']:.3f}" in latex
    assert r"\begin{tabular}" in latex and r"\end{table}" in latex


def test_report_refuses_an_out_that_is_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.txt"
    target.write_text("keep me")
    result = invoke("report", "--annotations", str(ANNOTATIONS), "--out", str(target))
    assert result.returncode != 0
    assert result.stderr.count("\n") == 1 and "is a file, not a folder" in result.stderr
    assert str(target) in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "keep me"


def test_report_without_annotations_is_one_line(tmp_path: Path) -> None:
    result = invoke("report", "--annotations", str(tmp_path / "none"), "--out", str(tmp_path / "o"))
    assert result.returncode != 0
    assert "no such folder of annotation files" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "o").exists()


def test_without_matplotlib_the_tables_are_written_and_one_line_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["report", "--annotations", str(ANNOTATIONS), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in out.iterdir()) == [
        "reliability.csv",
        "reliability.md",
        "reliability.tex",
    ]
    assert FIGURES_EXTRA_NOTE in result.output.replace("\n", " ")


def test_tables_alone_match_the_full_report(report_dir: Path, inputs) -> None:  # type: ignore[no-untyped-def]
    files, scheme, documents = inputs
    contents = build_contents(
        build_report(files, scheme),
        compute_statistics(files, scheme, documents),
        scheme,
        figures=False,
    )
    assert set(contents.files) == {"reliability.md", "reliability.csv", "reliability.tex"}
    for name, data in contents.files.items():
        assert data == (report_dir / name).read_bytes()


def three_annotators(tmp_path: Path) -> Path:
    """alice and bob as shipped, and carol: bob's files with the first stance changed."""
    root = tmp_path / "annotations"
    for name in ("alice", "bob"):
        (root / name).mkdir(parents=True)
        for path in (ANNOTATIONS / name).glob("*.json"):
            (root / name / path.name).write_bytes(path.read_bytes())
    (root / "carol").mkdir()
    for path in sorted((ANNOTATIONS / "bob").glob("*.json")):
        data = json.loads(path.read_text())
        data["annotator"] = "carol"
        first = data["labels"][0]
        first["stance"] = "pro-China" if first["stance"] != "pro-China" else "pro-US"
        (root / "carol" / path.name).write_text(json.dumps(data))
    return root


def test_three_annotators_give_three_pairs(tmp_path: Path) -> None:
    root = three_annotators(tmp_path)
    out = tmp_path / "out"
    result = invoke("report", "--annotations", str(root), "--out", str(out), "--no-figures")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO((out / "reliability.csv").read_text())))
    pairs = ["alice|bob", "alice|carol", "bob|carol"]
    assert [name for name in rows[0] if name.startswith("cohen_kappa[")] == [
        f"cohen_kappa[{pair}]" for pair in pairs
    ]
    expected = agreement_json_of(root)
    for row in rows:
        figures = expected[row["field"]]
        key = (
            "pairwise_cohen_kappa"
            if row["level"] == "nominal"
            else "pairwise_cohen_kappa_quadratic"
        )
        kappas = [figures[key][pair] for pair in pairs]
        assert [csv_value(row[f"cohen_kappa[{pair}]"]) for pair in pairs] == kappas
        assert csv_value(row["cohen_kappa_mean"]) == pytest.approx(sum(kappas) / 3, abs=1e-15)
        assert int(row["annotators"]) == 3
    assert "(mean of 3 pairs)" in (out / "reliability.md").read_text()
    files = load_annotation_files(root, None, None)
    scheme = find_scheme(root)
    agreement = build_report(files, scheme, draws=10)
    confusion = {name: agreement.fields[name].confusion for name in ("stance", "sentiment")}
    names = [
        spec.name for spec in figure_specs(compute_statistics(files, scheme), scheme, confusion)
    ]
    assert [name for name in names if name.startswith("confusion_")] == [
        f"confusion_{field}_{pair.replace('|', '_')}"
        for field in ("stance", "sentiment")
        for pair in pairs
    ]


def agreement_json_of(root: Path) -> dict[str, dict[str, object]]:
    result = invoke("agreement", str(root), "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_annotator_says_why_the_figures_are_undefined(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke(
        "report",
        "--annotations",
        str(ANNOTATIONS),
        "--annotators",
        "alice",
        "--out",
        str(out),
        "--no-figures",
    )
    assert result.returncode == 0, result.stderr
    assert "agreement needs two annotators" in result.stderr
    rows = list(csv.DictReader(io.StringIO((out / "reliability.csv").read_text())))
    assert all(row["alpha"] == "" and row["annotators"] == "1" for row in rows)
    assert "| stance | nominal | — | — |" in (out / "reliability.md").read_text()
