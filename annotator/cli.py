"""The command line: the ``annotator`` group, which loads each command's module only when run.

Every command lives in ``annotator/commands/``; this module names them (with the one-line help
``annotator --help`` shows, so listing them imports none) and handles the global options.
User errors (:class:`~annotator.errors.AnnotatorError`) are printed as one line on stderr with a
non-zero exit status; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import click

from annotator import __version__

#: name -> (module, attribute, the first paragraph of its help, shown by ``annotator --help``);
#: a test checks that each is the command's own.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "adjudicate": (
        "annotator.commands.adjudicate",
        "adjudicate",
        "Settle the annotators' disagreements into one gold set (annotations/<--as>/).",
    ),
    "agreement": (
        "annotator.commands.agreement",
        "agreement",
        "Inter-annotator agreement on stance, sentiment, speaker and outlet.",
    ),
    "annotate": (
        "annotator.commands.annotate",
        "annotate",
        "Open the terminal UI to annotate CORPUS (default: seeds/).",
    ),
    "cache": (
        "annotator.commands.cache",
        "cache",
        "The extraction cache: where it is, what it holds, clearing it.",
    ),
    "corpus": (
        "annotator.commands.corpus",
        "corpus_command",
        "List the documents of a corpus (default: seeds/) with their metadata.",
    ),
    "export": (
        "annotator.commands.export",
        "export",
        "Export the corpus with every annotator's labels (json, jsonl, csv, prodigy, ...).",
    ),
    "extract": (
        "annotator.commands.extract",
        "extract",
        "Extract quotes with speaker, outlet and cue from PATHS (default: seeds/).",
    ),
    "import": (
        "annotator.commands.export",
        "import_command",
        "Import Label Studio, Prodigy or doccano annotations as annotation files.",
    ),
    "label": (
        "annotator.commands.label",
        "label",
        "Label QUOTE (an id such as q120-180, or its number) of DOCUMENT_ID, or list the quotes.",
    ),
    "migrate": (
        "annotator.commands.migrate",
        "migrate",
        "Migrate the annotation files to the current format (CORPUS default: seeds/).",
    ),
    "report": (
        "annotator.commands.report",
        "report",
        "Write the reliability table and the figures for a paper to OUT (default: report/).",
    ),
    "schema": (
        "annotator.commands.schema",
        "schema",
        "Write the JSON Schemas of every file format to schemas/ (or check they are current).",
    ),
    "stats": (
        "annotator.commands.report",
        "stats",
        "Label distributions as bar charts in the terminal (or --json).",
    ),
    "validate": (
        "annotator.commands.validate",
        "validate",
        "Validate documents, annotation files, scheme files or folders of them.",
    ),
}


def load_command(name: str) -> click.Command:
    module_name, attribute, _ = COMMANDS[name]
    command = getattr(importlib.import_module(module_name), attribute)
    assert isinstance(command, click.Command)
    return command


class LazyGroup(click.Group):
    """A group whose commands are imported on first use; ``--help`` lists them from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.add_command(load_command(cmd_name), cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # what click.Group.format_commands prints, without importing the commands
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            if name in COMMANDS:
                summary = click.Command(name, help=COMMANDS[name][2])
                help_text = summary.get_short_help_str(limit)
            else:
                help_text = self.commands[name].get_short_help_str(limit)
            rows.append((name, help_text))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="annotator")
@click.option("--debug", is_flag=True, help="Show tracebacks for errors.")
@click.option(
    "--cache-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Extraction cache folder (default: $ANNOTATOR_CACHE_DIR or ~/.cache/annotator).",
)
@click.option("--no-cache", is_flag=True, help="Extract every document again; write no cache.")
@click.pass_context
def main(context: click.Context, debug: bool, cache_dir: Path | None, no_cache: bool) -> None:
    """Annotate news articles quote by quote: stance, sentiment, speaker and outlet.

    Without a command, opens the annotation UI on the bundled seeds/ corpus.
    """
    if debug:
        os.environ["ANNOTATOR_DEBUG"] = "1"
    # the environment is how the core (annotator.cache) and the UI's threads see these
    if cache_dir is not None:
        os.environ["ANNOTATOR_CACHE_DIR"] = str(cache_dir)
    if no_cache:
        os.environ["ANNOTATOR_NO_CACHE"] = "1"
    if context.invoked_subcommand is None:
        context.invoke(load_command("annotate"))


def run() -> None:
    """The ``annotator`` program: :func:`main`, with read-only commands allowed to end the
    process without the interpreter's teardown (:mod:`annotator.fast_exit`)."""
    from annotator import fast_exit

    fast_exit.enable()
    main()


def __getattr__(name: str) -> Any:
    # ``from annotator.cli import annotate`` and the like keep working, loading on demand
    for command, (_, attribute, _) in COMMANDS.items():
        if name == attribute:
            return load_command(command)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
