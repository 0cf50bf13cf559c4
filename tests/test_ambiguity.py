"""Every ambiguous and every broad surface of the built-in vocabulary has positive and
negative sentences.

The cases live in tests/data/ambiguity/<vocab file>.yaml, one entry per surface:
``{surface, term, positive: [{text, why}], negative: [{text, why}]}``. For a broad surface
("security", "backend") the positive sentence asks for it as a skill and the negative names
it in passing.
"""


import pytest
import yaml

import skillterms
from skillterms.text.tokenize import surface_key
from conftest import DATA

FILES = sorted((DATA / "ambiguity").glob("*.yaml"))
ENTRIES = [(f.stem, e) for f in FILES for e in (yaml.safe_load(f.read_text()) or [])]


def _sentences(kind):
    for stem, entry in ENTRIES:
        for case in entry.get(kind) or []:
            yield pytest.param(entry["term"], entry["surface"], case["text"], case["why"],
                               id=f"{stem}:{entry['surface']}:{case['text'][:40]}")


def _found(text, term):
    return [m for m in skillterms.extract(text) if m.term == term]


@pytest.mark.parametrize("term,surface,text,why", list(_sentences("positive")))
def test_ambiguous_surface_counts_in_technical_context(term, surface, text, why):
    assert _found(text, term), f"{surface!r} should count as {term!r}: {why}"


@pytest.mark.parametrize("term,surface,text,why", list(_sentences("negative")))
def test_ambiguous_surface_does_not_count_as_ordinary_word(term, surface, text, why):
    assert not _found(text, term), f"{surface!r} should not count as {term!r}: {why}"


def test_every_case_names_a_builtin_term_and_one_of_its_surfaces():
    vocab = skillterms.default_vocabulary()
    for stem, entry in ENTRIES:
        term = vocab.get(entry["term"])
        assert term is not None and term.name == entry["term"], (stem, entry["term"])
        keys = {surface_key(s) for s in term.surfaces}
        assert surface_key(entry["surface"]) in keys, (stem, entry["surface"])
        assert entry.get("positive") and entry.get("negative"), (stem, entry["surface"])


def test_every_broad_surface_has_cases():
    vocab = skillterms.default_vocabulary()
    covered = {(entry["term"], surface_key(entry["surface"])) for _stem, entry in ENTRIES}
    missing = [(t.name, s) for t in vocab for s in sorted(t.broad) if (t.name, surface_key(s)) not in covered]
    assert not missing, f"broad surfaces without positive and negative cases: {missing}"
