"""A one-line progress report on stderr for long runs: listings, listings/s, and percent and
time left when the input size is known. Silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import time
from typing import Callable, Iterable, Iterator, TextIO, TypeVar

__all__ = ["Progress", "with_progress"]

T = TypeVar("T")


class Progress:
    def __init__(self, *, total_bytes: int | None = None, bytes_read: Callable[[], int] | None = None,
                 stream: TextIO | None = None, enabled: bool | None = None, interval: float = 0.5):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled if enabled is not None else self.stream.isatty()
        self.total_bytes = total_bytes
        self.bytes_read = bytes_read
        self.interval = interval
        self.count = 0
        self._start = time.monotonic()
        self._last = 0.0
        self._width = 0

    def tick(self) -> None:
        self.count += 1
        if self.enabled and self.count % 64 == 0:
            now = time.monotonic()
            if now - self._last >= self.interval:
                self._last = now
                self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = max(now - self._start, 1e-9)
        line = f"{self.count:,} listings, {self.count / elapsed:,.0f}/s"
        if self.total_bytes and self.bytes_read is not None:
            done = min(self.bytes_read() / self.total_bytes, 1.0)
            if done > 0:
                left = elapsed * (1 - done) / done
                line += f", {done:.0%}, {int(left // 60)}:{int(left % 60):02d} left"
        self._width = max(self._width, len(line))
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()


def with_progress(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """``items`` unchanged, ticking ``progress`` for each; the line is cleared at the end."""
    try:
        for item in items:
            progress.tick()
            yield item
    finally:
        progress.close()
