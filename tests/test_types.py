"""The records steps hand on pickle as their class called with their fields
(skillterms.types.pickled_by_fields): equal after the round trip, and without dataclasses'
per-object state restoring, which cost the snapshot half its load time."""

import pickle

import pytest

import skillterms
from skillterms.find.tables import compile_vocabulary
from skillterms.types import Mention

VOCAB = skillterms.default_vocabulary()


@pytest.mark.parametrize("record", [
    Mention(0, 6, "Python", "languages", "tool", "Python"),
    VOCAB.terms[0],
    next(t for t in VOCAB.terms if t.aliases and t.exact_case),
    VOCAB.blockers[0],
    next(iter(compile_vocabulary(VOCAB).keys.values()))[0],
], ids=["mention", "term", "term with aliases and exact case", "blocker", "entry"])
def test_a_record_pickles_back_equal_through_its_constructor(record):
    kind, args = record.__reduce__()
    assert kind is type(record) and kind(*args) == record
    assert pickle.loads(pickle.dumps(record, protocol=5)) == record
