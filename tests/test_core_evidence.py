"""The compiled core's evidence reading (native/src/evidence.rs, behind
the evidence half of ``skillterms.resolve.context.judge``) decides every pending candidate exactly as the
Python it was ported from (tests/reference/evidence.py) does: each rule on a small text
written for it, with the decision it must give, and generated texts built to reach the
corners of the separators, cues and case folds. The texts are read through a vocabulary
written here, so the rules are tested apart from the built-in data."""

from __future__ import annotations


import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillterms
from skillterms import _core
from skillterms.resolve import context
from skillterms.text.normalize import normalize

from conftest import vocabulary_from
from reference.resolve import python_judging as python_evidence

VOCABULARY = """\
category: evidence-test
kind: tool
terms:
  - name: Go
    exact_case: [Go]
    ambiguous: [Go]
  - name: Rust
    ambiguous: [Rust]
  - name: Apache Spark
    aliases: [Spark]
    ambiguous: [Spark]
    context: [Hadoop, pivot tables, data lake house]
  - name: Spark SQL
    parent: Apache Spark
  - name: Python
  - name: Docker
  - name: PostgreSQL
    aliases: [Postgres]
  - name: Agile
    ambiguous: [Agile]
    kind: concept
  - name: Prototyping
    ambiguous: [Prototyping]
    kind: concept
  - name: Observability
    kind: concept
  - name: Monitoring
    broad: [Monitoring]
    parent: Observability
    kind: concept
  - name: Alerting
    broad: [Alerting]
    parent: Observability
    kind: concept
  - name: Logging
    broad: [Logging]
    parent: Observability
    kind: concept
  - name: Information security
    aliases: [security]
    broad: [security]
    kind: concept
"""


@pytest.fixture(scope="module")
def vocab(tmp_path_factory):
    return vocabulary_from(tmp_path_factory.mktemp("evidence"), VOCABULARY)


@pytest.fixture(scope="module")
def longest(vocab):
    return skillterms.Extractor(vocab)


@pytest.fixture(scope="module")
def nested(vocab):
    return skillterms.Extractor(vocab, overlaps="all")


@pytest.fixture(scope="module")
def everywhere(vocab):
    return skillterms.Extractor(vocab, broad=True)


def decisions(extractor, clean):
    return [(c.start, c.end, c.surface, c.term.name if c.term else None, c.status, c.reason)
            for c in extractor.candidates(clean)]


def decided(extractor, text):
    """Every candidate's (surface, status, reason), the core's, held equal to the oracle's."""
    clean = normalize(text)[0]
    ours = decisions(extractor, clean)
    with python_evidence():
        theirs = decisions(extractor, clean)
    assert ours == theirs, text
    return [(surface, status, reason) for _s, _e, surface, _t, status, reason in ours]


def decision(extractor, text, surface, nth=0):
    """The (status, reason) of the ``nth`` candidate written ``surface``, core == oracle."""
    found = [(status, reason) for s, status, reason in decided(extractor, text) if s == surface]
    assert len(found) > nth, (text, surface, decided(extractor, text))
    return found[nth]


def accepted(reason):
    return ("accepted", reason)


UNCONFIRMED = ("rejected", "ambiguous surface without confirming context")
IN_PASSING = ("rejected", "a broad word used in passing, not asked for as a skill")


# ------------------------------------------------------------------ the cue before a candidate


def test_a_cue_phrase_before_an_ambiguous_term_confirms_it(longest):
    assert decision(longest, "Experience with Spark is a plus.", "Spark") == accepted("after 'experience with'")


def test_a_cue_glued_to_the_sentence_before_it_is_read_apart(longest):
    assert decision(longest, "We build data systems.Proficient in Spark.", "Spark") == accepted("after 'proficient in'")
    assert decision(longest, "Open BazaarExperience with Spark.", "Spark") == accepted("after 'experience with'")


def test_a_colon_word_before_a_term_is_a_cue_with_its_colon(longest):
    assert decision(longest, "Bonus: Spark", "Spark") == accepted("after 'bonus:'")
    assert decision(longest, "Random: Spark", "Spark") == UNCONFIRMED


def test_a_bare_verb_is_a_cue_only_before_a_capitalised_surface(longest):
    assert decision(longest, "We use Spark daily.", "Spark") == accepted("after 'use'")
    assert decision(longest, "we use spark daily.", "spark") == UNCONFIRMED


def test_an_article_after_a_noun_and_preposition_is_read_past(longest):
    assert decision(longest, "Deep experience with the Spark engine.", "Spark") == accepted("after 'experience with'")


def test_a_cue_noun_then_a_cue_preposition_is_a_cue(longest):
    assert decision(longest, "Certification in Spark is required.", "Spark") == accepted("after 'certification in'")


def test_offsets_before_a_candidate_are_code_points(longest):
    # two-byte, three-byte and astral characters before the cue: any other count of offsets
    # would read the wrong window
    text = "Ünïcödé façade — 🚀🚀 experience with Spark."
    assert decision(longest, text, "Spark") == accepted("after 'experience with'")
    assert decision(longest, "🚀" * 50 + " Spark.", "Spark") == UNCONFIRMED


# ------------------------------------------------------------------ the words after a candidate


def test_a_word_that_follows_only_a_technology_confirms_it(longest):
    assert decision(longest, "Rust programming is fun.", "Rust") == accepted("before 'programming'")
    assert decision(longest, "Spark-cluster admins.", "Spark") == accepted("before '-cluster'")


def test_a_practice_before_teams_is_a_methodology(longest):
    assert decision(longest, "Work in self-organizing Agile teams.", "Agile") == accepted("a methodology a team works in")
    assert decision(longest, "Work in self-organizing agile teams.", "agile") == UNCONFIRMED


def test_a_concept_ending_a_bullet_label_is_the_label(longest):
    text = "Duties\n* Technology Prototyping: Build demos fast.\n"
    assert decision(longest, text, "Prototyping") == accepted("the label of a bullet")
    text = "Duties\n* the technology Prototyping: Build demos fast.\n"
    assert decision(longest, text, "Prototyping") == UNCONFIRMED


def test_a_context_word_of_the_term_on_its_line_confirms_it(longest):
    assert decision(longest, "Hadoop jobs move to Spark soon.", "Spark") == accepted("near 'hadoop'")
    assert decision(longest, "Hadoop jobs move\nto Spark soon.", "Spark") == UNCONFIRMED


def test_context_words_that_are_phrases_are_read_as_two_or_three_words(longest):
    assert decision(longest, "Pivot tables feed Spark jobs.", "Spark") == accepted("near 'pivottables'")
    assert decision(longest, "Spark jobs fill the data lake house.", "Spark") == accepted("near 'datalakehouse'")


# ------------------------------------------------------------------ lists


def test_pending_terms_that_make_up_a_line_confirm_each_other(longest):
    text = "Stack notes\nGo, Rust\nMore text."
    assert decision(longest, text, "Go") == accepted("in a list with 'Rust'")
    assert decision(longest, text, "Rust") == accepted("in a list with 'Go'")
    assert decision(longest, "He likes Go and Rust a lot.", "Go") == UNCONFIRMED


def test_an_accepted_term_anchors_its_list(longest):
    text = "Python, Go and Rust."
    assert decision(longest, text, "Go") == accepted("in a list with 'Python'")
    assert decision(longest, text, "Rust") == accepted("in a list with 'Python'")


def test_a_last_item_that_does_not_close_the_list_is_no_item(longest):
    text = "Python, Go and Rust innovation."
    assert decision(longest, text, "Go") == accepted("in a list with 'Python'")
    assert decision(longest, text, "Rust") == UNCONFIRMED


def test_list_words_and_bullets_separate_items(longest):
    assert decision(longest, "Python as well as Rust.", "Rust") == accepted("in a list with 'Python'")
    assert decision(longest, "Python and/or Rust.", "Rust") == accepted("in a list with 'Python'")
    assert decision(longest, "Python • Rust", "Rust") == accepted("in a list with 'Python'")
    # re.IGNORECASE compares the long s as an s
    assert decision(longest, "Python aſ well aſ Rust.", "Rust") == accepted("in a list with 'Python'")


def test_a_space_alone_separates_no_items(longest):
    assert decision(longest, "Python Rust.", "Rust") == UNCONFIRMED


def test_an_abbreviation_in_brackets_is_no_list_item(longest):
    assert decision(longest, "Python (Rust) tooling.", "Rust") == UNCONFIRMED
    assert decision(longest, "Python (Rust and Go) tooling.", "Rust") == accepted("in a list with 'Python'")


def test_a_separator_wider_than_24_characters_ends_the_list(longest):
    assert decision(longest, "Python " + ";" * 22 + " Rust.", "Rust") == accepted("in a list with 'Python'")
    assert decision(longest, "Python " + ";" * 23 + " Rust.", "Rust") == UNCONFIRMED


def test_another_case_of_an_exact_case_surface_counts_only_in_a_list(longest):
    assert decision(longest, "Python, GO, Docker.", "GO") == accepted("a list item beside 'Python'")
    assert decision(longest, "We like GO a lot.", "GO") == ("rejected", "another case of an exact-case surface, not in a list of terms")


# ------------------------------------------------------------------ broad words


def test_a_broad_word_counts_before_a_skill_word(longest):
    assert decision(longest, "Strong security skills.", "security") == accepted("before 'skills'")
    assert decision(longest, "The security of the office.", "security") == IN_PASSING


def test_a_broad_word_counts_wherever_it_stands_when_asked_to(everywhere):
    assert decision(everywhere, "The security of the office.", "security") == accepted("unambiguous surface")


def test_a_broad_word_right_after_a_tool_is_qualified_by_it(longest):
    assert decision(longest, "We value Python security reviews.", "security") == accepted("qualified by 'Python'")
    assert decision(longest, "We value Python, then security reviews.", "security") == IN_PASSING


def test_a_broad_word_in_a_list_a_cue_opens_counts(longest):
    text = "Exposure to dashboards, paging and monitoring."
    assert decision(longest, text, "monitoring") == accepted("in a list after 'exposure to'")
    text = "Exposure to alerting, logging, and monitoring."
    assert [(status, reason) for _s, status, reason in decided(longest, text)] == [
        accepted("after 'exposure to'"), accepted("in a list after 'exposure to'"),
        accepted("in a list after 'exposure to'")]


def test_a_broad_word_listed_beside_a_term_of_its_family_counts(longest):
    text = "Observability, alerting and monitoring."
    assert decision(longest, text, "alerting") == accepted("in a list beside 'Observability', a term of its family")
    assert decision(longest, "Docker, alerting and Python.", "alerting") == IN_PASSING


# ------------------------------------------------------------------ nested, and elsewhere


def test_a_surface_inside_a_longer_accepted_term_is_part_of_it(nested):
    assert decision(nested, "We run Spark SQL nightly.", "Spark") == accepted("part of 'Spark SQL'")


def test_a_term_confirmed_elsewhere_confirms_its_other_mentions(longest):
    text = "Experience with Spark. Spark jobs run nightly."
    assert decision(longest, text, "Spark", nth=1) == accepted("the same term is confirmed elsewhere in the text")


# ------------------------------------------------------------------ the core's interface


def test_every_reason_the_core_gives_has_its_wording():
    assert set(_core.EvidenceReader.reasons) == set(context._EVIDENCE_REASONS)


def test_the_reader_is_built_once_and_never_pickled(longest):
    import pickle

    rules = longest._rules
    assert rules.evidence_reader() is rules.evidence_reader()
    copy = pickle.loads(pickle.dumps(rules))
    assert context._EVIDENCE_READER not in copy.__dict__
    assert copy.evidence_reader()[1] == rules.evidence_reader()[1]


def test_spans_outside_the_text_are_refused(longest):
    reader = longest._rules.evidence_reader()[0]
    with pytest.raises(ValueError, match="not inside a text of 4 characters"):
        reader.decide("Rust", [(0, 9, 0, 0, 0)], [0], False, False)
    with pytest.raises(ValueError, match="pending candidate 3"):
        reader.decide("Rust", [(0, 4, 0, 0, 0)], [3], False, False)


# ------------------------------------------------------------------ generated texts

_PIECES = ["Go", "GO", "go", "Rust", "Spark", "spark", "Spark SQL", "Python", "Docker", "Postgres", "Agile",
           "Prototyping", "Observability", "monitoring", "alerting", "logging", "security", "teams", "team",
           "experience with", "Experience", "with", "the", "use", "Bonus:", "skills", "programming", "cluster",
           "Hadoop", "pivot", "tables", "and", "or", "and/or", "as well as", "aſ", "plus", ",", ";", "/", "&",
           "(", ")", "(EMR)", ":", "-", "—", "•", "*", ".", "\n", "\t", "\xa0", "İ", "\u212a", "🚀", "é",
           "systems.Proficient in", "BazaarExperience", "Exposure to", "such as", "e.g.", "Technology"]


@st.composite
def texts(draw):
    parts = draw(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=16))
    seps = draw(st.lists(st.sampled_from(["", " ", " ", "  ", ", "]), min_size=len(parts), max_size=len(parts)))
    return "".join(part + sep for part, sep in zip(parts, seps))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(texts())
def test_evidence_agrees_with_the_reference_on_generated_texts(longest, nested, everywhere, text):
    decided(longest, text)
    decided(nested, text)
    decided(everywhere, text)
