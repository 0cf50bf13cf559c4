"""The overlap policies: the containment lookup "all" uses (the Python oracle of the core's,
tests/reference/overlap.py), against asking every candidate (its cost in proportion to the
matches is measured in benchmarks/overlaps.py)."""

import random

from skillterms.find.tables import Candidate, Entry
from skillterms.vocabulary.model import Term

from reference.overlap import Containers

ENTRY = Entry(Term("X", "x", "tool"), None, False, False)


def _holding_by_asking_each(cands, c, longer):
    for o in sorted(cands, key=lambda o: (o.start, -o.end)):
        if o is not c and o.start <= c.start and c.end <= o.end and (not longer or o.length > c.length):
            return o
    return None


def test_containers_find_the_first_candidate_holding_a_span_as_asking_each_would():
    rng = random.Random(3)
    for _ in range(300):
        cands = []
        for _ in range(rng.randint(1, 25)):
            start = rng.randint(0, 30)
            cands.append(Candidate(start, start + rng.randint(1, 8), ENTRY, "x"))
        found = Containers(cands)
        for c in cands:
            for longer in (False, True):
                want = _holding_by_asking_each(cands, c, longer)
                got = found.holding(c, longer=longer)
                assert (got and (got.start, got.end)) == (want and (want.start, want.end)), (c, longer)
