"""Properties of extract, pipe and count over generated text (hypothesis).

Two families of text: arbitrary Unicode (every code point, lone surrogates included), and
listing-like text built from the built-in vocabulary's surfaces, ordinary words, punctuation,
HTML and glue, where the interesting decisions happen.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import skillterms
from skillterms.counting import count_mentions

VOCAB = skillterms.default_vocabulary()
EXTRACTOR = skillterms.Extractor(VOCAB)
SURFACES = sorted({s for t in VOCAB for s in t.surfaces})
WORDS = ["experience", "with", "and", "or", "the", "Required", "Preferred:", "data", "in", "a", "3", "2.x",
         "Engineer", "team", "go", "to", "market", "spark", "R&D", "C", "++", "#", ".", "Net", "MS", "degree",
         "systemsDesign", "Experience", "programming", "é", "数据", "\udcff", "\x00", "\u200b"]
GLUE = [" ", ", ", "/", "-", ".", "", "\n", " (", ") ", "&amp;", "&nbsp;", "&#x43;", "<li>", "</li>", "<br/>",
        "<b class='x'>", "\xa0", "  ", "; ", ":", " and ", " or ", "\t"]

unicode_text = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF), max_size=300)
listing_text = st.lists(st.one_of(st.sampled_from(SURFACES), st.sampled_from(WORDS), st.sampled_from(GLUE),
                                  st.text(max_size=5)), max_size=40).map("".join)
any_text = st.one_of(unicode_text, listing_text)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_mentions(text, mentions, *, disjoint):
    assert all(isinstance(m, skillterms.Mention) for m in mentions)
    assert all(0 <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text for m in mentions)
    assert all(m.term in VOCAB for m in mentions)
    if disjoint:
        assert mentions == sorted(mentions)
        assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))  # longest wins: no overlaps
    else:
        assert mentions == sorted(mentions)


@SETTINGS
@given(any_text)
def test_extract_never_raises_and_every_offset_holds(text):
    _check_mentions(text, EXTRACTOR.extract(text), disjoint=True)


@SETTINGS
@given(listing_text)
def test_all_overlaps_policy_keeps_offsets_and_order(text):
    mentions = skillterms.Extractor(VOCAB, overlaps="all").extract(text)
    _check_mentions(text, mentions, disjoint=False)
    # Every term the longest-wins policy finds is found (its span may be a longer form).
    assert {m.term for m in EXTRACTOR.extract(text)} <= {m.term for m in mentions}


@SETTINGS
@given(any_text, st.lists(any_text, max_size=5))
def test_results_do_not_depend_on_earlier_calls(text, earlier):
    fresh = skillterms.Extractor(VOCAB)
    first = fresh.extract(text)
    for other in earlier:
        fresh.extract(other)
    assert fresh.extract(text) == first == fresh.extract(text)


@SETTINGS
@given(st.lists(any_text, max_size=8))
def test_pipe_and_count_give_what_extract_gives_alone(texts):
    alone = [EXTRACTOR.extract(t) for t in texts]
    assert list(EXTRACTOR.pipe(iter(texts))) == alone
    assert EXTRACTOR.count(iter(texts)) == count_mentions(alone, VOCAB)


@SETTINGS
@given(st.lists(listing_text, max_size=4), st.lists(listing_text, max_size=4), st.lists(listing_text, max_size=4))
def test_counts_merge_associatively_and_commutatively(a, b, c):
    ca, cb, cc = (EXTRACTOR.count(x) for x in (a, b, c))
    assert (ca + cb) + cc == ca + (cb + cc) == EXTRACTOR.count(a + b + c)
    assert ca + cb == cb + ca
    assert sum([ca, cb, cc]) == ca + cb + cc


@pytest.mark.parametrize("bad", [None, b"Python", 3, 2.5, ["Python"], object()])
def test_extract_says_what_was_expected_for_a_wrong_type(bad):
    with pytest.raises(TypeError, match="needs str"):
        EXTRACTOR.extract(bad)


@pytest.mark.parametrize("missing", [None, float("nan"), 3, ["Python"], object()])
def test_count_skips_what_is_not_a_listing_and_says_how_many(missing):
    counts = EXTRACTOR.count(["Python", missing, "Python and SQL"])
    assert counts.documents == 2 and counts.skipped == 1 and counts.count("Python") == 2


def test_count_refuses_undecoded_bytes_rather_than_skipping_them():
    with pytest.raises(TypeError, match="needs str, got bytes"):
        EXTRACTOR.count(["Python", b"Python"])


ALL = skillterms.Extractor(VOCAB, overlaps="all")


def test_default_mentions_are_among_all_mentions_on_glued_text():
    text = "CanaryreleaseCloudera Manager"  # a title word after the shorter of two nested terms
    assert set(EXTRACTOR.extract(text)) <= set(ALL.extract(text))


@SETTINGS
@given(listing_text)
def test_default_mentions_are_a_subset_of_all_mentions(text):
    assert set(EXTRACTOR.extract(text)) <= set(ALL.extract(text)), text
