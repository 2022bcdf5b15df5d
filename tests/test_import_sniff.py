"""Importing a file as the wrong format names the format it looks like (real exported files)."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner

from annotator.cli import main
from annotator.export.sniff import looks_like

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exported")
    shutil.copytree(REPO / "annotations", folder / "annotations")
    files = {}
    for name, file_name in (
        ("label-studio", "tasks.json"),
        ("prodigy", "prodigy.jsonl"),
        ("doccano", "doccano.jsonl"),
        ("jsonl", "labels.jsonl"),
    ):
        target = folder / file_name
        result = CliRunner().invoke(
            main,
            ["export", "--format", name, "--corpus", str(REPO / "seeds"), "-o", str(target),
             "--annotations", str(folder / "annotations")],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        files[name] = target
    return files


def test_each_export_is_recognised(exported: dict[str, Path]) -> None:
    assert looks_like(exported["label-studio"]) == "label-studio"
    assert looks_like(exported["prodigy"]) == "prodigy"
    assert looks_like(exported["doccano"]) == "doccano"
    assert looks_like(exported["jsonl"]) == "annotator-jsonl"


@pytest.mark.parametrize(
    ("asked", "given", "expected"),
    [
        ("label-studio", "prodigy", "looks like Prodigy JSONL"),
        ("label-studio", "doccano", "looks like doccano JSONL"),
        ("label-studio", "jsonl", "looks like annotator's own JSONL export"),
        ("prodigy", "label-studio", "looks like a Label Studio export"),
        ("doccano", "label-studio", "looks like a Label Studio export"),
        ("prodigy", "doccano", "looks like doccano JSONL"),
        ("doccano", "prodigy", "looks like Prodigy JSONL"),
    ],
)
def test_the_wrong_format_says_what_the_file_looks_like(
    exported: dict[str, Path], tmp_path: Path, asked: str, given: str, expected: str
) -> None:
    annotations = tmp_path / "annotations"
    result = CliRunner().invoke(
        main, ["import", asked, str(exported[given]), "--annotations", str(annotations)]
    )
    assert result.exit_code == 1
    line = result.output.strip()
    assert len(line.splitlines()) == 1 and expected in line and str(exported[given]) in line
    if given != "jsonl":
        assert f"annotator import {given} " in line
    assert not annotations.exists()


def test_a_single_label_studio_task_is_named_as_such(tmp_path: Path) -> None:
    task = tmp_path / "task.json"
    task.write_bytes(orjson.dumps({"id": 1, "data": {"text": "x"}, "annotations": []}))
    result = CliRunner().invoke(
        main, ["import", "label-studio", str(task), "--annotations", str(tmp_path / "a")]
    )
    assert result.exit_code == 1 and "a single Label Studio task" in result.output


def test_the_right_format_still_imports(exported: dict[str, Path], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["import", "label-studio", str(exported["label-studio"]), "--annotations",
         str(tmp_path / "annotations"), "--corpus", str(REPO / "seeds")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "annotations").glob("*/*.json"))
