"""Candidates found by the compiled core (``skillterms._core.Finder``, native/src/finder.rs).

The core splits the clean text into pieces, glues them back into vocabulary keys, checks each
match's case and word boundaries and adds gated typos of tool names, with the GIL released.
Its tables are this vocabulary's compiled ones (:mod:`skillterms.find.tables`), handed over
once per compiled vocabulary and then shared by every extractor and thread. What comes back
are plain tuples; the :class:`Candidate` records the later steps judge are made here.
"""

from __future__ import annotations

import array
import threading

from ..gcpause import gc_paused
from .fuzzy import LONG_LENGTH, MIN_LENGTH, typo_targets
from .tables import CUE_PIECES, FUNCTION_WORDS, Candidate, CompiledVocabulary, Entry, unsplit_prefixes

__all__ = ["Finder", "finder_for", "finder_tables"]


class Finder:
    """The core's finder for one compiled vocabulary."""

    __slots__ = ("_core", "_entries", "typos")

    def __init__(self, compiled: CompiledVocabulary, *, typos: bool = True):
        from .. import _core

        tables = finder_tables(compiled)
        self._entries: list[Entry] = tables["entries"]
        self._core = _core.Finder(compiled.key_text, tables["key_entries"], compiled.written_splits_text,
                                  unsplit_prefixes(), tables["dotted"], tables["cue_pieces"],
                                  tables["function_words"], tables["entry_rules"], tables["typo_keys"],
                                  (MIN_LENGTH, LONG_LENGTH))
        self.typos = typos

    def without_typos(self) -> "Finder":
        """The same finder with typo matching off, sharing these tables."""
        other = object.__new__(Finder)
        other._core, other._entries, other.typos = self._core, self._entries, False
        return other

    def scan(self, clean: str) -> tuple[list[Candidate], list[int]]:
        """Candidates (case and boundary checked) and degree-cue offsets in ``clean``."""
        rows, cues = self._core.find(clean, typos=self.typos)
        entries = self._entries
        return [Candidate(start, end, entries[entry], clean[start:end], glued, absorbed, note,
                          "rejected" if reason else "candidate", reason, case_variant)
                for start, end, entry, glued, absorbed, case_variant, reason, note in rows], cues


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
