"""The Python implementation of ``skillterms.resolve.overlap.choose``: the oracle the compiled
core (native/src/resolve.rs, ``OverlapPolicy``) is compared with, as it was before the port,
with the ``Containers`` it and the evidence oracle (``reference/evidence.py``) find holding
candidates by. Not a runtime path: only the tests and the tools import it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from skillterms.find.tables import Candidate
from skillterms.resolve.overlap import by_start

__all__ = ["choose", "Containers"]


def choose(pool: list[Candidate], blockers: list[Candidate], policy: str) -> list[Candidate]:
    """Apply the overlap ``policy`` ("longest" or "all") to term candidates and the not_terms
    ``blockers``; return the survivors sorted by start. The losers are marked rejected, with why."""
    if policy == "all":
        return _keep_all(pool, blockers)
    items = sorted(pool + blockers, key=by_start) if blockers else pool  # pool comes sorted
    chosen: list[Candidate] = []
    first = 0
    reach = -1
    for i, c in enumerate(items):  # overlapping candidates form clusters
        if c.start >= reach and i > first:
            if i - first == 1:
                chosen.append(items[first])
            else:
                chosen.extend(_longest_first(items[first:i]))
            first = i
        if c.end > reach:
            reach = c.end
    if len(items) - first == 1:
        chosen.append(items[first])
    else:
        chosen.extend(_longest_first(items[first:]))
    return [c for c in chosen if c.entry.term is not None] if blockers else chosen


def _by_preference(c: Candidate) -> tuple[bool, bool, int, int, bool, bool]:
    # Longest first; a match that starts inside a glued word yields to one that does not
    # ("fastText embeddings"), so does another case of an exact-case surface, a whole key
    # beats a folded version ("GPT4" is GPT-4), and a word as written beats the same word
    # read with the words of the next term ("SQL" in "SQL and NoSQL databases").
    return c.glued, c.case_variant, -c.length, c.start, c.absorbed, c.elided


def _longest_first(cluster: list[Candidate]) -> list[Candidate]:
    """The longest-wins choice inside one cluster of overlapping candidates."""
    if len(cluster) == 1:
        return cluster
    starts: list[int] = []  # the kept spans, disjoint, sorted by start
    kept: list[Candidate] = []
    for c in sorted(cluster, key=_by_preference):
        k = bisect_right(starts, c.start)
        clash = kept[k - 1] if k and kept[k - 1].end > c.start else None
        if clash is None and k < len(kept) and kept[k].start < c.end:
            clash = kept[k]
        if clash is None:
            starts.insert(k, c.start)
            kept.insert(k, c)
        elif c.entry.term is not None:
            c.status = "rejected"
            c.reason = f"overlaps the longer {clash.surface!r}" if clash.entry.term is not None else \
                f"inside the not_terms phrase {clash.surface!r}"
    return kept


def _keep_all(pool: list[Candidate], blockers: list[Candidate]) -> list[Candidate]:
    """overlaps="all": every candidate but those inside a not_terms phrase or a longer form
    of the same term."""
    by_term: dict[int, list[Candidate]] = {}
    for c in pool:
        by_term.setdefault(id(c.entry.term), []).append(c)
    containers = {term: Containers(group) for term, group in by_term.items()}
    blocker_starts = [b.start for b in blockers]
    longest_blocker = max((b.length for b in blockers), default=0)
    kept = []
    for c in pool:
        hit = None
        if blockers:  # only those starting less than the longest blocker before c can overlap it
            lo = bisect_right(blocker_starts, c.start - longest_blocker)
            hit = next((b for b in blockers[lo:bisect_left(blocker_starts, c.end)]
                        if c.start < b.end and c.length <= b.length), None)
        same = containers[id(c.entry.term)].holding(c, longer=True) if hit is None else None
        if hit is not None:
            c.status, c.reason = "rejected", f"inside the not_terms phrase {hit.surface!r}"
        elif same is not None:
            c.status, c.reason = "rejected", f"inside {same.surface!r}, a longer form of the same term"
        else:
            kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))


class Containers:
    """The candidates of a list that hold a span, found by bisection (a text may have
    thousands of candidates: asking each of them would take time quadratic in their number)."""

    def __init__(self, cands: list[Candidate]):
        self._order = sorted(cands, key=by_start)
        self._starts = [c.start for c in self._order]
        # The candidates that reach further than every one before them, in order: their ends
        # rise, so the first of them that reaches an end is the first candidate that does.
        self._reach: list[int] = []
        self._records: list[int] = []
        for i, c in enumerate(self._order):
            if not self._reach or c.end > self._reach[-1]:
                self._reach.append(c.end)
                self._records.append(i)

    def holding(self, c: Candidate, *, longer: bool = False) -> Candidate | None:
        """The first candidate (by start, longest first) that starts at or before ``c`` and
        ends at or after it, other than ``c``; with ``longer``, only one with another span."""
        before = bisect_right(self._starts, c.start)  # the candidates that start at or before c
        k = bisect_left(self._reach, c.end)
        if k == len(self._reach) or self._records[k] >= before:
            return None
        i = self._records[k]
        o = self._order[i]
        if longer and (o.start, o.end) == (c.start, c.end):
            return None  # none before it reaches c's end, and those after it end no later
        if o is c:  # another candidate of the very same span, right after it, holds it
            nxt = self._order[i + 1] if i + 1 < before else None
            return nxt if nxt is not None and nxt.end == c.end else None
        return o
