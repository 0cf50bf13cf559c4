"""Adversarial inputs against ordinary listings: seconds per input and the ratio.

    python benchmarks/adversarial.py [--mb 10] [--listings FILE.jsonl ...]

Every adversarial input (tests/adversarial.py) is built to ``--mb`` megabytes and extracted
as one text; the baseline is the same amount of ordinary listings, extracted listing by
listing (../shared/corpora/*.jsonl repeated, or the prose the tests use when absent).
The issue's bar is a ratio of at most 3.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from adversarial import DENSE, INPUTS, ordinary  # noqa: E402

import skillterms  # noqa: E402

DEFAULT_LISTINGS = sorted(glob.glob(str(HERE.parent.parent / "shared" / "corpora" / "*.jsonl")))


def listings(files: list[str], size: int) -> list[str]:
    texts = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            texts += [t for t in (json.loads(line).get("text") for line in f) if isinstance(t, str)]
    if not texts:
        return [ordinary(size)]
    out, total = [], 0
    while total < size:
        for t in texts:
            out.append(t)
            total += len(t)
            if total >= size:
                break
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--listings", nargs="*", default=DEFAULT_LISTINGS)
    ap.add_argument("--only", help="run only inputs whose name contains this")
    a = ap.parse_args(argv)
    size = int(a.mb * 1_000_000)
    extractor = skillterms.Extractor()
    extractor.extract("warm up")
    base_texts = listings(a.listings, size)
    start = time.perf_counter()
    for t in base_texts:
        extractor.extract(t)
    base = time.perf_counter() - start
    print(f"| input ({a.mb:g} M characters) | seconds | ratio to ordinary listings |")
    print("|---|---:|---:|")
    print(f"| ordinary listings ({len(base_texts):,} of them) | {base:.2f} | 1.00 |")
    worst = 0.0
    for name, build in INPUTS.items():
        if not a.only or a.only in name:
            worst = max(worst, _row(extractor, name, build(size), base))
    print(f"\nworst ratio of the hostile inputs: {worst:.2f}\n")
    print("| dense real text | seconds | ratio | mentions | µs per mention |")
    print("|---|---:|---:|---:|---:|")
    for name, build in DENSE.items():
        if not a.only or a.only in name:
            _row(extractor, name, build(size), base, per_mention=True)
    return 0


def _row(extractor, name: str, text: str, base: float, per_mention: bool = False) -> float:
    start = time.perf_counter()
    found = len(extractor.extract(text))
    seconds = time.perf_counter() - start
    extra = f" {found:,} | {seconds / found * 1e6:.1f} |" if per_mention and found else ""
    print(f"| {name} | {seconds:.2f} | {seconds / base:.2f} |{extra}", flush=True)
    return seconds / base


if __name__ == "__main__":
    sys.exit(main())
