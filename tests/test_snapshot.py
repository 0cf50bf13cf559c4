"""The compiled snapshot of the built-in vocabulary: same results, strict about what it loads."""

import os
import pickle
import warnings

import pytest

import skillterms
from skillterms import snapshot
from skillterms.vocabulary import builtin
from skillterms.vocabulary.load import builtin_files as _builtin_files, fingerprint_of as _fingerprint, load_vocabulary

TEXTS = [
    "5+ yrs Python3, C++/C# and k8s; R&D budget; go-to-market",
    "<li>Experience with Apache Spark&amp;Kafka</li>ExperienceKubernetes and DockerPreferred",
    "Strong Kubernates and Pyhton skills; MS in Statistics or a related field.",
    "Machine Learning Engineer: build ML models with PyTorch, deploy on AWS SageMaker.",
]


@pytest.fixture(scope="module")
def data():
    return snapshot.snapshot_bytes()


@pytest.fixture(scope="module")
def fingerprint():
    return _fingerprint(_builtin_files())


def test_snapshot_extracts_exactly_what_the_yaml_files_do(data, fingerprint):
    from skillterms.find import tables

    loaded = builtin.load_snapshot(data, fingerprint)
    assert loaded is not None
    restored, shipped = loaded
    assert restored.fingerprint == fingerprint and isinstance(shipped, tables.CompiledVocabulary)
    fresh = load_vocabulary()
    assert restored.terms == fresh.terms
    # the snapshot's tables against tables compiled here from the YAML files
    tables._TABLES[restored] = shipped
    tables._TABLES[fresh] = tables.CompiledVocabulary(fresh)
    for fuzzy in (True, False):
        a = skillterms.Extractor(restored, fuzzy=fuzzy)
        b = skillterms.Extractor(fresh, fuzzy=fuzzy)
        assert [a.extract(t) for t in TEXTS] == [b.extract(t) for t in TEXTS]


def test_snapshot_of_other_files_is_not_used(data):
    assert builtin.load_snapshot(data, "0" * 16) is None


def test_snapshot_of_another_version_is_not_used(data, fingerprint, monkeypatch):
    monkeypatch.setattr(builtin, "__version__", "0.0.0-other")
    assert builtin.load_snapshot(data, fingerprint) is None


def test_snapshot_never_constructs_foreign_objects(fingerprint, tmp_path):
    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    header = pickle.dumps(builtin.snapshot_header(fingerprint), protocol=5)
    with pytest.raises(pickle.UnpicklingError, match="may not construct"):
        builtin.load_snapshot(header + pickle.dumps(Exploit(), protocol=5), fingerprint)
    assert not (tmp_path / "ran").exists()


def test_damaged_shipped_snapshot_warns_and_falls_back(fingerprint, monkeypatch):
    from skillterms import _core

    monkeypatch.setattr(_core, "snapshot", lambda: b"not a pickle")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert builtin.read_snapshot(fingerprint) is None
    assert any("reinstall skillterms" in str(w.message) for w in caught)


def test_default_vocabulary_is_the_shipped_files_however_installed(fingerprint):
    # From the core's snapshot while it matches the files, else from the YAML files: either
    # way it is built from exactly the files that ship.
    assert skillterms.default_vocabulary().fingerprint == fingerprint


def test_snapshot_holds_one_vocabulary_whose_tables_are_its_own(data, fingerprint):
    vocab, shipped = builtin.load_snapshot(data, fingerprint)
    assert shipped.vocab is vocab  # a second copy would cost the cold start its unpickling
