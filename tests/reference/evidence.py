"""The Python implementation of ``skillterms.resolve.context.weigh_evidence``: the oracle the
compiled core (native/src/evidence.rs) is compared with, as it was before the port (the
evidence half of ``ContextRules.apply``, with its memo of each candidate's own context). Not
a runtime path: only the tests and the tools import it.
"""

from __future__ import annotations

import re

from reference.rule_patterns import patterns
from skillterms.find.tables import Candidate
from reference.overlap import Containers
from skillterms.text.rulewords import RuleWords
from skillterms.text.tokenize import ASCII_WORDS, BULLETS, LINE_BREAK, LINE_BREAK_CLASS

__all__ = ["weigh_evidence"]

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


def weigh_evidence(rules, chosen: list[Candidate], text: str, pending: list[int], nested: bool,
                   broad: bool, memo: dict) -> None:
    """Decide the candidates ``pending`` (indices into ``chosen``) of ``ContextRules.apply``
    by the evidence around them (``rules``: the ContextRules)."""
    for k in pending:
        c = chosen[k]
        if c.case_variant:
            continue  # only a list confirms another case of an exact-case surface
        reason = memo.get(id(c))
        if reason is None:
            reason = memo[id(c)] = _own_context(rules, c, text, asked_only=c.entry.broad and not broad)
        if reason:
            c.status, c.reason = "accepted", reason
    _lists(rules, chosen, text, broad)
    if not broad:
        _qualified_or_listed(rules, chosen, pending, text)
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


def _related(rules, a: str, b: str) -> bool:
    """Whether two terms are one family: one is the other's ancestor, or both have one parent."""
    fa, fb = rules._family.get(a, (a,)), rules._family.get(b, (b,))
    return a in fb or b in fa or (len(fa) > 1 and len(fb) > 1 and fa[1] == fb[1])


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


# ------------------------------------------------------------------ lists

def _lists(rules, chosen: list[Candidate], text: str, broad: bool) -> None:
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
            _confirm_list(rules, chain, text, broad)
        chain = [c]
    if len(chain) > 1:
        _confirm_list(rules, chain, text, broad)


def _confirm_list(rules, chain: list[Candidate], text: str, broad: bool) -> None:
    words = rules.words
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
                        and _related(rules, o.entry.term.name, c.entry.term.name)), None)
            if cued:
                c.status, c.reason = "accepted", f"in a list after {cued!r}"
            elif kin is not None:
                c.status, c.reason = "accepted", f"in a list beside {kin.surface!r}, a term of its family"
        elif anchor is not None:
            c.status, c.reason = "accepted", f"in a list with {anchor.surface!r}"
        elif standalone:
            other = chain[1] if i == 0 else chain[0]
            c.status, c.reason = "accepted", f"in a list with {other.surface!r}"


def _qualified_or_listed(rules, chosen: list[Candidate], pending: list[int], text: str) -> None:
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
        cue = _cue_before_list(rules, text, c.start)
        if cue:
            c.status, c.reason = "accepted", f"in a list after {cue!r}"


def _cue_before_list(rules, text: str, start: int) -> str:
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
            cue = _cue_before(text[max(0, word.start() - WINDOW):word.start()], rules.words)
            if cue:
                return cue
        at = item.start()
    return ""


# ------------------------------------------------------------------ evidence around one term

def _own_context(rules, c: Candidate, text: str, asked_only: bool = False) -> str:
    """The rules that read the text around a candidate and nothing else. ``asked_only``:
    only the phrases that ask for a skill ("experience in security", "networking skills")."""
    words = rules.words
    before = text[max(0, c.start - WINDOW):c.start]
    cue = _cue_before(before, words, proper=c.surface[:1].isupper())
    if cue:
        return f"after {cue!r}"
    # Within the window, as before it: a run of blanks after a term must not be read to its end.
    if asked_only:
        after = patterns(words).skill_after.match(text, c.end, c.end + WINDOW)
        return f"before {after.group().strip()!r}" if after else ""
    after = patterns(words).cue_after.match(text, c.end, c.end + WINDOW)
    if after:
        return f"before {after.group().strip()!r}"
    if c.surface[:1].isupper() and c.surface.lower() in words.team_practices and _TEAMS.match(text, c.end):
        return "a methodology a team works in"  # "self-organizing Agile teams"
    if c.entry.term.kind == "concept" and _LABEL_END.match(text, c.end) and _LABEL_START.search(text, max(0, c.start - 40), c.start):
        return "the label of a bullet"  # "* Technology Prototyping: rapidly prototype ..."
    keys = rules._context.get(c.entry.term.name)
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


def _outer_first(c: Candidate) -> tuple[int, int]:
    return c.start, -c.end
