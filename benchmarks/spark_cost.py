"""Throughput of skillterms.spark.count in Spark local mode, to estimate cluster cost.

    python benchmarks/spark_cost.py [--listings 50000] [--cores 2]

Repeats ../shared/corpora to N listings, counts them with ``skillterms.spark.count`` on
``local[cores]`` and with ``skillterms.count(..., n_process=cores)``, and prints listings
per second per core for both.
"""

import argparse
import itertools
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import DEFAULT_FILES, load_texts  # noqa: E402

import skillterms  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--listings", type=int, default=50_000)
    ap.add_argument("--cores", type=int, default=2)
    a = ap.parse_args(argv)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from skillterms import spark as st_spark

    texts = [t for _, t in zip(range(a.listings), itertools.cycle(load_texts(DEFAULT_FILES, "text")))]
    spark = (SparkSession.builder.master(f"local[{a.cores}]").config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "2g").getOrCreate())
    df = spark.createDataFrame([(t,) for t in texts], "text string").repartition(a.cores * 4).cache()
    df.count()
    start = time.perf_counter()
    rows = st_spark.count(df, "text").collect()
    spark_seconds = time.perf_counter() - start
    spark.stop()
    start = time.perf_counter()
    local = skillterms.count(texts, n_process=a.cores)
    local_seconds = time.perf_counter() - start
    assert {r.term: r.documents for r in rows} == dict(local.document_counts)
    for name, seconds in (("spark local", spark_seconds), ("skillterms.count", local_seconds)):
        print(f"{name:18s} {a.listings / seconds:8,.0f} listings/s on {a.cores} cores = "
              f"{a.listings / seconds / a.cores:6,.0f} per core; "
              f"{1e6 / (a.listings / seconds / a.cores) / 3600:.2f} core-hours per million listings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
