"""The built-in vocabulary: it loads cleanly, covers the 2020 article's list, and every
surface of every term extracts that term from a short sentence."""


import pytest

import skillterms
from skillterms.text.tokenize import surface_key

VOCAB = skillterms.default_vocabulary()

ARTICLE_TERMS = ["Python", "R", "SQL", "Spark", "Hadoop", "Java", "Tableau", "AWS", "SAS", "Hive", "Scala", "C++",
                 "C", "MATLAB", "TensorFlow", "Excel", "NoSQL", "Linux", "Azure", "scikit-learn", "SPSS", "pandas",
                 "JavaScript", "Perl", "C#", "NumPy", "Keras", "Git", "Docker", "MySQL", "HBase", "MongoDB",
                 "Cassandra", "PyTorch", "Caffe", "Kubernetes", "GCP", "Google Cloud", "Kafka", "Airflow",
                 "Redshift", "Snowflake", "Go", "BigQuery", "Looker", "Power BI", "Alteryx", "Databricks"]


def test_builtin_vocabulary_is_large_enough():
    assert len(VOCAB) >= 400


@pytest.mark.parametrize("surface", ARTICLE_TERMS)
def test_article_terms_are_known(surface):
    assert VOCAB.get(surface) is not None, surface


def test_gcp_and_google_cloud_are_one_term():
    assert VOCAB["GCP"].name == VOCAB["Google Cloud"].name


def test_no_two_terms_claim_one_surface():
    owners = {}
    for term in VOCAB:
        for surface in term.surfaces:
            key = surface_key(surface)
            if surface in term.exact_case:
                key = (key, surface)
            owners.setdefault(key, set()).add(term.name)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


def test_every_parent_is_a_term():
    for term in VOCAB:
        if term.parent is not None:
            assert term.parent in VOCAB, (term.name, term.parent)


def _surface_cases():
    for term in VOCAB:
        for surface in term.surfaces:
            yield pytest.param(term.name, surface, id=f"{term.name}|{surface}")


@pytest.mark.parametrize("name,surface", list(_surface_cases()))
def test_every_surface_extracts_its_term(name, surface):
    text = f"Experience with {surface} is required."
    found = [m for m in skillterms.extract(text) if m.text == surface or m.text.startswith(surface)]
    assert [m.term for m in found] == [name], (text, skillterms.extract(text))


GENERIC = ["cloud", "data", "software", "algorithms", "design", "testing", "database", "code", "models", "frameworks",
           "APIs", "development", "platform", "programming languages", "analytics", "technology", "tools",
           "applications", "systems", "engineering", "infrastructure", "automation"]


@pytest.mark.parametrize("word", GENERIC)
def test_generic_words_are_never_terms_on_their_own(word):
    """Even in a list of real terms, after a cue phrase."""
    text = f"Experience with {word}, Python and SQL."
    assert [m.term for m in skillterms.extract(text)] == ["Python", "SQL"]


def test_vocabulary_spans_the_categories_a_reader_expects():
    categories = {t.category for t in VOCAB}
    expected = {"languages", "web", "mobile", "ml", "ai", "data", "databases", "analytics", "cloud", "devops",
                "testing", "devtools", "security", "networking", "formats", "os", "enterprise", "embedded",
                "graphics", "ml-concepts", "data-concepts", "engineering"}
    assert expected <= categories
    assert len(VOCAB) >= 2500
    assert sum(t.kind == "concept" for t in VOCAB) >= 500


def test_services_roll_up_to_their_platform():
    for service, platform in [("Amazon S3", "AWS"), ("AWS Lambda", "AWS"), ("Google BigQuery", "Google Cloud"),
                              ("Spark SQL", "Apache Spark")]:
        assert platform in VOCAB.ancestors(VOCAB[service].name), service
