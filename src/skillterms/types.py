"""The records the steps hand on: what extraction gives back for one text."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from operator import attrgetter

__all__ = ["Mention", "mention_records", "pickled_by_fields"]


def pickled_by_fields(cls):
    """Pickle a frozen slotted dataclass as its class called with its field values.

    The default for slotted dataclasses restores each object through
    ``dataclasses._dataclass_setstate``, which looks its fields up again every time: for the
    built-in vocabulary's 33,000 terms and entries that was half of its snapshot's load time,
    and every ``Mention`` a worker process sends back pays it too."""
    names = tuple(f.name for f in dataclasses.fields(cls) if f.init)
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def __reduce__(self):
        return cls, values(self)

    cls.__reduce__ = __reduce__
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True, order=True)
class Mention:
    """One mention of a term: ``text == original[start:end]`` holds for the text given."""

    start: int
    end: int
    term: str
    category: str
    kind: str
    text: str

    def __repr__(self) -> str:
        return f"Mention({self.term!r}, {self.text!r}, {self.start}:{self.end})"

    def to_dict(self) -> dict[str, str | int]:
        """The mention as plain JSON-ready values: term, category, kind, start, end, text."""
        return {"term": self.term, "category": self.category, "kind": self.kind, "start": self.start,
                "end": self.end, "text": self.text}


@functools.cache
def mention_records():
    """The compiled core's maker of ``Mention`` objects from their field values, in field
    order (built at first use): what ``Mention(*values)`` makes, without running the
    generated ``__init__`` in Python for each one."""
    from . import _core  # at first use: the snapshot is written before the core exists

    return _core.Records(Mention, [f.name for f in dataclasses.fields(Mention)])
