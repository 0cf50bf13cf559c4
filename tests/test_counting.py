import pickle

import pytest

import skillterms
from skillterms.counting import TermCounts

TEXTS = [
    "Python and SQL on AWS (S3, EC2)",
    "Python, Python, Python",
    "Amazon SageMaker with Docker",
    "Nothing technical here",
]


@pytest.fixture
def counts(mini):
    return mini.count(TEXTS)


def test_documents_counts_every_text_including_empty_ones(counts):
    assert counts.documents == 4


def test_presence_counts_a_listing_once(counts):
    assert counts.count("Python") == 2
    assert counts.mentions("Python") == 4
    assert counts.share("Python") == 0.5


def test_share_accepts_aliases(counts):
    assert counts.share("k8s") == 0.0
    assert counts.share("Amazon Web Services") == counts.share("AWS")


def test_unknown_term_is_an_error_not_zero(counts):
    with pytest.raises(skillterms.UnknownTermError, match="Python"):
        counts.share("Pyhton language")


def test_rollup_counts_services_under_their_platform(counts):
    assert counts.count("AWS") == 1
    assert counts.count("AWS", rollup=True) == 2  # the SageMaker listing counts for AWS too


def test_most_common_sorts_by_documents_then_name(counts):
    top = counts.most_common(3)
    assert top[0] == ("Python", 2)
    assert [n for _, n in top] == sorted([n for _, n in top], reverse=True)
    assert counts.most_common(kind="concept") == []


def test_category_share(counts):
    assert counts.category_share("test") == 0.75


def test_counts_merge_exactly(mini):
    whole = mini.count(TEXTS)
    parts = mini.count(TEXTS[:1]) + mini.count(TEXTS[1:3]) + mini.count(TEXTS[3:])
    assert parts == whole
    assert sum([mini.count(TEXTS[:2]), mini.count(TEXTS[2:])]) == whole


def test_merge_is_commutative(mini):
    a, b = mini.count(TEXTS[:2]), mini.count(TEXTS[2:])
    assert a + b == b + a


def test_counts_from_different_vocabularies_do_not_merge(mini, tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Python\n")
    other = skillterms.Extractor(skillterms.load_vocabulary(path, builtin=False))
    with pytest.raises(ValueError, match="different vocabularies"):
        mini.count(TEXTS) + other.count(TEXTS)


def test_empty_corpus_has_zero_shares(mini):
    counts = mini.count([])
    assert counts.documents == 0 and counts.share("Python") == 0.0


def test_counts_are_frozen_and_pickle(counts):
    with pytest.raises(AttributeError):
        counts.documents = 1
    assert pickle.loads(pickle.dumps(counts)) == counts


def test_count_streams_a_generator(mini):
    produced = []

    def listings():
        for t in TEXTS:
            produced.append(t)
            yield t

    assert mini.count(listings()).documents == len(TEXTS) == len(produced)


def test_empty_term_counts_value():
    assert TermCounts().documents == 0


def test_counts_are_immutable(mini):
    counts = mini.count(["Python"])
    with pytest.raises(TypeError):
        counts.document_counts["Python"] = 0
    with pytest.raises(TypeError):
        counts.rollup_counts["AWS"] = 1
    assert counts.share("Python") == 1.0


def test_counts_pickle_with_their_read_only_mappings(mini):
    import pickle

    counts = mini.count(["Python and SQL", None, "SQL"])
    again = pickle.loads(pickle.dumps(counts))
    assert again == counts and again.skipped == 1 and again.count("SQL") == 2


def test_count_skips_inputs_that_are_not_texts_and_says_how_many(mini):
    texts = ["Python", None, float("nan"), 3, "SQL and Python"]
    counts = mini.count(texts)
    assert (counts.documents, counts.skipped, counts.count("Python"), counts.share("Python")) == (2, 3, 2, 1.0)
    assert mini.count(texts, n_process=2, batch_size=1) == counts


def test_count_refuses_bytes_and_says_how_to_decode(mini):
    with pytest.raises(TypeError, match=r"got bytes; decode it first"):
        mini.count(["Python", b"SQL"])
