"""Extraction on several processes: order kept, memory bounded, one Extractor per process.

``n_process`` counts the calling process: it starts ``n_process - 1`` workers and works too.
Texts are cut into batches; a batch goes to the workers while they hold fewer than two each,
and is worked by the caller itself when they hold that many, so every CPU extracts and the
caller's own share of the work (sending texts, merging what comes back) has no CPU of its
own to wait for. At most about ``4 * n_process`` batches are held at once, so a generator of
a million listings is read as the workers keep up, never all at once. Each worker gets the
Extractor once (inherited on ``fork``, unpickled otherwise); for counting, workers send back
partial counts, not mentions.
"""

from __future__ import annotations

import os
import signal
import threading
from collections import deque
from itertools import islice
from typing import TYPE_CHECKING, Iterable, Iterator, Protocol

from .counting import TermCounts, count_mentions
from .types import Mention, mention_records
from .vocabulary.model import Vocabulary

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

# multiprocessing and concurrent.futures are imported where a pool starts or a worker runs:
# they were a seventh of `import skillterms`, which serial extraction never needs.

__all__ = ["parallel_pipe", "parallel_count", "resolve_n_process"]


class Extracts(Protocol):
    """What a worker needs of the Extractor (which calls into this module, not the reverse)."""

    vocab: Vocabulary

    def extract(self, text: str) -> list[Mention]: ...

    def _mention_rows(self, text: str) -> list[tuple]: ...


_WORKER: Extracts | None = None
_STOP = None  # in a worker: the parent's event that asks it to stop

# How long a stopping parent waits for each worker to finish the text in hand before it kills
# them: a killed worker can leave half a message in a pipe that the pool's threads then wait
# on for ever, so killing is the fallback, not the way.
STOP_GRACE_SECONDS = 10.0


class _Stopped(Exception):
    """Raised in a worker between texts once the parent has asked it to stop."""


def resolve_n_process(n_process: int) -> int:
    """``n_process`` as a worker count: -1 means one per CPU."""
    if not isinstance(n_process, int) or isinstance(n_process, bool):
        raise TypeError(f"n_process must be an int, not {type(n_process).__name__}")
    if n_process == -1:
        return os.cpu_count() or 1
    if n_process < 1:
        raise ValueError(f"n_process must be a positive number of processes or -1 for all CPUs, not {n_process}")
    return n_process


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    it = iter(texts)
    while batch := list(islice(it, size)):
        yield batch


def _init(extractor: Extracts, stop) -> None:
    global _WORKER, _STOP
    _WORKER, _STOP = extractor, stop
    # The parent alone answers Ctrl-C and SIGTERM (it ends the workers); a forked worker would
    # otherwise run the parent's handlers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with_parent, name="skillterms-parent-watch", daemon=True).start()


def _exit_with_parent() -> None:
    """Block on the pipe that multiprocessing keeps to the parent: it closes when the parent
    ends, however (SIGKILL included), and the worker then ends too instead of living on."""
    import multiprocessing

    parent = multiprocessing.parent_process()
    if parent is not None:
        parent.join()
        os._exit(1)


def _until_stopped(batch: list[str]) -> Iterator[str]:
    for text in batch:
        if _STOP.is_set():
            raise _Stopped()
        yield text


def _extract_batch(batch: list[str]) -> list[list[tuple]]:
    return _extract_texts(_WORKER, _until_stopped(batch))


def _extract_texts(extractor: Extracts, texts: Iterable[str]) -> list[list[tuple]]:
    # Plain tuples pickle several times faster than dataclass instances, and are made faster.
    return [extractor._mention_rows(text) for text in texts]


def _count_batch(batch: list[str]) -> TermCounts:
    return _count_texts(_WORKER, _until_stopped(batch))


def _count_texts(extractor: Extracts, texts: Iterable[str]) -> TermCounts:
    counts = count_mentions((extractor.extract(text) for text in texts), extractor.vocab)
    return TermCounts(counts.documents, counts.document_counts, counts.mention_counts, counts.rollup_counts,
                      counts.category_counts)  # the vocabulary stays with the parent


class _Worked:
    """A batch worked out by the calling process, in its place among the futures: its result,
    or the error it raised, which is raised at its turn, as a worker's would be."""

    __slots__ = ("result", "error")

    def __init__(self, work_here, extractor: Extracts, batch: list[str]):
        self.result, self.error = None, None
        try:
            self.result = work_here(extractor, batch)
        except Exception as error:
            self.error = error


def _run(extractor: Extracts, texts: Iterable[str], n_process: int, batch_size: int, task, work_here) -> Iterator:
    """The results of ``task`` (in a worker) or ``work_here`` (in this process, with the
    extractor) for each batch, in input order."""
    # Forked workers get the extractor, compiled tables and all, from the parent's memory;
    # spawned ones unpickle it and compile once.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = n_process - 1
    context = multiprocessing.get_context()
    stop = context.Event()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                               initargs=(extractor, stop))
    slots: deque = deque()  # a Future or a _Worked for each batch not yet given back, in order
    try:
        for batch in _batches(texts, batch_size):
            if sum(not (isinstance(s, _Worked) or s.done()) for s in slots) < 2 * workers:
                slots.append(pool.submit(task, batch))
            else:
                slots.append(_Worked(work_here, extractor, batch))
            while slots and (len(slots) > 4 * n_process or isinstance(slots[0], _Worked) or slots[0].done()):
                yield _next_result(slots)
        while slots:
            yield _next_result(slots)
    except BaseException:  # an error, Ctrl-C, SIGTERM, or the reader stopped early
        _stop_workers(pool, stop, [s for s in slots if not isinstance(s, _Worked)])
        raise
    pool.shutdown(wait=True)


def _next_result(slots: deque):
    # Taken off only once read: a stop while waiting then gives the batch its grace period too.
    head = slots[0]
    if isinstance(head, _Worked):
        slots.popleft()
        if head.error is not None:
            raise head.error
        return head.result
    result = head.result()
    slots.popleft()
    return result


def _stop_workers(pool: ProcessPoolExecutor, stop, in_flight: list[Future]) -> None:
    """End the workers soon: the batches they hold will never be read. Each stops at its next
    text; one still in a single text after the grace period is killed."""
    stop.set()
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    from concurrent.futures import wait

    _, running = wait(in_flight, timeout=STOP_GRACE_SECONDS)
    if not running:
        pool.shutdown(wait=True)  # the workers take their end-of-work sentinels and exit
        return
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=10)


def parallel_pipe(extractor: Extracts, texts: Iterable[str], n_process: int,
                  batch_size: int) -> Iterator[list[Mention]]:
    """Mentions per text, in input order, computed on ``n_process`` processes."""
    records = mention_records()
    for results in _run(extractor, texts, n_process, batch_size, _extract_batch, _extract_texts):
        for mentions in results:
            yield records.make_all(mentions)


def parallel_count(extractor: Extracts, texts: Iterable[str], n_process: int, batch_size: int) -> TermCounts:
    """Counts over ``texts`` computed on ``n_process`` processes; equal to the serial counts."""
    total = TermCounts(vocab=extractor.vocab)
    for part in _run(extractor, texts, n_process, batch_size, _count_batch, _count_texts):
        total = total + part
    return total
