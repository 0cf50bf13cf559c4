"""The Python implementation of ``skillterms.resolve.context.find_titles``: the oracle the
compiled core (native/src/titles.rs) is compared with, as it was before the port. Not a
runtime path: only the tests and tools/core_diff.py import it.
"""

from __future__ import annotations

import re

from reference.rule_patterns import patterns
from skillterms.text.rulewords import RuleWords

__all__ = ["find_titles"]

TITLE_STEPS = 6  # words and terms read after a concept looking for a title word
TITLE_CAPITALISED = 2  # capitalised words of any kind that a Title Case title may hold
TITLE_BRACKET = 24  # a bracket inside a title ("(AGI)") closes within this many characters

_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_TITLE_GAP = re.compile(r"[ \t]*")
_TITLE_BEFORE_WORD = re.compile(r"\b([A-Z][a-z]+)[ \t]*(?:,|-|–|—|\()[ \t]*\Z")


def find_titles(words: RuleWords, text: str, spans: list[tuple[int, int]], asked: list[int]) -> set[int]:
    """Of the candidates ``asked`` (indices into ``spans``, every kept candidate's (start, end)
    by start), those that name a title by the words before them or after them."""
    return {k for k in asked if _names_a_role(words, text, spans, k)}


def _names_a_role(words: RuleWords, text: str, spans: list[tuple[int, int]], k: int) -> bool:
    start, end = spans[k]
    before = text[max(0, start - 60):start]
    if (" of" in before or " OF" in before) and patterns(words).title_before.search(before):
        return True
    surface = text[start:end]
    capitalised = surface[:1].isupper()
    practice = surface.lower() in words.team_practices
    if capitalised:
        m = _TITLE_BEFORE_WORD.search(before)
        if m is not None and m.group(1).lower() in words.title_words:
            return True
    at, j, steps, loose = end, k + 1, 0, 0
    n = len(text)
    joined = False
    while steps < TITLE_STEPS:
        at = _TITLE_GAP.match(text, at).end()
        if at >= n:
            return False
        while j < len(spans) and spans[j][0] < at:
            j += 1
        if j < len(spans) and spans[j][0] == at:
            at = spans[j][1]
            steps += 1
            joined = False
            continue
        if text[at] == ")":
            at += 1
            steps += 1
            continue
        if text[at] in "&/,+" or (text[at] == "-" and text[at + 1:at + 2].isalnum()):
            at += 1
            steps += 1
            joined = True
            continue
        if text[at] == "(":
            close = text.find(")", at, at + TITLE_BRACKET)
            if close == -1:
                return False
            at = close + 1
            steps += 1
            continue
        m = _TITLE_WORD.match(text, at)
        if m is None:
            return False
        word = m.group().lower()
        if word in words.title_words and not joined:
            return not (practice and word in ("team", "teams"))
        joined = word in ("and", "or")
        if word in words.title_modifiers:
            pass
        elif capitalised and m.group()[0].isupper() and loose < TITLE_CAPITALISED:
            loose += 1
        else:
            return False
        at = m.end()
        steps += 1
    return False
