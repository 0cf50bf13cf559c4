"""The compiled core's resolving (native/src/resolve.rs: the overlap policy alone, behind
``skillterms.resolve.overlap.choose``, and the judging of a text's candidates in one call,
behind ``skillterms.resolve.context.judge``) decides every candidate exactly as the Python it
was ported from (tests/reference/overlap.py, tests/reference/resolve.py) does: generated
clusters of spans for both policies, and each rule on a small text written for it, read
through a vocabulary written here, against the whole Python judging on the other side."""

from __future__ import annotations

import copy
import pickle
import random

import pytest

import skillterms
from skillterms.find.tables import Candidate, Entry
from skillterms.resolve import context, overlap
from skillterms.text.normalize import normalize
from skillterms.vocabulary.model import Term

from conftest import vocabulary_from
from reference.overlap import choose as reference_choose
from reference.resolve import python_judging as python_resolvers

VOCABULARY = """\
category: resolve-test
kind: tool
terms:
  - name: Apache Spark
    aliases: [Spark]
  - name: Spark SQL
    parent: Apache Spark
  - name: R
    exact_case: [R]
    ambiguous: [R]
    context: [statistics]
  - name: Command R
    exact_case: [Command R]
    ambiguous: [Command R]
  - name: Command
  - name: Go
    exact_case: [Go]
    ambiguous: [Go]
  - name: fastText
  - name: Text embeddings
    kind: concept
  - name: Unit testing
    aliases: [unit tests]
    kind: concept
  - name: Integration testing
    aliases: [integration tests]
    kind: concept
  - name: Machine learning
    kind: concept
  - name: Deep learning
    kind: concept
  - name: Statistics
    kind: concept
  - name: Artificial intelligence
    aliases: [AI]
    exact_case: [AI]
    kind: concept
  - name: REST API
    aliases: [REST]
  - name: API development
    broad: [API development]
    kind: concept
not_terms: [spark plug]
"""


@pytest.fixture(scope="module")
def vocab(tmp_path_factory):
    return vocabulary_from(tmp_path_factory.mktemp("resolve"), VOCABULARY)


@pytest.fixture(scope="module")
def longest(vocab):
    return skillterms.Extractor(vocab)


@pytest.fixture(scope="module")
def nested(vocab):
    return skillterms.Extractor(vocab, overlaps="all")


def decided(extractor, text):
    """Every candidate's (surface, term, status, reason), the core's, held equal to the oracle's
    (with the flags the policy reads) and the mentions too."""
    clean = normalize(text)[0]

    def decisions():
        return [(c.start, c.end, c.surface, c.term.name if c.term else None, c.status, c.reason, c.note,
                 c.glued, c.absorbed, c.case_variant, c.elided) for c in extractor.candidates(clean)]

    ours, mentions = decisions(), extractor.extract(text)
    with python_resolvers():
        assert decisions() == ours, text
        assert extractor.extract(text) == mentions, text
    return [(surface, term, status, reason) for _s, _e, surface, term, status, reason, *_flags in ours]


def decision(extractor, text, surface, nth=0):
    """The (status, reason) of the ``nth`` candidate written ``surface``, core == oracle."""
    found = [(status, reason) for s, _t, status, reason in decided(extractor, text) if s == surface]
    assert len(found) > nth, (text, surface, decided(extractor, text))
    return found[nth]


# ------------------------------------------------------------------ generated clusters

TERMS = [Term(name, "x", "tool") for name in "ABC"]
ENTRIES = [Entry(term, None, False, False) for term in TERMS] + [Entry(None, None, False, False)]


def _random_candidates(rng: random.Random) -> list[Candidate]:
    cands = []
    for _ in range(rng.randint(0, 30)):
        start = rng.randint(0, 40)
        entry = rng.choice(ENTRIES) if rng.random() < 0.8 else ENTRIES[-1]
        cands.append(Candidate(start, start + rng.randint(1, 9), entry, f"s{len(cands)}",
                               glued=rng.random() < 0.2, absorbed=rng.random() < 0.1,
                               case_variant=rng.random() < 0.2, elided=rng.random() < 0.1))
    return sorted(cands, key=overlap.by_start)


@pytest.mark.parametrize("policy", ["longest", "all"])
def test_the_core_chooses_as_the_python_policy_on_generated_clusters(policy):
    rng = random.Random(7)
    for _ in range(3000):
        cands = _random_candidates(rng)
        theirs = copy.deepcopy(cands)
        ours_kept = overlap.choose([c for c in cands if c.entry.term is not None],
                                   [c for c in cands if c.entry.term is None], policy)
        their_kept = reference_choose([c for c in theirs if c.entry.term is not None],
                                      [c for c in theirs if c.entry.term is None], policy)
        assert [c.surface for c in ours_kept] == [c.surface for c in their_kept]
        assert [(c.status, c.reason) for c in cands] == [(c.status, c.reason) for c in theirs]


def test_an_unknown_policy_is_refused():
    from skillterms import _core

    with pytest.raises(ValueError, match="no overlap policy"):
        _core.OverlapPolicy("shortest")


def test_every_reason_of_the_core_has_its_wording():
    from skillterms import _core

    assert set(_core.OverlapPolicy.reasons) == set(overlap.OVERLAP_REASONS)
    assert set(_core.Resolver.reasons) == set(context._REASONS)


def test_the_resolver_is_built_once_and_never_pickled(longest):
    rules, entries = longest._rules, longest._finder.entries
    assert rules.resolver(entries)[0] is rules.resolver(entries)[0]
    copy = pickle.loads(pickle.dumps(rules))
    assert context._RESOLVER not in copy.__dict__
    assert copy.resolver(entries)[1] == rules.resolver(entries)[1]


# ------------------------------------------------------------------ overlap clusters


def test_the_longest_of_a_cluster_wins_and_the_others_say_which(longest):
    assert decided(longest, "Use Spark SQL and Apache Spark daily.") == [
        ("Spark SQL", "Spark SQL", "accepted", "unambiguous surface"),
        ("Spark", "Apache Spark", "rejected", "overlaps the longer 'Spark SQL'"),
        ("Apache Spark", "Apache Spark", "accepted", "unambiguous surface"),
        ("Spark", "Apache Spark", "rejected", "overlaps the longer 'Apache Spark'"),
    ]


def test_a_not_terms_phrase_hides_the_terms_inside_it(longest, nested):
    for extractor in (longest, nested):
        assert decided(extractor, "Replace the spark plug first.") == [
            ("spark plug", None, "blocker", "a not_terms phrase"),
            ("spark", "Apache Spark", "rejected", "inside the not_terms phrase 'spark plug'"),
        ]


def test_a_match_starting_inside_a_glued_word_yields_to_a_shorter_one(longest):
    assert decision(longest, "fastText embeddings help.", "Text embeddings") == \
        ("rejected", "overlaps the longer 'fastText'")
    assert decision(longest, "fastText embeddings help.", "fastText") == ("accepted", "unambiguous surface")


def test_another_case_of_an_exact_case_surface_yields_to_a_shorter_match(longest):
    assert decision(longest, "command r tools", "command r") == ("rejected", "overlaps the longer 'command'")
    assert decision(longest, "command r tools", "command") == ("accepted", "unambiguous surface")


# ------------------------------------------------------------------ judging again


def test_a_rejected_long_match_frees_the_shorter_ones_it_hid(longest):
    assert decided(longest, "The statistics of Command R runs.") == [
        ("statistics", "Statistics", "accepted", "unambiguous surface"),
        ("Command R", "Command R", "rejected", "ambiguous surface without confirming context"),
        ("Command", "Command", "accepted", "unambiguous surface"),
        ("R", "R", "accepted", "near 'statistics'"),
    ]


def test_a_confirmed_long_match_keeps_hiding_the_shorter_ones(longest):
    assert decision(longest, "Statistics people like Command R today.", "R") == \
        ("rejected", "overlaps the longer 'Command R'")


# ------------------------------------------------------------------ overlaps="all"


def test_all_keeps_nested_terms_but_not_a_shorter_form_of_the_same_term(nested):
    assert decided(nested, "Use Spark SQL and Apache Spark daily.") == [
        ("Spark SQL", "Spark SQL", "accepted", "unambiguous surface"),
        ("Spark", "Apache Spark", "accepted", "unambiguous surface"),
        ("Apache Spark", "Apache Spark", "accepted", "unambiguous surface"),
        ("Spark", "Apache Spark", "rejected", "inside 'Apache Spark', a longer form of the same term"),
    ]


def test_all_judges_every_nested_match_on_its_own(nested):
    assert decision(nested, "Statistics people like Command R today.", "R") == ("accepted", "near 'statistics'")
    assert decision(nested, "fastText embeddings help.", "Text embeddings") == ("accepted", "unambiguous surface")


def test_all_keeps_what_the_longest_match_reading_accepted(nested):
    assert decided(nested, "We do REST API development daily.") == [
        ("REST API", "REST API", "accepted", "unambiguous surface"),
        ("REST", "REST API", "accepted",
         "kept by the longest-match reading (inside 'REST API', a longer form of the same term)"),
        ("API development", "API development", "accepted",
         "kept by the longest-match reading (a broad word used in passing, not asked for as a skill)"),
    ]


def test_a_broad_word_qualified_by_a_tool_is_asked_for(longest):
    assert decided(longest, "We do REST API development daily.") == [
        ("REST API", "REST API", "rejected", "overlaps the longer 'API development'"),
        ("REST", "REST API", "accepted", "unambiguous surface"),
        ("API development", "API development", "accepted", "qualified by 'REST'"),
    ]


# ------------------------------------------------------------------ context rules off


def test_context_rules_off_accept_all_but_other_cases_of_exact_case_surfaces(vocab):
    off = skillterms.Extractor(vocab, context=False)
    assert decided(off, "command r tools") == [
        ("command r", "Command R", "rejected", "overlaps the longer 'command'"),
        ("command", "Command", "accepted", "context rules off"),
        ("r", "R", "rejected", "another case of an exact-case surface (context rules off)"),
    ]
    off_all = skillterms.Extractor(vocab, context=False, overlaps="all")
    assert decision(off_all, "command r tools", "command r") == \
        ("rejected", "another case of an exact-case surface (context rules off)")


# ------------------------------------------------------------------ elided words


def test_a_word_sharing_the_last_word_of_the_next_term_is_its_own_term(longest, nested):
    for extractor in (longest, nested):
        assert decision(extractor, "Write unit/integration tests.", "unit") == \
            ("accepted", "shares 'tests' with 'integration tests'")
        assert decision(extractor, "Know machine and deep learning.", "machine") == \
            ("accepted", "shares 'learning' with 'deep learning'")


def test_an_elided_word_yields_to_the_word_as_written(longest):
    found = decided(longest, "Apache Spark, Spark SQL and Go.")
    assert ("Spark", "Spark SQL", "rejected", "overlaps the longer 'Apache Spark'") in found
    assert ("Go", "Go", "accepted", "in a list with 'Apache Spark'") in found


# ------------------------------------------------------------------ roles and degrees


def test_a_field_of_study_in_a_degree_requirement_is_no_skill(longest, nested):
    for extractor in (longest, nested):
        assert decision(extractor, "MS in Statistics or a related field.", "Statistics") == \
            ("rejected", "a field of study in a degree requirement")
    assert decision(longest, "Statistics is a plus.", "Statistics") == ("accepted", "unambiguous surface")


def test_an_acronym_closing_a_company_name_is_no_skill(longest):
    assert decision(longest, "We partner with Zest AI on lending.", "AI") == \
        ("rejected", "a job title or team name, not a skill")
    assert decision(longest, "We apply AI on lending.", "AI") == ("accepted", "unambiguous surface")


def test_a_name_opening_a_sentence_needs_what_follows_a_company_name(longest):
    assert decision(longest, "Done. Nightfall AI (x) is", "AI") == ("rejected", "a job title or team name, not a skill")
    assert decision(longest, "Perform AI work.", "AI") == ("accepted", "unambiguous surface")


def test_a_name_after_a_run_of_blanks_opens_its_stretch_of_text(longest):
    # Only blanks stand before the name in the window read back (padding, HTML blanked out):
    # it is read as a sentence opening with the name, never as an error.
    named = "Tools:" + " " * 40 + "Zest AI (zest.ai) is hiring."
    assert decision(longest, named, "AI") == ("rejected", "a job title or team name, not a skill")
    verb = "Tools:" + " " * 40 + "Apply AI to lending."
    assert decision(longest, verb, "AI") == ("accepted", "unambiguous surface")
