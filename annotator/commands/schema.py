"""``annotator schema``: write (or check) the JSON Schemas of every file format in schemas/."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli_support import stderr_console, stdout_console, user_errors
from annotator.safe_text import safe_rich
from annotator.schemas import render_schemas, stale_schemas

DEFAULT_SCHEMA_DIR = Path("schemas")


@click.command("schema")
@click.option("--check", is_flag=True, help="Exit 1 if a schema file is stale instead of writing.")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path),
    default=DEFAULT_SCHEMA_DIR,
    show_default=True,
    help="Where the schema files live.",
)
@user_errors
def schema(check: bool, folder: Path) -> None:
    """Write the JSON Schemas of every file format to schemas/ (or check they are current)."""
    from annotator.atomic import write_atomic

    if check:
        stale = stale_schemas(folder)
        for name in stale:
            stderr_console.print(
                safe_rich(f"{folder / name}: stale or missing; run `annotator schema`")
            )
        if stale:
            sys.exit(1)
        stdout_console.print(
            safe_rich(f"{len(render_schemas())} schemas are up to date in {folder}/")
        )
        return
    for name, content in render_schemas().items():
        write_atomic(folder / name, content)
        stdout_console.print(safe_rich(f"wrote {folder / name}"))
