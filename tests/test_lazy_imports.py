"""Start-up stays light: ``--help``, ``corpus`` and ``label`` load no numpy, agreement or export."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from annotator.cli import COMMANDS, load_command, main

HEAVY = ("numpy", "annotator.agreement", "annotator.export", "textual")

PROBE = """
import runpy, sys
import annotator.fast_exit
annotator.fast_exit.enable = lambda: None  # end normally, so that the probe can report
sys.argv = ["annotator", *sys.argv[1:]]
try:
    runpy.run_module("annotator", run_name="__main__")
except SystemExit as exit:
    code = exit.code
else:
    code = 0
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("numpy", "textual", "rich")
                or name.startswith(("annotator.agreement", "annotator.export", "annotator.extract.")))
print("LOADED", " ".join(loaded), file=sys.stderr)
sys.exit(code)
"""


def loaded_modules(*arguments: str, cwd: Path | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("LOADED"))
    return set(line.split()[1:])


def heavy(modules: set[str]) -> set[str]:
    return {name for name in modules if name.startswith(HEAVY)}


def test_help_loads_no_command() -> None:
    modules = loaded_modules("--help")
    assert heavy(modules) == set()
    assert not {name for name in modules if name.startswith("annotator.extract")}


def test_corpus_loads_neither_numpy_nor_extractor(seeds_dir: Path) -> None:
    modules = loaded_modules("corpus", str(seeds_dir), "--json")
    assert heavy(modules) == set()
    assert "annotator.extract.extractor" not in modules


def test_label_loads_no_numpy_and_the_extractor_only_on_a_miss(
    seeds_dir: Path, tmp_path: Path
) -> None:
    document_id = sorted(seeds_dir.glob("*.txt"))[0].stem
    arguments = (
        "label",
        "--annotator",
        "ana",
        "--annotations",
        str(tmp_path),
        "--corpus",
        str(seeds_dir),
        document_id,
    )
    cold = loaded_modules(*arguments)
    # nothing cached yet: it extracts, and the syntactic layer of attribution (issue #11) parses
    # the sentences whose rules' subject looks wrong with the spaCy model, which brings numpy
    assert heavy(cold) - {name for name in cold if name.startswith("numpy")} == set()
    assert "annotator.extract.extractor" in cold
    warm = loaded_modules(*arguments)
    assert heavy(warm) == set()
    assert "annotator.extract.extractor" not in warm  # the cache answered


def test_agreement_json_loads_no_rich() -> None:
    annotations = Path(__file__).resolve().parent.parent / "annotations"
    as_json = loaded_modules("agreement", str(annotations), "--json")
    assert "annotator.agreement.report" in as_json
    assert {name for name in as_json if name.split(".")[0] == "rich"} == set()
    tables = loaded_modules("agreement", str(annotations))
    assert "rich.table" in tables


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_listed_help_is_the_commands_own(name: str) -> None:
    command = load_command(name)
    assert command.name == name
    assert (command.help or "").split("\n\n")[0].strip() == COMMANDS[name][2]


def test_help_lists_every_command() -> None:
    with click.Context(main) as context:
        assert main.list_commands(context) == sorted(COMMANDS)
        text = main.get_help(context)
    for name in COMMANDS:
        assert f"  {name} " in text
