"""Plain tables written without Rich's layout are byte for byte what Rich prints.

Rich is the reference: every table and group agreement prints (shipped annotations, a
generated team of six with speakers, outlets and quote edits) and thousands of generated tables
(names with wide, combining or markup characters, doubled spaces, long words, every
justification, several console widths) are printed both ways and compared; the plain way must
also be the one taken for most of them, and never on a console that writes colour.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import orjson
import pytest
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text
from test_light_validation import generated_file

from annotator.agreement.report import build_report
from annotator.commands.agreement import read_agreement_files
from annotator.commands.agreement_tables import boundary_table, field_tables
from annotator.commands.plain_tables import item_lines, plain_lines, print_plain
from annotator.scheme import find_scheme

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (12, 30, 60, 80, 100, 200)


def console(width: int, **options: object) -> tuple[io.StringIO, Console]:
    out = io.StringIO()
    return out, Console(
        file=out,
        width=width,
        highlight=False,
        soft_wrap=False,
        **options,  # type: ignore[arg-type]
    )


def rich_output(renderable: Group | Table | Text, width: int) -> str:
    out, rich_console = console(width)
    rich_console.print(renderable)
    return out.getvalue()


def plain_output(renderable: Group | Table | Text, width: int) -> str:
    out, plain_console = console(width)
    print_plain(plain_console, renderable)
    return out.getvalue()


def team(folder: Path, annotators: int = 6, documents: int = 12) -> Path:
    rng = random.Random(18)
    for number in range(annotators):
        name = f"annotator{number}"
        for document in range(documents):
            data = generated_file(random.Random(document), name, f"doc{document:02d}", False)
            for label in data["labels"]:
                label["stance"] = rng.choice(["pro-US", "pro-China", "balancing", None])
                label["speaker"] = rng.choice(["Wang Yi", "Park Jin", "", None])
            path = folder / name / f"doc{document:02d}.json"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(orjson.dumps(data))
    return folder


@pytest.mark.parametrize("where", ["shipped", "generated"])
def test_agreement_tables_print_as_rich_prints_them(tmp_path: Path, where: str) -> None:
    root = ROOT / "annotations" if where == "shipped" else team(tmp_path)
    report = build_report(read_agreement_files(root, None, None), find_scheme(root), draws=20)
    groups = [field_tables(name, figures) for name, figures in report.fields.items()]
    if report.quote_boundaries is not None:
        groups.append(boundary_table(report.quote_boundaries))
    plain = 0
    for group in groups:
        for width in WIDTHS:
            assert plain_output(group, width) == rich_output(group, width), (where, width)
            if width >= 80:
                plain += sum(item_lines(item, width) is not None for item in group.renderables)
    tables = sum(len(group.renderables) for group in groups) * 3
    assert plain > tables / 2  # the plain way is taken, mostly, at a usual width


WORDS = ["a", "bb", "pro-US", "0.123", "(rows)", "×", "é", "—", "Cohen's", "x" * 14, "q1-2"]
ODD = ["", "中文", "a  b", " lead", "[b]bold[/b]", ":smile:", "e\u0301", "tab\there", "two\nlines"]


def _words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(ODD if rng.random() < 0.03 else WORDS) for _ in range(count))


def _random_group(rng: random.Random) -> Group:
    title = Text(_words(rng, rng.randint(1, 10))) if rng.random() < 0.9 else None
    table = Table(title=title, title_justify=rng.choice(["left"] * 9 + ["center"]))
    columns = rng.randint(1, 5)
    for _ in range(columns):
        header = _words(rng, rng.randint(1, 2))
        table.add_column(
            Text(header) if rng.random() < 0.5 else header,
            justify=rng.choice(["left", "right", "left", "right", "center"]),
        )
    for _ in range(rng.randint(0, 6)):
        table.add_row(
            *(
                Text(
                    _words(rng, rng.randint(0, 2)),
                    justify=rng.choice([None, None, "right", "left"]),
                    style=rng.choice(["", "bold"]),
                )
                for _ in range(columns)
            )
        )
    items: list[Table | Text] = [table]
    if rng.random() < 0.3:
        items.append(Text(_words(rng, rng.randint(1, 25)), style="dim"))
    return Group(*items)


def test_generated_tables_print_as_rich_prints_them() -> None:
    rng = random.Random(15)
    plain = 0
    for _ in range(1500):
        group = _random_group(rng)
        width = rng.choice(WIDTHS)
        assert plain_output(group, width) == rich_output(group, width)
        _, plain_console = console(width)
        plain += plain_lines(plain_console, group) is not None
    assert 200 < plain < 1400  # both ways are taken


def test_a_console_that_writes_colour_prints_with_rich() -> None:
    table = Table(title=Text("stance: 3 units"), title_justify="left")
    table.add_column("label")
    table.add_row(Text("pro-US", style="bold"))
    for options in ({"force_terminal": True, "color_system": "standard"}, {"record": True}):
        out, colour = console(80, **options)
        assert plain_lines(colour, table) is None
        print_plain(colour, table)
        expected, rich_console = console(80, **options)
        rich_console.print(table)
        assert out.getvalue() == expected.getvalue()
    _, plain_console = console(80)
    assert plain_lines(plain_console, table) is not None
