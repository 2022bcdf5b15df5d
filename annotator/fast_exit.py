"""Ending a read-only command's process at once, without freeing what it built object by object.

``annotator agreement`` holds every label of every file (100,000 labels: over a million
objects) until its output is written; the interpreter's teardown then frees them one by one,
about a tenth of the command's time, for nothing: the process is ending. :func:`finish`
flushes the standard streams and ends the process with ``os._exit`` instead, but only in a
process started by the command-line entry points (:func:`enable`); called from tests or from
code using the library, it returns and nothing changes. Only commands that write no file may
call it (no ``atexit`` handler runs).
"""

from __future__ import annotations

import os
import sys

_enabled = False


def enable() -> None:
    """Called by the entry points (``annotator``, ``python -m annotator``) only."""
    global _enabled
    _enabled = True


def finish() -> None:
    """In an entry-point process: flush stdout and stderr and end it with status 0 now."""
    if not _enabled:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)
