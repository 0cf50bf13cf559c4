"""Extraction on threads: one Extractor shared by two threads against one thread.

    python benchmarks/threads.py [FILE.jsonl ...] [--rounds 3]

The compiled core releases the GIL while it reads a text (finding candidates and regions),
so two threads overlap that part; the rest of a text's work (context rules, mentions) is
Python and holds it. Prints MB/s for 1 and 2 threads, medians of the rounds, measured in
the same rounds, and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import DEFAULT_FILES, load_texts  # noqa: E402

import skillterms  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--field", default="text")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    texts = load_texts(a.files, a.field)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extractor = skillterms.Extractor()
    serial = [extractor.extract(t) for t in texts]  # warm: the typo cache fills
    speeds: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(a.rounds):
        for threads in (1, 2):
            start = time.perf_counter()
            with ThreadPoolExecutor(threads) as pool:
                found = list(pool.map(extractor.extract, texts, chunksize=16))
            speeds[threads].append(mb / (time.perf_counter() - start))
            assert found == serial, "threads changed a result"
    one, two = statistics.median(speeds[1]), statistics.median(speeds[2])
    print(f"{len(texts)} listings, {mb:.1f} MB, medians of {a.rounds} rounds")
    print("| threads | MB/s | vs one thread |")
    print("|---:|---:|---:|")
    print(f"| 1 | {one:.2f} | 1.00x |")
    print(f"| 2 | {two:.2f} | {two / one:.2f}x |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
