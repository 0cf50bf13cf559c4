"""The Python typo matcher (rapidfuzz), the oracle of the compiled core's typo gate."""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from skillterms.find.fuzzy import LONG_LENGTH, MIN_LENGTH, typo_targets
from reference.pieces import key_tables
from skillterms.find.tables import CompiledVocabulary, Entry

CACHE_SIZE = 200_000


class FuzzyMatcher:
    def __init__(self, compiled: CompiledVocabulary):
        self._known = key_tables(compiled)[1]
        buckets: dict[tuple[str, str], dict[str, Entry]] = {}
        for key, entry in typo_targets(compiled):
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
