import pickle
import threading

import pytest
import yaml

import skillterms
from conftest import DATA, pairs

CASES = yaml.safe_load((DATA / "extract_cases.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_golden_case(mini, case):
    assert pairs(mini.extract(case["text"])) == [tuple(p) for p in case["expect"]], case["why"]


@pytest.mark.parametrize("case", CASES, ids=[c["why"] for c in CASES])
def test_offsets_point_into_the_text_as_given(mini, case):
    text = case["text"]
    for m in mini.extract(text):
        assert text[m.start:m.end] == m.text


def test_mentions_are_frozen_and_in_text_order(mini):
    mentions = mini.extract("SQL then Python then Docker")
    assert [m.term for m in mentions] == ["SQL", "Python", "Docker"]
    with pytest.raises(AttributeError):
        mentions[0].term = "x"


def test_mention_carries_category_and_kind(mini):
    (m,) = mini.extract("use CI/CD")
    assert (m.category, m.kind) == ("test", "concept")


def test_overlaps_all_returns_nested_terms(mini_vocab):
    ex = skillterms.Extractor(mini_vocab, overlaps="all")
    terms = {m.term for m in ex.extract("Spark SQL on Amazon SageMaker")}
    assert {"Spark SQL", "Amazon SageMaker"} <= terms
    assert "Apache Spark" in terms  # "Spark" inside "Spark SQL", confirmed by the longer term


def test_overlaps_all_still_respects_not_terms(mini_vocab):
    ex = skillterms.Extractor(mini_vocab, overlaps="all")
    assert ex.extract("R&D spending") == []


def test_unknown_overlap_policy_is_refused(mini_vocab):
    with pytest.raises(ValueError, match="overlaps must be one of"):
        skillterms.Extractor(mini_vocab, overlaps="shortest")


def test_fuzzy_can_be_turned_off(mini_vocab):
    ex = skillterms.Extractor(mini_vocab, fuzzy=False)
    assert ex.extract("Pyhton") == []


def test_context_off_accepts_ambiguous_surfaces_but_keeps_case_rules(mini_vocab):
    ex = skillterms.Extractor(mini_vocab, context=False)
    assert pairs(ex.extract("spark joy")) == [("Apache Spark", "spark")]
    assert ex.extract("go home") == []  # Go is exact-case


@pytest.mark.parametrize("bad", [None, b"Python", 42, ["Python"]])
def test_non_text_input_is_a_type_error(mini, bad):
    with pytest.raises(TypeError, match="needs str"):
        mini.extract(bad)


def test_bytes_error_says_how_to_decode(mini):
    with pytest.raises(TypeError, match=r"decode"):
        mini.extract(b"Python")


def test_empty_and_whitespace_text_give_no_mentions(mini):
    assert mini.extract("") == []
    assert mini.extract(" \n\t") == []


def test_extractor_pickles_and_gives_the_same_result(mini):
    text = "Python, R and SQL on k8s"
    clone = pickle.loads(pickle.dumps(mini))
    assert clone.extract(text) == mini.extract(text)


def test_extractor_is_safe_across_threads(mini):
    texts = [f"Python {i}, R and SQL; Go, Rust; spark joy; Pyhton{i}" for i in range(200)]
    expected = [mini.extract(t) for t in texts]
    results = [None] * len(texts)

    def work(k):
        for i in range(k, len(texts), 4):
            results[i] = mini.extract(texts[i])

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == expected


def test_pipe_gives_the_same_as_extract_one_by_one(mini):
    texts = ["Python", "", "Go, Rust", "R&D"]
    assert list(mini.pipe(texts)) == [mini.extract(t) for t in texts]


def test_module_level_extract_uses_the_builtin_vocabulary():
    terms = [m.term for m in skillterms.extract("Python and k8s")]
    assert terms[0] == "Python"
    assert "Kubernetes" in terms


def test_candidates_explain_rejections(mini):
    cands = mini.candidates("Machine Learning Engineer; spark joy")
    reasons = {c.surface: c.reason for c in cands}
    assert "job title" in reasons["Machine Learning"]
    assert "without confirming context" in reasons["spark"]


def test_pipe_on_two_processes_keeps_order_and_results(mini):
    texts = [f"Python {i}, R and SQL; Go, Rust; spark joy" if i % 3 else "" for i in range(300)]
    assert list(mini.pipe(texts, n_process=2, batch_size=16)) == [mini.extract(t) for t in texts]


def test_pipe_on_two_processes_with_every_overlap_kept_equals_serial(mini_vocab):
    # the workers send sorted rows, and the caller makes them Mentions: the same as extract
    every = skillterms.Extractor(mini_vocab, overlaps="all")
    texts = [f"Apache Spark {i} and Spark SQL; R&amp;D in C#" for i in range(120)]
    serial = [every.extract(t) for t in texts]
    assert list(every.pipe(texts, n_process=2, batch_size=8)) == serial
    assert any(len(m) > 1 for m in serial)


def test_count_on_two_processes_equals_serial_count(mini):
    texts = [f"Python, SQL and k8s {i}" if i % 2 else "Docker and AWS S3" for i in range(500)]
    assert mini.count(texts, n_process=2, batch_size=32) == mini.count(texts)


def test_parallel_pipe_reads_a_generator_lazily(mini):
    produced = []

    def listings():
        for i in range(10_000):
            produced.append(i)
            yield "Python"

    results = mini.pipe(listings(), n_process=2, batch_size=10)
    next(results)
    assert len(produced) < 200  # only the batches in flight were read


@pytest.mark.parametrize("bad", [0, -2, 1.5, "2"])
def test_bad_n_process_is_refused(mini, bad):
    with pytest.raises((ValueError, TypeError), match="n_process"):
        mini.count(["Python"], n_process=bad)


def test_type_errors_surface_from_worker_processes(mini):
    with pytest.raises(TypeError, match="needs str"):
        list(mini.pipe(["Python", None], n_process=2, batch_size=1))


def test_broad_option_counts_broad_surfaces_where_they_are_named_in_passing(mini_vocab):
    text = "You will own security, monitoring and Python services."
    assert [m.term for m in skillterms.Extractor(mini_vocab).extract(text)] == ["Python"]
    everywhere = skillterms.Extractor(mini_vocab, broad=True)
    assert [m.term for m in everywhere.extract(text)] == ["Information security", "Monitoring", "Python"]


def test_broad_option_survives_pickling(mini_vocab):
    ex = pickle.loads(pickle.dumps(skillterms.Extractor(mini_vocab, broad=True)))
    assert ex.broad is True


def test_mention_to_dict_is_plain_json_ready_values(mini):
    import json

    (m,) = mini.extract("deploy on k8s")
    d = m.to_dict()
    assert d == {"term": "Kubernetes", "category": "test", "kind": "tool", "start": 10, "end": 13, "text": "k8s"}
    assert type(d) is dict and list(d) == ["term", "category", "kind", "start", "end", "text"]
    assert json.loads(json.dumps(d)) == d


def test_pipe_as_tuples_carries_each_context_in_order(mini):
    items = [("Python", "first"), ("", {"row": 2}), ("Go, Rust", None), ("SQL", 4)]
    out = list(mini.pipe(items, as_tuples=True))
    assert [(pairs(mentions), context) for mentions, context in out] == [
        ([("Python", "Python")], "first"), ([], {"row": 2}), ([("Go", "Go"), ("Rust", "Rust")], None),
        ([("SQL", "SQL")], 4)]


def test_pipe_as_tuples_on_two_processes_keeps_order_and_never_ships_the_context(mini):
    contexts = [threading.Lock() for _ in range(60)]  # a lock cannot be pickled: it must stay here
    texts = [f"Python {i} and SQL" if i % 3 else "Docker" for i in range(60)]
    out = list(mini.pipe(zip(texts, contexts), as_tuples=True, n_process=2, batch_size=4))
    assert [mentions for mentions, _ in out] == [mini.extract(t) for t in texts]
    assert all(got is sent for (_, got), sent in zip(out, contexts))


def test_pipe_as_tuples_refuses_items_that_are_not_pairs(mini):
    with pytest.raises(TypeError, match=r"needs \(text, context\) pairs, got str"):
        list(mini.pipe(["Python"], as_tuples=True))
