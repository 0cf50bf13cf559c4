"""The vocabulary as the extractor sees it: frozen terms, blockers and their lookup by surface.

Built by :mod:`skillterms.vocabulary.load` from YAML files; the built-in one comes from
:mod:`skillterms.vocabulary.builtin`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Union

from ..errors import UnknownTermError
from ..text.tokenize import surface_key
from ..types import pickled_by_fields

__all__ = ["Term", "Blocker", "Vocabulary", "KINDS", "PathLike"]

KINDS = ("tool", "concept")

PathLike = Union[str, Path]

@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Term:
    """A canonical tech term and the surfaces that name it."""

    name: str
    category: str
    kind: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    exact_case: frozenset[str] = frozenset()
    ambiguous: frozenset[str] = frozenset()
    # `ambiguous:` written out (a list, or false): the author has judged every surface, so the ones
    # left out are not ordinary words in listings
    ambiguity_reviewed: bool = field(default=False, repr=False)
    # bare broad words ("security", "monitoring"): they count only where a listing asks for them
    broad: frozenset[str] = frozenset()
    context: tuple[str, ...] = ()
    fuzzy: bool = True
    source: str = ""  # "file:line" where the term is defined
    # (surface, file, line, column) of the name and each alias, for messages about them
    locations: tuple[tuple[str, str, int, int], ...] = field(default=(), repr=False, compare=False)

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Blocker:
    """A phrase that is never a term; it hides any match overlapping it ("R&D" hides "R")."""

    phrase: str
    source: str


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The frozen set of terms an extractor matches. Build with :func:`load_vocabulary`."""

    terms: tuple[Term, ...]
    blockers: tuple[Blocker, ...] = ()
    sources: tuple[str, ...] = ()
    fingerprint: str = ""
    _by_name: dict[str, Term] = field(default_factory=dict, repr=False, compare=False)
    _by_key: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update((t.name, t) for t in self.terms)

    def _keys(self) -> dict[str, str]:
        """Each surface's key to its term's name, built on the first look-up by alias (a
        process that only extracts never needs it; it cost a tenth of a large load)."""
        if not self._by_key and self.terms:
            by_key: dict[str, str] = {}
            for t in self.terms:
                for s in t.surfaces:
                    key = surface_key(s)
                    if key is not None:
                        by_key.setdefault(key, t.name)
            self._by_key.update(by_key)  # one step: another thread sees it empty or whole
        return self._by_key

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> Term:
        """The term with this canonical name or alias ("k8s" gives Kubernetes)."""
        term = self.get(name)
        if term is None:
            raise UnknownTermError(name, self.suggest(name))
        return term

    def get(self, name: str) -> Term | None:
        """The term with this canonical name or alias, or None."""
        term = self._by_name.get(name)
        if term is None:
            key = surface_key(name) if isinstance(name, str) else None
            canonical = self._keys().get(key) if key else None
            term = self._by_name.get(canonical) if canonical else None
        return term

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Canonical names that look like ``name`` (for error messages)."""
        from rapidfuzz import process

        found = process.extract(name, list(self._by_name), limit=limit, score_cutoff=70)
        return [choice for choice, _score, _index in found]

    def ancestors(self, name: str) -> tuple[str, ...]:
        """Parent, grandparent, ... of a term (empty for a root term)."""
        chain: list[str] = []
        parent = self[name].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self._by_name[parent].parent
        return tuple(chain)

    @property
    def categories(self) -> tuple[str, ...]:
        return tuple(sorted({t.category for t in self.terms}))

    def __reduce__(self):  # as what it is; the lookup tables are rebuilt, not pickled
        return (Vocabulary, (self.terms, self.blockers, self.sources, self.fingerprint))
