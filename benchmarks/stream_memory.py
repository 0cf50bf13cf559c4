"""Peak memory while counting a very large file, streamed: it should stay flat.

    python benchmarks/stream_memory.py [--listings 1000000] [--n-process 2] [--keep FILE]

Writes a JSONL file of N listings by repeating ../shared/corpora (to a temporary folder
unless --keep names a path), counts it through the corpus reader, and prints the peak
resident memory of this process after 1%, 10% and 100% of it, and of the largest worker
at the end.
"""

import argparse
import itertools
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import DEFAULT_FILES, load_texts  # noqa: E402

import skillterms  # noqa: E402
from skillterms.corpus import read_corpus  # noqa: E402


def rss_mb() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, children


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--listings", type=int, default=1_000_000)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--keep", help="write the generated file here and keep it")
    a = ap.parse_args(argv)
    texts = load_texts(DEFAULT_FILES, "text")
    folder = tempfile.mkdtemp() if not a.keep else None
    path = Path(a.keep) if a.keep else Path(folder) / "listings.jsonl"
    if not path.exists():
        with open(path, "w", encoding="utf-8") as f:
            for i, text in zip(range(a.listings), itertools.cycle(texts)):
                f.write(json.dumps({"id": i, "text": text}) + "\n")
    print(f"{a.listings:,} listings, {path.stat().st_size / 1e9:.2f} GB", flush=True)
    marks = {a.listings // 100, a.listings // 10, a.listings}
    seen = 0
    start = time.perf_counter()

    def listings():
        nonlocal seen
        for record in read_corpus([str(path)]):
            seen += 1
            if seen in marks:
                print(f"  after {seen:>9,} listings: peak RSS of this process {rss_mb()[0]:.0f} MB, "
                      f"{seen / (time.perf_counter() - start):,.0f} listings/s", flush=True)
            yield record.text

    counts = skillterms.count(listings(), n_process=a.n_process)
    me, children = rss_mb()  # workers have ended: their peak is known now
    print(f"counted {counts.documents:,} listings (Python in {counts.share('Python'):.1%}); "
          f"peak RSS {me:.0f} MB (this process), {children:.0f} MB (largest worker)")
    if folder:
        path.unlink()
        os.rmdir(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
