"""Candidates found by the compiled core (``skillterms._core.Finder``, native/src/finder.rs).

The core splits the clean text into pieces, glues them back into vocabulary keys, checks each
match's case and word boundaries and adds gated typos of tool names, with the GIL released.
Its tables are this vocabulary's compiled ones (:mod:`skillterms.find.tables`), handed over
once per compiled vocabulary and then shared by every extractor and thread. What comes back
are plain tuples; the :class:`Candidate` records the later steps judge are made here.
"""

from __future__ import annotations

import threading

from .fuzzy import LONG_LENGTH, MIN_LENGTH, typo_targets
from .tables import CUE_PIECES, FUNCTION_WORDS, Candidate, CompiledVocabulary, Entry

__all__ = ["Finder", "finder_for"]


class Finder:
    """The core's finder for one compiled vocabulary."""

    __slots__ = ("_core", "_entries", "typos")

    def __init__(self, compiled: CompiledVocabulary, *, typos: bool = True, _core=None, _entries=None):
        self.typos = typos
        if _core is not None:
            self._core, self._entries = _core, _entries
            return
        from .. import _core as core

        entries: list[Entry] = []
        ids: dict[int, int] = {}
        keys = []
        for key, key_entries in compiled.keys.items():
            row = []
            for entry in key_entries:
                if id(entry) not in ids:
                    ids[id(entry)] = len(entries)
                    entries.append(entry)
                row.append(ids[id(entry)])
            keys.append((key, row))
        self._entries = entries
        self._core = core.Finder(
            keys, list(compiled.prefixes), list(compiled.firsts), list(compiled.dotted), list(CUE_PIECES),
            list(FUNCTION_WORDS),
            [(None if e.exact_forms is None else list(e.exact_forms),
              None if e.folded_forms is None else list(e.folded_forms),
              e.term is not None, e.absorbs_version, e.short, e.edge_words) for e in entries],
            [(key, ids[id(entry)]) for key, entry in typo_targets(compiled)], (MIN_LENGTH, LONG_LENGTH))

    def without_typos(self) -> "Finder":
        """The same finder with typo matching off, sharing these tables."""
        return Finder(None, typos=False, _core=self._core, _entries=self._entries)  # type: ignore[arg-type]

    def scan(self, clean: str) -> tuple[list[Candidate], list[int]]:
        """Candidates (case and boundary checked) and degree-cue offsets in ``clean``."""
        rows, cues = self._core.find(clean, typos=self.typos)
        entries = self._entries
        return [Candidate(start, end, entries[entry], clean[start:end], glued, absorbed, note,
                          "rejected" if reason else "candidate", reason, case_variant)
                for start, end, entry, glued, absorbed, case_variant, reason, note in rows], cues


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
