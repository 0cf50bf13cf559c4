"""The compiled core's title reading (native/src/titles.rs: ``TitleReader.roles``, which the
core's resolver asks for each concept) gives exactly what the Python it was ported from
(tests/reference/titles.py) gives, on the golden texts and on generated texts built to reach
the corners of the title rules; and it reads the rule words it is given."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillterms
from skillterms.text.normalize import normalize
from skillterms.text.rulewords import build_rule_words, rule_words

from reference.titles import find_titles as reference_titles
from test_core_regions import RULES, existing_texts

WORDS = rule_words()
EXTRACTOR = skillterms.Extractor()


def find_titles(words, text, spans, asked):
    """The core's title reading alone: of the candidates ``asked`` (indices into ``spans``),
    those that name a title."""
    return set(words.title_reader().roles(text, spans, asked))


def kept_spans(text):
    clean = normalize(text)[0]
    cands = [c for c in EXTRACTOR.candidates(clean) if c.term is not None]
    return clean, sorted({(c.start, c.end) for c in cands})


def assert_same(text, spans, words=WORDS):
    asked = list(range(len(spans)))
    assert find_titles(words, text, spans, asked) == reference_titles(words, text, spans, asked), (text, spans)


def test_titles_agree_with_the_reference_on_every_golden_text():
    texts = existing_texts()
    assert len(texts) > 200
    for text in texts:
        assert_same(*kept_spans(text))


def test_a_concept_before_a_title_word_names_a_role():
    text = "Machine Learning Engineer; we use machine learning daily"
    spans = [(0, 16), (33, 49)]
    assert find_titles(WORDS, text, spans, [0, 1]) == {0}


def test_a_title_before_of_names_what_follows_it():
    text = "Report to the Head of  the Data Science projects"
    start = text.index("Data")
    assert find_titles(WORDS, text, [(start, start + 12)], [0]) == {0}
    assert find_titles(WORDS, text.replace("Head", "Heady"), [(start + 1, start + 13)], [0]) == set()


def test_a_title_word_and_comma_before_a_capitalised_concept_names_a_role():
    text = "Software Engineer, Machine Learning"
    assert find_titles(WORDS, text, [(19, 35)], [0]) == {0}
    assert find_titles(WORDS, text.lower(), [(19, 35)], [0]) == set()  # only a capitalised title


def test_a_team_after_a_practice_it_works_in_is_no_title():
    text = "Work in a Scrum team"
    assert find_titles(WORDS, text, [(10, 15)], [0]) == set()
    assert_same(text, [(10, 15)])


def test_spans_outside_the_text_are_refused():
    with pytest.raises(ValueError, match="not inside a text of 4 characters"):
        find_titles(WORDS, "Data", [(0, 9)], [0])


def test_edited_title_words_reach_the_core():
    words = build_rule_words(dict(RULES, title_words=["wrangler"]))
    text = "data science wrangler and data science engineer"
    spans = [(0, 12), (26, 38)]
    assert find_titles(words, text, spans, [0, 1]) == {0}
    assert find_titles(WORDS, text, spans, [0, 1]) == {1}
    assert_same(text, spans, words=words)


# ------------------------------------------------------------------ generated texts

_PIECES = ["Machine Learning", "data science", "Engineer", "engineer", "team", "teams", "Scrum", "Agile",
           "Head of", "head of", "VP of", "the", "Senior", "Lead", "and", "or", "&", "/", ",", "+", "-", "—",
           "(AGI)", "(", ")", "Platform", "X-ray", "Data", "İ", "\u212a", "’s", "'", "\t", "  ", "\n", "NLP",
           "Developer", "Scientist", "Staff", "of", "OF", "ML", "2", "_x"]


@st.composite
def texts_with_spans(draw):
    parts = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=14))
    seps = draw(st.lists(st.sampled_from(["", " ", " ", "  "]), min_size=len(parts), max_size=len(parts)))
    text, spans = "", []
    for part, sep in zip(parts, seps):
        if part[:1].isalpha() and draw(st.booleans()):
            spans.append((len(text), len(text) + len(part)))
        text += part + sep
    return text, spans


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_spans())
def test_titles_agree_with_the_reference_on_generated_texts(case):
    assert_same(*case)
