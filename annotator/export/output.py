"""Where an export goes: standard output, or a file replaced atomically once fully written."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from annotator.atomic import atomic_writer


@contextlib.contextmanager
def open_output(target: Path | None) -> Iterator[BinaryIO]:
    """A binary stream for ``target`` (``None`` or ``-`` = stdout).

    A file is written to a temporary file in the same folder and renamed over ``target`` only
    when the block finishes without error, so a failed export leaves any old file untouched.
    """
    if target is None or str(target) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_writer(target, buffering=1 << 20) as handle:
        yield handle
