"""skillterms on Spark DataFrames, for corpora bigger than one machine.

Install with ``pip install "skillterms[spark]"``. Only DataFrame operations and Python UDFs
are used (no ``sparkContext``, no RDDs), so classic sessions and Spark Connect sessions
(``SparkSession.builder.remote(...)``, Databricks' default) both work.

Executors run the UDFs in their own Python: skillterms must be installed there (the same
version as on the driver), and ``PYSPARK_PYTHON`` must point at that interpreter. The
vocabulary travels inside the UDF: the built-in one as its name only (each executor loads its
own copy, compiled once, from the shipped snapshot), a user vocabulary as its terms (compiled
once per executor process and kept for every later row and task).

>>> from skillterms import spark as st_spark
>>> with_mentions = st_spark.extract(listings, "description")      # adds a "mentions" column
>>> shares = st_spark.count(listings, "description", group_by="month")

Rows whose text is null (or not a string) are no listings: ``count`` skips them, as
:func:`skillterms.count` does, and no share counts them.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .extract import OVERLAP_POLICIES, Extractor
from .vocabulary.model import Vocabulary
from .vocabulary.builtin import default_vocabulary

__all__ = ["extract", "count", "MENTION_TYPE", "TERM_TYPE"]

MENTION_TYPE = T.ArrayType(T.StructType([
    T.StructField("term", T.StringType(), False),
    T.StructField("category", T.StringType(), False),
    T.StructField("kind", T.StringType(), False),
    T.StructField("start", T.IntegerType(), False),
    T.StructField("end", T.IntegerType(), False),
    T.StructField("text", T.StringType(), False),
]))
TERM_TYPE = T.ArrayType(T.StructType([
    T.StructField("term", T.StringType(), False),
    T.StructField("category", T.StringType(), False),
    T.StructField("kind", T.StringType(), False),
]))

_EXTRACTORS: dict[tuple, Extractor] = {}  # per executor process: built once per vocabulary and options


def _executor_extractor(vocab: Vocabulary | None, options: tuple) -> Extractor:
    """The extractor of an executor process; ``vocab`` None is the built-in vocabulary."""
    key = (vocab.fingerprint if vocab is not None else "builtin", *options)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        overlaps, fuzzy, context, broad = options
        extractor = _EXTRACTORS[key] = Extractor(vocab if vocab is not None else default_vocabulary(),
                                                 overlaps=overlaps, fuzzy=fuzzy, context=context, broad=broad)
    return extractor


def _prepare(df: DataFrame, column: str, vocab: Vocabulary | None, overlaps: str, fuzzy: bool, context: bool,
             broad: bool) -> tuple[Vocabulary | None, tuple]:
    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame (columns: {', '.join(df.columns)})")
    if overlaps not in OVERLAP_POLICIES:
        raise ValueError(f"overlaps must be one of {', '.join(OVERLAP_POLICIES)}, not {overlaps!r}")
    if vocab is not None and not isinstance(vocab, Vocabulary):
        raise TypeError(f"vocab must be a Vocabulary (see skillterms.load_vocabulary), not {type(vocab).__name__}")
    if vocab is not None and vocab.fingerprint == default_vocabulary().fingerprint:
        vocab = None  # the executors load their own copy of the built-in vocabulary
    return vocab, (overlaps, fuzzy, context, broad)


def extract(df: DataFrame, column: str, *, vocab: Vocabulary | None = None, output: str = "mentions",
            overlaps: str = "longest", fuzzy: bool = True, context: bool = True, broad: bool = False) -> DataFrame:
    """``df`` with a column ``output``: the mentions in ``column`` as an array of structs
    (term, category, kind, start, end, text); null for a null text."""
    shipped, options = _prepare(df, column, vocab, overlaps, fuzzy, context, broad)

    def mentions(text):
        if not isinstance(text, str):
            return None
        return [(m.term, m.category, m.kind, m.start, m.end, m.text)
                for m in _executor_extractor(shipped, options).extract(text)]

    return df.withColumn(output, F.udf(mentions, MENTION_TYPE, useArrow=False)(F.col(column)))


def count(df: DataFrame, column: str, *, group_by: str | None = None, vocab: Vocabulary | None = None,
          rollup: bool = False, overlaps: str = "longest", fuzzy: bool = True, context: bool = True,
          broad: bool = False) -> DataFrame:
    """One row per term (and per value of ``group_by``): ``[group_by,] term, category, kind,
    documents, share``, most listings first.

    ``share`` is the fraction of the (group's) listings that mention the term; with
    ``rollup`` a listing counts for a term's parents too. The numbers equal those of
    :func:`skillterms.count` on the same texts. The result is a lazy DataFrame.
    """
    if group_by is not None and group_by not in df.columns:
        raise ValueError(f"no column {group_by!r} to group by (columns: {', '.join(df.columns)})")
    shipped, options = _prepare(df, column, vocab, overlaps, fuzzy, context, broad)

    def terms(text):
        extractor = _executor_extractor(shipped, options)
        found = {}
        for m in extractor.extract(text):
            found.setdefault(m.term, (m.term, m.category, m.kind))
        if rollup:
            vocab_ = extractor.vocab
            for name in list(found):
                for parent in vocab_.ancestors(name) if name in vocab_ else ():
                    if parent not in found:
                        term = vocab_[parent]
                        found[parent] = (term.name, term.category, term.kind)
        return list(found.values())

    group = [F.col(group_by)] if group_by is not None else []
    texts = df.select(*group, F.col(column).alias("_text")).where(F.col("_text").isNotNull())
    listings = texts.groupBy(*group).agg(F.count(F.lit(1)).alias("_listings"))
    found = (texts.select(*group, F.explode(F.udf(terms, TERM_TYPE, useArrow=False)(F.col("_text"))).alias("_t"))
             .select(*group, F.col("_t.term").alias("term"), F.col("_t.category").alias("category"),
                     F.col("_t.kind").alias("kind"))
             .groupBy(*group, "term", "category", "kind").agg(F.count(F.lit(1)).alias("documents")))
    joined = found.join(listings, on=[group_by], how="inner") if group_by is not None else found.crossJoin(listings)
    out = joined.select(*group, "term", "category", "kind", F.col("documents").cast("long").alias("documents"),
                        (F.col("documents") / F.col("_listings")).alias("share"))
    return out.orderBy(*group, F.col("documents").desc(), F.col("term"))
