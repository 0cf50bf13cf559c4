"""Warnings about vocabulary files that load but will not behave as their author expects.

* a surface that is also a common English word, with no ambiguity, case or broad rule;
* two surfaces of one term that the matcher reads as the same (case and separators);
* a surface that does not find its own term in a plain sentence (a longer term shadows it,
  a boundary or case rule rejects it, or it tokenizes into pieces that never meet).
"""

from __future__ import annotations

from typing import Iterable

from .errors import Problem
from .extract import Extractor
from .gcpause import gc_paused
from .text.normalize import normalize
from .text.tokenize import surface_key, surface_pieces
from .vocabulary.model import Term, Vocabulary
from .text.wordlist import common_words

__all__ = ["lint", "common_words"]

PROBE = "Experience with {} is required."


@gc_paused()
def lint(vocab: Vocabulary, files: Iterable[str] | None = None) -> list[Problem]:
    """Warnings for the terms defined in ``files`` (all terms when None), in file order."""
    wanted = None if files is None else set(files)
    extractor = Extractor(vocab, fuzzy=False)
    words = common_words()
    out: list[Problem] = []
    for term in vocab:
        first_of: dict[tuple[str, ...], str] = {}  # each form's first surface: one pass per term, not one per pair
        for surface in term.surfaces:
            first_of.setdefault(_form(term, surface), surface)
        for surface, path, line, column in term.locations:
            if wanted is not None and path not in wanted:
                continue
            for message in _surface_warnings(term, surface, first_of, extractor, words):
                out.append(Problem(path, line, column, message, "warning"))
    out.sort(key=lambda p: (p.path, p.line, p.column))
    return out


def _form(term: Term, surface: str) -> tuple[str, ...]:
    """What the matcher tells apart: the pieces, case kept for an exact-case surface.

    "BitBucket" (Bit|Bucket) is no duplicate of "Bitbucket": it teaches the matcher that
    text may split the word there.
    """
    pieces = surface_pieces(surface) or [surface]
    return tuple(pieces) if surface in term.exact_case else tuple(p.lower() for p in pieces)


def _surface_warnings(term: Term, surface: str, first_of: dict[tuple[str, ...], str], extractor: Extractor,
                      words: frozenset[str]) -> list[str]:
    out = []
    other = first_of[_form(term, surface)]
    if other != surface:
        out.append(f"{surface!r} of {term.name!r} is the same surface as {other!r} (case and separators "
                   "do not matter); remove it")
        return out
    pieces = surface_pieces(surface) or []
    if surface_key(surface) in words and surface not in term.ambiguous and surface not in term.exact_case \
            and surface not in term.broad and len(pieces) == 1 and not term.ambiguity_reviewed:
        out.append(f"{surface!r} of {term.name!r} is also a common English word; mark it `ambiguous:` with "
                   "`context:` words or `exact_case:`, or write `ambiguous: false` if listings never use it "
                   "as the ordinary word")
    text = PROBE.format(surface)
    start = text.index(surface)
    clean, _ = normalize(text)
    cands = [c for c in extractor.candidates(clean) if c.start == start]
    if not any(c.status == "accepted" and c.entry.term is not None and c.entry.term.name == term.name
               for c in cands):
        mine = next((c for c in cands if c.entry.term is not None and c.entry.term.name == term.name), None)
        if mine is not None and mine.status == "rejected":
            why = mine.reason
        else:
            found = [c.entry.term.name for c in extractor.candidates(clean) if c.status == "accepted"]
            why = f"the text gives {', '.join(found) or 'nothing'}"
        out.append(f"{surface!r} does not find {term.name!r} in the sentence {text!r}: {why}")
    return out
