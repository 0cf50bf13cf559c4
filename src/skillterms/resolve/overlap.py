"""The overlap policy: which of the candidates that overlap are judged, kept apart from the
rules that judge them (:mod:`skillterms.resolve.context`)."""

from __future__ import annotations

from bisect import bisect_right

from ..find.tables import Candidate

__all__ = ["choose", "by_start"]


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


def by_start(c: Candidate) -> tuple[int, int]:
    return c.start, -c.end


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
    kept = []
    for c in pool:
        hit = next((b for b in blockers if b.start < c.end and c.start < b.end and c.length <= b.length), None)
        same = next((o for o in pool if o.entry.term is c.entry.term and o.length > c.length
                     and o.start <= c.start and c.end <= o.end), None)
        if hit is not None:
            c.status, c.reason = "rejected", f"inside the not_terms phrase {hit.surface!r}"
        elif same is not None:
            c.status, c.reason = "rejected", f"inside {same.surface!r}, a longer form of the same term"
        else:
            kept.append(c)
    return sorted(kept, key=lambda c: (c.start, c.end))
