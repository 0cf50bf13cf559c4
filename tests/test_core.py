"""The compiled finder (skillterms.find.core, native/src/finder.rs) finds exactly what the
Python oracles in tests/reference find: the piece matcher's candidates, with their case and
boundary decisions, and the former fast path's typos."""

import random

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import skillterms
from conftest import DATA
from reference.pieces import ReferenceFinder, key_prefixes
from reference.resolve import judging_rows
from skillterms import _core
from skillterms.find.core import Finder
from skillterms.find.tables import compile_vocabulary, unsplit_prefixes

VOCAB = skillterms.default_vocabulary()
COMPILED = compile_vocabulary(VOCAB)
CORE = Finder(COMPILED)
CORE_NO_TYPOS = CORE.without_typos()
ORACLE = ReferenceFinder(COMPILED)
ORACLE_NO_TYPOS = ReferenceFinder(COMPILED, typos=False)
SURFACES = sorted({s for t in VOCAB for s in t.surfaces})
GLUE = [" ", ", ", "/", "-", ".", "", "\n", " (", ") ", "&", "\xa0", "  ", "; ", ":", "\u2028", "2", "+", "#"]
WORDS = ["experience", "with", "and", "or", "the", "Required", "Preferred", "data", "in", "a", "3", "2.x",
         "Engineer", "team", "go", "spark", "R&D", "C", "++", "#", ".", "Net", "systemsDesign", "ML", "s",
         "İstanbul", "Ωmega", "naïve", "x²", "٣", "ǅemal", "12c", "PhD", "PHD", "B.S.", "M.S"]
TYPOS = ["Kubernates", "Pyhton", "Tensorflwo", "Elasticsaerch", "Postgress", "Kuberentes", "Terrafrom"]


def _candidates(cands):
    return [(c.start, c.end, c.term.name if c.term else None, c.surface, c.status, c.reason, c.note, c.glued,
             c.absorbed, c.case_variant) for c in cands]


def _same_as_reference(text):
    (found, cues), (expected, expected_cues) = CORE_NO_TYPOS.scan(text), ORACLE_NO_TYPOS.scan(text)
    return (_candidates(found), cues) == (_candidates(expected), expected_cues)


@pytest.mark.parametrize("name", ["isalpha", "isalnum", "isdecimal", "isdigit", "isspace", "isupper", "islower"])
def test_the_cores_character_classes_are_pythons_on_every_code_point(name):
    assert _core.char_class(name, 0x110000) == [c for c in range(0x110000) if getattr(chr(c), name)()]


def test_the_cores_key_prefixes_are_the_reference_ones_for_the_built_in_vocabulary():
    written = COMPILED.written_splits_text.split("\0")
    derived = _core.key_prefixes(COMPILED.key_text, COMPILED.written_splits_text, unsplit_prefixes())
    assert len(derived) == len(set(derived))  # each prefix once
    assert set(derived) == key_prefixes(COMPILED.keys, written, unsplit_prefixes())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("abcİı+#.ß2", min_size=1, max_size=8), min_size=1, max_size=6, unique=True),
       st.lists(st.text("abc+", max_size=4), max_size=4), st.lists(st.text("abcı", min_size=1, max_size=3), max_size=4))
def test_key_prefixes_of_any_keys_are_the_reference_ones(keys, written, unsplit):
    # Keys hold no NUL; characters past ASCII (İ, ß) check that prefixes are cut by characters.
    derived = _core.key_prefixes("\0".join(keys), "\0".join(written), unsplit)
    assert set(derived) == key_prefixes(keys, written, unsplit)


@pytest.mark.parametrize("case", yaml.safe_load((DATA / "extract_cases.yaml").read_text()), ids=lambda c: c["why"])
def test_golden_texts_give_the_reference_candidates(case):
    assert _same_as_reference(case["text"])


def test_every_surface_in_glued_and_spaced_company_gives_the_reference_candidates():
    rng = random.Random(7)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(2, 8)):
            parts.append(rng.choice(SURFACES) if rng.random() < 0.6 else rng.choice(WORDS))
            parts.append(rng.choice(GLUE))
        text = "".join(parts)
        assert _same_as_reference(text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SURFACES), st.sampled_from(WORDS), st.sampled_from(GLUE),
                          st.text(max_size=6)), max_size=14))
def test_generated_texts_give_the_reference_candidates(chunks):
    text = "".join(chunks)
    assert _same_as_reference(text), text


def _typos(cands):
    return [(c.start, c.end, c.term.name, c.note) for c in cands if c.note.startswith("typo")]


def test_typos_are_those_of_the_former_fast_path():
    # Typos sit anywhere among surfaces, words and glue, also beside letters outside ASCII.
    rng = random.Random(11)
    for _ in range(2000):
        parts = []
        for _ in range(rng.randint(2, 8)):
            pick = rng.random()
            parts.append(rng.choice(TYPOS) if pick < 0.4 else rng.choice(SURFACES) if pick < 0.7 else rng.choice(WORDS))
            parts.append(rng.choice(GLUE))
        text = "".join(parts)
        assert _typos(CORE.scan(text)[0]) == _typos(ORACLE.scan(text)[0]), text


def test_a_typo_needs_a_capital_and_a_word_of_its_own():
    assert _typos(CORE.scan("Kubernates and Pyhton")[0]) == [(0, 10, "Kubernetes", "typo of 'kubernetes'"),
                                                             (15, 21, "Python", "typo of 'python'")]
    assert _typos(CORE.scan("kubernates, ExperienceKubernates, Kubernatesé, Kubernates++")[0]) == []


def test_typo_verdicts_kept_between_texts_never_change_a_result():
    fresh = Finder(COMPILED)
    texts = [f"We use {t} daily." for t in TYPOS] * 2
    assert [_typos(fresh.scan(t)[0]) for t in texts] == [_typos(CORE.scan(t)[0]) for t in texts]


def test_a_blank_run_ends_every_term():
    # A blanked script or padding: so many spaces in a row are no gap inside a term.
    assert "Power BI" in [c.term.name for c in CORE.scan("Power" + " " * 999 + "BI")[0]]
    assert "Power BI" not in [c.term.name for c in CORE.scan("Power" + " " * 1000 + "BI")[0]]
    assert _same_as_reference("Power" + " " * 1000 + "BI") and _same_as_reference("Power" + " " * 999 + "BI")


def test_offsets_are_code_points_whatever_the_text_holds():
    text = "Ωmega İstanbul naïve 一 Python, C++ and k8s"
    found, _ = CORE.scan(text)
    assert [(text[c.start:c.end], c.term.name) for c in found if c.status == "candidate"] == \
        [("Python", "Python"), ("C++", "C++"), ("C", "C"), ("k8s", "Kubernetes")]


def test_lone_surrogates_keep_every_offset():
    # No UTF-8 carries a lone surrogate; the core still counts it as one code point.
    text = "\udcffPython and \ud800 C++"
    found, _ = CORE.scan(text)
    assert [(text[c.start:c.end], c.term.name) for c in found if c.status == "candidate"] == \
        [("Python", "Python"), ("C++", "C++"), ("C", "C")]


NUMERIC_REFERENCES = ["&#67;++", "&#x43;#", "&#67;&#43;&#43;", "C&#x23;", "&#x52;", "&#80;ython"]


@pytest.mark.parametrize("reference", NUMERIC_REFERENCES)
def test_numeric_character_references_give_the_oracles_mentions_wherever_they_stand(reference):
    core = skillterms.Extractor(VOCAB)
    oracle = skillterms.Extractor(VOCAB)
    oracle._finder = ORACLE
    for before in ["", "We use ", "(", "/", "\n", "<li>", "experience"]:
        for after in ["", " and SQL", ", ", ")", "/Java", "\n"]:
            text = before + reference + after
            with judging_rows():
                expected = oracle.extract(text)
            assert core.extract(text) == expected, text


def test_a_symbol_joins_its_letter_across_any_soft_gap():
    # The former fast path joined "C" and "++" across at most two spaces; the rule (and the
    # core) across any run of spaces or a no-break space.
    for text in ["C   ++ and SQL", "C\xa0# and SQL", "C    #"]:
        assert _same_as_reference(text), text
    assert {c.term.name for c in CORE.scan("C   ++")[0]} >= {"C++"}


ELISION_GAPS = ["/", " / ", "\t/", ", ", ",", ", and ", ",and ", ", or\t", " and ", " or ", " & ", " ,", " and", "/\n",
                "  and  ", " nor ", ";", " + "]
ELIDED_WORDS = ["unit", "Unit", "UNIT", "machine", "front-end", "back.end", "in", "an", "or", "the", "C++", "deep",
                "x" * 45 + "unit", "İunit", "unit_x", "3unit", "regression"]


@pytest.mark.parametrize("gap", ELISION_GAPS)
def test_words_that_share_a_terms_last_words_are_the_oracles(gap):
    # "unit/integration tests": the core reads elided words back from a term as the Python
    # oracle did (which gaps count, which words, how far back, the note naming the shared words).
    for word in ELIDED_WORDS:
        for term in ["integration tests", "deep learning", "back-end development", "Integration Tests"]:
            for text in [f"{word}{gap}{term}", f"{word}{gap}{word}{gap}{term}", f"We do {word}{gap}{term}."]:
                assert CORE.rows(text) == ORACLE.rows(text), text


def test_an_elided_word_is_found_with_a_note_naming_what_it_shares():
    rows, _ = CORE.rows("unit, and integration tests")
    elided = [row for row in rows if len(row) > 8]
    assert [(row[0], row[1], CORE.entries[row[2]].term.name, row[7]) for row in elided] == \
        [(0, 4, "Unit testing", "shares 'tests' with 'integration tests'")]


@pytest.mark.parametrize("text", ["&lt;Python&gt; and &quot;Go&quot;", "R&amp;D on C&amp;C++ and Java&nbsp;Spring",
                                  "Node&period;js, C&#x23;&#x23;, &#x50;yTorch&amp;SQL", "&amp;&amp;Kafka&amp;&amp;"])
def test_mentions_that_touch_entities_are_moved_to_their_edges_as_the_oracle_moves_them(text):
    core, oracle = skillterms.Extractor(VOCAB), skillterms.Extractor(VOCAB)
    oracle._finder = ORACLE
    with judging_rows():
        expected = oracle.extract(text)
    assert core.extract(text) == expected
    assert all(m.text == text[m.start:m.end] for m in core.extract(text))


def test_the_cores_lowercase_is_pythons_on_every_code_point_and_beside_sigma_and_dotted_i():
    from skillterms.text.rulewords import lowercase

    everything = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert _core.lowercase(everything) == lowercase(everything)  # holds "İ": sigma is lowered alone
    for text in ["ΟΔΟΣ", "ΣΑΣ ΟΔΟΣ.", "Σ", "aΣ'b", "ΟΔΟΣ İ", "İΣ", "KUBERNETES", "naïve Straße"]:
        assert _core.lowercase(text) == lowercase(text), text
    assert _core.lowercase("\udcffΣ") == "\ufffdσ"  # the core reads a lone surrogate as U+FFFD
