"""Tech-aware tokenization into *pieces* and the *gaps* between them.

A piece is a run of lowercase letters (optionally capitalised), an uppercase run, a digit
run, a run of other letters, one of the symbols ``+ # / &``, or a dot that starts a word
(".NET"). Splitting at case and digit changes is what lets glued scraped text
("PostgreSQLWe", "ExperienceKubernetes") be read; the matcher glues pieces back together,
so "JavaScript" (two pieces) and "Javascript" (one piece) meet the same vocabulary key.

Gaps are classified when the matcher needs them:

* glue: empty (a case, digit or symbol change inside one written word);
* soft: whitespace without a line break, or exactly one of ``- . _`` ("Node.js",
  "scikit-learn", "Power BI"); pieces across glue and soft gaps may form one term;
* hard: anything else (commas, parentheses, line breaks, ". "); no term spans it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

__all__ = ["Token", "split", "tokens", "surface_key", "surface_pieces", "is_soft_gap"]

PIECE_PATTERN = r"""
    [A-Z]?[a-z]+                  # a word, possibly capitalised (first: the common case)
  | [A-Z]+(?![a-z])               # an acronym; before a capitalised word it stops: SQL|We
  | [0-9]+
  | [^\W\d_A-Za-z]+               # letters outside ASCII: no case splitting
  | [+\#/&]
  | (?<![^\W_])\.(?=[^\W_])       # a dot that opens a word: .NET
"""
PIECE = re.compile(PIECE_PATTERN, re.VERBOSE)
_SPLIT = re.compile("(" + PIECE_PATTERN + ")", re.VERBOSE)
_SOFT_SINGLE = frozenset({"-", ".", "_"})
LINE_BREAK_CHARS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
LINE_BREAK_CLASS = "[" + re.escape("".join(sorted(LINE_BREAK_CHARS))) + "]"  # the one definition, as a regex class
LINE_BREAK = re.compile(LINE_BREAK_CLASS)
BULLETS = "•●▪■◦·"  # characters that open a list item (besides "*" and "-")
# The fast path's view of text: ASCII letters lowercased, digits kept, every other byte a space.
ASCII_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57) else 32 for c in range(256))


@dataclass(frozen=True, slots=True)
class Token:
    """One piece of text with its character offsets."""

    text: str
    start: int
    end: int


def split(text: str) -> list[str]:
    """Return ``[gap, piece, gap, piece, ..., gap]``: pieces at odd indexes, gaps at even ones.

    ``"".join(split(text)) == text`` always holds, so offsets are running sums of lengths.
    """
    return _SPLIT.split(text)


def tokens(text: str) -> Iterator[Token]:
    """Yield the pieces of ``text`` with their offsets (for display and alignment, not speed)."""
    for m in PIECE.finditer(text):
        yield Token(m.group(), m.start(), m.end())


def is_soft_gap(gap: str) -> bool:
    """True for gaps that may sit inside one term: glue, one of ``- . _``, or spaces."""
    if not gap or gap in _SOFT_SINGLE:
        return True
    return gap.isspace() and LINE_BREAK_CHARS.isdisjoint(gap)


def surface_pieces(surface: str) -> list[str] | None:
    """The pieces of a vocabulary surface, or None if it holds a gap no term may span."""
    parts = split(surface)
    if len(parts) < 3 or parts[0].strip() or parts[-1].strip():
        return None
    for gap in parts[2:-1:2]:
        if not is_soft_gap(gap):
            return None
    return parts[1::2]


def surface_key(surface: str) -> str | None:
    """The lookup key of a surface: its pieces, lowercased and joined without separators.

    "Node.js", "NodeJS" and "node js" share the key ``"nodejs"``; "C++" has ``"c++"``.
    Returns None when the surface cannot match as one term (it holds a comma, a line
    break or other hard punctuation).
    """
    pieces = surface_pieces(surface.strip())
    if pieces is None:
        return None
    return "".join(pieces).lower()


def words_key(text: str) -> bytes:
    """The concatenated lowercase ASCII words of ``text``: what the fast path can see of a key."""
    return b"".join(text.encode("ascii", "replace").translate(ASCII_WORDS).split())
