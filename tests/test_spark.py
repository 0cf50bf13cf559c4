"""skillterms.spark in Spark local mode: the same mentions and counts as the local API."""

import shutil

import pytest

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("Spark's local mode needs Java (java not on PATH)", allow_module_level=True)

import skillterms  # noqa: E402
from conftest import DATA  # noqa: E402

TEXTS = [
    ("2024-01", "Python, R and SQL on AWS (S3, EC2); k8s a plus"),
    ("2024-01", "Machine Learning Engineer: PyTorch, Spark SQL and Kafka"),
    ("2024-02", "Excel in a fast-paced team. Go to market!"),
    ("2024-02", "We use C++/C#, .NET and Node.js; R&D budget"),
    ("2024-02", None),
    ("2024-03", "Python3, TensorFlow 2.x, Docker and Kubernetes"),
]


@pytest.fixture(scope="module")
def spark():
    import os
    import sys

    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable  # executors run the interpreter that has skillterms

    session = (SparkSession.builder.master("local[2]").appName("skillterms-tests")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="module")
def listings(spark):
    return spark.createDataFrame(TEXTS * 20, "month string, text string").repartition(4)


def test_extract_adds_the_same_mentions_as_the_local_api(spark, listings):
    from skillterms import spark as st_spark

    rows = st_spark.extract(listings, "text").select("text", "mentions").collect()
    for row in rows:
        if row.text is None:
            assert row.mentions is None
            continue
        local = [(m.term, m.category, m.kind, m.start, m.end, m.text) for m in skillterms.extract(row.text)]
        assert [tuple(m) for m in row.mentions] == local


def test_count_equals_local_counts(spark, listings):
    from skillterms import spark as st_spark

    texts = [t for _, t in TEXTS * 20 if t is not None]
    local = skillterms.count(texts)
    rows = st_spark.count(listings, "text").collect()
    result = {r.term: (r.documents, r.share) for r in rows}
    assert result == {term: (n, n / local.documents) for term, n in local.document_counts.items()}
    python = next(r for r in rows if r.term == "Python")
    assert (python.category, python.kind) == ("languages", "tool")  # category and kind come with each term
    assert [r.documents for r in rows] == sorted((r.documents for r in rows), reverse=True)


def test_count_by_group_and_rollup(spark, listings):
    from skillterms import spark as st_spark

    rows = st_spark.count(listings, "text", group_by="month", rollup=True).collect()
    by_month = {}
    for r in rows:
        by_month.setdefault(r.month, {})[r.term] = r.documents
    for month in {m for m, _ in TEXTS}:
        texts = [t for m, t in TEXTS * 20 if m == month and t is not None]
        assert by_month[month] == dict(skillterms.count(texts).rollup_counts)
    assert by_month["2024-01"]["AWS"] == 20  # S3 and EC2 roll up into AWS once per listing


def test_user_vocabulary_travels_to_the_executors(spark, listings):
    from skillterms import spark as st_spark

    vocab = skillterms.load_vocabulary(DATA / "mini_vocab.yaml", builtin=False)
    rows = st_spark.count(listings, "text", vocab=vocab).collect()
    assert {r.term for r in rows} <= {t.name for t in vocab}
    assert {r.term for r in rows} >= {"Python", "Kubernetes"}


def test_unknown_columns_are_reported(spark, listings):
    from skillterms import spark as st_spark

    with pytest.raises(ValueError, match="no column 'body'"):
        st_spark.count(listings, "body")
    with pytest.raises(ValueError, match="no column 'week' to group by"):
        st_spark.count(listings, "text", group_by="week")


def test_executor_builds_one_extractor_per_vocabulary():
    from skillterms import spark as st_spark

    options = ("longest", True, True, False)
    first = st_spark._executor_extractor(None, options)
    assert st_spark._executor_extractor(None, options) is first
    assert st_spark._executor_extractor(None, ("all", True, True, False)) is not first
    assert st_spark._executor_extractor(None, ("longest", True, True, True)).broad is True
    mini = skillterms.load_vocabulary(DATA / "mini_vocab.yaml", builtin=False)
    assert st_spark._executor_extractor(mini, options).vocab is mini


def test_only_dataframe_operations_are_used():
    """Spark Connect sessions have no sparkContext and no RDDs: the module must use neither
    (pyspark's own UDF machinery picks the session's implementation)."""
    import ast

    from skillterms import spark as st_spark

    tree = ast.parse(open(st_spark.__file__, encoding="utf-8").read())
    used = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
    assert not used & {"sparkContext", "rdd", "broadcast", "mapPartitions", "reduceByKey", "parallelize"}
