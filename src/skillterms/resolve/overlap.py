"""The overlap policy: which of the candidates that overlap are judged, kept apart from the
rules that judge them (:mod:`skillterms.resolve.context`).

``overlaps="longest"`` keeps, in each cluster of overlapping candidates, the longest ones that
do not overlap one another: a match that starts inside a glued word yields to one that does
not ("fastText embeddings"), so does another case of an exact-case surface, a whole key beats
a folded version ("GPT4" is GPT-4), and a word as written beats the same word read with the
words of the next term ("SQL" in "SQL and NoSQL databases"). ``overlaps="all"`` keeps every
candidate but those inside a not_terms phrase or a longer form of the same term.
The compiled core applies them (native/src/resolve.rs) inside its judging of a text
(:func:`skillterms.resolve.context.judge`); :func:`choose` is the policy alone, for the tests
that hold it to the Python it was ported from (``tests/reference/overlap.py``).
"""

from __future__ import annotations

from ..find.tables import Candidate

__all__ = ["OVERLAP_REASONS", "choose", "by_start"]

# The wording of the reasons a candidate loses by, by their names in the core: {other} is the
# surface of the candidate it lost to.
OVERLAP_REASONS = {
    "overlaps_longer": "overlaps the longer {other!r}",
    "inside_not_terms": "inside the not_terms phrase {other!r}",
    "longer_same_term": "inside {other!r}, a longer form of the same term",
}
_policies: dict[str, tuple] = {}  # the core's policy by name, with its reason templates


def choose(pool: list[Candidate], blockers: list[Candidate], policy: str) -> list[Candidate]:
    """Apply the overlap ``policy`` ("longest" or "all") to term candidates ``pool`` and the
    not_terms ``blockers`` (each sorted by start, longest first); return the survivors sorted by
    start. The losers are marked rejected, with why."""
    core, templates = _policies.get(policy) or _policy(policy)
    # A term is known by its object's id: the policy only asks whether two are the same.
    kept, lost = core.choose(
        [(c.start, c.end, id(c.entry.term), c.glued | c.case_variant << 1 | c.absorbed << 2 | c.elided << 3)
         for c in pool],
        [(b.start, b.end, 0, b.glued | b.case_variant << 1 | b.absorbed << 2 | b.elided << 3) for b in blockers])
    if lost:
        every = pool + blockers if blockers else pool
        for k, code, other in lost:
            c = pool[k]
            c.status, c.reason = "rejected", templates[code].format(other=every[other].surface)
    return [pool[k] for k in kept]


def _policy(name: str) -> tuple:
    from .. import _core  # at first use: the snapshot is written before the core exists

    core = _core.OverlapPolicy(name)
    built = _policies[name] = (core, tuple(OVERLAP_REASONS[reason] for reason in core.reasons))
    return built


def by_start(c: Candidate) -> tuple[int, int]:
    return c.start, -c.end
