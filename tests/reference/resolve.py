"""The Python implementation of ``skillterms.resolve.context.judge``: the oracle the compiled
core (native/src/resolve.rs, ``Resolver``) is compared with, as it was before the port (the
judging of ``Extractor.candidates`` on Candidate records: the blockers, the overlap policy,
``ContextRules.apply`` without its evidence half, judging again after a rejected long match
frees shorter ones, and the longest pass before overlaps="all"). It calls the Python oracles
of the core's other steps (regions, titles, evidence, the overlap policy). Not a runtime
path: only the tests and the tools import it.
"""

from __future__ import annotations

import contextlib
import re
import sys
from bisect import bisect_right

from reference import evidence as reference_evidence
from reference import overlap as reference_overlap
from reference import regions as reference_regions
from reference import titles as reference_titles
from reference.rule_patterns import degree_clauses as reference_degree_clauses
from skillterms.extract import Extractor
from skillterms.find.core import candidates_of
from skillterms.find.tables import Candidate, Entry
from skillterms.text.normalize import normalize, snap_end, snap_start
from skillterms.text.wordlist import common_words
from skillterms.types import Mention

__all__ = ["judge", "python_judging", "judging_rows", "mentions_from_rows"]


@contextlib.contextmanager
def python_judging():
    """The extractor's calls of the core that judge a text's candidates answered by this
    oracle, which asks the Python references of the regions, titles, evidence and overlap
    policy in turn: ``judge`` (what ``candidates`` reads) and ``mentions`` (what ``extract``
    reads, then the finder's rows judged here)."""
    extraction = sys.modules[Extractor.__module__]  # skillterms.extract is also a function's name
    core = extraction.judge
    extraction.judge = judge
    try:
        with judging_rows():
            yield
    finally:
        extraction.judge = core


@contextlib.contextmanager
def judging_rows():
    """``Extractor.extract`` reading its finder's rows and judging them with ``judge`` of
    skillterms.extract (the core's, or this oracle under :func:`python_judging`), not with the
    one call of the core that finds and judges: for an extractor whose finder is a Python
    reference, which has no core."""
    extraction = sys.modules[Extractor.__module__]
    core = extraction.mentions
    extraction.mentions = mentions_from_rows
    try:
        yield
    finally:
        extraction.mentions = core


def mentions_from_rows(rules, finder, original: str, overlaps: str, context: bool, broad: bool,
                       records=None) -> list:
    """``skillterms.resolve.context.mentions`` as ``original`` cleaned by ``normalize``, the
    finder's rows of the clean text judged by ``judge``, the offsets moved out of entities by
    ``snap_start`` and ``snap_end``; ``Mention`` objects made by their class (not by the
    core's ``records``) when records are asked for."""
    clean, entities = normalize(original)
    rows, cues = finder.rows(clean)
    if not rows:
        return []
    judged = sys.modules[Extractor.__module__].judge(rules, finder.entries, rows, clean, cues, overlaps, context, broad)
    out = []
    for k in judged.accepted:
        start, end, number = rows[k][:3]
        if entities:
            start, end = snap_start(start, entities), snap_end(end, entities)
        term = finder.entries[number].term
        out.append((start, end, term.name, term.category, term.kind, original[start:end]))
    return out if records is None else [Mention(*row) for row in out]


def judge(rules, entries: list[Entry], rows: list[tuple], clean: str, cues: list[int], overlaps: str,
          context: bool, broad: bool) -> "Decided":
    """The decisions on the candidates of ``rows`` (``rules``: the ContextRules), with the
    interface of ``skillterms.resolve.context.Judgement``."""
    cands = candidates_of(rows, clean, entries)
    pool = [c for c in cands if c.status == "candidate"]
    blockers = [c for c in pool if c.entry.term is None]
    if blockers:
        for b in blockers:
            b.status, b.reason = "blocker", "a not_terms phrase"
        pool = [c for c in pool if c.entry.term is not None]
    if pool:
        judge_pool(rules, pool, blockers, clean, cues, overlaps, context, broad)
    return Decided(cands, {id(c) for c in pool})


class Decided:
    """The decisions the candidates ``cands`` were given, as ``Judgement`` hands them on."""

    def __init__(self, cands: list[Candidate], judged: set[int]):
        self.accepted = [k for k, c in enumerate(cands) if c.status == "accepted"]
        self.blockers = [k for k, c in enumerate(cands) if c.status == "blocker"]
        self._decisions = [(k, c.status, c.reason) for k, c in enumerate(cands) if id(c) in judged]

    def decisions(self):
        return iter(self._decisions)


def judge_pool(rules, pool: list[Candidate], blockers: list[Candidate], clean: str, cues: list[int],
               overlaps: str, context: bool, broad: bool) -> None:
    """Set the decision of every candidate of ``pool`` (``rules``: the ContextRules)."""
    if overlaps == "all":
        # Every match the longest-wins reading keeps is a match of this one too: the context
        # rules read other neighbours when nested matches stay, and must not lose it.
        _judge(rules, pool, blockers, clean, cues, "longest", context, broad)
        longest = [c for c in pool if c.status == "accepted"]
        for c in pool:
            c.status, c.reason = "candidate", ""
        _judge(rules, pool, blockers, clean, cues, "all", context, broad)
        for c in longest:
            if c.status != "accepted":
                c.status, c.reason = "accepted", f"kept by the longest-match reading ({c.reason})"
    else:
        _judge(rules, pool, blockers, clean, cues, overlaps, context, broad)


def _judge(rules, pool: list[Candidate], blockers: list[Candidate], clean: str, cues: list[int],
           policy: str, context: bool, broad: bool) -> None:
    """Set the decision of every candidate of ``pool`` under one overlap policy."""
    first = True
    memo: dict = {}
    while pool:
        if not first:
            for c in pool:
                c.status, c.reason = "candidate", ""
        first = False
        chosen = reference_overlap.choose(pool, blockers, policy)
        if context:
            apply(rules, chosen, clean, cues, nested=policy == "all", memo=memo, broad=broad)
        else:
            for c in chosen:
                if c.case_variant:
                    c.status, c.reason = "rejected", "another case of an exact-case surface (context rules off)"
                else:
                    c.status, c.reason = "accepted", "context rules off"
        dropped = {id(c) for c in chosen if c.status == "rejected"}
        if not dropped or policy == "all":
            break
        # A rejected match frees the shorter ones it hid ("Command R" rejected, "R" judged alone).
        pool = [c for c in pool if id(c) not in dropped]


def apply(rules, chosen: list[Candidate], text: str, cues: list[int] = (), nested: bool = False,
          memo: dict | None = None, broad: bool = False) -> None:
    """``ContextRules.apply``: set ``status``/``reason`` on every candidate of ``chosen`` (sorted
    by start); ``memo`` holds the regions and degree clauses while one text is judged again."""
    if memo is None:
        memo = {}
    regions = memo.get(_REGIONS)
    if regions is None:
        regions = memo[_REGIONS] = reference_regions.find_regions(text, rules.words, frozenset(c.start for c in chosen))
    degree_clauses = memo.get(_DEGREE_CLAUSES)
    titled: set[int] | None = None
    pending = []
    for k, c in enumerate(chosen):
        entry = c.entry
        kind = entry.term.kind
        if regions:
            region = regions.covering(c.start, kind)
            if region is not None:
                c.status, c.reason = "rejected", f"in {region.kind}"
                continue
        if kind == "concept":
            if titled is None:
                titled = _titled(rules, chosen, text)
            if k in titled or _in_a_name(k, chosen, text):
                c.status, c.reason = "rejected", "a job title or team name, not a skill"
                continue
            if degree_clauses is None:
                degree_clauses = memo[_DEGREE_CLAUSES] = reference_degree_clauses(rules.words, text, cues)
            if degree_clauses and _inside(degree_clauses, c.start):
                c.status, c.reason = "rejected", "a field of study in a degree requirement"
                continue
        if c.case_variant or entry.ambiguous or (entry.broad and not broad):
            pending.append(k)
        else:
            c.status, c.reason = "accepted", c.note or "unambiguous surface"
    if pending:
        reference_evidence.weigh_evidence(rules, chosen, text, pending, nested, broad, memo)


def _titled(rules, chosen: list[Candidate], text: str) -> set[int]:
    """The indices of the concepts of ``chosen`` that name a job title or team: "Machine
    Learning Engineer", "AI/ML Solutions Developer", "Data & ML Engineer", "Software
    Engineer, Machine Learning", "head of Data Science"."""
    concepts = [k for k, c in enumerate(chosen) if c.entry.term.kind == "concept"]
    if not concepts:
        return set()
    return reference_titles.find_titles(rules.words, text, [(c.start, c.end) for c in chosen], concepts)


def _in_a_name(k: int, chosen: list[Candidate], text: str) -> bool:
    """An acronym closing a company or award name: "Zest AI", "the Forbes AI 50",
    "Nightfall AI (nightfall.ai) is ..."."""
    c = chosen[k]
    if not (2 <= len(c.surface) <= 3 and c.surface.isupper()):
        return False
    before = text[max(0, c.start - 30):c.start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if not words:
        return False
    name = words[-1]
    if not (len(name) >= 3 and name.isalpha() and name[0].isupper() and name[1:].islower()):
        return False
    # The name opens its stretch of text when no word stands before it in the window: at
    # the start of the text, or after a run of blanks (padding, HTML blanked out).
    if len(words) == 1 or words[-2][-1] in ".:":  # a sentence starts with the name: "Nightfall AI (...) is"
        if name.lower() in common_words() or not _NAME_GOES_ON.match(text, c.end):
            return False  # "Perform EDA on ...", "Apply AI to ...": a verb, not a name
    elif not (words[-2][-1] == "," or words[-2][-1].islower()):
        return False
    return k == 0 or chosen[k - 1].end <= c.start - len(before) + before.rindex(name)


# What follows a company name at the start of a sentence: "Nightfall AI (nightfall.ai) is ...".
_NAME_GOES_ON = re.compile(r"[ \t]*(?:\(|\||,|['’]s\b|(?:is|was|has|builds|provides|helps|offers)\b)")
_DEGREE_CLAUSES = "degree clauses"  # the memo's keys for them and the regions (the evidence
_REGIONS = "regions"  # oracle keeps its own under candidate ids)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    k = bisect_right(spans, (offset, len(spans) and 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]
