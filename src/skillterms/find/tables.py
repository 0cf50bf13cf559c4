"""The compiled vocabulary: lookup tables built once from a Vocabulary.

Every surface becomes a key (its pieces lowercased and joined: "Node.js", "NodeJS" and "node
js" share ``nodejs``) with the entries that say how it may match; the prefixes of keys and
the pieces a key may start with let the finder stop early. The compiled core reads these
tables (:mod:`skillterms.find.core`); the piece-by-piece rules it applies are kept in Python
as the test oracle (``tests/reference/pieces.py``).
"""

from __future__ import annotations

import functools
import threading
import weakref
from dataclasses import dataclass
from typing import NamedTuple

from ..gcpause import gc_paused
from ..text.rulewords import rule_words
from ..text.tokenize import split, surface_pieces
from ..text.wordlist import common_words
from ..types import pickled_by_fields
from ..vocabulary.builtin import default_vocabulary, shipped_tables
from ..vocabulary.load import builtin_fingerprint
from ..vocabulary.model import Term, Vocabulary

__all__ = ["Entry", "Candidate", "CompiledVocabulary", "compile_vocabulary",
           "fitting_entry"]

# Squashing spaces must not pull a neighbouring function word into a term: "OpenMP is" is
# not "Open MPIs", "ViT is" is not Vitis. Only surfaces written with such a word may.
FUNCTION_WORDS = frozenset("a i am an as at be by do he if in is it me my no of on or so to up us we".split())


class _Claim(NamedTuple):
    term: Term | None
    form: str  # the pieces joined, case kept
    exact: bool
    ambiguous: bool
    derived: bool
    edge_word: bool
    broad: bool


# Words the context rules need to see where they stand (degree words, from the rule words),
# found in the same pass as the keys.
CUE_PIECES = rule_words().degree_pieces

_TWO_LETTER_WORDS = frozenset(  # two letters where a key's prefix does not stop the scan
    "am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we".split())


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entry:
    """What one key means: a term (None for a not_terms blocker) and how it may match."""

    term: Term | None
    exact_forms: frozenset[str] | None  # case-kept forms allowed; None: any case
    ambiguous: bool
    absorbs_version: bool  # "Python3" -> Python; never for one-letter surfaces ("C4" is not C)
    derived: bool = False  # a plural or singular form generated from a written surface
    short: bool = False  # one or two characters: never read inside a glued word
    edge_words: bool = False  # a written form starts or ends with a function word ("on premises")
    broad: bool = False  # a bare broad word ("security"): counts only where asked for as a skill
    folded_forms: frozenset[str] | None = None  # exact_forms lowercased: other cases need a list

    def case_variant(self, written: str) -> bool:
        """Whether ``written`` is this exact-case entry in all capitals, all lowercase or
        capitalised ("GO", "go" for Go, "Pip" for pip): a form that only a list of terms confirms."""
        return self.folded_forms is not None and self.term is not None and written.isalpha() and \
            (written.isupper() or written.islower() or written.istitle()) and written.lower() in self.folded_forms


@dataclass(slots=True)
class Candidate:
    """A possible mention: a character span of the clean text and the entry it spells."""

    start: int
    end: int
    entry: Entry
    surface: str  # the text as written (clean text)
    glued: bool = False  # starts inside a written word ("Kubernetes" in "ExperienceKubernetes")
    absorbed: bool = False  # a glued version number was folded in ("Python3")
    note: str = ""  # how it was found, when that matters ("typo of 'python'")
    status: str = "candidate"  # "accepted", "rejected", "blocker" or still "candidate"
    reason: str = ""
    case_variant: bool = False  # another case of an exact-case surface ("GO" for Go)
    elided: bool = False  # a word that borrows the last words of the term after it ("unit/integration tests")

    @property
    def term(self) -> Term | None:
        return self.entry.term

    @property
    def length(self) -> int:
        return self.end - self.start


def _variants(key: str, pieces: list[str], kind: str) -> list[tuple[str, list[str]]]:
    """Generated inflections of a surface: plural for every kind, singular for concepts."""
    last = pieces[-1]
    if not last.isalpha() or len(key) < 3:
        return []
    out = []
    lower = last.lower()
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        plural = last[:-1] + ("IES" if last.isupper() else "ies")
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + ("ES" if last.isupper() else "es")
    else:
        plural = last + ("S" if last.isupper() and len(last) > 3 else "s")
    out.append(pieces[:-1] + [plural])
    if kind == "concept" and lower.endswith("s") and not lower.endswith(("ss", "us", "is", "ics")) \
            and not last[:-1].isupper():  # IDS, GIS, DBMS are acronyms, not plurals
        singular = last[:-3] + "y" if lower.endswith("ies") else last[:-1]
        if singular:
            out.append(pieces[:-1] + [singular])
    return [("".join(p).lower(), p) for p in out]


class CompiledVocabulary:
    """Lookup tables for one Vocabulary. Build through :func:`compile_vocabulary`."""

    @gc_paused()
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        # Tables that later steps build from these ones (context rules, the scanner), kept here
        # so that every extractor of one vocabulary shares them and a snapshot carries them.
        self.derived: dict[str, object] = {}
        keys: dict[str, list[Entry]] = {}
        written_splits: set[str] = set()
        surfaces_by_key: dict[str, list[tuple[Term | None, str, bool, bool]]] = {}

        def claim(term, surface, pieces, exact, ambiguous, broad=False, derived=False):
            key = "".join(pieces).lower()
            edge_word = len(pieces) > 1 and (pieces[0].lower() in FUNCTION_WORDS or pieces[-1].lower() in FUNCTION_WORDS)
            surfaces_by_key.setdefault(key, []).append(
                _Claim(term, "".join(pieces), exact, ambiguous, derived, edge_word, broad))
            # Where the written form splits, however short: "T-SQL" at T, "SVMs" at SV (SV|Ms).
            # (Text may split where no written form does, "Elastic Search", "SKLearn" as
            # SK|Learn: the core adds every key's longer prefixes itself, see key_prefixes.)
            joined = "".join(pieces)
            resplit = surface_pieces(joined) if len(pieces) > 1 or not joined.isalpha() or \
                not (joined.islower() or joined.isupper() or joined.istitle()) else None
            for split_pieces in (pieces, resplit or ()):
                acc = ""
                for piece in split_pieces[:-1]:
                    acc += piece.lower()
                    written_splits.add(acc)

        written: list[tuple[Term, str, list[str], bool, bool, bool]] = []
        for term in vocab.terms:
            for surface in term.surfaces:
                pieces = surface_pieces(surface)
                if pieces is None:
                    continue
                exact, ambiguous, broad = surface in term.exact_case, surface in term.ambiguous, surface in term.broad
                written.append((term, surface, pieces, exact, ambiguous, broad))
                claim(term, surface, pieces, exact, ambiguous, broad)
        for blocker in vocab.blockers:
            pieces = surface_pieces(blocker.phrase)
            if pieces is not None:
                claim(None, blocker.phrase, pieces, False, False)
        # A generated form yields to any written one, unless only exact-case forms of other
        # terms hold its key ("randomForest" the R package leaves "random forest" to the concept).
        taken = {key for key, claims in surfaces_by_key.items() if not all(c.exact for c in claims)}
        for term, surface, pieces, exact, ambiguous, broad in written:
            if ambiguous or (exact and len("".join(pieces)) < 2):
                continue  # "Excels", "Rs" and the like are other words
            if term.kind == "tool" and len(pieces) == 1 and not pieces[0].isupper():
                continue  # "Pythons", "Rubies": one-word product names do not inflect
            for key, variant in _variants("".join(pieces).lower(), pieces, term.kind):
                if key not in taken:
                    taken.add(key)
                    claim(term, surface, variant, exact, ambiguous, broad, derived=True)

        for key, claims in surfaces_by_key.items():
            by_term: dict[str | None, list[_Claim]] = {}
            for c in claims:
                by_term.setdefault(c.term.name if c.term else None, []).append(c)
            entries = []
            letters = sum(map(str.isalpha, key))
            for group in by_term.values():
                term = group[0].term
                any_case = any(not c.exact for c in group)
                exact_forms = None if any_case else frozenset(c.form for c in group)
                entries.append(Entry(term=term, exact_forms=exact_forms,
                                     ambiguous=any(c.ambiguous for c in group),
                                     absorbs_version=term is not None and letters >= 2,
                                     derived=all(c.derived for c in group), short=len(key) <= 2,
                                     edge_words=any(c.edge_word for c in group),
                                     broad=any(c.broad for c in group),
                                     folded_forms=frozenset(f.lower() for f in exact_forms)
                                     if exact_forms is not None and term is not None else None))
            keys[key] = entries
        # Surfaces written with a dot before a capitalised word ("Xamarin.Forms") keep it as a
        # separator; elsewhere such a dot is a full stop that lost its space ("systems.Design").
        self.dotted: frozenset[str] = frozenset(
            "".join(parts[1:i:2]).lower()
            for _term, surface, _pieces, _exact, _ambiguous, _broad in written if "." in surface
            for parts in [split(surface)]
            for i in range(2, len(parts) - 1, 2)
            if parts[i] == "." and _sentence_glue(parts[i - 1], parts[i + 1]))
        self.keys: dict[str, list[Entry]] = keys
        # Read by the core as NUL-joined strings (in set order: sorting a large user
        # vocabulary's prefixes cost more than a second, and no result depends on the order).
        self.key_text = "\0".join(keys)
        written_splits.discard("")
        self.written_splits_text = "\0".join(written_splits)


@functools.lru_cache(maxsize=1)
def unsplit_prefixes() -> tuple[str, ...]:
    """Prefixes that count only where a written form splits there: a short common word ("and"
    of "Android") would stop the scan at every "and" to find nothing, and so would two
    letters that are a common word."""
    return tuple(sorted({w for w in common_words() if len(w) <= 3} | _TWO_LETTER_WORDS))


def _sentence_glue(before: str, after: str) -> bool:
    """"systems.Design": scraped text that lost the space after a full stop ("Node.js" did not)."""
    return before[-1:].islower() and after[:1].isupper() and after[1:2].islower()


_TABLES: "weakref.WeakKeyDictionary[Vocabulary, CompiledVocabulary]" = weakref.WeakKeyDictionary()
_TABLES_LOCK = threading.RLock()  # a copy of the built-in vocabulary compiles the built-in one inside


def compile_vocabulary(vocab: Vocabulary) -> CompiledVocabulary:
    """The lookup tables of ``vocab``, built once per vocabulary object and shared by every
    extractor of it (the vocabulary itself stays a plain frozen value).

    The built-in vocabulary takes the tables its snapshot ships compiled; a copy of it (what a
    worker process or a Spark executor unpickles) takes this process's built-in tables instead
    of compiling its terms again."""
    compiled = _TABLES.get(vocab)
    if compiled is None:
        with _TABLES_LOCK:
            compiled = _TABLES.get(vocab)
            if compiled is None:
                compiled = _tables_for(vocab)
                _TABLES[vocab] = compiled
    return compiled


def _tables_for(vocab: Vocabulary) -> CompiledVocabulary:
    if vocab.fingerprint != builtin_fingerprint():
        return CompiledVocabulary(vocab)
    builtin = default_vocabulary()
    if builtin is vocab:
        shipped = shipped_tables(vocab)
        return shipped if isinstance(shipped, CompiledVocabulary) else CompiledVocabulary(vocab)
    if builtin.terms == vocab.terms and builtin.blockers == vocab.blockers:
        return compile_vocabulary(builtin)
    return CompiledVocabulary(vocab)


def fitting_entry(entries: list[Entry], written: str) -> Entry | None:
    """The entry of a key that ``written`` (pieces joined, case kept) spells: the first whose
    case rule it meets (entries of one key differ only by case form), else one it meets only
    in another case ("GO" for Go, which a list of terms may confirm) when one entry only has
    that form, else None."""
    for entry in entries:
        if entry.exact_forms is None or written in entry.exact_forms:
            return entry
    variants = [entry for entry in entries if entry.case_variant(written)]
    return variants[0] if len(variants) == 1 else None  # "swift" is neither Swift nor SWIFT
