"""skillterms on Spark DataFrames, for corpora bigger than one machine.

Install with ``pip install "skillterms[spark]"``. The vocabulary travels to the executors
once, as a broadcast variable; each executor's Python worker builds its Extractor once per
vocabulary and keeps it for every later row and task.

>>> from skillterms import spark as st_spark
>>> with_mentions = st_spark.extract(listings, "description")      # adds a "mentions" column
>>> shares = st_spark.count(listings, "description", group_by="month")

Rows whose text is null are not listings: ``count`` skips them, as the local API would
never be given them.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .counting import count_mentions
from .extract import OVERLAP_POLICIES, Extractor
from .vocab import Vocabulary, default_vocabulary

__all__ = ["extract", "count", "MENTION_TYPE"]

MENTION_TYPE = T.ArrayType(T.StructType([
    T.StructField("term", T.StringType(), False),
    T.StructField("category", T.StringType(), False),
    T.StructField("kind", T.StringType(), False),
    T.StructField("start", T.IntegerType(), False),
    T.StructField("end", T.IntegerType(), False),
    T.StructField("text", T.StringType(), False),
]))

_EXTRACTORS: dict[tuple, Extractor] = {}  # per executor process: built once per vocabulary and options


def _executor_extractor(broadcast, options: tuple) -> Extractor:
    key = (broadcast.value.fingerprint, *options)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        overlaps, fuzzy, context, broad = options
        extractor = _EXTRACTORS[key] = Extractor(broadcast.value, overlaps=overlaps, fuzzy=fuzzy, context=context,
                                                 broad=broad)
    return extractor


def _prepare(df: DataFrame, column: str, vocab: Vocabulary | None, overlaps: str, fuzzy: bool, context: bool,
             broad: bool):
    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if overlaps not in OVERLAP_POLICIES:
        raise ValueError(f"overlaps must be one of {', '.join(OVERLAP_POLICIES)}, not {overlaps!r}")
    vocab = vocab if vocab is not None else default_vocabulary()
    spark = SparkSession.getActiveSession() or df.sparkSession
    return spark.sparkContext.broadcast(vocab), (overlaps, fuzzy, context, broad)


def extract(df: DataFrame, column: str, *, vocab: Vocabulary | None = None, output: str = "mentions",
            overlaps: str = "longest", fuzzy: bool = True, context: bool = True, broad: bool = False) -> DataFrame:
    """``df`` with a column ``output``: the mentions in ``column`` as an array of structs
    (term, category, kind, start, end, text); null for a null text."""
    broadcast, options = _prepare(df, column, vocab, overlaps, fuzzy, context, broad)

    def mentions(text):
        if text is None:
            return None
        return [(m.term, m.category, m.kind, m.start, m.end, m.text)
                for m in _executor_extractor(broadcast, options).extract(text)]

    return df.withColumn(output, F.udf(mentions, MENTION_TYPE, useArrow=False)(F.col(column)))


def count(df: DataFrame, column: str, *, group_by: str | None = None, vocab: Vocabulary | None = None,
          rollup: bool = False, overlaps: str = "longest", fuzzy: bool = True, context: bool = True,
          broad: bool = False) -> DataFrame:
    """One row per term (and per value of ``group_by``): ``term``, ``documents``, ``share``.

    ``share`` is the fraction of the (group's) listings that mention the term; with
    ``rollup`` a listing counts for a term's parents too. The numbers equal those of
    :func:`skillterms.count` on the same texts.
    """
    if group_by is not None and group_by not in df.columns:
        raise ValueError(f"no column {group_by!r} to group by (columns: {', '.join(df.columns)})")
    broadcast, options = _prepare(df, column, vocab, overlaps, fuzzy, context, broad)
    group_col = F.col(group_by) if group_by is not None else F.lit(None)
    rows = df.select(F.col(column).alias("text"), group_col.alias("group")).rdd

    def partial(partition: Iterable) -> Iterator[tuple]:
        extractor = _executor_extractor(broadcast, options)
        by_group: dict = {}
        for row in partition:
            if row.text is not None:
                by_group.setdefault(row.group, []).append(extractor.extract(row.text))
        for group, per_document in by_group.items():
            counts = count_mentions(per_document, extractor.vocab)
            yield group, (counts.documents, dict(counts.rollup_counts if rollup else counts.document_counts))

    def merge(a: tuple, b: tuple) -> tuple:
        total = dict(a[1])
        for term, n in b[1].items():
            total[term] = total.get(term, 0) + n
        return a[0] + b[0], total

    merged = rows.mapPartitions(partial).reduceByKey(merge).collect()
    records = []
    for group, (documents, per_term) in merged:
        for term, n in per_term.items():
            record = (term, n, n / documents if documents else 0.0)
            records.append((group, *record) if group_by is not None else record)
    fields = [T.StructField("term", T.StringType(), False), T.StructField("documents", T.LongType(), False),
              T.StructField("share", T.DoubleType(), False)]
    if group_by is not None:
        fields.insert(0, T.StructField(group_by, df.schema[group_by].dataType, True))
    spark = SparkSession.getActiveSession() or df.sparkSession
    out = spark.createDataFrame(records, T.StructType(fields))
    order = [F.col(group_by)] if group_by is not None else []
    return out.orderBy(*order, F.col("documents").desc(), F.col("term"))
