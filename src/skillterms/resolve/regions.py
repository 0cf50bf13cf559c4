"""Regions of a listing where a term does not name a skill the job asks for.

A listing is more than its requirements. It carries a header line ("Acme | Senior ML
Engineer | Remote"), text about the company ("Acme builds AI for banks"), benefits, legal and
privacy boilerplate, and the names of employers, customers and investors ("backed by X",
"customers include Y"). Terms inside these regions are not counted, and one mechanism finds
them all, from the text alone, before any context rule runs:

* **header**: a first line with two or more ``|`` and a header word (remote, full-time, a
  role word...). Its first field names the employer: nothing in it counts. Concepts in the
  other fields name roles; tools there still count ("Software Engineer (Node.js)").
* **title line**: a line that starts with a label such as "Role:" or "Department:"; concepts
  in it name the role. A list right after "teams" ("teams (data engineering, pricing)",
  "teams including perception and controls") names teams.
* **section**: a heading (about us, benefits, equal opportunity, privacy notice...) opens a
  block that runs to the next heading. In an about-the-company block concepts do not count;
  in a benefits or legal block nothing does.
* **legal sentence**: a sentence holding a legal phrase ("equal opportunity", "personal
  data of applicants"): nothing in it counts.
* **company description**: a sentence that starts by describing the company ("We are a ...",
  "Our mission ...", "Acme is the ...", "Acme builds ..."): concepts in it do not count.
* **employer mention**: the list of names after a mention cue ("backed by", "customers
  include", "leaders from", "ex-"): nothing in it counts.

The words each rule reads are data (``skillterms/data/rules.yaml``). Regions never grow
past the text. The rules run in the compiled core (``native/src/regions.rs``), which builds
its matchers from those words (``RuleWords.region_finder``); the Python implementation they
were ported from is kept as the tests' oracle (``tests/reference/regions.py``), and the two
agree on every listing the tests and ``tools/core_diff.py`` give them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..text.rulewords import RuleWords

__all__ = ["REGION_KINDS", "Region", "Regions", "find_regions"]


@dataclass(frozen=True, slots=True)
class Region:
    """A span of clean text where terms (or only concepts) do not count."""

    start: int
    end: int
    kind: str  # how the region was found, as the rejection reason says it
    concepts_only: bool  # True: only concepts do not count in it; tools still do


class Regions:
    """The regions of one text, queried per candidate."""

    __slots__ = ("_regions",)

    def __init__(self, regions: Iterable[Region]):
        self._regions = sorted((r for r in regions if r.end > r.start), key=lambda r: (r.start, -r.end))

    def __bool__(self) -> bool:
        return bool(self._regions)

    def __iter__(self):
        return iter(self._regions)

    def covering(self, start: int, kind: str) -> Region | None:
        """The region in which a term of ``kind`` starting at ``start`` does not count, if any
        (one that blocks every term is preferred over a concepts-only one)."""
        found = None
        for r in self._regions:
            if r.start > start:
                break
            if start < r.end and (kind == "concept" or not r.concepts_only):
                if not r.concepts_only:
                    return r
                found = found or r
        return found


# What the core's region kinds are (native/src/regions.rs, enum Kind, same order): the
# rejection reason, and whether only concepts do not count in the region.
REGION_KINDS = (
    ("the employer field of a header line", False),
    ("a header line (role, place, terms)", True),
    ("a job title or team name, not a skill", True),
    ("a list of team names", True),
    ("text about the company", True),
    ("benefits and pay", False),
    ("legal or privacy text", False),
    ("the employer's name", False),
    ("an employer, customer or investor named", False),
)


def find_regions(text: str, words: RuleWords, term_starts: frozenset[int] = frozenset()) -> Regions:
    """Every region of ``text`` (clean text, as normalize gives it).

    ``term_starts`` are the offsets where candidate terms start: a name that starts with a
    term ("Python is a must") is not a company describing itself.
    """
    found = words.region_finder().find(text, term_starts)
    return Regions(Region(start, end, *REGION_KINDS[kind]) for start, end, kind in found)
