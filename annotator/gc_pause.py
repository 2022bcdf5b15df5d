"""Pausing Python's cyclic garbage collector while many long-lived objects are built.

Loading thousands of annotation files (or documents) creates millions of objects that all stay
alive; each automatic collection then walks the whole growing heap for nothing, which cost more
than the validation itself (2,000 files: 3.8 s CPU with the collector, 1.5 s without). The
objects built here form no reference cycles worth collecting, so the collector is paused for
the duration and restored (to its previous state) afterwards, even on error.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Run the block with automatic garbage collection off (reference counting still frees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
