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
from .overlap import Containers
from .regions import Regions, find_regions
from ..text.rulewords import RuleWords, rule_words
from ..text.tokenize import ASCII_WORDS, BULLETS, LINE_BREAK, LINE_BREAK_CLASS, words_key
from ..text.wordlist import common_words

__all__ = ["ContextRules"]

WINDOW = 60  # characters each side searched for term context words (never past a line break)

_SEP = rf"[\s,;/|&+{BULLETS}*()\[\]:\-–—]"
_LIST_SEP = re.compile(rf"{_SEP}*(?:\b(?:and|or|and/or|as well as|plus|nor)\b{_SEP}*)?", re.IGNORECASE)
_CLOSES_AT = re.compile(r"[^\s()]{1,40}\)")  # "(EMR)": one token, then the bracket closes


# Leading blanks are taken by (?=(...))\1, an atomic group: they are never given back, so a
# match attempt before a long run of spaces (HTML blanked to spaces, padding) stays linear.
def _blanks(group: int = 1) -> str:
    return rf"(?=([ \t]*))\{group}"


_SLOT_END = re.compile(_blanks() + rf"(?:$|[,;/|&+)\]{BULLETS}:\n]|\.(?:\s|$|(?-i:[A-Z]))|\b(?:and|or)\b)", re.IGNORECASE)
# What may stand right before a list item: read from the last words before a candidate.
_SLOT_OPENERS = frozenset(",;/|&+([:\n" + BULLETS)
_SLOT_WORDS = frozenset("and or with in of using like including as e.g. e.g.,".split())
_ARTICLES = ("the", "a", "an")
LIST_ITEMS_BACK = 30  # items read back from a broad word looking for the cue that opens its list
_ITEM_SEP_BEFORE = re.compile(r"(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|and/or|&)[ \t]+|[ \t]*[/&][ \t]*)\Z")
_ITEM_WORD = re.compile(r"[^ \t]+")
_ITEM_BEFORE = re.compile(r"(?<![\w.+#()'’-])[\w.+#/()'’-]+(?:[ \t]+[\w.+#/()'’-]+){0,5}\Z")
# A bullet's label: a concept ends it with a colon and a capitalised clause follows, and only a
# bullet and up to two capitalised words stand before it on its line.
_TEAMS = re.compile(r"[ \t]+teams?\b", re.IGNORECASE)
_LABEL_END = re.compile(r"[ \t]*:[ \t]+[A-Z]")
_LABEL_START = re.compile(rf"(?:^|{LINE_BREAK_CLASS})[ \t]*[*{BULLETS}-]?[ \t]*(?:[A-Z][\w&/-]*[ \t]+){{0,2}}\Z")




def _is_list_separator(text: str, start: int, end: int) -> bool:
    """Separators only, at least one of them more than a space ("Python, R", not "Veo Robotics"),
    and not an abbreviation in brackets ("electronic medical records (EMR)")."""
    between = text[start:end].strip(" \t\xa0")
    if not between or end - start > 24:
        return False
    if between == "(" and _CLOSES_AT.match(text, end):
        return False
    return _LIST_SEP.fullmatch(text, start, end) is not None


def _opens_slot(before: str) -> bool:
    """Whether a list item may start here: after a separator, a list word, or nothing."""
    tail = before.rstrip(" \t")
    if not tail or tail[-1] in _SLOT_OPENERS:
        return True
    words = tail[-20:].lower().split()
    return bool(words) and (words[-1] in _SLOT_WORDS or words[-2:] == ["such", "as"])


# Scraped text glues words and sentences: "BazaarExperience with", "systems.Proficient in",
# "Skills:Exposure to". The cue words are read apart there.
_GLUED_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|(?<=[a-z][.:;])(?=[A-Za-z])")


def _cue_before(before: str, words: RuleWords, proper: bool = False) -> str:
    """The phrase right before a candidate that introduces a technology ("experience with"), or "".
    ``proper``: the candidate is written capitalised, so a bare verb ("use", "write") is a cue too."""
    tail = _GLUED_WORDS.sub(" ", before[-80:]).lower().split()[-(words.longest_cue + 1):]
    if not tail:
        return ""
    if tail[-1].endswith(":"):
        label = tail[-1][:-1]
        if label in words.colon_words:  # "Nice to have: R", "Stack: Go"
            return tail[-1]
        tail[-1] = label
    for n in range(min(len(tail), words.longest_cue), 0, -1):
        if tuple(tail[-n:]) in words.cue_phrases:
            return " ".join(tail[-n:])
    if proper and tail[-1] in words.cue_verbs:  # "We use Spark", not "use the arrow keys"
        return tail[-1]
    if tail[-1] in _ARTICLES and len(tail) > 2:  # "experience with the"
        tail.pop()
    if len(tail) >= 2 and tail[-1] in words.cue_prepositions and tail[-2] in words.cue_nouns:
        return " ".join(tail[-2:])
    return ""


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

    def _related(self, a: str, b: str) -> bool:
        """Whether two terms are one family: one is the other's ancestor, or both have one parent."""
        fa, fb = self._family.get(a, (a,)), self._family.get(b, (b,))
        return a in fb or b in fa or (len(fa) > 1 and len(fb) > 1 and fa[1] == fb[1])

    def apply(self, chosen: list[Candidate], text: str, cues: list[int] = (), nested: bool = False,
              memo: dict | None = None, broad: bool = False) -> None:
        """Set ``status``/``reason`` on every candidate of ``chosen`` (sorted by start).

        ``cues`` are the offsets of degree words the matcher saw (see matcher.CUE_PIECES);
        ``nested`` says that candidates may overlap (``overlaps="all"``); ``broad`` counts
        broad surfaces wherever they stand. ``memo``, a dict the caller keeps while it judges
        the same candidates of one text again, holds what does not depend on which other
        candidates are still there, so it is worked out once.
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
        if not pending:
            return
        for k in pending:
            c = chosen[k]
            if c.case_variant:
                continue  # only a list confirms another case of an exact-case surface
            reason = memo.get(id(c))
            if reason is None:
                reason = memo[id(c)] = self._own_context(c, text, asked_only=c.entry.broad and not broad)
            if reason:
                c.status, c.reason = "accepted", reason
        self._lists(chosen, text, broad)
        if not broad:
            self._qualified_or_listed(chosen, pending, text)
        unsure = [chosen[k] for k in pending if chosen[k].status == "candidate"]
        if nested:  # a surface inside a longer accepted term ("Spark" in "Spark SQL")
            accepted = Containers([c for c in chosen if c.status == "accepted"])
            for c in unsure:
                outer = accepted.holding(c)
                if outer is not None:
                    c.status, c.reason = "accepted", f"part of {outer.surface!r}"
        confirmed = {c.entry.term.name for c in chosen if c.status == "accepted"}
        for c in unsure:
            if c.status != "candidate":
                continue
            if c.case_variant:
                c.status, c.reason = "rejected", "another case of an exact-case surface, not in a list of terms"
            elif c.entry.term.name in confirmed:
                c.status, c.reason = "accepted", "the same term is confirmed elsewhere in the text"
            elif c.entry.broad and not broad:
                c.status, c.reason = "rejected", "a broad word used in passing, not asked for as a skill"
            else:
                c.status, c.reason = "rejected", "ambiguous surface without confirming context"

    # ------------------------------------------------------------------ lists

    def _lists(self, chosen: list[Candidate], text: str, broad: bool) -> None:
        """Confirm the pending members of every list of terms ("Go, Rust and Postgres"). With
        nested candidates (``overlaps="all"``) the list is read over the outermost ones."""
        chain: list[Candidate] = []
        reach = -1
        for c in sorted(chosen, key=_outer_first):
            if c.status == "rejected" or c.end <= reach:
                continue
            reach = c.end
            if chain and _is_list_separator(text, chain[-1].end, c.start):
                chain.append(c)
                continue
            if len(chain) > 1:
                self._confirm_list(chain, text, broad)
            chain = [c]
        if len(chain) > 1:
            self._confirm_list(chain, text, broad)

    def _confirm_list(self, chain: list[Candidate], text: str, broad: bool) -> None:
        words = self.words
        before_first = text[max(0, chain[0].start - WINDOW):chain[0].start]
        anchor = next((c for c in chain if c.status == "accepted" and not c.case_variant), None)
        opens = _opens_slot(before_first)
        closes = _SLOT_END.match(text, chain[-1].end) is not None
        # Two or more pending terms that make up a whole line or clause confirm each other:
        # "Go, Rust", "Tools: Spark, Hive"; "He likes Go and Rust." has nothing to confirm it.
        standalone = opens and closes
        cued = _cue_before(before_first, words) if any(c.entry.broad for c in chain) else ""
        last = len(chain) - 1
        for i, c in enumerate(chain):
            if c.status != "candidate":
                continue
            if i == last and not closes:
                continue  # "Python and Spark innovation": Spark is no list item
            if c.case_variant:
                if anchor is not None and (i > 0 or opens):
                    c.status, c.reason = "accepted", f"a list item beside {anchor.surface!r}"
            elif c.entry.broad and not broad:
                kin = next((o for o in chain if o.status == "accepted" and not o.case_variant
                            and self._related(o.entry.term.name, c.entry.term.name)), None)
                if cued:
                    c.status, c.reason = "accepted", f"in a list after {cued!r}"
                elif kin is not None:
                    c.status, c.reason = "accepted", f"in a list beside {kin.surface!r}, a term of its family"
            elif anchor is not None:
                c.status, c.reason = "accepted", f"in a list with {anchor.surface!r}"
            elif standalone:
                other = chain[1] if i == 0 else chain[0]
                c.status, c.reason = "accepted", f"in a list with {other.surface!r}"

    def _qualified_or_listed(self, chosen: list[Candidate], pending: list[int], text: str) -> None:
        """A broad word right after a tool that qualifies it ("Python scripting", "AWS security"),
        or in a list of items that a cue phrase opens, whether the items are terms or not
        ("experience with observability, alerting and monitoring")."""
        for k in pending:
            c = chosen[k]
            if c.status != "candidate" or not c.entry.broad or c.case_variant:
                continue
            prev = chosen[k - 1] if k else None
            if prev is not None and prev.status == "accepted" and prev.entry.term.kind == "tool" \
                    and 0 < c.start - prev.end <= 2 and not text[prev.end:c.start].strip(" -"):
                c.status, c.reason = "accepted", f"qualified by {prev.surface!r}"
                continue
            cue = self._cue_before_list(text, c.start)
            if cue:
                c.status, c.reason = "accepted", f"in a list after {cue!r}"

    def _cue_before_list(self, text: str, start: int) -> str:
        """The cue phrase that opens the list a term at ``start`` stands in: read back over
        short items and list separators ("Exposure to alerting, logging, and monitoring")."""
        at = start
        for _ in range(LIST_ITEMS_BACK):
            sep = _ITEM_SEP_BEFORE.search(text, max(0, at - 12), at)
            if sep is None:
                return ""
            item = _ITEM_BEFORE.search(text, max(0, sep.start() - 60), sep.start())
            if item is None:
                return ""
            # The cue may end inside what reads as one item: "Exposure to logging".
            for word in reversed(list(_ITEM_WORD.finditer(text, item.start(), item.end()))):
                cue = _cue_before(text[max(0, word.start() - WINDOW):word.start()], self.words)
                if cue:
                    return cue
            at = item.start()
        return ""

    # ------------------------------------------------------------------ evidence around one term

    def _own_context(self, c: Candidate, text: str, asked_only: bool = False) -> str:
        """The rules that read the text around a candidate and nothing else. ``asked_only``:
        only the phrases that ask for a skill ("experience in security", "networking skills")."""
        words = self.words
        before = text[max(0, c.start - WINDOW):c.start]
        cue = _cue_before(before, words, proper=c.surface[:1].isupper())
        if cue:
            return f"after {cue!r}"
        # Within the window, as before it: a run of blanks after a term must not be read to its end.
        if asked_only:
            after = words.skill_after.match(text, c.end, c.end + WINDOW)
            return f"before {after.group().strip()!r}" if after else ""
        after = words.cue_after.match(text, c.end, c.end + WINDOW)
        if after:
            return f"before {after.group().strip()!r}"
        if c.surface[:1].isupper() and c.surface.lower() in words.team_practices and _TEAMS.match(text, c.end):
            return "a methodology a team works in"  # "self-organizing Agile teams"
        if c.entry.term.kind == "concept" and _LABEL_END.match(text, c.end) and _LABEL_START.search(text, max(0, c.start - 40), c.start):
            return "the label of a bullet"  # "* Technology Prototyping: rapidly prototype ..."
        keys = self._context.get(c.entry.term.name)
        if keys:
            lo, hi = max(0, c.start - WINDOW), c.end + WINDOW
            br = None
            for br in LINE_BREAK.finditer(text, lo, c.start):
                pass
            if br is not None:
                lo = br.end()
            stop = LINE_BREAK.search(text, c.end, hi)
            window = text[lo:c.start] + " " + text[c.end:stop.start() if stop else hi]
            found_words = window.encode("ascii", "replace").translate(ASCII_WORDS).split()
            # Context words may be phrases: "pivot tables" is looked up as pivot+tables.
            found = keys.intersection(found_words)
            if not found and len(found_words) > 1:
                pairs = list(map(bytes.__add__, found_words, found_words[1:]))
                found = keys.intersection(pairs) or keys.intersection(map(bytes.__add__, pairs, found_words[2:]))
            if found:
                return f"near {min(found).decode()!r}"
        return ""

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


def _outer_first(c: Candidate) -> tuple[int, int]:
    return c.start, -c.end


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
_DEGREE_CLAUSES = "degree clauses"  # the memo's keys for them and the regions (the others are ids)
_REGIONS = "regions"


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
