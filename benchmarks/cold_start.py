"""Seconds from a fresh interpreter to the first extraction with the built-in vocabulary.

    python benchmarks/cold_start.py [--runs 5]
"""

import argparse
import statistics
import subprocess
import sys

PROBE = ("import time; t = time.perf_counter(); import skillterms; "
         "skillterms.extract('Python and k8s'); print(time.perf_counter() - t)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args(argv)
    times = [float(subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout)
             for _ in range(a.runs)]
    print(f"import + first extract: median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s over {a.runs} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
