"""The fast path (scan.py) finds exactly what the piece-level matcher finds on the whole text."""

import random

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import skillterms
from skillterms.find import scan
from conftest import DATA

VOCAB = skillterms.default_vocabulary()
FAST = skillterms.Extractor(VOCAB, fuzzy=False)
REFERENCE = skillterms.Extractor(VOCAB, fuzzy=False)
REFERENCE._reference = True
SURFACES = sorted({s for t in VOCAB for s in t.surfaces})
GLUE = [" ", ", ", "/", "-", ".", "", "\n", " (", ") ", "&amp;", "<li>", "\xa0", "  ", "; ", ":"]
WORDS = ["experience", "with", "and", "or", "the", "Required", "Preferred", "data", "in", "a", "3", "2.x",
         "Engineer", "team", "go", "spark", "R&D", "C", "++", "#", ".", "Net", "systemsDesign", "ML", "s"]


def _same(text):
    return FAST.extract(text) == REFERENCE.extract(text)


@pytest.mark.parametrize("case", yaml.safe_load((DATA / "extract_cases.yaml").read_text()), ids=lambda c: c["why"])
def test_golden_texts_agree(case):
    assert _same(case["text"])


def test_every_surface_in_glued_and_spaced_company_agrees():
    rng = random.Random(7)
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(2, 8)):
            parts.append(rng.choice(SURFACES) if rng.random() < 0.6 else rng.choice(WORDS))
            parts.append(rng.choice(GLUE))
        text = "".join(parts)
        assert _same(text), text


NUMERIC_REFERENCES = ["&#67;++", "&#x43;#", "&#67;&#43;&#43;", "C&#x23;", "&#x52;", "&#80;ython"]


@pytest.mark.parametrize("reference", NUMERIC_REFERENCES)
def test_numeric_character_references_agree_wherever_they_stand(reference):
    # Not after a letter: "experience&#67;++" keeps the C with "experience" and the spaces
    # before "++", and the fast path joins a symbol across at most two spaces (as in "C  ++").
    for before in ["", "We use ", "(", "/", "\n", "<li>"]:
        for after in ["", " and SQL", ", ", ")", "/Java", "\n"]:
            text = before + reference + after
            assert _same(text), text


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SURFACES), st.sampled_from(WORDS), st.sampled_from(GLUE),
                          st.text(max_size=6)), max_size=14))
def test_generated_texts_agree(chunks):
    text = "".join(chunks)
    assert _same(text), text


def test_glued_words_kept_between_texts_never_change_a_result(monkeypatch):
    # The scanner keeps what it read of each glued word; a small bound makes it forget
    # and relearn them all the time, which must not show in any result.
    monkeypatch.setattr(scan, "GLUED_CACHE_SIZE", 5)
    texts = [f"Experience{s.replace(' ', '')}Preferred and {s}Developer, {s}" for s in SURFACES[::20]]
    for text in texts + texts:  # the second time, some words come from the cache
        assert _same(text), text
    assert len(FAST._scanner._glued) <= 5
