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


def _forged(fingerprint, payload: bytes, **header) -> bytes:
    """Snapshot bytes whose header vouches for ``payload``: what a forger who knows the format
    writes, so that what the payload may construct is tested, not the digest."""
    head = {**builtin.snapshot_header(fingerprint), "payload": builtin.payload_digest(payload), **header}
    return pickle.dumps(head, protocol=5) + payload


def _calling(module: str, name: str, *args) -> bytes:
    """A pickle that calls ``module.name(*args)``, as any pickle may."""
    return b"\x80\x05c" + f"{module}\n{name}\n".encode() + pickle.dumps(args, protocol=5)[2:-1] + b"R."


def test_snapshot_never_constructs_foreign_objects(fingerprint, tmp_path):
    class Exploit:
        def __reduce__(self):
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    with pytest.raises(pickle.UnpicklingError, match="may not construct"):
        builtin.load_snapshot(_forged(fingerprint, pickle.dumps(Exploit(), protocol=5)), fingerprint)
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("module, name, args", [
    ("skillterms.__main__", "main", ()),  # would run the CLI on the host program's arguments
    ("skillterms.parallel", "ProcessPoolExecutor", ()),  # a class a skillterms module imports
    ("pathlib", "Path", ("/etc/passwd",)),
    ("builtins", "bytearray", (4 * 2**30,)),  # 4 GB from a few bytes
    ("skillterms.find.tables", "compile_vocabulary", ()),  # a function of a module the snapshot uses
])
def test_snapshot_refuses_every_global_but_the_classes_it_holds(fingerprint, module, name, args):
    import sys

    imported = module in sys.modules
    with pytest.raises(pickle.UnpicklingError, match=f"may not construct {module}.{name}"):
        builtin.load_snapshot(_forged(fingerprint, _calling(module, name, *args)), fingerprint)
    assert (module in sys.modules) == imported, "refused before its module is imported"


def test_snapshot_header_constructs_nothing(fingerprint):
    header = _calling("skillterms.vocabulary.model", "Vocabulary", ())  # allowed in the body only
    with pytest.raises(pickle.UnpicklingError, match="may not construct"):
        builtin.load_snapshot(header, fingerprint)


def test_snapshot_larger_than_the_limit_is_refused_unread(fingerprint, monkeypatch):
    monkeypatch.setattr(builtin, "MAX_SNAPSHOT_BYTES", 1000)
    with pytest.raises(pickle.UnpicklingError, match="1,001 bytes, more than the 1,000"):
        builtin.load_snapshot(b"\0" * 1001, fingerprint)


def test_snapshot_of_other_code_is_not_used(data, fingerprint, monkeypatch):
    monkeypatch.setattr(builtin, "code_fingerprint", lambda: "0" * 16)
    assert builtin.load_snapshot(data, fingerprint) is None


def test_code_fingerprint_covers_the_modules_that_compile_the_tables():
    names = [name for name, _ in builtin._code_files(builtin.importlib.resources.files("skillterms"), "")]
    assert {"find/tables.py", "find/core.py", "resolve/context.py", "data/rules.yaml"} <= set(names)
    assert not any(n.startswith("vocab/") or "__pycache__" in n for n in names)


def test_snapshot_with_a_spliced_body_is_refused(data, fingerprint):
    header = pickle.dumps({**builtin.snapshot_header(fingerprint), "payload": builtin.payload_digest(b"other")},
                          protocol=5)
    with pytest.raises(pickle.UnpicklingError, match="not those its header was written for"):
        builtin.load_snapshot(header + data[len(header):], fingerprint)


def test_snapshot_with_a_valid_header_and_a_fake_vocabulary_is_refused(fingerprint):
    from skillterms.vocabulary.model import Term, Vocabulary

    fake = Vocabulary((Term("Fake", "x", "tool"),), fingerprint="f" * 16)
    with pytest.raises(pickle.UnpicklingError, match="no vocabulary of these files"):
        builtin.load_snapshot(_forged(fingerprint, pickle.dumps((fake, None), protocol=5)), fingerprint)


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
