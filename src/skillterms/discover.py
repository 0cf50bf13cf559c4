"""Tech terms a corpus asks for that the vocabulary does not know yet, best first.

A word is a candidate when it looks like a product name (internal capitals, digits, dots or
symbols, an acronym, a ``js``/``DB``/``ML`` ending), stands in a list beside known terms, or
follows a cue phrase ("experience with", "built on"); it ranks by how many listings ask for
it that way. Ordinary English words and names, job-title words, and what the region rules
set apart (header lines, company self-description, employers, customers and investors) are
held back; so are names seldom listed beside known *tools* (fields, metrics, regulations)
and names written the way organisations are ("at Acme", "Acme Inc.", "Acme's customers",
a list holding "Acme Ventures"), by the words of ``discover_organisations`` in rules.yaml.
Spelling variants ("LangGraph", "Langgraph", "lang-graph") are one candidate.

The loop it serves: discover, review the draft entries (``to_yaml``), load them with
``--vocab``, count.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from .extract import Extractor
from .find.tables import Candidate
from .resolve.regions import find_regions
from .text.normalize import normalize
from .text.rulewords import phrase_pattern, rule_words
from .text.wordlist import common_words
from .vocabulary.builtin import default_vocabulary
from .vocabulary.model import Term, Vocabulary

__all__ = ["Discovery", "discover", "to_yaml"]

EXAMPLES = 3  # short contexts kept per candidate
EXAMPLE_REACH = 40  # characters each side of an example
CUE_REACH = 40  # characters before a word searched for a cue phrase
TOOL_SHARE = 4  # a candidate stands beside known tools in at least 1 / TOOL_SHARE of its listings
ORG_SHARE, ORG_MIN = 4, 2  # held where written as an organisation in ORG_MIN listings and 1 / ORG_SHARE of them
LIST_REACH = 80  # characters each side searched for known terms in the same list

_WORD = re.compile(r"(?<![\w.+#@-])((?:(?<![^\s(])\.)?[A-Za-z][A-Za-z0-9]*(?:[.+#-][A-Za-z0-9]+)*(?:\+\+|#)?)(?![\w@]|\.\w)")
# A slash joins two names ("ECS/Fargate") but also the parts of an address or a path.
_ADDRESS = re.compile(r"://|www\.|\.[a-z]{2,4}/|/[^\s/]*/")
_CHUNK = re.compile(r"\S+")
_INTERNAL_CAPITAL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_LETTER_DIGIT = re.compile(r"[A-Za-z][0-9]|[0-9][A-Za-z]")
_SYMBOL = re.compile(r"\A\.[A-Za-z]{2}|[A-Za-z]{2}\.[A-Za-z]{2}|[A-Za-z][+#][A-Za-z0-9]|\+\+$|#$")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?\Z")
# Scraped text glues sentences and headings: "too.TikTok", "experienceExperience".
_GLUED_SENTENCE = re.compile(r"(?<=[a-z])\.(?=[A-Z])|\.(?=[A-Z][a-z])")
_LOWER_UPPER = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CAMEL_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_CAPITALS_JOIN = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2,})")
# A number glued to the word before it: "Work with Us1. Growth", "company2)", "Skills2-3 years".
_NUMBERED = re.compile(r"([A-Za-z]+)[0-9]{1,2}(?:-[0-9]{1,2})?\Z")
_WORD_START = re.compile(r"[A-Z][a-z]+")
_TECH_ENDING = re.compile(r"(?:\.js|\.io|\.ai|[a-z]js|JS|DB|SQL|ML|AI|SDK|Ops)\Z")
_LIST_GAP = re.compile(r"\A[ \t]*(?:[,/;&|+]|\band\b|\bor\b)[ \t]*(?:(?:and|or)[ \t]+)?\Z")
_LINE = re.compile(r"[^\n.;:!?]+")  # a stretch of text that one list may fill
_ITEM_SEP = re.compile(r"\s*(?:[,/|•()]|\band\b|\bor\b|&)\s*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n•*-])[ \t\"'(]*\Z")


@dataclass(frozen=True)
class Discovery:
    """A term the vocabulary does not know: its name as most often written, the other
    spellings, the listings that name it, a few contexts, and where it seems to belong."""

    name: str
    variants: tuple[str, ...]
    listings: int
    evidence: int  # listings where it sits in a list beside known terms or after a cue phrase
    score: float
    category: str | None  # the commonest category of the known terms beside it
    kind: str
    examples: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"name": self.name, "variants": list(self.variants), "listings": self.listings,
                "evidence": self.evidence, "score": round(self.score, 2), "category": self.category,
                "kind": self.kind, "examples": list(self.examples)}


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words: each is keyed once
def variant_key(word: str) -> str:
    """What spellings of one name share: "LangGraph", "Langgraph", "lang-graph" -> "langgraph";
    a version number ends none of them ("MobileNetV2", "MobileNet")."""
    key = _SPELLING_MARKS.sub("", word.lower())
    unversioned = _VERSION_END.sub("", key)
    return unversioned if len(unversioned) >= 4 else key


@lru_cache(maxsize=1 << 16)
def _shape(word: str) -> float:
    """How much a word looks like a product name, from its letters alone (an acronym alone
    says little: most acronyms in listings are degrees, places and benefits)."""
    score = 0.0
    if _INTERNAL_CAPITAL.search(word):
        score += 2.0
    if len(word) >= 4 and _LETTER_DIGIT.search(word) and word.rstrip("0123456789").lower() not in common_words():
        score += 1.5
    if _SYMBOL.search(word):
        score += 2.0
    if _TECH_ENDING.search(word) and len(word) > 3:
        score += 1.0
    return score


class _Tally:
    __slots__ = ("variants", "evidence", "categories", "examples", "set_apart", "contexts", "beside_tools", "org")

    def __init__(self) -> None:
        self.variants: Counter = Counter()
        self.evidence = 0
        self.categories: Counter = Counter()
        self.examples: list[str] = []
        self.set_apart = 0  # listings where it stands in a header, company text or employer mention
        self.contexts: set[bytes] = set()  # digests of the words around its first use in each listing
        self.beside_tools = 0  # listings where it stands in a list beside a known tool
        self.org = 0  # listings where it is written as organisations are ("at X", "X's", "X Inc.")

    @property
    def listings(self) -> int:
        """The listings that name it, a repost once: one per distinct context."""
        return len(self.contexts)


class _Listing:
    """What one listing has said so far: the candidates it names, those it gives evidence
    for, and those it sets apart (header, company text, employer mentions)."""

    __slots__ = ("named", "evidenced", "apart", "reposted", "beside_tools", "org")

    def __init__(self) -> None:
        self.named: set[str] = set()
        self.reposted: set[str] = set()  # named in words another listing used: a repost or a template
        self.evidenced: set[str] = set()
        self.apart: set[str] = set()
        self.beside_tools: set[str] = set()
        self.org: set[str] = set()


class _Discoverer:
    def __init__(self, vocab: Vocabulary):
        self.extractor = Extractor(vocab)
        self.vocab = vocab
        self.words = rule_words()
        self.common = common_words()
        self.title_words = self.words.title_words | self.words.title_modifiers
        self.held = self.words.discover_held
        # what asks for a skill ("familiarity with") is no skill itself
        self.held_alone = self.held | self.words.cue_nouns | frozenset(
            str(w).lower() for w in self.words.rules["discover_generic"])
        self.glue = self.words.discover_glue
        self.lowercase_listings: Counter = Counter()  # listings that write a word all lowercase
        self.prose_listings: Counter = Counter()  # ... and outside lists and cues (English words anywhere)
        self.cue = phrase_pattern(_cue_phrases(), prefix=r"(?<![\w-])", suffix=r"[ \t]*(?:the[ \t]+)?\Z")
        # what follows a technology ("framework"), and what asks for a skill ("experience")
        self.tech_after = _after_pattern(self.words.cue_after_words)
        self.skill_after = _after_pattern(self.words.skill_after_words)
        org = self.words.rules["discover_organisations"]
        self.org_before = phrase_pattern(org["before"], prefix=r"(?<![\w-])", suffix=r"[ \t]+(?:the[ \t]+)?\Z",
                                         ignore_case=False)
        ends = sorted({form for w in map(str, org["name_ends"]) for form in (w.capitalize(), w.upper())}, key=len, reverse=True)
        # an organisation's name: capitalised words, the last a legal form or an organisation noun
        self.org_name = re.compile(r"(?<![\w-])(?:[A-Z][\w&'.-]*[ \t]+){1,3}(?:" + "|".join(map(re.escape, ends))
                                   + r")(?![\w-])")
        self.org_after = phrase_pattern([*org["name_ends"], *org["after"]], prefix=r"(?:[ \t]*,?[ \t]+|-)", suffix=r"(?![\w-])", ignore_case=False)
        self.org_not_after = frozenset(str(w).lower() for w in org["skill_before"])
        self.tallies: dict[str, _Tally] = {}
        self.listings_read: set[bytes] = set()  # digests of the texts read
        self.known_words: dict[str, bool] = {}  # _known_surface's answers, by word

    def add(self, text: str) -> None:
        clean, _ = normalize(text)
        digest = _digest(clean)
        if digest in self.listings_read:
            return  # the same listing again (a repost) says nothing new
        self.listings_read.add(digest)
        lowered = clean.lower()
        candidates = self.extractor.candidates(clean)
        # the mentions, disjoint and in text order (the default overlap policy), so bisect finds them
        accepted = [c for c in candidates if c.status == "accepted" and c.term is not None]
        starts, ends = [c.start for c in accepted], [c.end for c in accepted]
        regions = find_regions(clean, self.words, frozenset(c.start for c in candidates))
        listing = _Listing()
        lowercase: set[str] = set()
        prose: set[str] = set()  # what it writes lowercase outside lists and cues
        names = self._list_names(clean, accepted)
        names = [n for n in [*names, *self._known_runs(clean, accepted, names)]
                 if regions.covering(n[1], "tool") is None and self.vocab.get(n[0]) is None]
        inside_names = [(a, b) for _, a, b, _, _ in names]
        org_lists = self._org_lists(clean)
        for word, start, end in self._words(clean):
            if word.islower():
                lowercase.add(variant_key(word))
                if (word in self.common or "-" in word) and not (
                        (_SEPARATED_BEFORE.search(clean, max(0, start - 3), start) or _SEPARATED_AFTER.match(clean, end))
                        and self._known_beside(clean, start, end, accepted, starts, ends)):
                    prose.add(variant_key(word))  # an English word written as one, but not as an item of a list of known terms
            overlapping = accepted[bisect_right(ends, start):bisect_left(starts, end)]
            if any(not self._built_on(c, clean, start, end) for c in overlapping) \
                    or any(a <= start and end <= b for a, b in inside_names):
                continue  # inside a mention, or a word of a list name read whole below
            lower = word.lower()
            if _PLURAL_ACRONYM.match(word):
                continue  # "PDFs", "SDKs": a class of things, not one product
            if _DOMAIN.search(word):
                continue  # a web address names an employer or a job board, not a technology
            if lower in self.held_alone or lower.rstrip("s") in self.held_alone or lower in self.title_words or lower in self.glue \
                    or ("-" in lower and self._ordinary(lower)):
                continue
            if self._known_surface(word):
                continue  # a surface the vocabulary has (or its plural), here judged not a mention
            shape = _shape(word)
            if shape == 0 and clean.startswith(":", end):
                continue  # a label ("Requirements:"), not an item
            if shape == 0 and len(word) < 3 and not _LETTER_DIGIT.search(word) and not (
                    len(word) == 1 and word.isupper() and word not in _ENGLISH_LETTERS
                    and any(t.kind == "tool" for t in self._known_beside(clean, start, end, accepted, starts, ends))):
                continue  # a letter is a name only in a list beside known tools ("Python, R, SQL"); two are an abbreviation
            if shape == 0 and lower in self.common and not word[0].isupper():
                continue  # a common word counts only capitalised, and only with evidence (below); "F5" may be a name
            if len(word) < 3 and _AFTER_NUMBER.search(clean, max(0, start - 8), start):
                continue  # the end of a version ("2012 R2"), not a name
            if regions.covering(start, "tool") is not None:
                listing.apart.add(variant_key(word))
                continue
            org = self._org_context(clean, lowered, start, end, org_lists)  # noted wherever it stands
            if not org and shape == 0 and word.istitle() and _NEXT_CAPITAL.match(clean, end):
                continue  # one word of a longer proper name ("Los Angeles"); names in lists are read whole
            beside = self._known_beside(clean, start, end, accepted, starts, ends)
            cued = self.cue.search(lowered, max(0, start - CUE_REACH), start) is not None \
                or self.tech_after.match(clean, end, end + CUE_REACH) is not None  # "Zorbex framework"
            if not org and shape == 0 and not (beside or cued) and word.istitle() \
                    and _SENTENCE_START.search(clean, max(0, start - 3), start):
                continue  # a capitalised word opening a sentence says nothing by itself
            if word.islower() and not (beside or cued):
                prose.add(variant_key(word))  # "matplotlib" in a list of tools is no English word
            self._note(listing, word, clean, start, end, beside, bool(beside) or cued, org=org)
        for name, start, end, beside, key in names:
            evidence = opened = beside is not None
            if beside is None:  # a name a known tool opens, outside a list: asked for where a cue comes before it
                beside = self._known_beside(clean, start, end, accepted, starts, ends)
                evidence = bool(beside) or self.cue.search(lowered, max(0, start - CUE_REACH), start) is not None
            self._note(listing, name, clean, start, end, beside, evidence, key,
                       org=self._org_context(clean, lowered, start, end, org_lists), opened=not opened)
        lowercase.update(self._lowercase_phrases(clean))
        for key in listing.apart - listing.reposted:
            if key in self.tallies:
                self.tallies[key].set_apart += 1
        self.lowercase_listings.update(lowercase)
        self.prose_listings.update(prose)

    def _note(self, listing: _Listing, written: str, clean: str, start: int, end: int, beside: list[Term],
              evidence: bool, key: str | None = None, *, org: bool = False, opened: bool = False) -> None:
        """One occurrence of a candidate (``key``: the one it belongs to, by default its
        spelling's): its spelling always; the listing, an example, its neighbours and the
        evidence once per listing, and not at all in words another listing used already."""
        key = key or variant_key(written)
        tally = self.tallies.get(key)
        if tally is None:
            tally = self.tallies[key] = _Tally()
        tally.variants[written] += 1
        if key not in listing.named:
            listing.named.add(key)
            example = _example(clean, start, end)
            seen = _digest(example)
            if seen in tally.contexts:
                listing.reposted.add(key)
                return
            tally.contexts.add(seen)
            if len(tally.examples) < EXAMPLES:
                tally.examples.append(example)
        if key in listing.reposted:
            return
        tally.categories.update(t.category for t in beside)
        if evidence and key not in listing.evidenced:
            listing.evidenced.add(key)
            tally.evidence += 1
        if (opened or any(t.kind == "tool" for t in beside)) and key not in listing.beside_tools:
            listing.beside_tools.add(key)
            tally.beside_tools += 1
        if org and key not in listing.org:
            listing.org.add(key)
            tally.org += 1

    def _words(self, clean: str):
        """The words of ``clean`` with their offsets, glued sentences and headings split
        ("too.TikTok", "ResponsibilitiesDesign", "RoleWe")."""
        for m in _WORD.finditer(clean):
            word, start = m.group(1), m.start(1)
            if clean[start - 1:start] == "/" or clean[m.end(1):m.end(1) + 1] == "/":
                chunk = _CHUNK.search(clean, clean.rfind(" ", 0, start) + 1)
                if _ADDRESS.search(chunk.group()):
                    continue  # "acme.com/careers", "https://", "/usr/local/bin"
            if word.isalpha() and word.islower():
                yield word, start, m.end(1)  # most words: nothing glued, nothing to cut
                continue
            cuts = [g.start() for g in _GLUED_SENTENCE.finditer(word)]
            if word.islower() and self.vocab.get(word) is None:
                cuts += [g.start() for g in _LOWER_DOT.finditer(word) if self._english_pair(word, g.start())]
            for g in _LOWER_UPPER.finditer(word):
                written = word[max([c for c in cuts if c < g.start()], default=0):g.start()].strip(".")
                right = _WORD_START.match(word, g.start())
                left, right = written.lower(), right.group(0).lower() if right else ""
                if left in self.glue or right in self.glue or (right and _glued_words(written, right)) \
                        or (word[g.start():] in _ENGLISH_LETTERS and left in self.common) \
                        or (right and self._opens_cue(clean, start + g.start() + len(right), right)) \
                        or (_CODE_START.match(word, g.start()) and written.istitle() and left in self.common):
                    cuts.append(g.start())  # "modelsImplement", "LLMsFamiliarity with", "TitleE1072"
            for g in _CAPITALS_JOIN.finditer(word):
                right = _WORD_START.match(word, g.start()).group(0).lower()
                if right in self.glue or right in self.common or self._opens_cue(clean, start + g.start() + len(right), right):
                    cuts.append(g.start())  # "SQLFamiliarity with"
            at = 0
            for cut in sorted(cuts) + [len(word)]:
                piece = word[at:cut]
                lead = len(piece) - len(piece.lstrip("."))
                piece = piece.strip(".-")
                if at == 0 and lead == 1 and piece and (piece.isupper() or not self._ordinary(piece.lower())):
                    piece, lead = "." + piece, 0  # ".NET": a name that opens with its dot
                numbered = _NUMBERED.match(piece)
                if numbered and self._ordinary(numbered.group(1).lower()) and (
                        clean[start + at + lead + len(piece):][:1] in (".", ")") or numbered.group(1).lower() in self.glue
                        or "-" in piece[numbered.end(1):]):  # a range of years glued on: "data5-8 years"
                    piece = numbered.group(1)
                if piece:
                    yield piece, start + at + lead, start + at + lead + len(piece)
                at = cut

    def _opens_cue(self, clean: str, end: int, noun: str) -> bool:
        """Whether ``noun``, ending at ``end``, is a cue noun that a cue preposition follows:
        the opening of a new sentence ("Familiarity with"), glued to the word before it."""
        if noun not in self.words.cue_nouns:
            return False
        m = _NEXT_WORD.match(clean, end)
        return m is not None and m.group(1).lower() in self.words.cue_prepositions

    def _english_pair(self, word: str, dot: int) -> bool:
        """Whether the lowercase words each side of the dot at ``dot`` are English words, two
        sentences glued ("team.has"), not a dotted name ("node.js", "socket.io")."""
        left = word[word.rfind(".", 0, dot) + 1:dot]
        right = word[dot + 1:].split(".", 1)[0]
        return len(left) >= 3 and len(right) >= 3 and left in self.common and right in self.common

    def _built_on(self, known: Candidate, clean: str, start: int, end: int) -> bool:
        """Whether the word at ``start:end`` is a longer name built on the known one inside it:
        glued to it ("ChatGPT" on GPT), joined by a dot or symbol ("ASP.NET" on ASP), or
        followed by a capitalised part ("LlamaIndex" on Llama) that is no English word, or
        where the word ends a list item: "PythonStrong communication" is two glued sentences."""
        if not (start <= known.start and known.end <= end and (known.start, known.end) != (start, end)):
            return False
        after, before = clean[known.end:known.end + 1], clean[known.start - 1:known.start]
        if known.glued or after in (".", "+", "#") or before in (".", "+", "#"):
            return True
        return known.end < end and after.isupper() and (
            clean[known.end:end].lower() not in self.common or _ITEM_END.match(clean, end) is not None)

    def _lowercase_phrases(self, clean: str):
        """The keys of the phrases of two or three English words that ``clean`` writes in
        lowercase ("project management"): a capitalised list item spelled so is an ordinary phrase."""
        for run in _LOWER_RUN.finditer(clean):
            words = run.group().split()
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    gram = words[i:i + n]
                    if all(w in self.common for w in gram):
                        yield variant_key("".join(gram))

    def _org_lists(self, clean: str) -> list[tuple[int, int]]:
        """The stretches of ``clean`` that hold a list of organisations: one with an item
        that holds an organisation's name ("Acme Ventures, Zorbex, Quillon Capital")."""
        found = []
        for line in _LINE.finditer(clean):
            items = _items(clean, line.start(), line.end())
            if len(items) >= 2 and any(self.org_name.search(clean, a, b) for a, b in items):
                found.append((line.start(), line.end()))
        return found

    def _org_context(self, clean: str, lowered: str, start: int, end: int, org_lists=()) -> bool:
        """Whether the name at ``start:end`` is written the way organisations are: after "at"
        or "joined" ("at Acme", "by the Agency"), with a possessive ("Acme's customers"),
        before a legal form or what regulators issue ("Acme Inc.", "Agency guidelines"), or
        in a list of organisations (``org_lists``)."""
        if any(a <= start < b for a, b in org_lists):
            return True
        before = self.org_before.search(lowered, max(0, start - CUE_REACH), start)
        if before is not None:
            word = _LAST_WORD.search(lowered, max(0, before.start() - CUE_REACH), before.start())
            if word is None or word.group(1) not in self.org_not_after:
                return True  # "at Acme", not "good at Zorbex"
        return _POSSESSIVE.match(lowered, end) is not None or self.org_after.match(lowered, end, end + CUE_REACH) is not None

    def _known_surface(self, word: str) -> bool:
        """Whether the vocabulary has ``word``, or it is the plural of a surface it has."""
        known = self.known_words.get(word)
        if known is None:
            known = self.known_words[word] = self.vocab.get(word) is not None or (
                word.endswith("s") and self.vocab.get(word[:-1]) is not None)
        return known

    def _english(self, lower: str) -> bool:
        """An English word, or one inflected ("researches", "integrators") from one."""
        return lower in self.common or any(lower.endswith(end) and lower[:-len(end)] in self.common
                                           for end in _INFLECTIONS) \
            or (lower.endswith(("or", "ors")) and lower[:lower.rindex("or")] + "e" in self.common)

    def _ordinary(self, lower: str) -> bool:
        """An English word, a heading word or a held word, or a compound of them
        ("nice-to-have", "expert-level")."""
        return all(part in self.common or part in self.glue or part in self.held_alone for part in lower.split("-"))

    def _list_names(self, clean: str, accepted) -> list[tuple]:
        """Names of two to four capitalised words that stand as items of a list holding a
        known term ("Python, React Native, Go"): the words ``add`` reads one by one."""
        starts = {c.start: c for c in accepted}
        ends = {c.end: c for c in accepted}
        found = []
        for line in _LINE.finditer(clean):
            items = _items(clean, line.start(), line.end())
            known = [starts[a] if a in starts and starts[a].end == b else ends[b] for a, b in items
                     if (a in starts and starts[a].end == b) or (b in ends and ends[b].start >= a)]
            if not known:
                continue
            beside = [c.term for c in known]
            for a, b in items:
                words = clean[a:b].split()
                if not 2 <= len(words) <= 4:
                    continue
                inside = [c for c in accepted if c.start < b and a < c.end]
                # a known vendor or platform may open the name ("AWS Fargate", "Spring MVC"); no
                # known term may end it
                if inside and not (len(inside) == 1 and inside[0].start == a and inside[0].end < b):
                    continue
                if inside and self.tech_after.match(clean, inside[0].end, b) is not None:
                    continue  # a known name and what follows technologies: "Python Programming"
                if all(w[:1].isupper() or _shape(w) for w in words) and not any(self._not_a_name_word(w) for w in words):
                    # "AWS Fargate" is one candidate with "Fargate" (the vendor is known already)
                    key = variant_key(clean[inside[0].end:b]) if inside else variant_key(clean[a:b])
                    found.append((" ".join(words), a, b, beside, key))
        return found

    def _known_runs(self, clean: str, accepted, names):
        """Names that a known tool opens, read on over capitalised words on its line: "SAP MM",
        "Oracle HCM Cloud"; a known concept may go on one ("Spark Streaming", "GitLab CI"), a
        known tool may not ("Java Spring" is two tools). A name already read from a list is
        left to it; ``beside`` is None (the caller looks for evidence)."""
        listed = {(a, b) for _, a, b, _, _ in names}
        by_start = {c.start: c for c in accepted}
        for c in accepted:
            if c.term.kind != "tool" or not c.surface[:1].isupper():
                continue  # "fine-tuning LLMs" is a field and its object, not a product's name
            at, known_after = c.end, False
            for _ in range(3):
                m = _NAME_GOES_ON.match(clean, at)
                if m is None or self._not_a_name_word(m.group(1)) or self.tech_after.match(clean, at) \
                        or self.skill_after.match(clean, at):
                    break  # "Python Programming", "SQL Experience": what follows a technology
                other = by_start.get(m.start(1))
                if other is not None:
                    if other.term.kind != "concept" or other.end != m.end(1):
                        break
                    known_after = True
                at = m.end(1)
            if at == c.end or _NAME_GOES_ON.match(clean, at) or any(a <= c.start < b for a, b in listed):
                continue  # nothing follows, or more capitalised words than a name holds
            if known_after and self.tech_after.match(clean, at) is not None:
                continue  # a known tool and a known field before what follows technologies: "Python ML frameworks"
            rest = clean[c.end:at].strip()
            key = variant_key(clean[c.start:at]) if known_after or self._ordinary(rest.lower()) else variant_key(rest)
            yield " ".join(clean[c.start:at].split()), c.start, at, None, key

    def _not_a_name_word(self, word: str) -> bool:
        """A word that no product name holds: a heading, title or held word, or two words glued."""
        lower = word.lower().strip(":")
        if lower in self.glue or lower in self.held or lower in self.title_words:
            return True
        for g in _CAMEL_JOIN.finditer(word):
            right = _WORD_START.match(word, g.start()).group(0)
            if _glued_words(word[:g.start()], right) or right.lower() in self.glue:
                return True
        return False

    def _known_beside(self, clean: str, start: int, end: int, accepted, starts: list[int],
                      ends: list[int]) -> list[str]:
        """The known terms in the same list as the word (only list separators
        between them and it, or between them and another such item)."""
        found = []
        for c in accepted[bisect_left(ends, start - LIST_REACH):bisect_right(starts, end + LIST_REACH)]:
            if c.end <= start:
                gap = clean[c.end:start]
            elif c.start >= end:
                gap = clean[end:c.start]
            else:
                continue
            if _LIST_GAP.match(gap) or _is_list_run(gap):
                found.append(c.term)
        return found

    def held_back(self, key: str, tally: _Tally, name: str, shape: float) -> str | None:
        """Why the candidate ``key`` is no technology, or None: the first rule that holds it back."""
        listings, evidence = tally.listings, tally.evidence
        one_word = " " not in name
        if shape == 0 and evidence * 2 < listings:
            return "a plain word named mostly outside lists and cues"
        lowercase = self.lowercase_listings[key] if name.islower() else self.prose_listings[key]
        if shape == 0 and one_word and lowercase * 3 > listings:
            return "a plain word written lowercase in a third of its listings"  # a capitalised name: in prose
        if shape == 0 and one_word and self._english(name.lower()) and evidence * 3 < listings * 2:
            return "an English word, seldom among products"  # a product only where it stands among them ("Angular, Vue")
        if not one_word and self.lowercase_listings[variant_key(name)] * 2 >= listings \
                and all(w.lower() in self.common for w in name.split()):
            return "an English phrase, written lowercase elsewhere"  # "Project Management" as a list item
        if tally.set_apart * 4 >= listings:
            return "an employer, customer or investor more than a tool"
        if evidence * 3 < listings:
            return "named mostly outside lists and cues"  # boilerplate: a recruiter, a job board
        if tally.beside_tools * TOOL_SHARE < listings:
            return "seldom listed beside known tools"  # among fields, metrics and regulations
        if tally.org >= ORG_MIN and tally.org * ORG_SHARE >= listings:
            return "written as organisations are"  # "at Acme", "Acme's", "Acme Inc.", "Agency guidelines"
        return None

    def results(self, *, min_listings: int) -> list[Discovery]:
        out = []
        for key, tally in self.tallies.items():
            if tally.listings < min_listings:
                continue
            name = max(tally.variants, key=lambda v: (tally.variants[v], _shape(v), v))
            # its shape as people write it: "PyTorch" for a name written "Pytorch" just as often
            uses = sum(tally.variants.values())
            shape = max(_shape(v) for v, n in tally.variants.items() if v == name or (n > 1 and n * 3 >= uses))
            if self.held_back(key, tally, name, shape) is not None:
                continue
            score = (tally.listings + 2 * tally.evidence) * (1 + shape)
            category = tally.categories.most_common(1)[0][0] if tally.categories else None
            kind = "concept" if " " in name and all(w.lower() in self.common for w in name.split()) else "tool"
            out.append(Discovery(name=name, variants=tuple(v for v, _ in tally.variants.most_common() if v != name),
                                 listings=tally.listings, evidence=tally.evidence, score=score,
                                 category=category, kind=kind, examples=tuple(tally.examples)))
        out.sort(key=lambda d: (-d.score, -d.listings, d.name))
        return out


def _example(clean: str, start: int, end: int) -> str:
    """The words around a mention, cut at word boundaries, on one line."""
    a = clean.rfind(" ", 0, max(0, start - EXAMPLE_REACH)) + 1 if start > EXAMPLE_REACH else 0
    b = clean.find(" ", min(len(clean), end + EXAMPLE_REACH))
    return " ".join(clean[a:b if b != -1 else len(clean)].split())


def _digest(example: str) -> bytes:
    return hashlib.blake2b(example.lower().encode("utf-8"), digest_size=8).digest()


def _items(clean: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans between list separators in ``clean[start:end]``, without their blanks."""
    spans, at = [], start
    for sep in _ITEM_SEP.finditer(clean, start, end):
        spans.append((at, sep.start()))
        at = sep.end()
    spans.append((at, end))
    out = []
    for a, b in spans:
        piece = clean[a:b]
        a += len(piece) - len(piece.lstrip())
        b -= len(piece) - len(piece.rstrip())
        if b > a:
            out.append((a, b))
    return out


def _glued_words(left: str, right: str) -> bool:
    """Two words that lost the space between them, by their shape: a lowercase word glued
    to a capitalised one ("modelsImplement"), or a long capitalised word glued to another
    ("CandidatesQualified"); product names glue shorter parts ("TikTok", "LangGraph")."""
    if len(right) < 3:
        return False
    return (left.islower() and len(left) >= 3) or (left.istitle() and len(left) >= 8)


_SENTENCE_END = re.compile(r"[.!?:](?:\s|\Z)|\n")
_VERSION_END = re.compile(r"v?[0-9]+\Z")
_SPELLING_MARKS = re.compile(r"[\s._-]")
_ITEM_END = re.compile(r"[ \t]*(?:$|[,;/|)\]&+]|\.(?:\s|$)|(?:and|or)\b)")
_NAME_GOES_ON = re.compile(r"[ \t]+([A-Z][A-Za-z0-9.+#-]*)")
_NEXT_CAPITAL = re.compile(r"[ \t]+[A-Z][a-z]")
_SEPARATED_BEFORE = re.compile(r"[,/;|][ \t]*\Z")  # a list separator right before a word
_SEPARATED_AFTER = re.compile(r"[ \t]*[,/;|]")  # ... or right after it
_ENGLISH_LETTERS = ("A", "I")  # the letters that are English words
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_LOWER_DOT = re.compile(r"(?<=[a-z])\.(?=[a-z])")
_CODE_START = re.compile(r"[A-Z][0-9]")  # a code glued to a heading word: "TitleE1072"
_INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "or", "ors", "ers")  # and "-or" after a verb's "e": "integrator"
_AFTER_NUMBER = re.compile(r"[0-9][ \t]*\Z")
_LOWER_RUN = re.compile(r"(?<![\w-])[a-z]+(?: [a-z]+)+(?![\w-])")
_LAST_WORD = re.compile(r"([\w-]+)[ \t]*\Z")
_POSSESSIVE = re.compile(r"['’]s(?!\w)")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,5}s\Z")
_DOMAIN = re.compile(r"(?<=\w)\.(?:com|org|net|gov|edu|co|app|jobs|careers)\Z")  # lowercase: "ASP.NET" is no address


def _is_list_run(gap: str) -> bool:
    """A gap made of list items: ", Airflow, " holds one item between two separators."""
    if _SENTENCE_END.search(gap):
        return False  # "RAGs. Practiced": a new sentence, not the next item
    parts = re.split(r"[,/;|+]|\band\b|\bor\b", gap)
    return len(parts) >= 2 and all(len(p.split()) <= 3 for p in parts)


def _after_pattern(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern:
    return phrase_pattern([" ".join(words) for words in phrases], prefix=r"[ \t]*(?:-[ \t]*)?")


def _cue_phrases() -> list[str]:
    return sorted(" ".join(phrase) for phrase in rule_words().cue_phrases)


def discover(texts: Iterable[str], *, vocab: Vocabulary | None = None, top: int | None = 100,
             min_listings: int = 2) -> list[Discovery]:
    """The terms ``texts`` ask for that ``vocab`` (default: the built-in one) does not know,
    best first: at most ``top`` of them, each named in at least ``min_listings`` listings."""
    if not isinstance(min_listings, int) or min_listings < 1:
        raise ValueError(f"min_listings must be a positive int, not {min_listings!r}")
    if top is not None and (not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a positive int or None, not {top!r}")
    finder = _Discoverer(vocab if vocab is not None else default_vocabulary())
    for text in texts:
        if isinstance(text, str):
            finder.add(text)
    found = finder.results(min_listings=min_listings)
    return found[:top] if top is not None else found


def to_yaml(found: Iterable[Discovery]) -> str:
    """Draft vocabulary entries to review, then load with ``--vocab`` (one file; each term
    says its category, "discovered" where none was seen beside it)."""
    import yaml

    terms = []
    for d in found:
        entry: dict = {"name": d.name}
        if d.variants:
            entry["aliases"] = list(d.variants)
        entry["category"] = d.category or "discovered"
        if d.kind != "tool":
            entry["kind"] = d.kind
        terms.append(entry)
    body = yaml.safe_dump({"category": "discovered", "kind": "tool", "terms": terms}, sort_keys=False,
                          allow_unicode=True, width=100)
    return "# Draft entries from `skillterms discover`: review each one before loading it.\n" + body
