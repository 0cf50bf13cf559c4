"""Bulk building without the cycle collector.

Loading, checking and compiling a vocabulary allocate hundreds of thousands of containers
(located YAML values, terms, entries) and free almost none: each full collection the
allocations trigger walks all of them again to find no garbage. A 100k-alias user vocabulary
spent three of its eight seconds there. Inside :func:`gc_paused` the collector waits; it runs
again as before once the outermost build ends (threads that build at once share one pause).
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["gc_paused"]

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the cycle collector while the block runs (reference counting frees as usual)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
