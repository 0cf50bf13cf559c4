"""Context rules: when a candidate counts as a skill the listing asks for.

In order, for each candidate the overlap policy kept:

1. **regions** (:mod:`skillterms.resolve.regions`): a term in a header line's employer field, an
   employer or investor mention, benefits or legal text does not count; a concept in a header
   line, a title line or text about the company does not either.
2. **roles and degrees**: a concept that names a job title or a team ("Machine Learning
   Engineer", "AI/ML Solutions Developer", "head of Data Science", "our data science team") or
   a field of study in a degree requirement ("MS in Statistics or a related field") does not
   count.
3. **evidence** for the surfaces that need it:

   * an *ambiguous* surface ("Spark", "Go", "Excel", "optimization") counts when a cue phrase
     comes right before it ("experience with", "strong in", "such as", "Stack:"), a word that
     only follows a technology comes right after it ("R programming", "Spark cluster"), one
     of the term's own ``context`` words is near it on the same line, it stands in a list of
     terms that holds a confirmed one ("Go, Rust and Postgres"), or the same term is
     confirmed elsewhere in the text;
   * a *broad* surface ("security", "monitoring", "backend") counts only where it is asked for
     as a skill: after a cue phrase, in a list that a cue phrase opens, or before a skill word
     ("security experience", "networking skills"), unless the extractor counts broad terms
     everywhere;
   * a *case form* of an exact-case surface ("GO" or "go" for Go) counts only as a whole item
     of a list that holds a confirmed term ("JAVA, GO, KAFKA").

Every word these rules read is data: ``skillterms/data/rules.yaml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..find.tables import Candidate, CompiledVocabulary
from .regions import Regions, find_regions
from ..text.rulewords import RuleWords, rule_words
from ..text.tokenize import words_key
from ..text.wordlist import common_words

__all__ = ["ContextRules"]

class ContextRules:
    """Decides the candidates of one vocabulary that need more than their surface."""

    def __init__(self, compiled: CompiledVocabulary):
        self.words = rule_words()
        # Each term's line: itself and its ancestors. A broad word listed beside a term of its
        # family ("observability, monitoring and alerting") is the technical field.
        self._family: dict[str, tuple[str, ...]] = {}
        by_name = {t.name: t for t in compiled.vocab.terms}
        for term in compiled.vocab.terms:
            chain, parent = [term.name], term.parent
            while parent is not None and parent not in chain and parent in by_name:
                chain.append(parent)
                parent = by_name[parent].parent
            self._family[term.name] = tuple(chain)
        self._context: dict[str, frozenset[bytes]] = {}
        for term in compiled.vocab.terms:
            keys = frozenset(k for k in (words_key(w) for w in term.context) if k)
            if keys:
                self._context[term.name] = keys

    def __getstate__(self):  # the rule words are package data, read again where this is unpickled
        return self._context, self._family

    def __setstate__(self, state) -> None:
        self._context, self._family = state
        self.words = rule_words()

    def apply(self, chosen: list[Candidate], text: str, cues: list[int] = (), nested: bool = False,
              memo: dict | None = None, broad: bool = False) -> None:
        """Set ``status``/``reason`` on every candidate of ``chosen`` (sorted by start).

        ``cues`` are the offsets of degree words the matcher saw (see matcher.CUE_PIECES);
        ``nested`` says that candidates may overlap (``overlaps="all"``); ``broad`` counts
        broad surfaces wherever they stand. ``memo``, a dict the caller keeps while it judges
        the same candidates of one text again, holds what does not depend on which other
        candidates are still there (the regions, the degree clauses), so it is worked out once.
        """
        if memo is None:
            memo = {}
        regions: Regions | None = memo.get(_REGIONS)
        if regions is None:
            regions = memo[_REGIONS] = find_regions(text, self.words, frozenset(c.start for c in chosen))
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
                    titled = self._titled(chosen, text)
                if k in titled or _in_a_name(k, chosen, text):
                    c.status, c.reason = "rejected", "a job title or team name, not a skill"
                    continue
                if degree_clauses is None:
                    degree_clauses = memo[_DEGREE_CLAUSES] = self._degree_clauses(text, cues)
                if degree_clauses and _inside(degree_clauses, c.start):
                    c.status, c.reason = "rejected", "a field of study in a degree requirement"
                    continue
            if c.case_variant or entry.ambiguous or (entry.broad and not broad):
                pending.append(k)
            else:
                c.status, c.reason = "accepted", c.note or "unambiguous surface"
        if pending:
            weigh_evidence(self, chosen, text, pending, nested, broad, memo)

    def evidence_reader(self) -> tuple:
        """The compiled core's evidence reader for these terms and rule words, the reason
        templates by the codes it gives, and the term numbers it knows the terms by (built at
        first use, never pickled: copies build their own)."""
        built = self.__dict__.get(_EVIDENCE_READER)
        if built is None:
            from .. import _core  # at first use: the snapshot is written before the core exists

            names = list(self._family)
            numbers = {name: n for n, name in enumerate(names)}
            w = self.words
            reader = _core.EvidenceReader(
                sorted(w.cue_phrases), sorted(w.cue_nouns), sorted(w.cue_prepositions), sorted(w.cue_verbs),
                sorted(w.colon_words), w.longest_cue, w.cue_after_words, w.skill_after_words,
                sorted(w.team_practices), [[numbers[a] for a in self._family[name]] for name in names],
                [sorted(key.decode() for key in self._context.get(name, ())) for name in names])
            templates = tuple(_EVIDENCE_REASONS[name] for name in reader.reasons)
            built = self.__dict__[_EVIDENCE_READER] = (reader, templates, numbers)
        return built

    # ------------------------------------------------------------------ roles and degrees

    def _titled(self, chosen: list[Candidate], text: str) -> set[int]:
        """The indices of the concepts of ``chosen`` that name a job title or team: "Machine
        Learning Engineer", "AI/ML Solutions Developer", "Data & ML Engineer", "Software
        Engineer, Machine Learning", "head of Data Science"."""
        concepts = [k for k, c in enumerate(chosen) if c.entry.term.kind == "concept"]
        if not concepts:
            return set()
        return find_titles(self.words, text, [(c.start, c.end) for c in chosen], concepts)

    def _degree_clauses(self, text: str, cues: list[int]) -> list[tuple[int, int]]:
        """Spans from a degree cue ("BS or MS in") to the end of its clause, in order."""
        spans = []
        for at in sorted(set(cues)):
            m = self.words.degree.match(text, at)
            if m is not None:
                stop = self.words.degree_clause_end.search(text, m.end(), m.end() + 160)
                spans.append((m.start(), stop.start() + 1 if stop else m.end() + 160))
        return spans


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
    at_start = len(words) == 1 and c.start - len(before) <= 0
    if at_start or words[-2][-1] in ".:":  # a sentence starts with the name: "Nightfall AI (...) is"
        if name.lower() in common_words() or not _NAME_GOES_ON.match(text, c.end):
            return False  # "Perform EDA on ...", "Apply AI to ...": a verb, not a name
    elif not (words[-2][-1] == "," or words[-2][-1].islower()):
        return False
    return k == 0 or chosen[k - 1].end <= c.start - len(before) + before.rindex(name)


# What follows a company name at the start of a sentence: "Nightfall AI (nightfall.ai) is ...".
_NAME_GOES_ON = re.compile(r"[ \t]*(?:\(|\||,|['’]s\b|(?:is|was|has|builds|provides|helps|offers)\b)")
_DEGREE_CLAUSES = "degree clauses"  # the memo's keys for them and the regions (the evidence
_REGIONS = "regions"  # oracle, tests/reference/evidence.py, keeps its own under candidate ids)
_EVIDENCE_READER = "_evidence_reader"  # where a ContextRules keeps its core reader (not pickled)

# The wording of the reasons the evidence reader gives, by their names in the core: {phrase}
# is the phrase a reason quotes, {other} the surface of the candidate it names.
_EVIDENCE_REASONS = {
    "cue_before": "after {phrase!r}",
    "cue_after": "before {phrase!r}",
    "team_practice": "a methodology a team works in",  # "self-organizing Agile teams"
    "bullet_label": "the label of a bullet",  # "* Technology Prototyping: rapidly prototype ..."
    "context_word": "near {phrase!r}",
    "case_form_in_list": "a list item beside {other!r}",
    "list_after_cue": "in a list after {phrase!r}",
    "list_beside_kin": "in a list beside {other!r}, a term of its family",
    "list_with": "in a list with {other!r}",
    "qualified_by_tool": "qualified by {other!r}",
    "part_of": "part of {other!r}",
    "case_form_alone": "another case of an exact-case surface, not in a list of terms",
    "confirmed_elsewhere": "the same term is confirmed elsewhere in the text",
    "broad_in_passing": "a broad word used in passing, not asked for as a skill",
    "unconfirmed": "ambiguous surface without confirming context",
}
_STATUS_CODES = {"candidate": 0, "accepted": 1, "rejected": 2}
_KIND_FLAGS = {"tool": 4, "concept": 8}  # the row flags after 1 (a case variant) and 2 (broad)


def weigh_evidence(rules: ContextRules, chosen: list[Candidate], text: str, pending: list[int],
                   nested: bool, broad: bool, memo: dict) -> None:
    """Decide the candidates ``pending`` (indices into ``chosen``, every kept candidate by
    start) by the evidence for them: a cue before, a word after, their term's context words,
    the lists they stand in, a tool before a broad word, a longer accepted term holding them
    (with ``nested``), the same term confirmed elsewhere.
    The compiled core reads it (native/src/evidence.rs), in one call per text. It reads each
    candidate's own context again each time the text is judged again: that depends on the
    text and the candidate only, so the core needs no ``memo`` (the Python oracle keeps one)."""
    reader, templates, numbers = rules.evidence_reader()
    rows = [(c.start, c.end, _STATUS_CODES[c.status],
             c.case_variant | c.entry.broad << 1 | _KIND_FLAGS.get(c.entry.term.kind, 0), numbers[c.entry.term.name])
            for c in chosen]
    for k, accepted, reason, phrase, other in reader.decide(text, rows, pending, broad, nested):
        c = chosen[k]
        c.status = "accepted" if accepted else "rejected"
        c.reason = templates[reason].format(phrase=phrase, other=None if other is None else chosen[other].surface)


def find_titles(words: RuleWords, text: str, spans: list[tuple[int, int]], asked: list[int]) -> set[int]:
    """Of the candidates ``asked`` (indices into ``spans``, every kept candidate's (start, end)
    in clean text, by start), those that name a title by the words before them ("head of",
    "Engineer, Machine Learning") or after them ("Machine Learning Engineer", "the Data
    Science team").
    The compiled core reads them (native/src/titles.rs)."""
    return set(words.title_reader().roles(text, spans, asked))


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    k = bisect_right(spans, (offset, len(spans) and 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]
