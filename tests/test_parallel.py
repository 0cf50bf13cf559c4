"""Extraction on several processes: workers never outlive the parent that started them."""

import os
import signal
import subprocess
import sys
import time

from conftest import DATA

# A parent that counts on two workers, says their pids, and hangs waiting for more texts.
PARENT = f"""
import multiprocessing, sys, time
import skillterms

def texts():
    yield "Python and SQL"
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(600)
    yield "never"

vocab = skillterms.load_vocabulary({str(DATA / "mini_vocab.yaml")!r}, builtin=False)
skillterms.Extractor(vocab).count(texts(), n_process=2, batch_size=1)
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
