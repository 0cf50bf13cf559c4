"""The regular expressions the Python region finder, title reader and evidence rules (the
oracles in this folder) read the rule words with. The compiled core matches the same phrase
lists with its own matchers (native/src/phrases.rs), so the package no longer compiles these:
they were a third of the time it took to read rules.yaml at start-up.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

from skillterms.text.rulewords import _SECTIONS, RuleWords, phrase_pattern
from skillterms.text.tokenize import BULLETS

__all__ = ["patterns", "degree_clauses"]

_BUILT: dict[int, tuple[RuleWords, SimpleNamespace]] = {}  # by id; the words are kept alive with them


def patterns(words: RuleWords) -> SimpleNamespace:
    """The patterns of one RuleWords, built on first use."""
    found = _BUILT.get(id(words))
    if found is None or found[0] is not words:
        found = _BUILT[id(words)] = (words, _build(words.rules))
    return found[1]


def _build(d: dict) -> SimpleNamespace:
    return SimpleNamespace(
        team_lists=re.compile(phrase_pattern(d["team_list_words"]).pattern
                              + r"[ \t]*(?:\((?P<bracket>[^()\n]{1,200})\)|,?[ \t]+(?:including|such as|like|e\.g\.,?)[ \t]+"
                              r"(?P<list>[^.;:\n()]{1,120}))", re.IGNORECASE),
        title_before=phrase_pattern(d["title_before"], suffix=r"\s+(?:the\s+)?\Z"),
        title_labels=phrase_pattern(d["title_labels"], prefix=rf"[ \t*{BULLETS}-]*", suffix=r"(?:[ \t]*:|(?=[A-Z][a-z]))"),
        header_words=phrase_pattern(d["header_words"]),
        sections={k: phrase_pattern(d["sections"][k], prefix="", suffix="") for k in _SECTIONS},
        company_named=phrase_pattern(d["sections"]["company_named"], prefix="", suffix=r"[ \t]+"),
        legal_phrases=phrase_pattern(d["legal_phrases"], prefix=r"\b", ignore_case=False),
        company_starts=phrase_pattern(d["company_starts"], prefix="", suffix=r"(?![\w])"),
        company_name_verbs=phrase_pattern(d["company_name_verbs"], prefix=r"", suffix=r"(?![\w])"),
        mention_cues=phrase_pattern(d["mention_cues"], prefix=r"\b", suffix=r"", ignore_case=False),
        company_mention_cues=phrase_pattern(d["company_mention_cues"], prefix=r"\b", suffix=r"", ignore_case=False),
        employer_verbs=phrase_pattern(d["employer_verbs"], prefix=r"[ \t]+"),
        company_references=phrase_pattern(d["company_references"], prefix=r"(?<![\w'’-])", suffix=r"(?![\w'’-])"),
        job_sentence_words=phrase_pattern(d["job_sentences"]["words"], prefix=r"(?<![\w'’-])", suffix=r"(?![\w'’-])"),
        job_sentence_starts=phrase_pattern(d["job_sentences"]["starts"], prefix=""),
        cue_after=phrase_pattern(d["cue_after"], prefix=r"[ \t]*(?:-[ \t]*)?"),
        skill_after=phrase_pattern(d["skill_after"], prefix=r"[ \t]*(?:-[ \t]*)?"),
        **dict(zip(("degree", "degree_clause_end"), _degree_patterns(d["degrees"]))),
    )


def degree_clauses(words: RuleWords, text: str, cues: list[int]) -> list[tuple[int, int]]:
    """Spans from a degree cue ("BS or MS in") to the end of its clause, in order: what the
    core's DegreeReader finds (native/src/degrees.rs), read with these patterns."""
    found = patterns(words)
    spans = []
    for at in sorted(set(cues)):
        m = found.degree.match(text, at)
        if m is not None:
            stop = found.degree_clause_end.search(text, m.end(), m.end() + 160)
            spans.append((m.start(), stop.start() + 1 if stop else m.end() + 160))
    return spans


_CAPITAL = re.compile(r"[A-Z][a-z]*")


def _alternatives(items) -> str:
    return "|".join(sorted({re.escape(str(w).lower()) for w in items}, key=len, reverse=True))


def _degree_patterns(d: dict) -> tuple[re.Pattern, re.Pattern]:
    """The degree-clause opener and the clause end."""
    nouns = "|".join(sorted((re.escape(str(w).lower()) + "'?s?" for w in d["nouns"]), key=len, reverse=True))
    abbreviations = "|".join(sorted((r"\.?\s?".join(map(re.escape, _CAPITAL.findall(str(a)))).lower()
                                     for a in d["abbreviations"]), key=len, reverse=True))
    opener = re.compile(
        rf"(?:(?:{nouns})\b|(?:{abbreviations})\b\.?(?=\s*(?:in\b|or\b|/|,|degree|\()))"
        r"[^.;\n]{0,60}?\b(?:in|of)\b"
        rf"|(?:{_alternatives(d['field_words'])})\s+(?:such as|like|including|e\.g\.|of study)"
        rf"|(?:{_alternatives(d['bracket_words'])})\s*\("
        rf"|(?:{_alternatives(d['list_nouns'])})s?(?=\s*:|(?-i:[A-Z]))",
        re.IGNORECASE)
    ends = "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}"
                    for w in sorted({str(w).lower() for w in d["clause_ends"]}, key=len, reverse=True))
    clause_end = re.compile(rf"\.\s|[\n;]|\b(?:{ends})(?![a-z])")
    return opener, clause_end
