"""The compiled core's record maker (native/src/records.rs: ``Records``) makes ``Mention``
objects that are what ``Mention(*values)`` makes: equal, hashed, ordered, printed, pickled and
frozen alike; and it refuses a class whose ``__init__`` does more than set slots."""

from __future__ import annotations

import dataclasses
import gc
import pickle

import pytest

from skillterms import _core
from skillterms.types import Mention, mention_records

ROWS = [(0, 6, "Python", "languages", "tool", "Python"),
        (10, 12, "C#", "languages", "tool", "c#"),
        (3, 9, "Kubernetes", "devops", "tool", "K8s İ\u200b"),
        (0, 0, "", "", "", ""),
        (2**40, 2**40 + 1, "R", "languages", "tool", "R\ud800")]  # a lone surrogate stays as written


def test_records_equal_what_the_class_makes():
    made = mention_records().make_all(ROWS)
    by_class = [Mention(*row) for row in ROWS]
    assert made == by_class
    assert [type(m) for m in made] == [Mention] * len(ROWS)
    assert [hash(m) for m in made] == [hash(m) for m in by_class]
    assert [repr(m) for m in made] == [repr(m) for m in by_class]
    assert sorted(made) == sorted(by_class)
    assert [dataclasses.astuple(m) for m in made] == ROWS


def test_records_pickle_and_stay_frozen():
    made = mention_records().make_all(ROWS)
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(dataclasses.FrozenInstanceError):
        made[0].start = 1
    assert dataclasses.replace(made[0], start=1) == Mention(1, *ROWS[0][1:])


def test_records_of_ints_and_strs_are_left_out_of_the_cycle_collector():
    # they can be in no cycle, as CPython reasons for tuples of atoms; a field of another
    # type keeps the record tracked
    assert not gc.is_tracked(mention_records().make_all(ROWS[:1])[0])
    holder = []
    tracked = mention_records().make_all([(0, 1, "a", "b", "c", holder)])[0]
    assert gc.is_tracked(tracked)
    holder.append(tracked)  # a cycle through it, which the collector must still see
    del holder, tracked
    assert gc.collect() >= 2


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(TypeError, match="takes 6 values, not 5"):
        mention_records().make_all([ROWS[0][:5]])
    with pytest.raises(TypeError):
        mention_records().make_all([list(ROWS[0])])  # rows are tuples


@dataclasses.dataclass(frozen=True)
class WithoutSlots:
    a: int


@dataclasses.dataclass(frozen=True, slots=True)
class WithPostInit:
    a: int

    def __post_init__(self):
        raise AssertionError("never skipped silently")


@dataclasses.dataclass(frozen=True, slots=True)
class TwoFields:
    a: int
    b: int


def test_a_class_whose_init_does_more_than_set_slots_is_refused():
    with pytest.raises(TypeError, match="WithoutSlots must keep its fields"):
        _core.Records(WithoutSlots, ["a"])
    with pytest.raises(TypeError, match="WithPostInit runs __post_init__"):
        _core.Records(WithPostInit, ["a"])
    with pytest.raises(TypeError, match="TwoFields must keep its fields"):
        _core.Records(TwoFields, ["a"])
    assert _core.Records(TwoFields, ["b", "a"]).make_all([(1, 2)]) == [TwoFields(a=2, b=1)]  # in the order given
