"""Context rules: when an ambiguous surface counts, and when a concept is only a job title.

An ambiguous surface ("Spark", "Go", "Excel", "optimization") counts when one of these holds:

1. **list**: it sits in a list next to another candidate term ("Python, R and SQL",
   "Go, Rust"), with nothing but separators between them;
2. **cue before**: a phrase that introduces a tool comes right before it ("experience with",
   "proficiency in", "such as", "languages:");
3. **cue after**: a word that only follows a technology comes right after it ("R programming",
   "Spark cluster", "Excel spreadsheets");
4. **term context**: a word from the term's own ``context`` list is near it;
5. **discourse**: the same term is already confirmed elsewhere in the same text.

A concept directly followed by a job-title word ("Machine Learning Engineer", "data science
team") or preceded by "head of" is not counted: it names a role, not a skill. Nor is a
concept inside a degree requirement ("MS in Statistics, Operations Research or a related
field"): it names a field of study.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .matcher import Candidate, CompiledVocabulary

__all__ = ["ContextRules"]

WINDOW = 60  # characters each side searched for term context words

_SEP = r"[\s,;/|&+•·*()\[\]:\-–—]"
_LIST_SEP = re.compile(rf"{_SEP}*(?:\b(?:and|or|and/or|as well as|plus|nor)\b{_SEP}*)?", re.IGNORECASE)
_CLOSES_AT = re.compile(r"[^\s()]{1,40}\)")  # "(EMR)": one token, then the bracket closes
# Leading blanks are taken by (?=(...))\1, an atomic group: they are never given back, so a
# match attempt before a long run of spaces (HTML blanked to spaces, padding) stays linear.
def _blanks(group: int = 1) -> str:
    return rf"(?=([ \t]*))\{group}"


_SLOT_END = re.compile(_blanks() + r"(?:$|[,;/|&+)\]•·:\n]|\.(?:\s|$)|\b(?:and|or)\b)", re.IGNORECASE)
# What may stand right before a list item, and the phrases that introduce a technology: read
# from the last words before a candidate, not by scanning for them.
_SLOT_OPENERS = frozenset(",;/|&+([•·:\n")
_SLOT_WORDS = frozenset("and or with in of using like including as e.g. e.g.,".split())
_CUE_NOUNS = frozenset(
    "experience experienced experiences proficient proficiency expertise expert knowledge familiar familiarity "
    "skill skills skilled fluent fluency competent competence competency background hands-on work working "
    "programming coding code develop developing development written built build building certified "
    "certification scripting understanding".split())
_CUE_PREPOSITIONS = frozenset("with in of using on".split())
_CUE_WORDS = frozenset(
    "using leverage leveraging including like language languages tool tools technologies stack skills platform "
    "platforms framework frameworks e.g. e.g., i.e. i.e.,".split())
_CUE_PAIRS = frozenset({("such", "as"), ("use", "of")})
_COLON_CUES = frozenset("have bonus plus preferred required requirements qualifications experience knowledge".split())


def _cue_before(before: str) -> str:
    """The phrase right before a candidate that introduces a technology ("experience with"), or ""."""
    words = before[-60:].lower().split()[-4:]
    if not words:
        return ""
    if words[-1].endswith(":") and words[-1][:-1] in _COLON_CUES:  # "Nice to have: R", "Bonus: Go"
        return words[-1]
    words[-1] = words[-1].rstrip(":")
    if words[-1] in _CUE_WORDS:
        return words[-1]
    if len(words) >= 2 and (words[-2], words[-1]) in _CUE_PAIRS:
        return " ".join(words[-2:])
    if words[-1] in ("the", "a"):
        words.pop()
    if len(words) >= 2 and words[-1] in _CUE_PREPOSITIONS and words[-2] in _CUE_NOUNS:
        return " ".join(words[-2:])
    return ""


def _opens_slot(before: str) -> bool:
    """Whether a list item may start here: after a separator, a list word, or nothing."""
    tail = before.rstrip(" \t")
    if not tail or tail[-1] in _SLOT_OPENERS:
        return True
    words = tail[-20:].lower().split()
    return bool(words) and (words[-1] in _SLOT_WORDS or words[-2:] == ["such", "as"])


_CUE_AFTER = re.compile(
    _blanks(1) + r"(?:-" + _blanks(2) + r")?(?:programming|language|languages|developers?|development|code|coding|codebases?|"
    r"scripts?|scripting|frameworks?|librar(?:y|ies)|packages?|sdks?|apis?|ecosystem|clusters?|"
    r"notebooks?|queries|query|dashboards?|spreadsheets?|workbooks?|macros?|techniques?|methods?|"
    r"algorithms?|models?|modeling|modelling|problems?)\b",
    re.IGNORECASE,
)
_TITLE_AFTER = re.compile(
    r"(?=[ \t])" + _blanks() + r"(?:engineers?|scientists?|developers?|architects?|researchers?|managers?|leads?|director|"
    r"specialists?|interns?|internship|teams?|group|department|org|organization|consultants?|"
    r"practitioners?|analysts?|professionals?|functions?|resources|leadership|community|orgs?|organizations?|"
    r"units?)\b",
    re.IGNORECASE,
)
# Matched where the tokenizer saw a degree word (matcher.CUE_PIECES), never scanned for.
_DEGREE = re.compile(
    r"(?:(?:degrees?|bachelor'?s?|master'?s?|doctorate|doctoral|majors?|majoring|diploma|grad|graduate|student)\b"
    r"|(?:ph\.?\s?d|b\.?s|m\.?s|b\.?sc|m\.?sc|b\.?a|m\.?a)\b\.?(?=\s*(?:in\b|or\b|/|,|degree|\()))"
    r"[^.;\n]{0,60}?\b(?:in|of)\b"
    r"|(?:fields?|disciplines?)\s+(?:such as|like|including|e\.g\.|of study)"
    r"|(?:field|discipline|background|degree|degrees|preferred|required)\s*\("
    r"|majors?(?=\s*:|(?-i:[A-Z]))",  # "Majors: ..." or glued "Preferred MajorsData Science"
    re.IGNORECASE,
)
# A degree clause ends at a sentence or line end, or at the words that close the list of
# fields ("or a related field", "or equivalent"), glued or not ("related fieldEnd-to-end").
_CLAUSE_END = re.compile(r"\.\s|[\n;]|\b(?:[Ff]ields?|[Dd]isciplines?|[Aa]reas?|[Ee]quivalent|[Ee]xperience)(?![a-z])")
_TITLE_BEFORE = re.compile(
    r"\b(?:head|director|vp|vice president|manager|lead)\s+of\s+(?:the\s+)?\Z"
    r"|\bjob\s*(?:title|category|class|family|function)\s*:?\s*[^.\n]{0,40}\Z"
    r"|\b(?:department|team|division|org)\s*:\s*[^.\n]{0,40}\Z",
    re.IGNORECASE,
)


_LOWER_WORDS = bytes(c + 32 if 65 <= c <= 90 else c if (97 <= c <= 122 or 48 <= c <= 57) else 32
                     for c in range(256))


def _words_key(text: str) -> bytes:
    """A context word as the fast path reads text: lowercase ASCII words, concatenated."""
    return b"".join(text.encode("ascii", "replace").translate(_LOWER_WORDS).split())


def _is_list_separator(text: str, start: int, end: int) -> bool:
    """Separators only, at least one of them more than a space ("Python, R", not "Veo Robotics"),
    and not an abbreviation in brackets ("electronic medical records (EMR)")."""
    between = text[start:end].strip(" \t\xa0")
    if not between or end - start > 24:
        return False
    if between == "(" and _CLOSES_AT.match(text, end):
        return False
    return _LIST_SEP.fullmatch(text, start, end) is not None


def _names_a_role(k: int, chosen: list[Candidate], text: str) -> bool:
    """A job title or team name: "Machine Learning Engineer", "back-end Java Developer",
    "Job Category: Software Engineering", "head of Data Science"."""
    c = chosen[k]
    if _TITLE_AFTER.match(text, c.end):
        return True
    before = text[max(0, c.start - 60):c.start]
    if (" of" in before or ":" in before or "job" in before.lower()) and _TITLE_BEFORE.search(before):
        return True
    if k + 1 < len(chosen):  # a tool between the concept and the title word
        nxt = chosen[k + 1]
        return not text[c.end:nxt.start].strip() and _TITLE_AFTER.match(text, nxt.end) is not None
    return False


def _in_a_name(k: int, chosen: list[Candidate], text: str) -> bool:
    """An acronym closing a company or award name: "Zest AI", "the Forbes AI 50"."""
    c = chosen[k]
    if not (2 <= len(c.surface) <= 3 and c.surface.isupper()):
        return False
    before = text[max(0, c.start - 30):c.start]
    if not before.endswith(" "):
        return False
    words = before.split()
    if len(words) < 2:
        return False
    name, prev = words[-1], words[-2]
    if not (len(name) >= 3 and name.isalpha() and name[0].isupper() and name[1:].islower()):
        return False
    if not (prev[-1] == "," or prev[-1].islower()):
        return False
    return k == 0 or chosen[k - 1].end <= c.start - len(before) + before.rindex(name)


def _degree_clauses(text: str, cues: list[int]) -> list[tuple[int, int]]:
    """Spans from a degree cue ("BS or MS in") to the end of its clause, in order."""
    spans = []
    for at in sorted(set(cues)):
        m = _DEGREE.match(text, at)
        if m is not None:
            stop = _CLAUSE_END.search(text, m.end(), m.end() + 160)
            spans.append((m.start(), stop.start() + 1 if stop else m.end() + 160))
    return spans


_DEGREE_CLAUSES = "degree clauses"  # the memo's key for them (the others are ids)


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    k = bisect_right(spans, (offset, len(spans) and 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


class ContextRules:
    """Decides ambiguous candidates and concept-as-title candidates of one vocabulary."""

    def __init__(self, compiled: CompiledVocabulary):
        self._context: dict[str, frozenset[bytes]] = {}
        for term in compiled.vocab.terms:
            keys = frozenset(k for k in (_words_key(w) for w in term.context) if k)
            if keys:
                self._context[term.name] = keys

    def apply(self, chosen: list[Candidate], text: str, cues: list[int] = (), nested: bool = False,
              memo: dict | None = None) -> None:
        """Set ``status``/``reason`` on every candidate of ``chosen`` (sorted by start).

        ``cues`` are the offsets of degree words the matcher saw (see matcher.CUE_PIECES);
        ``nested`` says that candidates may overlap (``overlaps="all"``). ``memo``, a dict the
        caller keeps while it judges the same candidates of one text again, holds what does
        not depend on which other candidates are still there, so it is worked out once.
        """
        if memo is None:
            memo = {}
        degree_clauses = memo.get(_DEGREE_CLAUSES)
        pending = []
        last = len(chosen) - 1
        for k, c in enumerate(chosen):
            entry = c.entry
            if entry.term.kind == "concept":
                # A title depends on the candidate and its two neighbours only.
                key = (id(c), id(chosen[k - 1]) if k else 0, id(chosen[k + 1]) if k < last else 0)
                role = memo.get(key)
                if role is None:
                    role = memo[key] = _names_a_role(k, chosen, text) or _in_a_name(k, chosen, text)
                if role:
                    c.status, c.reason = "rejected", "a job title or team name, not a skill"
                    continue
                if degree_clauses is None:
                    degree_clauses = memo[_DEGREE_CLAUSES] = _degree_clauses(text, cues)
                if degree_clauses and _inside(degree_clauses, c.start):
                    c.status, c.reason = "rejected", "a field of study in a degree requirement"
                    continue
            if entry.ambiguous:
                pending.append(k)
            else:
                c.status, c.reason = "accepted", c.note or "unambiguous surface"
        if not pending:
            return
        unsure = []
        for k in pending:  # in text order: a decided neighbour may confirm the next one
            c = chosen[k]
            reason = self._local(k, chosen, text, memo)
            if reason:
                c.status, c.reason = "accepted", reason
            else:
                unsure.append(c)
        if nested:  # a surface inside a longer accepted term ("Spark" in "Spark SQL")
            accepted = [c for c in chosen if c.status == "accepted"]
            for c in unsure:
                outer = next((o for o in accepted if o.start <= c.start and c.end <= o.end and o is not c), None)
                if outer is not None:
                    c.status, c.reason = "accepted", f"part of {outer.surface!r}"
        confirmed = {c.entry.term.name for c in chosen if c.status == "accepted"}
        for c in unsure:
            if c.status != "candidate":
                continue
            if c.entry.term.name in confirmed:
                c.status, c.reason = "accepted", "the same term is confirmed elsewhere in the text"
            else:
                c.status, c.reason = "rejected", "ambiguous surface without confirming context"

    def _local(self, k: int, chosen: list[Candidate], text: str, memo: dict) -> str:
        c = chosen[k]
        if k > 0:
            prev = chosen[k - 1]
            if prev.status != "rejected" and _is_list_separator(text, prev.end, c.start) \
                    and _SLOT_END.match(text, c.end):
                return f"in a list after {prev.surface!r}"
        if k + 1 < len(chosen):
            nxt = chosen[k + 1]
            if nxt.status != "rejected" and _is_list_separator(text, c.end, nxt.start) \
                    and _opens_slot(text[max(0, c.start - WINDOW):c.start]):
                return f"in a list before {nxt.surface!r}"
        reason = memo.get(id(c))
        if reason is None:
            reason = memo[id(c)] = self._own_context(c, text)
        return reason

    def _own_context(self, c: Candidate, text: str) -> str:
        """The rules that read the text around a candidate and nothing else."""
        before = text[max(0, c.start - WINDOW):c.start]
        cue = _cue_before(before)
        if cue:
            return f"after {cue!r}"
        cue = _CUE_AFTER.match(text, c.end)
        if cue:
            return f"before {cue.group().strip()!r}"
        keys = self._context.get(c.entry.term.name)
        if keys:
            window = text[max(0, c.start - WINDOW):c.start] + " " + text[c.end:c.end + WINDOW]
            words = window.encode("ascii", "replace").translate(_LOWER_WORDS).split()
            # Context words may be phrases: "pivot tables" is looked up as pivot+tables.
            found = keys.intersection(words)
            if not found and len(words) > 1:
                pairs = list(map(bytes.__add__, words, words[1:]))
                found = keys.intersection(pairs) or keys.intersection(map(bytes.__add__, pairs, words[2:]))
            if found:
                return f"near {min(found).decode()!r}"
        return ""
