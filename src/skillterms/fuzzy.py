"""Typo matching ("Kubernates", "Pyhton") with rapidfuzz, gated so words stay words.

A piece is tried only when it is unknown to the vocabulary, alphabetic, at least
``MIN_LENGTH`` letters long and written capitalised (as product names are). It matches a
surface only when:

* the surface belongs to a tool that is not ambiguous and not case-restricted, and has
  ``MIN_LENGTH`` or more letters;
* both share their first and their last letter (typos sit inside words; the ends are what
  turn one English word into another: panda/pandas, docker/docked, spare/spark);
* their optimal-string-alignment distance (a swap counts as one edit) is 1, or 2 for
  surfaces of ``LONG_LENGTH`` letters or more.

Decisions are cached per piece: the same unknown words recur across a corpus.
"""

from __future__ import annotations

from itertools import islice

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .matcher import CompiledVocabulary, Entry

__all__ = ["FuzzyMatcher", "MIN_LENGTH", "LONG_LENGTH"]

MIN_LENGTH = 6
LONG_LENGTH = 10
CACHE_SIZE = 200_000


class FuzzyMatcher:
    def __init__(self, compiled: CompiledVocabulary):
        self._known = compiled.starts
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
        self._starts = compiled.starts
        self._cache: dict[str, tuple[str, Entry] | None] = {}
        self._judged: set[str] = set()  # written pieces already looked at
        self._typos: dict[str, tuple[str, Entry]] = {}  # written piece -> (key, entry)

    def lookup(self, piece: str) -> tuple[str, Entry] | None:
        """The (key, entry) a lowercase unknown ``piece`` is a typo of, or None."""
        if piece in self._cache:
            return self._cache[piece]
        result = None
        if len(piece) >= MIN_LENGTH and piece.isalpha() and piece not in self._known:
            bucket = self._buckets.get((piece[0], piece[-1]))
            if bucket is not None:
                keys, entries = bucket
                limit = 2 if len(piece) >= LONG_LENGTH else 1
                best = process.extractOne(piece, keys, scorer=OSA.distance, score_cutoff=limit)
                if best is not None and abs(len(best[0]) - len(piece)) <= limit:
                    result = (best[0], entries[best[2]])
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        self._cache[piece] = result
        return result

    def find(self, parts: list[str]) -> list[tuple[int, str, Entry]]:
        """``(part index, matched key, entry)`` for every capitalised typo piece in ``parts``."""
        pieces = set(islice(parts, 1, None, 2))
        typos = pieces.intersection(self._typos)
        for piece in pieces - self._judged:  # each distinct written piece is judged once
            if len(self._judged) >= CACHE_SIZE:
                self._judged.clear()
            self._judged.add(piece)
            if len(piece) >= MIN_LENGTH and piece[0].isupper() and piece not in self._starts:
                found = self.lookup(piece.lower())
                if found is not None:
                    self._typos[piece] = found
                    typos.add(piece)
        if not typos:
            return []
        typo = self._typos
        return [(i, *typo[parts[i]]) for i in range(1, len(parts), 2) if parts[i] in typos]
