"""Progress bars for long commands: a Rich bar on stderr when stderr is a terminal, else nothing.

Standard output is never touched, so ``--json`` output stays clean; when stderr is redirected
(a pipe, a file, CI) no bar is drawn at all.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int], None]


def _no_advance(_count: int = 1) -> None:
    return None


@contextmanager
def progress(
    description: str, total: int | None, *, enabled: bool | None = None, deferred: bool = False
) -> Iterator[Advance]:
    """Show a progress bar for ``total`` steps (unknown: ``None``); yields ``advance(count=1)``.

    ``enabled`` defaults to "stderr is a terminal". ``deferred``: the bar (and the thread that
    redraws it) starts at the first step, not before: a command that forks worker processes
    before its first step forks while no other thread runs (see ``annotator.parallel``).
    """
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield _no_advance
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    bar = Progress(*columns, console=Console(stderr=True), transient=True)
    task = bar.add_task(description, total=total)
    started = False

    def advance(count: int = 1) -> None:
        nonlocal started
        if not started:
            bar.start()
            started = True
        bar.advance(task, count)

    if not deferred:
        advance(0)
    try:
        yield advance
    finally:
        if started:
            bar.stop()
