"""The Python piece matcher: the rules the compiled finder (native/src/finder.rs) applies,
kept as its test oracle. It was the production finder's reference before the core existed
(``skillterms.find.tables``); nothing in the package imports it.
"""

from __future__ import annotations

import re
import weakref

from skillterms.find.core import candidates_of, finder_tables
from skillterms.find.tables import (CUE_PIECES, FUNCTION_WORDS, Candidate, CompiledVocabulary, Entry,
                                    _sentence_glue, fitting_entry, unsplit_prefixes)
from skillterms.text.tokenize import is_soft_gap, split, surface_pieces

__all__ = ["find", "piece_candidates", "locate", "ReferenceFinder", "key_tables", "key_prefixes",
           "elided_candidates"]


def key_prefixes(keys, written_splits, unsplit) -> frozenset[str]:
    """The proper prefixes reading goes on from, as the compiler built them in Python before
    the core derived them (native/src/finder.rs, key_prefixes): every split a written form
    makes, and every two or more first characters of a key, except the words in ``unsplit``."""
    char_splits = {key[:n] for key in keys for n in range(2, len(key))}
    char_splits.difference_update(unsplit)
    return frozenset((set(written_splits) | char_splits) - {""})


_TABLES: "weakref.WeakKeyDictionary[CompiledVocabulary, tuple[frozenset[str], frozenset[str]]]" = \
    weakref.WeakKeyDictionary()


def key_tables(compiled: CompiledVocabulary) -> tuple[frozenset[str], frozenset[str]]:
    """``(prefixes, firsts)`` of a compiled vocabulary: the proper prefixes of its keys that
    reading goes on from, and what a first piece may spell (a key or such a prefix)."""
    tables = _TABLES.get(compiled)
    if tables is None:
        prefixes = key_prefixes(compiled.keys, compiled.written_splits_text.split("\0"), unsplit_prefixes())
        tables = _TABLES[compiled] = (prefixes, prefixes | compiled.keys.keys())
    return tables

BLANK_RUN = " " * 1000  # so many spaces in a row end any term (a blanked script, padding)


def find(compiled: CompiledVocabulary, parts: list[str]) -> tuple[list[tuple[int, int, list[Entry]]], list[int]]:
    """``(matches, cues)``: every ``(first, last, entries)`` where pieces ``first..last``
    spell a key, and the indexes of pieces in :data:`CUE_PIECES`.

    ``parts`` comes from :func:`skillterms.text.tokenize.split`: pieces at odd indexes.
    """
    (prefixes, firsts), keys, dotted = key_tables(compiled), compiled.keys, compiled.dotted
    soft: dict[str, bool] = {}
    n = len(parts)
    found = []
    cues = []
    low = [p.lower() for p in parts]
    for i in range(1, n, 2):
        key = low[i]
        piece = parts[i]
        if piece in CUE_PIECES:
            cues.append(i)
        whole = _glued_tail(parts, low, i, keys) if i + 2 < n and parts[i + 1] == "" else None
        if key not in firsts:
            if whole is not None:
                found.append(whole)
            continue
        j = i
        while True:
            entries = keys.get(key)
            if entries is not None:
                found.append((i, j, entries))
                if whole is not None and whole[1] == j:
                    whole = None
            if key not in prefixes or j + 2 >= n:
                break
            gap = parts[j + 1]
            if gap:
                ok = soft.get(gap)
                if ok is None:
                    ok = soft[gap] = is_soft_gap(gap)
                    if len(soft) > 4096:
                        soft.clear()
                if not ok or BLANK_RUN in gap or (gap == "." and key not in dotted
                                                  and _sentence_glue(parts[j], parts[j + 2])):
                    break
            j += 2
            key += low[j]
        if whole is not None:
            found.append(whole)
    return found, cues


def _glued_tail(parts: list[str], low: list[str], i: int, keys: dict) -> tuple[int, int, list[Entry]] | None:
    """A camel-case name the vocabulary knows, read from piece ``i`` to the end of its glued
    word ("AirFlow", "ExperienceAirFlow" at Air): the match ``(i, last, entries)``, or None.
    Pieces split at case changes would otherwise have to spell a known prefix ("air")."""
    if not parts[i][0].isalpha():
        return None
    j, n = i, len(parts)
    key = low[i]
    while j + 2 < n and parts[j + 1] == "" and parts[j + 2][0].isalnum():
        j += 2
        key += low[j]
    if j == i:
        return None
    entries = keys.get(key)
    return (i, j, entries) if entries is not None else None


def piece_candidates(compiled: CompiledVocabulary, text: str, offset: int = 0,
                     starts_before: int | None = None) -> tuple[list[Candidate], list[int]]:
    """Candidates and cue offsets in ``text`` by the piece-level matcher.

    Offsets are shifted by ``offset`` (``text`` is a window of a longer text); with
    ``starts_before``, only candidates that start before that offset are kept.
    """
    parts = split(text)
    found, cue_indexes = find(compiled, parts)
    return locate(parts, found, cue_indexes, offset, starts_before)


def locate(parts: list[str], found, cue_indexes: list[int], offset: int = 0,
           starts_before: int | None = None) -> tuple[list[Candidate], list[int]]:
    """Character offsets and case/boundary checks for raw piece matches, and cue offsets."""
    events = [(first, last, entries) for first, last, entries in found]
    events += [(i, i, None) for i in cue_indexes]
    events.sort(key=lambda e: e[0])
    out: list[Candidate] = []
    cues: list[int] = []
    pos_index, pos = 0, offset
    n = len(parts)
    for first, last, entries in events:
        pos += sum(map(len, parts[pos_index:first]))
        pos_index = first
        if starts_before is not None and pos >= starts_before:
            break
        if entries is None:
            cues.append(pos)
            continue
        end = pos + sum(map(len, parts[first:last + 1]))
        written = "".join(parts[first:last + 1:2])
        glued = first >= 2 and parts[first - 1] == "" and parts[first - 2][-1].isalnum() and parts[first][0].isalnum()
        entry = fitting_entry(entries, written)
        if entry is None:
            continue
        variant = entry.exact_forms is not None and written not in entry.exact_forms
        reason = _boundary_problem(parts, first, last, entry)
        c_end, c_last = end, last
        if entry.absorbs_version and last + 2 < n and parts[last + 1] == "" and parts[last + 2].isdigit():
            c_end += len(parts[last + 2])  # "Python3", "HTML5": the version folds in
            c_last = last + 2
        c = Candidate(pos, c_end, entry, "".join(parts[first:c_last + 1]), glued=glued, absorbed=c_last != last,
                      case_variant=variant)
        if reason:
            c.status, c.reason = "rejected", reason
        out.append(c)
    return out, cues


def _boundary_problem(parts: list[str], first: int, last: int, entry: Entry) -> str:
    """Why a match may not start or end where it does ("" if it may)."""
    if last > first and not entry.edge_words:
        for edge, gap in ((parts[last], parts[last - 1]), (parts[first], parts[first + 1])):  # the last word first
            if gap and edge.islower() and edge in FUNCTION_WORDS:
                return f"would take in the word {edge!r}"
    if first >= 2 and parts[first - 1] == "":
        prev, cur = parts[first - 2], parts[first]
        if prev[-1].isdigit() != cur[0].isdigit() and prev[-1].isalnum() and cur[0].isalnum():
            return "starts inside a word (after a digit)"
        if entry.exact_forms is not None and entry.short and prev[-1].isalnum() and cur[0].isalnum():
            return "starts inside a glued word"  # "GoLand" is not Go, "MPhil" not M...
    if last + 2 < len(parts) and parts[last + 1] == "":
        cur, nxt = parts[last], parts[last + 2]
        if cur[-1].isalpha() and nxt[0].isdigit() and entry.absorbs_version:
            return ""  # a version number follows
        if cur[-1].isalnum() and nxt[0].isalnum():
            if cur[-1].isdigit() != nxt[0].isdigit():
                return "ends inside a word (before a digit)"
            if entry.exact_forms is not None and entry.short:
                return "ends inside a glued word"  # but "RSAExperienced" holds RSA
    return ""




class ReferenceFinder:
    """The oracle of :class:`skillterms.find.core.Finder`, with its interface: the piece
    matcher's candidates over the whole text, sorted by start (longer first), and the typos
    the former fast path found."""

    def __init__(self, compiled: CompiledVocabulary, *, typos: bool = True):
        from reference.fuzzy import FuzzyMatcher
        from reference.scan import Scanner

        self.compiled = compiled
        self._typos = Scanner(compiled, FuzzyMatcher(compiled)) if typos else None

    def scan(self, clean: str) -> tuple[list[Candidate], list[int]]:
        rows, cues = self.rows(clean)
        return candidates_of(rows, clean, self.entries), cues

    def _found(self, clean: str) -> tuple[list[Candidate], list[int]]:
        cands, cues = piece_candidates(self.compiled, clean)
        if self._typos is not None:
            cands += [c for c in self._typos.scan(clean)[0] if c.note.startswith("typo of")]
        return sorted(cands, key=lambda c: (c.start, -c.end)), cues

    @property
    def entries(self) -> list[Entry]:
        return finder_tables(self.compiled)["entries"]

    @property
    def entry_numbers(self) -> dict[int, int]:
        numbers = self.__dict__.get("_entry_numbers")
        if numbers is None:
            numbers = self.__dict__["_entry_numbers"] = {id(entry): n for n, entry in enumerate(self.entries)}
        return numbers

    def rows(self, clean: str) -> tuple[list[tuple], list[int]]:
        """The core finder's rows (see ``skillterms.find.core.Finder.rows``): the candidates
        found, then the elided words (a ninth field, True), by start."""
        cands, cues = self._found(clean)
        numbers = self.entry_numbers
        rows = [(c.start, c.end, numbers[id(c.entry)], c.glued, c.absorbed, c.case_variant,
                 c.reason if c.status == "rejected" else "", c.note) for c in cands]
        elided = elided_candidates(self.compiled, clean, rows, self.entries, numbers)
        return (sorted(rows + elided, key=lambda row: (row[0], -row[1])) if elided else rows), cues


# "unit/integration tests", "unit, integration and end-to-end tests", "front-end and back-end
# development": words before a multi-word term that share its last words.
_ELISION_GAP = re.compile(r"(?:[ \t]*/[ \t]*|,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)\Z")
_ELIDED_WORD = re.compile(r"[A-Za-z][\w+#.-]*\Z")
ELIDED_MAX = 4  # words read back from one term


def elided_candidates(compiled: CompiledVocabulary, clean: str, rows: list[tuple], entries: list[Entry],
                      entry_numbers: dict[int, int]) -> list[tuple]:
    """Candidates for words that share the last words of a multi-word term after them and
    spell a term with those words: "unit" in "unit/integration tests" is Unit testing,
    "machine" in "machine and deep learning" is Machine learning. Each candidate spans the
    word as written; its note says which term it borrowed from.
    ``rows`` are the finder's (``Finder.rows``, entries numbered as in ``entries``, numbers by
    the entries' ids in ``entry_numbers``); so is each candidate given, with a ninth field,
    True: it is elided."""
    out: list[tuple] = []
    for row in rows:
        start, end, number, reason = row[0], row[1], row[2], row[6]
        surface = clean[start:end]
        if reason or entries[number].term is None or " " not in surface.strip():
            continue
        first, rest = surface.split(None, 1)
        at = start
        for _ in range(ELIDED_MAX):
            gap = _ELISION_GAP.search(clean, max(0, at - 8), at)
            if gap is None:
                break
            word = _ELIDED_WORD.search(clean, max(0, gap.start() - 40), gap.start())
            if word is None or word.group().lower() in FUNCTION_WORDS:
                break
            pieces = surface_pieces(f"{word.group()} {rest}")
            key_entries = compiled.keys.get("".join(pieces).lower()) if pieces else None
            entry = fitting_entry(key_entries, "".join(pieces)) if key_entries else None
            if entry is None or entry.term is None:
                break
            case_variant = entry.exact_forms is not None and "".join(pieces) not in entry.exact_forms
            out.append((word.start(), word.end(), entry_numbers[id(entry)], False, False, case_variant, "",
                        f"shares {rest!r} with {surface!r}", True))
            at = word.start()
    return out
