"""Typo matching ("Kubernates", "Pyhton") with rapidfuzz, gated so words stay words.

A word is tried only when it is unknown to the vocabulary, alphabetic, at least
``MIN_LENGTH`` letters long and written capitalised (as product names are). It matches a
surface only when:

* the surface belongs to a tool that is not ambiguous and not case-restricted, and has
  ``MIN_LENGTH`` or more letters;
* both share their first and their last letter (typos sit inside words; the ends are what
  turn one English word into another: panda/pandas, docker/docked, spare/spark);
* their optimal-string-alignment distance (a swap counts as one edit) is 1, or 2 for
  surfaces of ``LONG_LENGTH`` letters or more.

Decisions are cached per word: the same unknown words recur across a corpus.
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .tables import CompiledVocabulary, Entry

__all__ = ["FuzzyMatcher", "MIN_LENGTH", "LONG_LENGTH"]

MIN_LENGTH = 6
LONG_LENGTH = 10
CACHE_SIZE = 200_000


class FuzzyMatcher:
    def __init__(self, compiled: CompiledVocabulary):
        self._known = compiled.firsts
        buckets: dict[tuple[str, str], dict[str, Entry]] = {}
        for key, entries in compiled.keys.items():
            if len(entries) != 1 or len(key) < MIN_LENGTH or not key.isalpha():
                continue
            entry = entries[0]
            term = entry.term
            if term is None or term.kind != "tool" or not term.fuzzy or entry.ambiguous \
                    or entry.exact_forms is not None or entry.derived:
                continue
            buckets.setdefault((key[0], key[-1]), {})[key] = entry
        self._buckets = {k: (list(v), list(v.values())) for k, v in buckets.items()}
        self._judged: set[bytes] = set()  # words already looked at
        self._typos: dict[bytes, tuple[str, Entry]] = {}  # word -> (key, entry)

    def lookup(self, word: str) -> tuple[str, Entry] | None:
        """The (key, entry) a lowercase unknown ``word`` is a typo of, or None."""
        if len(word) < MIN_LENGTH or not word.isalpha() or word in self._known:
            return None
        bucket = self._buckets.get((word[0], word[-1]))
        if bucket is None:
            return None
        keys, entries = bucket
        limit = 2 if len(word) >= LONG_LENGTH else 1
        best = process.extractOne(word, keys, scorer=OSA.distance, score_cutoff=limit)
        if best is None or abs(len(best[0]) - len(word)) > limit:
            return None
        return best[0], entries[best[2]]

    def find(self, words: list[bytes]) -> dict[bytes, tuple[str, Entry]]:
        """The typos among ``words`` (lowercase ASCII words of one text): word -> (key, entry)."""
        judged, known = self._judged, self._typos
        if not judged.issuperset(words):  # once a corpus is under way, most texts bring no new word
            for word in set(words).difference(judged):  # each distinct word is judged once
                if len(judged) >= CACHE_SIZE:
                    judged.clear()
                judged.add(word)
                if len(word) >= MIN_LENGTH:
                    found = self.lookup(word.decode("ascii"))
                    if found is not None:
                        known[word] = found
        return {w: known[w] for w in known.keys() & words} if known else {}
