"""The compiled core's degree clauses (native/src/degrees.rs: ``DegreeReader``, which the core's
resolver asks at the degree cues the finder saw) are exactly the spans the two patterns of the
Python oracle find (tests/reference/rule_patterns.py): on the texts the tests hold and on
generated texts built to reach the corners of the patterns; and it reads the rule words it is
given."""

from __future__ import annotations

import copy
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reference.rule_patterns import degree_clauses as reference_clauses
from skillterms.text.rulewords import build_rule_words, rule_words
from test_core_regions import RULES, existing_texts

WORDS = rule_words()

# Pieces of degree requirements and of their near misses: nouns with "'s" and plurals, the
# abbreviations dotted, spaced and cased, what follows them, the words that close a clause.
PIECES = ["Bachelor", "bachelor's", "Masters", "master", "degree", "degrees", "PhD", "Ph.D", "Ph. D", "ph d", "B.S.",
          "BS", "BSc", "B.Sc", "M.S", "MS", "MSc", "BA", "MA", "major", "Majors", "majoring", "diploma", "grad",
          "graduate", "student", "field", "fields", "discipline", "background", "preferred", "required", " in ", " of ",
          "in", "of", " or ", "/", ",", "(", ")", ":", " ", "  ", "\t", "\n", ".", ". ", ";", "such as", "like",
          "including", "e.g.", "of study", "related", "Field", "area", "Areas", "equivalent", "experience",
          "Experiences", "Statistics", "Computer Science", "Data", "ſ", "İ", "K", "'", "’", "x" * 70, "s", "S"]


def core_clauses(words, text: str, cues: list[int]) -> list[tuple[int, int]]:
    return words.degree_reader().find(text, cues)


def cue_offsets(text: str) -> list[int]:
    """Every offset a piece may start at: more than the finder notes, so every branch is met."""
    return [i for i in range(len(text)) if i == 0 or not text[i - 1].isalnum() or text[i].isupper()]


def test_the_degree_clauses_of_the_texts_the_tests_hold_are_the_oracles():
    for text in existing_texts():
        cues = cue_offsets(text)
        assert core_clauses(WORDS, text, cues) == reference_clauses(WORDS, text, cues), text


def test_generated_degree_requirements_give_the_oracles_clauses():
    rng = random.Random(12)
    for _ in range(4000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        cues = cue_offsets(text)
        assert core_clauses(WORDS, text, cues) == reference_clauses(WORDS, text, cues), repr(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=16))
def test_any_run_of_degree_pieces_gives_the_oracles_clauses(pieces):
    text = "".join(pieces)
    cues = cue_offsets(text)
    assert core_clauses(WORDS, text, cues) == reference_clauses(WORDS, text, cues)


def test_a_clause_runs_from_its_cue_to_the_word_that_closes_it():
    text = "BS or MS in Statistics, Physics or a related field. Python"
    (start, end), = core_clauses(WORDS, text, [0])
    assert (start, text[start:end]) == (0, "BS or MS in Statistics, Physics or a related f")


def test_the_degree_reader_reads_the_words_it_is_given():
    data = copy.deepcopy(RULES)
    data["degrees"]["nouns"] = ["certificate"]
    words = build_rule_words(data)
    text = "certificate in Robotics; degree in Physics"
    assert [text[s:e] for s, e in core_clauses(words, text, [0, 25])] == ["certificate in Robotics;"]
    assert core_clauses(words, text, [0, 25]) == reference_clauses(words, text, [0, 25])


@pytest.mark.parametrize("cues", [[], [5, 5, 0], [999]])
def test_cues_are_read_once_each_in_order_and_past_the_end_find_nothing(cues):
    text = "degree in Math, MS in Physics"
    assert core_clauses(WORDS, text, cues) == reference_clauses(WORDS, text, cues)
