"""Extraction on several processes: workers never outlive the parent that started them."""

import os
import signal
import subprocess
import sys
import time

from conftest import DATA

# A parent that counts on three processes (itself and two workers), says the workers' pids, and
# hangs waiting for more texts.
PARENT = f"""
import multiprocessing, sys, time
import skillterms

def texts():
    yield "Python and SQL"
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(600)
    yield "never"

vocab = skillterms.load_vocabulary({str(DATA / "mini_vocab.yaml")!r}, builtin=False)
skillterms.Extractor(vocab).count(texts(), n_process=3, batch_size=1)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_workers_end_when_the_parent_is_killed_outright():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        workers = [int(p) for p in parent.stdout.readline().split()]
        assert len(workers) == 2 and all(_alive(p) for p in workers)
    finally:
        parent.send_signal(signal.SIGKILL)  # no handler, no cleanup: only the closed pipe tells
        parent.wait()
    deadline = time.monotonic() + 20
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in workers if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    assert not left, "workers outlived their parent"


def _worker_pid_slowly(batch):
    time.sleep(0.005)  # a worker that is always busy: its queue fills
    return [os.getpid()] * len(batch)


def _pid_here(extractor, batch):
    return [os.getpid()] * len(batch)


def _fails_here(extractor, batch):
    raise ValueError(f"bad batch {batch}")


def test_the_calling_process_works_batches_when_the_workers_hold_enough():
    import skillterms
    from skillterms.parallel import _run

    extractor = skillterms.Extractor(skillterms.load_vocabulary(DATA / "mini_vocab.yaml", builtin=False))
    pids = [pid for part in _run(extractor, (str(i) for i in range(200)), 2, 1, _worker_pid_slowly, _pid_here)
            for pid in part]
    assert len(pids) == 200
    assert pids.count(os.getpid()) > 100  # the caller worked most of them
    assert len(set(pids)) == 2  # and one worker the rest


def test_an_error_in_a_batch_worked_here_is_raised_at_its_turn():
    import pytest

    import skillterms
    from skillterms.parallel import _run

    extractor = skillterms.Extractor(skillterms.load_vocabulary(DATA / "mini_vocab.yaml", builtin=False))
    results = _run(extractor, (str(i) for i in range(20)), 2, 1, _worker_pid_slowly, _fails_here)
    assert next(results) == next(results)  # the two batches sent to the worker come back first
    with pytest.raises(ValueError, match=r"bad batch \['2'\]"):
        next(results)
