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

__all__ = ["patterns"]

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
    )
