"""Candidates found by the compiled core (``skillterms._core.Finder``, native/src/finder.rs).

The core splits the clean text into pieces, glues them back into vocabulary keys, checks each
match's case and word boundaries and adds gated typos of tool names, with the GIL released.
Its tables are this vocabulary's compiled ones (:mod:`skillterms.find.tables`), handed over
once per compiled vocabulary and then shared by every extractor and thread. What comes back
are plain tuples, rows (see :meth:`Finder.rows`): the resolver judges them as they are, and
the :class:`Candidate` records are made from them here only when they are asked for.
"""

from __future__ import annotations

import array
import threading

from ..gcpause import gc_paused
from .fuzzy import LONG_LENGTH, MIN_LENGTH, typo_targets
from .tables import CUE_PIECES, FUNCTION_WORDS, Candidate, CompiledVocabulary, Entry, unsplit_prefixes

__all__ = ["Finder", "finder_for", "finder_tables", "candidates_of"]


class Finder:
    """The core's finder for one compiled vocabulary."""

    __slots__ = ("_core", "_entries", "_entry_numbers", "typos")

    def __init__(self, compiled: CompiledVocabulary, *, typos: bool = True):
        from .. import _core

        tables = finder_tables(compiled)
        self._entries: list[Entry] = tables["entries"]
        self._entry_numbers: dict[int, int] = {id(entry): n for n, entry in enumerate(self._entries)}
        self._core = _core.Finder(compiled.key_text, tables["key_entries"], compiled.written_splits_text,
                                  unsplit_prefixes(), tables["dotted"], tables["cue_pieces"],
                                  tables["function_words"], tables["entry_rules"], tables["typo_keys"],
                                  (MIN_LENGTH, LONG_LENGTH))
        self.typos = typos

    def without_typos(self) -> "Finder":
        """The same finder with typo matching off, sharing these tables."""
        other = object.__new__(Finder)
        other._core, other._entries, other._entry_numbers, other.typos = \
            self._core, self._entries, self._entry_numbers, False
        return other

    @property
    def core(self):
        """The core's finder (``skillterms._core.Finder``), which the core's resolver runs."""
        return self._core

    @property
    def entries(self) -> list[Entry]:
        """The entries by the numbers the rows give them."""
        return self._entries

    @property
    def entry_numbers(self) -> dict[int, int]:
        """The number of each entry, by the entry's id."""
        return self._entry_numbers

    def rows(self, clean: str) -> tuple[list[tuple], list[int]]:
        """A row per candidate (case and boundary checked) in ``clean``, sorted by start, longer
        first: (start, end, entry number, glued, absorbed, case variant, why the finder rejected
        it or "", note), and a ninth field, True, for a word that shares the last words of a term
        after it ("unit" of "unit/integration tests"); and the degree-cue offsets."""
        return self._core.find(clean, typos=self.typos)

    def scan(self, clean: str) -> tuple[list[Candidate], list[int]]:
        """Candidates (case and boundary checked) and degree-cue offsets in ``clean``."""
        rows, cues = self.rows(clean)
        return candidates_of(rows, clean, self._entries), cues


def candidates_of(rows: list[tuple], clean: str, entries: list[Entry]) -> list[Candidate]:
    """The candidate of each row of ``clean`` (a finder's, or an elided word's with a ninth
    field, see :func:`skillterms.find.tables.elided_candidates`)."""
    return [Candidate(row[0], row[1], entries[row[2]], clean[row[0]:row[1]], row[3], row[4], row[7],
                      "rejected" if row[6] else "candidate", row[6], row[5], len(row) > 8) for row in rows]


@gc_paused()
def finder_tables(compiled: CompiledVocabulary) -> dict:
    """What the core's finder is built from, as plain values: entries numbered, keys joined,
    their entry numbers packed. Computed once per compiled vocabulary (the built-in
    vocabulary's snapshot carries them, so a process only hands them over)."""
    tables = compiled.derived.get("finder tables")
    if tables is not None:
        return tables  # type: ignore[return-value]
    entries: list[Entry] = []
    ids: dict[int, int] = {}
    packed = array.array("I")
    for key_entries in compiled.keys.values():
        packed.append(len(key_entries))
        for entry in key_entries:
            if id(entry) not in ids:
                ids[id(entry)] = len(entries)
                entries.append(entry)
            packed.append(ids[id(entry)])
    tables = {
        "entries": entries,
        "key_entries": packed.tobytes(),
        "dotted": sorted(compiled.dotted),
        "cue_pieces": sorted(CUE_PIECES),
        "function_words": sorted(FUNCTION_WORDS),
        "entry_rules": [(None if e.exact_forms is None else sorted(e.exact_forms),
                         None if e.folded_forms is None else sorted(e.folded_forms),
                         e.term is not None, e.absorbs_version, e.short, e.edge_words) for e in entries],
        "typo_keys": [(key, ids[id(entry)]) for key, entry in typo_targets(compiled)],
    }
    compiled.derived["finder tables"] = tables
    return tables


_LOCK = threading.Lock()


def finder_for(compiled: CompiledVocabulary, *, typos: bool) -> Finder:
    """The core finder of ``compiled``, built on first use and kept with its tables (never in
    the snapshot: the snapshot is written before the core exists)."""
    finder = compiled.derived.get("finder")
    if finder is None:
        with _LOCK:
            finder = compiled.derived.get("finder")
            if finder is None:
                finder = compiled.derived["finder"] = Finder(compiled)
    return finder if typos else finder.without_typos()  # type: ignore[return-value]
