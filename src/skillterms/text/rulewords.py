"""The words the context and region rules read, loaded once from package data.

They live in ``skillterms/data/rules.yaml`` (cue phrases, title words, section headings,
employer-mention cues...), so a rule's vocabulary is edited there and not in code.
"""

from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from ..errors import Problem, VocabularyError
from ..vocabulary.yamlnodes import SAFE_LOADER

__all__ = ["RuleWords", "rule_words", "phrase_pattern", "phrase_words", "words_of", "lowercase"]

RULES_FILE = "rules.yaml"
Phrase = tuple[str, ...]

_WORD = re.compile(r"[a-z0-9]+(?:[.'’&/-][a-z0-9]+)*\.?|[$&+]")


def words_of(text: str) -> list[str]:
    """The lowercase words of ``text`` as rule phrases are written ("e.g.", "hands-on", "we're")."""
    return _WORD.findall(text.lower())


def phrase_pattern(phrases, *, prefix: str = r"(?<![\w-])", suffix: str = r"(?![\w])",
                   ignore_case: bool = True) -> re.Pattern:
    """One case-insensitive pattern for a list of phrases, any spacing between words.

    The phrases are factored into a trie of words, so the engine reads each word of the text
    once per position however many phrases share it; where one phrase extends another
    ("investors", "investors like") the longer is tried first."""
    trie: dict = {}
    for words in phrase_words(phrases):
        node = trie
        for word in words:
            node = node.setdefault(word, {})
        node[""] = {}  # a phrase ends here
    flags = re.IGNORECASE if ignore_case else 0  # without it, for lowercased text: twice as fast
    return re.compile(prefix + "(?:" + _words_alternation(trie) + ")" + suffix, flags)


def phrase_words(phrases) -> tuple[tuple[str, ...], ...]:
    """Each phrase as the lowercase words its pattern matches (any spacing between them)."""
    return tuple(tuple(str(phrase).lower().split()) for phrase in phrases)


def lowercase(text: str) -> str:
    """``text`` in lowercase with every character where it was (for the lowercase patterns)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    # "İ" (the one character whose lowercase is two) stays, and every other character is
    # lowered by itself; by itself, capital sigma is always "σ", never the word-final "ς".
    return _LOWERS_TO_TWO.join(part.replace("Σ", "σ").lower() for part in text.split(_LOWERS_TO_TWO))


_LOWERS_TO_TWO = "\u0130"  # tests/test_rulewords.py checks it is the only one


def _words_alternation(node: dict) -> str:
    """The regex of a word trie: each word, then the rest (optional where a phrase may end)."""
    parts = []
    for word, child in node.items():
        if not word:
            continue
        if not any(child):
            parts.append((word, re.escape(word)))
            continue
        tail = r"\s+(?:" + _words_alternation(child) + ")"
        parts.append((word, re.escape(word) + ("(?:" + tail + ")?" if "" in child else tail)))
    # Longer words first, so "investors" is tried before "investor".
    return "|".join(p for _w, p in sorted(parts, key=lambda wp: (-len(wp[0]), wp[0])))


@dataclass(frozen=True)
class RuleWords:
    """Every word list of rules.yaml, prepared for lookup."""

    cue_phrases: frozenset[Phrase]
    cue_nouns: frozenset[str]
    cue_prepositions: frozenset[str]
    cue_verbs: frozenset[str]
    colon_words: frozenset[str]
    cue_after_words: tuple[tuple[str, ...], ...]  # what only follows a technology ("programming"), for the core
    skill_after_words: tuple[tuple[str, ...], ...]  # what asks for a skill after a broad word ("skills"), for the core
    title_words: frozenset[str]
    title_modifiers: frozenset[str]
    team_practices: frozenset[str]
    # The degree words by list, each list in the order the degree rules try it (the core's
    # DegreeReader reads them; tests/reference/rule_patterns.py has the patterns they stand for).
    degree_words: dict[str, tuple]
    degree_pieces: frozenset[str]
    longest_cue: int
    discover_held: frozenset[str]
    discover_glue: frozenset[str]
    # The phrase words of the lists the region finder reads, by list name ("sections.job"):
    # the compiled core builds its matchers from them (what region_finder returns).
    region_words: dict[str, tuple[tuple[str, ...], ...]]
    title_before_words: tuple[tuple[str, ...], ...]  # the phrases before a title ("head of"), for the core
    # The checked rules mapping itself: the Python oracles of the core's region finder, title
    # reader and evidence reader build their patterns from it (tests/reference/rule_patterns.py).
    rules: dict

    def region_finder(self):
        """The compiled core's region finder for these words (built at first use)."""
        return self._core_object("RegionFinder", lambda core: core.RegionFinder(
            self.region_words, sorted(_common_words())))

    def degree_reader(self):
        """The compiled core's degree reader for these words (built at first use)."""
        w = self.degree_words
        return self._core_object("DegreeReader", lambda core: core.DegreeReader(
            w["nouns"], w["abbreviations"], w["field_words"], w["bracket_words"], w["list_nouns"], w["clause_ends"]))

    def title_reader(self):
        """The compiled core's title reader for these words (built at first use)."""
        return self._core_object("TitleReader", lambda core: core.TitleReader(
            sorted(self.title_words), sorted(self.title_modifiers), sorted(self.team_practices),
            self.title_before_words))

    def _core_object(self, name: str, build):
        """A matcher of the compiled core built from these words, kept on this object (never
        pickled: copies build their own)."""
        built = self.__dict__.setdefault(_CORE_OBJECTS, {})
        found = built.get(name)
        if found is None:
            from .. import _core  # at first use: the snapshot is written before the core exists

            found = built[name] = build(_core)
        return found

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop(_CORE_OBJECTS, None)
        return state


def _common_words() -> frozenset[str]:
    from .wordlist import common_words

    return common_words()


_CORE_OBJECTS = "_core_objects"
# The lists find_regions reads, by the names the core's RegionFinder asks for.
_REGION_LISTS = ("header_words", "team_list_words", "title_labels", "legal_phrases", "company_starts",
                 "company_name_verbs", "mention_cues", "company_mention_cues", "employer_verbs",
                 "company_references")


_SHAPE = {
    "cue_before": dict, "cue_after": list, "skill_after": list, "title_words": list, "title_modifiers": list, "team_practices": list, "team_list_words": list,
    "title_before": list, "title_labels": list, "degrees": dict,
    "header_words": list, "sections": dict, "legal_phrases": list, "company_starts": list,
    "company_name_verbs": list, "mention_cues": list, "job_sentences": dict,
    "company_mention_cues": list, "company_references": list, "employer_verbs": list,
    "discover_held": list, "discover_glue": list, "discover_generic": list, "discover_organisations": dict,
}
_SECTIONS = ("company", "company_named", "benefits", "legal", "job")
_DEGREE_KEYS = ("nouns", "abbreviations", "field_words", "bracket_words", "list_nouns", "clause_ends")
_CAPITAL = re.compile(r"[A-Z][a-z]*")


def _longest_first(words) -> list[str]:
    """Words in lowercase, each once, longest first (as escaped for a pattern: the order an
    alternation of them tries them)."""
    return sorted({str(w).lower() for w in words}, key=lambda w: len(re.escape(w)), reverse=True)


def _degree_words(d: dict) -> tuple[dict[str, tuple], frozenset[str]]:
    """The degree words in the order the degree rules try them, and the pieces the matcher
    notes for them."""
    words_ = {
        # a noun (then "'" and "s" optional), longest first as written: "majoring" before "major"
        "nouns": tuple(sorted((str(w).lower() for w in d["nouns"]), key=lambda w: len(re.escape(w)), reverse=True)),
        # an abbreviation by its capitalised parts ("Ph.D", "B.Sc"), longest first
        "abbreviations": tuple(tuple(part.lower() for part in _CAPITAL.findall(str(a)))
                               for a in sorted(d["abbreviations"], key=lambda a: _abbreviation_length(str(a)),
                                               reverse=True)),
        **{key: tuple(_longest_first(d[key])) for key in ("field_words", "bracket_words", "list_nouns", "clause_ends")},
    }
    words = {str(w).lower() for key in ("nouns", "field_words", "bracket_words", "list_nouns", "clause_ends")
             for w in d[key] if key != "clause_ends" or w in d["field_words"]}
    words |= {w + "s" for w in map(str.lower, map(str, d["nouns"] + d["list_nouns"]))}
    pieces = {form for w in words for form in (w, w.capitalize(), w.upper())}
    for a in map(str, d["abbreviations"]):
        pieces.update({a, a.upper(), _CAPITAL.findall(a)[0]})  # "PhD", "PHD" and the "Ph" of "Ph.D."
    return words_, frozenset(pieces)


def _abbreviation_length(abbreviation: str) -> int:
    """The length of an abbreviation's pattern, its parts joined by an optional dot and space
    (``\\.?\\s?``, six characters): what orders the abbreviations."""
    parts = _CAPITAL.findall(abbreviation)
    return sum(len(re.escape(p)) for p in parts) + 6 * (len(parts) - 1)


def _check(data: object, source: str) -> dict:
    def fail(message: str):
        raise VocabularyError([Problem(source, 1, 1, message)])

    if not isinstance(data, dict):
        fail("the rule words must be a mapping of lists")
    for key, kind in _SHAPE.items():
        if not isinstance(data.get(key), kind):
            fail(f"`{key}` must be a {'mapping' if kind is dict else 'list'}")
    for key in ("phrases", "nouns", "prepositions", "verbs", "colon_words"):
        if not isinstance(data["cue_before"].get(key), list):
            fail(f"`cue_before.{key}` must be a list")
    for key in _DEGREE_KEYS:
        if not isinstance(data["degrees"].get(key), list):
            fail(f"`degrees.{key}` must be a list")
    for key in ("words", "starts"):
        if not isinstance(data["job_sentences"].get(key), list):
            fail(f"`job_sentences.{key}` must be a list")
    for key in ("before", "name_ends", "after", "skill_before"):
        if not isinstance(data["discover_organisations"].get(key), list):
            fail(f"`discover_organisations.{key}` must be a list")
    for key in _SECTIONS:
        if not isinstance(data["sections"].get(key), list):
            fail(f"`sections.{key}` must be a list")
    return data


def build_rule_words(data: dict, source: str = RULES_FILE) -> RuleWords:
    """RuleWords from the parsed rules file (checked: a missing list names its key)."""
    d = _check(data, source)
    cue = d["cue_before"]

    def lower(items) -> frozenset[str]:
        return frozenset(str(w).lower() for w in items)

    phrases = frozenset(tuple(words_of(str(p))) for p in cue["phrases"])
    degree_words, degree_pieces = _degree_words(d["degrees"])
    return RuleWords(
        cue_phrases=phrases,
        cue_nouns=lower(cue["nouns"]),
        cue_prepositions=lower(cue["prepositions"]),
        cue_verbs=lower(cue["verbs"]),
        colon_words=lower(cue["colon_words"]),
        cue_after_words=phrase_words(d["cue_after"]),
        skill_after_words=phrase_words(d["skill_after"]),
        title_words=lower(d["title_words"]),
        title_modifiers=lower(d["title_modifiers"]),
        team_practices=lower(d["team_practices"]),
        degree_words=degree_words,
        degree_pieces=degree_pieces,
        longest_cue=max((len(p) for p in phrases), default=1),
        discover_held=lower(d["discover_held"]),
        discover_glue=lower(d["discover_glue"]),
        title_before_words=phrase_words(d["title_before"]),
        rules=d,
        region_words={**{k: phrase_words(d[k]) for k in _REGION_LISTS},
                      **{f"sections.{k}": phrase_words(d["sections"][k]) for k in _SECTIONS},
                      **{f"job_sentences.{k}": phrase_words(d["job_sentences"][k]) for k in ("words", "starts")}},
    )


@lru_cache(maxsize=1)
def rule_words() -> RuleWords:
    """The rule words shipped in ``skillterms/data/rules.yaml``, read once."""
    path = importlib.resources.files("skillterms") / "data" / RULES_FILE
    source = f"skillterms/data/{RULES_FILE}"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # yaml.safe_load, in C
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise VocabularyError([Problem(source, line, column, f"not valid YAML: {exc}")]) from None
    return build_rule_words(data, source)
