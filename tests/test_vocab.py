import pickle
from pathlib import Path

import pytest
import yaml

import skillterms
from skillterms.errors import VocabularyError
from conftest import DATA, pairs

BAD = DATA / "bad_vocab"
EXPECTED = yaml.safe_load((DATA / "bad_vocab_expected.yaml").read_text())


def test_every_malformed_file_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_malformed_file_gives_a_located_error(name):
    expected = EXPECTED[name]
    with pytest.raises(VocabularyError) as info:
        skillterms.load_vocabulary(BAD / name, builtin=False)
    first = info.value.problems[0]
    assert first.path.endswith(name)
    assert (first.line, first.column) == (expected["line"], expected["column"]), expected["why"]
    assert expected["message"] in first.message, expected["why"]
    assert f"{name}:{expected['line']}:{expected['column']}" in str(info.value)


def test_python_tags_are_never_constructed(tmp_path, capfd):
    marker = tmp_path / "constructed"
    path = tmp_path / "evil.yaml"
    path.write_text(f'category: x\nkind: tool\nterms:\n  - !!python/object/apply:os.system ["touch {marker}"]\n')
    with pytest.raises(VocabularyError, match="is not allowed"):
        skillterms.load_vocabulary(path, builtin=False)
    assert not marker.exists()


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: A\n    alias: [b]\n  - name: ''\n"
                    "  - name: C\n    parent: Z\n")
    with pytest.raises(VocabularyError) as info:
        skillterms.load_vocabulary(path, builtin=False)
    assert [(p.line, p.column) for p in info.value.problems] == [(5, 5), (6, 11), (8, 13)]


def test_huge_file_with_a_late_duplicate_names_its_line(tmp_path):
    lines = ["category: x", "kind: tool", "terms:"] + [f"  - name: Term{i}" for i in range(100_000)]
    lines.append("  - name: Term5")
    path = tmp_path / "huge.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(VocabularyError) as info:
        skillterms.load_vocabulary(path, builtin=False)
    (problem,) = info.value.problems
    assert problem.line == 100_004 and "already defined" in problem.message


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(VocabularyError, match="no such file"):
        skillterms.load_vocabulary(tmp_path / "nope.yaml")


def test_terms_are_frozen_and_know_where_they_are_defined(mini_vocab):
    term = mini_vocab["Kubernetes"]
    assert term.aliases == ("k8s",)
    assert term.source.endswith("mini_vocab.yaml:" + str(term.source.rsplit(":", 1)[1]))
    with pytest.raises(AttributeError):
        term.name = "x"


def test_lookup_by_alias_and_any_spelling(mini_vocab):
    assert mini_vocab["k8s"].name == "Kubernetes"
    assert mini_vocab.get("node js").name == "Node.js"
    assert mini_vocab.get("nothing like this") is None


def test_unknown_term_suggests_close_names(mini_vocab):
    with pytest.raises(skillterms.UnknownTermError, match="did you mean 'Kubernetes'"):
        mini_vocab["Kubernetis"]


def test_ancestors_follow_parents(mini_vocab):
    assert mini_vocab.ancestors("Amazon S3") == ("AWS",)
    assert mini_vocab.ancestors("AWS") == ()


def test_user_file_extends_a_term(tmp_path, mini_vocab):
    path = tmp_path / "extra.yaml"
    path.write_text("category: internal\nkind: tool\nterms:\n"
                    "  - name: Kubernetes\n    override: extend\n    aliases: [kube]\n"
                    "  - name: Blizzard\n    aliases: [blz]\n    parent: Kubernetes\n")
    vocab = skillterms.load_vocabulary(DATA / "mini_vocab.yaml", path, builtin=False)
    ex = skillterms.Extractor(vocab)
    assert pairs(ex.extract("kube and blz")) == [("Kubernetes", "kube"), ("Blizzard", "blz")]
    assert vocab["Blizzard"].category == "internal"
    assert vocab["Kubernetes"].category == "test"  # extend keeps what it does not name


def test_user_file_replaces_a_term(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Docker\n    override: replace\n    aliases: [moby]\n")
    vocab = skillterms.load_vocabulary(DATA / "mini_vocab.yaml", path, builtin=False)
    assert vocab["Docker"].aliases == ("moby",)
    assert vocab["Docker"].category == "test"


def test_user_file_disables_a_term(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Docker\n    override: disable\n")
    vocab = skillterms.load_vocabulary(DATA / "mini_vocab.yaml", path, builtin=False)
    assert "Docker" not in vocab
    assert skillterms.Extractor(vocab).extract("Docker") == []


def test_user_alias_colliding_with_builtin_alias_is_an_error(tmp_path):
    path = tmp_path / "extra.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Kube Tools\n    aliases: [K8S]\n")
    with pytest.raises(VocabularyError, match="already claimed by 'Kubernetes'"):
        skillterms.load_vocabulary(DATA / "mini_vocab.yaml", path, builtin=False)


def test_exact_case_forms_may_share_a_key(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Swift\n    exact_case: [Swift]\n"
                    "  - name: SWIFT network\n    aliases: [SWIFT]\n    exact_case: [SWIFT]\n")
    ex = skillterms.Extractor(skillterms.load_vocabulary(path, builtin=False))
    assert pairs(ex.extract("Swift; SWIFT; swift")) == [("Swift", "Swift"), ("SWIFT network", "SWIFT")]


def test_folder_of_files_loads_in_name_order(tmp_path):
    (tmp_path / "b.yaml").write_text("category: x\nkind: tool\nterms:\n  - name: Foo\n    override: extend\n"
                                     "    aliases: [foolang]\n")
    (tmp_path / "a.yaml").write_text("category: x\nkind: tool\nterms:\n  - name: Foo\n")
    vocab = skillterms.load_vocabulary(tmp_path, builtin=False)
    assert vocab["Foo"].aliases == ("foolang",)


def test_vocabulary_pickles_with_its_lookup(mini_vocab):
    clone = pickle.loads(pickle.dumps(mini_vocab))
    assert clone["k8s"].name == "Kubernetes"
    assert clone.fingerprint == mini_vocab.fingerprint


def test_fingerprint_changes_with_content(tmp_path):
    path = tmp_path / "v.yaml"
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Foo\n")
    first = skillterms.load_vocabulary(path, builtin=False).fingerprint
    path.write_text("category: x\nkind: tool\nterms:\n  - name: Foo\n    aliases: [F00]\n")
    assert skillterms.load_vocabulary(path, builtin=False).fingerprint != first


def test_a_copy_of_the_builtin_vocabulary_reuses_its_compiled_tables():
    # Workers and Spark executors sent the built-in vocabulary do not compile it again.
    from skillterms.find.tables import compile_vocabulary

    vocab = skillterms.default_vocabulary()
    clone = pickle.loads(pickle.dumps(vocab))
    assert clone is not vocab and clone.terms == vocab.terms
    assert compile_vocabulary(clone) is compile_vocabulary(vocab)


def test_a_vocabulary_pickles_as_what_it_is():
    import dataclasses

    vocab = skillterms.default_vocabulary()
    subset = dataclasses.replace(vocab, terms=vocab.terms[:2])
    clone = pickle.loads(pickle.dumps(subset))
    assert len(clone) == 2 and [t.name for t in clone] == [t.name for t in vocab.terms[:2]]
    assert skillterms.Extractor(clone).extract("Python") == []  # not the built-in tables


def test_builtin_plus_user_file_does_not_unpickle_as_builtin(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text("category: internal\nkind: tool\nterms:\n  - name: Zorbex\n")
    vocab = skillterms.load_vocabulary(extra)
    clone = pickle.loads(pickle.dumps(vocab))
    assert clone is not skillterms.default_vocabulary() and "Zorbex" in clone


def test_a_vocabulary_that_loads_with_warnings_says_them_as_vocabulary_warnings(tmp_path):
    from skillterms.errors import VocabularyWarning

    user = tmp_path / "no_aws.yaml"
    user.write_text("category: x\nkind: tool\nterms:\n  - name: AWS\n    override: disable\n")
    with pytest.warns(VocabularyWarning, match=r"no_aws.yaml:4:11: warning: disabling 'AWS' also drops it"):
        vocab = skillterms.load_vocabulary(user)
    assert "AWS" not in vocab and vocab["Amazon S3"].parent is None
