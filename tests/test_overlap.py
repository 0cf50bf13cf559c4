"""The overlap policies: what "all" keeps, and that it costs time in proportion to the matches."""

import random
import time

import skillterms
from skillterms.find.tables import Candidate, Entry
from skillterms.resolve.overlap import Containers
from skillterms.vocabulary.model import Term

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


def test_overlaps_all_costs_about_what_the_longest_policy_costs_on_dense_text():
    unit = "Spark SQL, Apache Spark Streaming, Azure Data Factory, Google Cloud Platform, AWS Lambda functions; "
    text = unit * 280  # 28,000 characters, 3,360 matches under "all": quadratic work took 12 times longer
    longest, every = skillterms.Extractor(), skillterms.Extractor(overlaps="all")
    longest.extract(unit), every.extract(unit)
    seconds = []
    for extractor in (longest, every):
        start = time.perf_counter()
        extractor.extract(text)
        seconds.append(time.perf_counter() - start)
    assert seconds[1] < 4 * seconds[0], seconds
