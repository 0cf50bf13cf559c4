"""Analyses on top of counts: one corpus against another, and terms asked for together.

No third-party imports: tables come out as frozen dataclasses that the CLI prints and
:mod:`skillterms.plot` draws.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

from .counting import TermCounts

__all__ = ["Comparison", "compare", "Cooccurrence", "PairCounter", "two_proportion_test"]


@dataclass(frozen=True, slots=True)
class Comparison:
    """One term in two corpora: shares, their difference in points, ratio and p-value."""

    term: str
    documents_a: int
    share_a: float
    documents_b: int
    share_b: float
    difference_pp: float  # share_a - share_b, in percentage points
    ratio: float  # share_a / share_b (inf when b is 0)
    p_value: float  # two-sided, two-proportion z-test


def two_proportion_test(hits_a: int, n_a: int, hits_b: int, n_b: int) -> float:
    """Two-sided p-value that two proportions differ (pooled z-test; 1.0 when undefined)."""
    if n_a == 0 or n_b == 0:
        return 1.0
    pooled = (hits_a + hits_b) / (n_a + n_b)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / n_a + 1 / n_b))
    if spread == 0:
        return 1.0
    z = (hits_a / n_a - hits_b / n_b) / spread
    return math.erfc(abs(z) / math.sqrt(2))


SORT_KEYS = {
    "difference": lambda c: (-abs(c.difference_pp), c.term),
    "ratio": lambda c: (-(c.ratio if c.ratio != math.inf else 1e18), c.term),
    "share_a": lambda c: (-c.share_a, c.term),
    "share_b": lambda c: (-c.share_b, c.term),
    "p": lambda c: (c.p_value, c.term),
    "term": lambda c: (c.term.lower(), c.term),
}


def compare(a: TermCounts, b: TermCounts, *, sort: str = "difference", rollup: bool = False) -> list[Comparison]:
    """Every term seen in either corpus, compared; sorted by ``sort`` (see :data:`SORT_KEYS`)."""
    if sort not in SORT_KEYS:
        raise ValueError(f"sort must be one of {', '.join(SORT_KEYS)}, not {sort!r}")
    counts_a = a.rollup_counts if rollup else a.document_counts
    counts_b = b.rollup_counts if rollup else b.document_counts
    rows = []
    for term in set(counts_a) | set(counts_b):
        na, nb = counts_a.get(term, 0), counts_b.get(term, 0)
        sa = na / a.documents if a.documents else 0.0
        sb = nb / b.documents if b.documents else 0.0
        ratio = sa / sb if sb else (math.inf if sa else 1.0)
        rows.append(Comparison(term, na, sa, nb, sb, (sa - sb) * 100, ratio,
                               two_proportion_test(na, a.documents, nb, b.documents)))
    rows.sort(key=SORT_KEYS[sort])
    return rows


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    """Two terms asked for together: listings with both, and lift (1 = independent)."""

    term_a: str
    term_b: str
    documents_both: int  # listings that mention both
    documents_a: int
    documents_b: int
    lift: float  # P(a and b) / (P(a) P(b))


class PairCounter:
    """Counts, over listings, how often each pair of terms appears together."""

    def __init__(self) -> None:
        self.documents = 0
        self.single: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()

    def add(self, terms: Iterable[str]) -> None:
        names = sorted(set(terms))
        self.documents += 1
        self.single.update(names)
        self.pairs.update(combinations(names, 2))

    def table(self, *, top: int = 20, with_term: str | None = None, min_documents: int = 1) -> list[Cooccurrence]:
        """Pairs among the ``top`` most common terms, or of ``with_term`` with every other
        term; most common pairs first."""
        if with_term is not None:
            keep = lambda a, b: with_term in (a, b)  # noqa: E731
        else:
            chosen = {t for t, _ in sorted(self.single.items(), key=lambda tc: (-tc[1], tc[0]))[:top]}
            keep = lambda a, b: a in chosen and b in chosen  # noqa: E731
        rows = []
        for (a, b), both in self.pairs.items():
            if both < min_documents or not keep(a, b):
                continue
            if with_term is not None and b == with_term:
                a, b = b, a
            na, nb = self.single[a], self.single[b]
            lift = both * self.documents / (na * nb) if na and nb else 0.0
            rows.append(Cooccurrence(a, b, both, na, nb, lift))
        rows.sort(key=lambda r: (-r.documents_both, -r.lift, r.term_a, r.term_b))
        return rows
