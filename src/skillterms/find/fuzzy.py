"""The typo gate ("Kubernates", "Pyhton"): which surfaces a typo may reach. The compiled core
(native/src/finder.rs) applies it; ``tests/reference/fuzzy.py`` keeps the Python matcher.

A word is tried only when it is unknown to the vocabulary, alphabetic, at least
``MIN_LENGTH`` letters long and written capitalised (as product names are). It matches a
surface only when:

* the surface belongs to a tool that is not ambiguous and not case-restricted, and has
  ``MIN_LENGTH`` or more letters;
* both share their first and their last letter (typos sit inside words; the ends are what
  turn one English word into another: panda/pandas, docker/docked, spare/spark);
* their optimal-string-alignment distance (a swap counts as one edit) is 1, or 2 for
  surfaces of ``LONG_LENGTH`` letters or more.

Verdicts are cached per word: the same unknown words recur across a corpus.
"""

from __future__ import annotations

from .tables import CompiledVocabulary, Entry

__all__ = ["typo_targets", "MIN_LENGTH", "LONG_LENGTH"]

MIN_LENGTH = 6
LONG_LENGTH = 10


def typo_targets(compiled: CompiledVocabulary) -> list[tuple[str, Entry]]:
    """The keys a typo may reach, with their entries, in the vocabulary's key order."""
    out = []
    for key, entries in compiled.keys.items():
        if len(entries) != 1 or len(key) < MIN_LENGTH or not key.isalpha():
            continue
        entry = entries[0]
        term = entry.term
        if term is None or term.kind != "tool" or not term.fuzzy or entry.ambiguous \
                or entry.exact_forms is not None or entry.derived:
            continue
        out.append((key, entry))
    return out
