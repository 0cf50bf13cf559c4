"""The compiled core's find_regions (native/src/regions.rs) gives exactly what the Python
implementation it was ported from (tests/reference/regions.py) gives: the same regions,
kinds and order, on the golden and region-test texts, on generated texts built to reach
the corners of Python's ``re`` semantics, and on synthetic listings."""

from __future__ import annotations

import ast
import pickle
import random
import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillterms
from skillterms import _core
from skillterms.resolve.regions import find_regions
from skillterms.text.normalize import normalize
from skillterms.text.rulewords import build_rule_words, rule_words

from reference.regions import find_regions as reference_regions

HERE = Path(__file__).parent
WORDS = rule_words()
RULES = yaml.safe_load((Path(skillterms.__file__).parent / "data" / "rules.yaml").read_text(encoding="utf-8"))


def spans(regions):
    return [(r.start, r.end, r.kind, r.concepts_only) for r in regions]


def assert_same(text, starts=frozenset(), words=WORDS):
    assert spans(find_regions(text, words, starts)) == spans(reference_regions(text, words, starts)), text


# ------------------------------------------------------------------ the characters


def test_word_and_space_classes_are_what_re_matches():
    # \s and \w in a str pattern; isspace and isalnum themselves are held to Python's on every
    # code point in tests/test_core.py
    assert _core.char_class("isword", 0x3001) == [cp for cp in range(0x3001) if re.match(r"\w", chr(cp))]
    assert _core.char_class("isspace", 0x3001) == [cp for cp in range(0x3001) if re.match(r"\s", chr(cp))]


def _folds():
    return dict(_core.char_folds())


def test_folds_are_what_re_ignorecase_compares_on_every_code_point():
    import _sre
    try:
        from re import _casefix
        extra = _casefix._EXTRA_CASES
    except ImportError:  # Python 3.10
        import sre_compile
        extra = sre_compile._ignorecase_fixes

    expected = {cp: min((_sre.unicode_tolower(cp), *extra.get(_sre.unicode_tolower(cp), ())))
                for cp in range(0x80, sys.maxunicode + 1)}
    assert {cp: f for cp, f in expected.items() if f != cp} == _folds()


@pytest.mark.parametrize("letter", "abcdefghijklmnopqrstuvwxyz")
def test_case_insensitive_letters_fold_as_re_matches_them(letter):
    folded = _folds()
    matching = {cp for cp in range(sys.maxunicode + 1) if re.match("(?i)" + letter, chr(cp))}
    assert matching == {cp for cp in range(sys.maxunicode + 1)
                        if (folded.get(cp, cp) if cp >= 0x80 else ord(chr(cp).lower())) == ord(letter)}


def test_ignorecase_ranges_are_the_folded_ascii_letters():
    folded = _folds()
    for cls in ("[A-Z]", "[a-z]"):
        matching = {cp for cp in range(sys.maxunicode + 1) if re.match("(?i)" + cls, chr(cp))}
        assert matching == {cp for cp in range(sys.maxunicode + 1)
                            if 97 <= (folded.get(cp, cp) if cp >= 0x80 else ord(chr(cp).lower())) <= 122}


# ------------------------------------------------------------------ the finder's life


def test_region_finder_is_built_once_per_rule_words_and_never_pickled():
    words = build_rule_words(RULES)
    assert not words.__dict__.get("_core_objects")  # lazily: nothing built until a text asks
    find_regions("Acme | Engineer | Remote", words)
    finder = words.region_finder()
    assert finder is words.region_finder()
    copy = pickle.loads(pickle.dumps(words))
    assert not copy.__dict__.get("_core_objects") and copy == words
    assert spans(find_regions("Acme | Engineer | Remote", copy)) == spans(find_regions("Acme | Engineer | Remote", words))


def test_edited_rule_words_reach_the_core():
    edited = dict(RULES, header_words=["zebra"])
    words = build_rule_words(edited)
    assert not find_regions("Acme | Engineer | Remote", words)
    assert find_regions("Acme | Zebra | Remote", words)
    assert_same("Acme | Zebra | Remote", words=words)


def test_lone_surrogates_are_read_as_python_reads_them():
    # Python strings may hold them; the core cannot borrow such a string as UTF-8
    text = "Acme\ud800 | Engineer | Remote\nAbout us\udfff:\nWe build\ud800 AI. Customers include Visa\ud800, Acme."
    assert find_regions(text, WORDS)
    assert_same(text)
    assert_same("\ud800" * 3)


# ------------------------------------------------------------------ (a) the existing texts


def _yaml_texts(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                yield value
            else:
                yield from _yaml_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from _yaml_texts(value)


def _literal_texts(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and len(n.value) > 12]


def existing_texts():
    texts = []
    for path in sorted((HERE / "data").rglob("*.yaml")):
        try:
            texts += _yaml_texts(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # the bad-vocabulary cases are not all valid files
    for name in ("test_regions.py", "adversarial.py", "test_extract.py", "test_discover.py"):
        if (HERE / name).exists():
            texts += _literal_texts(HERE / name)
    return texts


@pytest.fixture(scope="module")
def extractor():
    return skillterms.Extractor()


def test_core_matches_reference_on_golden_and_region_test_texts(extractor):
    texts = existing_texts()
    assert len(texts) > 100
    for text in texts:
        clean = normalize(text)[0]
        assert_same(text)
        assert_same(clean, frozenset(c.start for c in extractor.candidates(clean)))


# ------------------------------------------------------------------ (b) generated texts


def _phrases():
    lists = [RULES[k] for k in ("header_words", "title_labels", "legal_phrases", "company_starts",
                                "company_name_verbs", "mention_cues", "company_mention_cues", "employer_verbs",
                                "company_references", "team_list_words")]
    lists += list(RULES["sections"].values()) + list(RULES["job_sentences"].values())
    return sorted({str(p) for items in lists for p in items})


PHRASES = _phrases()
NAMES = ["Acme", "Neo.Tax", "AT&T", "GitLab", "Python", "Experience", "Engineers", "Acme Corp", "Bank of America",
         "İstanbul", "\u212aelvin", "Ca\u0301fe", "ACME", "Visa", "X1", "Sequoia Capital", "Z"]
PIECES = ["|", " | ", ", ", ". ", ".", ":", ": ", " (", ")", "(acme.com)", " - ", " * ", "•", "·", "&", "/", "'s",
          "’", "\n", "\n\n", "\r\n", "\u2028", "\x85", "\xa0", "\xa0\xa0", "  ", "\t", " ", "İ", "\u212a", "\u017f",
          "\u0301", "e\u0301", "7", "2024", "١٢", "²", "Ⅻ", "_", "-", "?", "!", "\"", "e.g., ", "such as ", "including ",
          "and ", "the ", "we ", "our ", "you will ", "Role:", "Team:", "About ", "About us\n", "Benefits\n",
          "Responsibilities:\n", "Full-TimeWe build", "investors.What You'll Do:", "ΣΑΣ", "ς", "ǅ",
          "\ud800", "\udfff", "\uffff"]


def _variants(phrase):
    return st.sampled_from([phrase, phrase.upper(), phrase.title(), phrase.capitalize(), phrase.replace(" ", "  "),
                            phrase.replace(" ", "\n"), phrase.replace(" ", "\xa0")])


FRAGMENT = st.one_of(st.sampled_from(PHRASES).flatmap(_variants), st.sampled_from(NAMES), st.sampled_from(PIECES),
                     st.text(max_size=3))
TEXTS = st.lists(FRAGMENT, max_size=40).map("".join)
HEADERS = st.tuples(st.lists(st.one_of(st.sampled_from(NAMES), st.sampled_from(RULES["header_words"]),
                                       st.sampled_from(PIECES)), min_size=1, max_size=8).map(" | ".join), TEXTS) \
    .map(lambda pair: pair[0] + pair[1])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.data())
def test_core_matches_reference_on_generated_texts(text, data):
    starts = frozenset(data.draw(st.lists(st.integers(0, max(len(text), 1)), max_size=6)))
    assert_same(text, starts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HEADERS)
def test_core_matches_reference_on_generated_header_lines(text):
    assert_same(text)


# ------------------------------------------------------------------ (c) synthetic listings


def _listing(rng: random.Random) -> str:
    heading = rng.choice([*RULES["sections"]["company"], *RULES["sections"]["benefits"], *RULES["sections"]["legal"],
                          *RULES["sections"]["job"], "About Acme", "Life at Acme", "What You'll Work On"])
    parts = []
    if rng.random() < 0.4:
        parts.append(f"{rng.choice(NAMES)} | {rng.choice(RULES['header_words'])} | {rng.choice(NAMES)}  12 Main St\n")
    for _ in range(rng.randint(3, 12)):
        kind = rng.random()
        if kind < 0.2:
            parts.append(rng.choice([heading, heading.title(), heading.upper()]) + rng.choice([":", "", ":\n", "\n"]))
        elif kind < 0.4:
            parts.append(f"{rng.choice(NAMES)} {rng.choice(RULES['company_name_verbs'])} {rng.choice(PHRASES)}. ")
        elif kind < 0.55:
            parts.append(f"{rng.choice(RULES['company_starts']).capitalize()} {rng.choice(PHRASES)} "
                         f"{rng.choice(RULES['mention_cues'] + RULES['company_mention_cues'])} "
                         f"{rng.choice(NAMES)}, {rng.choice(NAMES)} and {rng.choice(NAMES)}. ")
        elif kind < 0.65:
            parts.append(f"{rng.choice(RULES['title_labels']).title()}: {rng.choice(NAMES)} Engineer\n")
        elif kind < 0.75:
            parts.append(f"Our {rng.choice(RULES['team_list_words'])} {rng.choice(['(', 'including ', ', such as '])}"
                         f"{rng.choice(PHRASES)}, {rng.choice(PHRASES)}{rng.choice([')', '.', ''])} ")
        elif kind < 0.85:
            parts.append(f"{rng.choice(['• ', '- ', '* ', ''])}{rng.choice(RULES['job_sentences']['starts']).capitalize()} "
                         f"with Python and {rng.choice(NAMES)}.\n")
        else:
            parts.append(f"{rng.choice(['At ', 'at '])}{rng.choice(NAMES)}, we {rng.choice(PHRASES)}. "
                         f"{rng.choice(PHRASES).capitalize()} {rng.choice(RULES['legal_phrases'])}.\n")
        if rng.random() < 0.2:
            parts.append(rng.choice(["\n\n", "\r", "\u2028", "\x85", "\xa0\xa0", "İ", "\u212a"]))
    return "".join(parts)


def test_core_matches_reference_on_synthetic_listings(extractor):
    rng = random.Random(20261203)
    for _ in range(400):
        text = _listing(rng)
        clean = normalize(text)[0]
        assert_same(text)
        assert_same(clean, frozenset(c.start for c in extractor.candidates(clean)))
