"""SIGTERM ends a command the way Ctrl-C does: the results so far are printed, marked
partial, and the exit code says which signal it was (128 + its number, as shells do)."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Iterator

__all__ = ["Terminated", "exit_code_of", "terminate_like_interrupt", "EXIT_INTERRUPTED", "EXIT_TERMINATED"]

EXIT_INTERRUPTED, EXIT_TERMINATED = 128 + signal.SIGINT, 128 + signal.SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C raises KeyboardInterrupt, so that one path handles both."""


def exit_code_of(interrupt: BaseException) -> int:
    return EXIT_TERMINATED if isinstance(interrupt, Terminated) else EXIT_INTERRUPTED


def _raise_terminated(signum, frame) -> None:
    raise Terminated()


@contextmanager
def terminate_like_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated`; the handler before is restored after."""
    try:
        before = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread (main() called from a thread): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)
