import pickle

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


def _problems(tmp_path, text, name="file.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as info:
        skillterms.load_vocabulary(path, builtin=False)
    return info.value.problems


def test_a_name_longer_than_the_limit_is_a_located_error_before_any_table_is_built(tmp_path):
    from skillterms.vocabulary.load import MAX_TEXT

    problems = _problems(tmp_path, f"category: x\nkind: tool\nterms:\n  - name: Ok\n    aliases: [{'a' * 300}]\n")
    (problem,) = problems
    assert (problem.line, problem.column) == (5, 15)
    assert f"300 characters long, more than the {MAX_TEXT}" in problem.message and "shorten it" in problem.message


def test_a_name_at_the_limit_loads(tmp_path):
    from skillterms.vocabulary.load import MAX_TEXT

    name = ("word " * MAX_TEXT)[:MAX_TEXT].strip()
    path = tmp_path / "long.yaml"
    path.write_text(f"category: x\nkind: tool\nterms:\n  - name: {name}\n")
    vocab = skillterms.load_vocabulary(path, builtin=False)
    assert [m.term for m in skillterms.Extractor(vocab).extract(f"We use {name}.")] == [name]


def test_a_file_over_the_size_limit_is_refused_by_its_size_without_reading_it(tmp_path, monkeypatch):
    from skillterms.vocabulary import load, yamlnodes

    path = tmp_path / "big.yaml"
    with open(path, "wb") as f:
        f.truncate(yamlnodes.MAX_FILE_BYTES + 1)  # sparse: no disk used
    read = []
    monkeypatch.setattr(load.os, "fstat", lambda fd, real=load.os.fstat: read.append(fd) or real(fd))
    with pytest.raises(VocabularyError, match=r"file is 16,777,217 bytes, larger than the 16,777,216-byte limit"):
        skillterms.load_vocabulary(path, builtin=False)
    assert read, "the size comes from the open file, before reading"


def test_a_stream_longer_than_the_limit_is_read_only_to_the_limit():
    with pytest.raises(VocabularyError, match="file is more than 16,777,216 bytes"):
        skillterms.load_vocabulary("/dev/zero", builtin=False)


def test_a_fifo_is_read_like_a_file(tmp_path):
    import os
    import threading

    fifo = tmp_path / "vocab.yaml"
    os.mkfifo(fifo)

    def write():
        with open(fifo, "w") as f:
            f.write("category: x\nkind: tool\nterms:\n  - name: Zorblax\n")

    writer = threading.Thread(target=write)
    writer.start()
    vocab = skillterms.load_vocabulary(fifo, builtin=False)
    writer.join()
    assert "Zorblax" in vocab


def test_an_unreadable_file_is_one_problem_naming_it(tmp_path):
    import os

    path = tmp_path / "locked.yaml"
    path.write_text("category: x\nkind: tool\nterms: []\n")
    path.chmod(0)
    if os.access(path, os.R_OK):
        pytest.skip("running as a user who reads every file")
    (problem,) = _problems_of(path)
    assert problem.path == str(path) and "cannot read the file (Permission denied)" in problem.message


def _problems_of(path):
    with pytest.raises(VocabularyError) as info:
        skillterms.load_vocabulary(path, builtin=False)
    return info.value.problems


def test_too_many_yaml_values_is_one_message_with_the_count(tmp_path, monkeypatch):
    from skillterms.vocabulary import yamlnodes

    monkeypatch.setattr(yamlnodes, "MAX_NODES", 50)
    lines = ["category: x", "kind: tool", "terms:"] + [f"  - name: T{i}" for i in range(100)]
    (problem,) = _problems(tmp_path, "\n".join(lines) + "\n")
    # the root mapping, its 3 keys and 3 values (the last a list), 100 mappings of a key and a value
    assert "file holds 307 YAML values, more than the 50" in problem.message
    assert "split it into several files" in problem.message


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_separator_inside_a_line_does_not_shift_line_numbers(tmp_path, separator):
    text = f"category: x\nkind: tool\nterms:\n  - name: 'a{separator}b'\n  - name: 5\n"
    problems = _problems(tmp_path, text)
    assert [(p.line, p.column) for p in problems if "must be text" in p.message] == [(5, 11)]


def test_a_syntax_error_after_a_line_separator_is_located_as_an_editor_shows_it(tmp_path):
    problems = _problems(tmp_path, "category: x\nkind: tool\n# note \u2028 more\nterms:\n  - name: A\n")
    assert (problems[0].line, problems[0].column) == (3, 10)
