"""What overlaps="all" costs beside the default policy, on dense text of growing length.

    python benchmarks/overlaps.py [--rounds 5]

Each text repeats a line of nested terms ("Spark SQL", "Apache Spark Streaming", ...): about
12 matches per 100 characters under "all". Linear work keeps the ratio flat as the text
grows; the pair-by-pair scans it replaced grew with the square of the matches (56,000
characters: 9.0 s against 1.3 s for the default policy).
"""

from __future__ import annotations

import argparse
import statistics
import time

import skillterms

UNIT = "Spark SQL, Apache Spark Streaming, Azure Data Factory, Google Cloud Platform, AWS Lambda functions; "
SIZES = [7_000, 28_000, 112_000]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args(argv)
    longest, every = skillterms.Extractor(), skillterms.Extractor(overlaps="all")
    longest.extract(UNIT), every.extract(UNIT)
    print("| characters | longest (s) | all (s) | all / longest |")
    print("|---:|---:|---:|---:|")
    for size in SIZES:
        text = (UNIT * (size // len(UNIT) + 1))[:size]
        seconds: dict[str, list[float]] = {"longest": [], "all": []}
        for _ in range(a.rounds):
            for name, extractor in (("longest", longest), ("all", every)):
                start = time.perf_counter()
                extractor.extract(text)
                seconds[name].append(time.perf_counter() - start)
        low, high = statistics.median(seconds["longest"]), statistics.median(seconds["all"])
        print(f"| {size:,} | {low:.3f} | {high:.3f} | {high / low:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
