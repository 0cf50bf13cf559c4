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

from ..find.tables import CompiledVocabulary, Entry
from ..text.normalize import core_cleaner
from ..text.rulewords import rule_words
from ..text.tokenize import words_key
from ..text.wordlist import common_words
from .overlap import OVERLAP_REASONS
from .regions import REGION_KINDS

__all__ = ["ContextRules", "Judgement", "judge", "mentions"]

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

    def evidence_reader(self) -> tuple:
        """The compiled core's evidence reader for these terms and rule words, and the term
        numbers it knows the terms by (built at first use, never pickled: copies build their
        own). The resolver words its reasons (``_REASONS``)."""
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
            built = self.__dict__[_EVIDENCE_READER] = (reader, numbers)
        return built

    def resolver(self, entries: list[Entry]):
        """The compiled core's resolver for these terms and rule words and the finder entries
        ``entries`` (by number), and the reason templates by the codes it gives (built at first
        use for a list of entries, never pickled: copies build their own)."""
        built = self.__dict__.get(_RESOLVER)
        if built is None or built[0] is not entries:
            from .. import _core  # at first use: the snapshot is written before the core exists

            reader, numbers = self.evidence_reader()
            known = [None if e.term is None else
                     (numbers[e.term.name], e.broad << 4 | e.ambiguous << 5 | _KIND_FLAGS.get(e.term.kind, 0), id(e.term),
                      e.term.name, e.term.category, e.term.kind)
                     for e in entries]
            resolver = _core.Resolver(self.words.region_finder(), self.words.degree_reader(), self.words.title_reader(),
                                      reader, sorted(common_words()), known)
            built = self.__dict__[_RESOLVER] = (entries, resolver, tuple(_REASONS[name] for name in resolver.reasons))
        return built[1], built[2]


_RESOLVER = "_resolver"  # where a ContextRules keeps its core resolver and its entries (not pickled)
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
# The wording of every reason the resolver gives, by its names in the core: {note} is how the
# candidate was found (or "unambiguous surface"); region kinds are worded in resolve.regions.
_REASONS = {
    **OVERLAP_REASONS,
    "job_title": "a job title or team name, not a skill",
    "degree_field": "a field of study in a degree requirement",
    "unambiguous": "{note}",
    "context_off": "context rules off",
    "case_form_context_off": "another case of an exact-case surface (context rules off)",
    **_EVIDENCE_REASONS,
    **{f"region_{n}": f"in {kind}" for n, (kind, _concepts_only) in enumerate(REGION_KINDS)},
}
_NO_REASON = 255  # the code of no reason (a candidate the longest-match reading kept, left undecided)
# The flags an entry gives its rows, by its term's kind (broad and ambiguous are 16 and 32).
_KIND_FLAGS = {"tool": 64, "concept": 128}


def judge(rules: ContextRules, entries: list[Entry], rows: list[tuple], clean: str, cues: list[int],
          overlaps: str, context: bool, broad: bool) -> Judgement:
    """Decide every candidate of the clean text ``clean``: ``rows`` are a finder's (see
    ``Finder.rows``; entries numbered as in ``entries``), by start. The not_terms phrases among
    them block; the term candidates are judged by the overlap policy ``overlaps``, then (with
    ``context``) the regions, roles and degree clauses and the evidence, judged again while a
    rejected long match frees shorter ones, and for overlaps="all" after a longest-match pass
    whose accepted candidates stay accepted. ``cues`` are the offsets of degree words the
    finder saw; ``broad`` counts broad surfaces wherever they stand.
    The compiled core decides it all in one call per text (native/src/resolve.rs, with the GIL
    released)."""
    resolver, templates = rules.resolver(entries)
    pool, blockers, decided = resolver.judge(clean, rows, cues, overlaps, context, broad)
    return Judgement(rows, clean, pool, blockers, decided, templates)


def mentions(rules: ContextRules, finder, original: str, overlaps: str, context: bool, broad: bool,
             records=None) -> list:
    """The mentions in ``original`` that count, by start, as tuples of ``Mention``'s fields (or
    the ``Mention`` objects ``records`` makes of them): ``original`` cleaned as
    :func:`~skillterms.text.normalize.normalize` cleans it, the candidates the core's
    ``finder`` finds in the clean text judged as :func:`judge` does, each offset inside a
    decoded entity moved to its edge (as ``snap_start`` and ``snap_end`` do), in one call of
    the core. What ``Extractor.extract`` reads."""
    resolver, _ = rules.resolver(finder.entries)
    cleaner, decode = core_cleaner()
    return resolver.mentions(finder.core, cleaner, original, decode, finder.typos, overlaps, context, broad, records)


class Judgement:
    """The decisions on one text's candidates: the row indices of those accepted, in order, of
    the blockers, and every decision with its reason (worded only when asked for)."""

    __slots__ = ("_rows", "_clean", "_pool", "blockers", "_decided", "_templates")

    def __init__(self, rows: list[tuple], clean: str, pool: list[int], blockers: list[int], decided, templates):
        self._rows, self._clean, self._pool, self.blockers = rows, clean, pool, blockers
        self._decided, self._templates = decided, templates

    @property
    def accepted(self) -> list[int]:
        pool = self._pool
        return [pool[d[0]] for d in self._decided if d[1]]

    def decisions(self):
        """(row index, status, reason) of every term candidate decided."""
        rows, clean, pool, templates = self._rows, self._clean, self._pool, self._templates
        every = pool + self.blockers  # the core names a blocker by its place after the pool
        for k, accepted, code, phrase, other, kept_by_longest in self._decided:
            row = rows[pool[k]]
            if code == _NO_REASON:
                reason = ""
            else:
                named = None if other is None else rows[every[other]]
                reason = templates[code].format(phrase=phrase, other=None if named is None else clean[named[0]:named[1]],
                                                note=row[7] or "unambiguous surface")
            yield pool[k], "accepted" if accepted else "rejected", \
                f"kept by the longest-match reading ({reason})" if kept_by_longest else reason
