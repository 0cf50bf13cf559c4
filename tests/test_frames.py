import sys

import pytest

pd = pytest.importorskip("pandas")

import skillterms  # noqa: E402
from skillterms.frames import add_terms  # noqa: E402


def test_add_terms_tags_each_listing_in_order_of_first_mention(mini):
    df = pd.DataFrame({"id": [1, 2, 3], "text": ["SQL then Python then SQL", "Rust", "k8s"]})
    out = add_terms(df, "text", extractor=mini)
    assert out["terms"].tolist() == [["SQL", "Python"], [], ["Kubernetes"]]
    assert "terms" not in df.columns  # the input is left alone


def test_rows_without_text_are_skipped_and_reported(mini):
    from skillterms.frames import SkippedTextsWarning

    df = pd.DataFrame({"text": ["Python", None, float("nan"), "SQL"]})
    with pytest.warns(SkippedTextsWarning, match="2 rows of 'text' had no text"):
        out = add_terms(df, "text", extractor=mini)
    assert out["terms"].tolist() == [["Python"], None, None, ["SQL"]]


def test_count_of_a_series_with_missing_texts_skips_and_counts_them(mini):
    counts = mini.count(pd.Series(["Python", None, float("nan"), "Python and SQL"]))
    assert (counts.documents, counts.skipped, counts.count("Python")) == (2, 2, 2)


def test_add_terms_can_keep_full_mentions(mini):
    out = add_terms(pd.DataFrame({"text": ["Python3"]}), "text", extractor=mini, mentions=True, output="m")
    (m,) = out["m"][0]
    assert (m.term, m.text) == ("Python", "Python3")


def test_add_terms_names_a_missing_column(mini):
    with pytest.raises(KeyError, match="no column 'body'"):
        add_terms(pd.DataFrame({"text": ["x"]}), "body", extractor=mini)


def test_counts_to_pandas(mini):
    frame = mini.count(["Python and SQL", "Python"]).to_pandas()
    assert frame.columns.tolist() == ["term", "category", "kind", "documents", "share", "mentions"]
    assert frame.iloc[0].tolist() == ["Python", "test", "tool", 2, 1.0, 2]


def test_importing_skillterms_does_not_import_pandas_or_matplotlib():
    import subprocess

    code = "import skillterms, sys; skillterms.extract('x'); print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
