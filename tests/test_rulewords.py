"""The rule words (skillterms/data/rules.yaml): loaded once, checked, and every list used."""

import pytest
import yaml

from reference.rule_patterns import patterns
from skillterms.errors import VocabularyError
from skillterms.text.rulewords import build_rule_words, rule_words, words_of
import importlib.resources


def _data():
    return yaml.safe_load((importlib.resources.files("skillterms") / "data" / "rules.yaml").read_text())


def test_shipped_rule_words_load_and_are_cached():
    assert rule_words() is rule_words()
    assert ("comfortable", "with") in rule_words().cue_phrases


def test_a_missing_list_is_an_error_that_names_its_key():
    data = _data()
    del data["title_words"]
    with pytest.raises(VocabularyError, match="title_words"):
        build_rule_words(data, "rules.yaml")


@pytest.mark.parametrize("mapping, key", [("sections", "legal"), ("degrees", "nouns"),
                                          ("discover_organisations", "name_ends")])
def test_a_missing_nested_list_is_an_error_that_names_its_key(mapping, key):
    data = _data()
    del data[mapping][key]
    with pytest.raises(VocabularyError, match=f"{mapping}.{key}"):
        build_rule_words(data, "rules.yaml")


def test_phrases_are_read_as_words_whatever_their_spacing():
    found = patterns(build_rule_words(_data()))  # as the Python oracle of the region finder reads them
    assert found.mention_cues.search("backed   by") is None  # a weak cue: only in company text
    assert found.company_mention_cues.search("backed\tby accel") is not None  # it reads lowercased text


def test_words_of_keeps_abbreviations_and_hyphens():
    assert words_of("E.g., hands-on work; we're") == ["e.g.", "hands-on", "work", "we're"]


def test_degree_pieces_come_from_the_degree_lists():
    pieces = rule_words().degree_pieces
    assert {"degree", "Degree", "DEGREE", "PhD", "Ph", "BS", "B"} <= pieces


@pytest.mark.parametrize("text,found", [
    ("our investors like Sequoia", "investors like"), ("Investors such as X", "Investors such as"),
    ("Customers  include Y", "Customers  include"), ("a division of Z", "a division of"), ("investorsx", None),
])
def test_phrase_pattern_prefers_the_longer_phrase_and_any_spacing(text, found):
    from skillterms.text.rulewords import phrase_pattern
    pattern = phrase_pattern(["investors", "investors like", "investors such as", "customers include", "a division of"])
    m = pattern.search(text)
    assert (m.group() if m else None) == found


def test_lowercase_keeps_every_character_where_it_was():
    from skillterms.text.rulewords import _LOWERS_TO_TWO, lowercase

    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == [_LOWERS_TO_TWO]
    text = "İstanbul ΟΔΟΣ İ ΣΣ Straße KUBERNETES İ"
    assert lowercase(text) == "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    assert lowercase("ΟΔΟΣ") == "ΟΔΟΣ".lower()  # without "İ", the whole text is lowered at once
