"""Progress on stderr for long runs, drawn by tqdm (it knows terminal widths, pipes and
notebooks): bytes read of the input with percent and time left when its size is known, and
the listings read so far. Off when stderr is not a terminal."""

from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator, TextIO, TypeVar

from tqdm import tqdm

__all__ = ["Progress", "with_progress"]

T = TypeVar("T")
TICK = 64  # listings between two looks at the bytes read


class Progress:
    def __init__(self, *, total_bytes: int | None = None, bytes_read: Callable[[], int] | None = None,
                 stream: TextIO | None = None, enabled: bool | None = None, interval: float = 0.5):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled if enabled is not None else self.stream.isatty()
        self.bytes_read = bytes_read if total_bytes else None
        self.count = 0
        by_bytes = self.bytes_read is not None
        self._bar = tqdm(total=total_bytes if by_bytes else None, unit="B" if by_bytes else " listings",
                         unit_scale=by_bytes, unit_divisor=1024, file=self.stream, disable=not self.enabled,
                         mininterval=interval, dynamic_ncols=True, leave=False, desc="reading")

    def tick(self) -> None:
        self.count += 1
        if self._bar.disable or self.count % TICK:
            return
        if self.bytes_read is not None:
            self._bar.set_postfix_str(f"{self.count:,} listings", refresh=False)
            self._bar.update(self.bytes_read() - self._bar.n)
        else:
            self._bar.update(TICK)

    def close(self) -> None:
        self._bar.close()


def with_progress(items: Iterable[T], progress: Progress) -> Iterator[T]:
    """``items`` unchanged, ticking ``progress`` for each; the bar is cleared at the end."""
    try:
        for item in items:
            progress.tick()
            yield item
    finally:
        progress.close()
