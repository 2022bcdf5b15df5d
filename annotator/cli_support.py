"""What every CLI command shares: consoles, one-line user errors, JSON Lines output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import click
import orjson

from annotator.errors import AnnotatorError, machine_error
from annotator.locations import DEFAULT_ANNOTATIONS_DIR
from annotator.safe_text import escape_json_output, safe_text

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

if TYPE_CHECKING:
    from rich.console import Console

    stdout_console: Console
    stderr_console: Console

_CONSOLES: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    """``stdout_console`` and ``stderr_console``, made (and Rich loaded) on first use: a
    command that writes only JSON never loads Rich."""
    if name not in ("stdout_console", "stderr_console"):
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name not in _CONSOLES:
        from rich.console import Console

        if name == "stdout_console":
            _CONSOLES[name] = Console(highlight=False, soft_wrap=False)
        else:  # one error, one line
            _CONSOLES[name] = Console(stderr=True, highlight=False, soft_wrap=True)
    return _CONSOLES[name]


def fail(message: str, status: int = 1) -> None:
    """Print one error line (file content in it made inert, see :mod:`annotator.safe_text`) and exit."""
    from rich.text import Text

    __getattr__("stderr_console").print(Text(f"annotator: error: {safe_text(message)}"))
    sys.exit(status)


def user_errors(function: Callable[P, R]) -> Callable[P, R]:
    """Turn :class:`AnnotatorError` (and broken pipes) into one line and a non-zero exit."""

    @wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except AnnotatorError as exc:
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            fail(str(exc))
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except OSError as exc:
            # the machine's errors (full disk, read-only folder, ...) not caught closer to
            # the file: still one line naming the file and what to do
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            where = exc.filename if exc.filename is not None else "annotator"
            fail(str(machine_error(exc, where, "failed")))
        raise AssertionError("unreachable")

    return wrapper


def write_json_lines(items: Iterable[Any]) -> None:
    out = sys.stdout.buffer
    for item in items:
        if hasattr(item, "model_dump"):
            from annotator.jsonio import dump_line

            line = dump_line(item)
        else:
            line = orjson.dumps(item) + b"\n"
        out.write(escape_json_output(line))  # same JSON; no raw C1/bidi bytes on the terminal
    out.flush()


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


def with_progress(
    items: Iterable[T], description: str, *, total: int | None = None, as_json: bool = False
) -> Iterator[T]:
    """Yield ``items``, drawing a Rich progress bar on stderr while they come: only when stderr
    is a terminal, never for ``--json`` output (stdout is never touched either way). The one
    progress bar of every long command (extract, export, import, agreement, corpus)."""
    from annotator.progress import progress

    enabled = not as_json and stderr_is_terminal()
    with progress(description, total, enabled=enabled) as advance:
        for item in items:
            yield item
            advance(1)


def corpus_total(paths: Iterable[Path]) -> int | None:
    """How many documents ``paths`` hold, when that is known without reading them (one per
    text file); ``None`` with JSONL files (one document per line) or on any doubt."""
    from annotator.locations import TEXT_SUFFIXES, corpus_files

    try:
        files = corpus_files(paths)
    except AnnotatorError:
        return None  # the command itself reports it
    if all(path.suffix.lower() in TEXT_SUFFIXES for path in files):
        return len(files)
    return None


def corpus_paths(paths: tuple[Path, ...]) -> list[Path]:
    from annotator.locations import default_corpus_path

    return list(paths) if paths else [default_corpus_path()]


ANNOTATIONS_OPTION = click.option(
    "--annotations",
    "annotations_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_ANNOTATIONS_DIR,
    show_default=True,
    help="Folder of annotation files.",
)
ANNOTATOR_OPTION = click.option(
    "--annotator", "annotator_name", help="Your annotator name (default: $ANNOTATOR)."
)
