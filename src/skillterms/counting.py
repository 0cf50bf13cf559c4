"""Counts over a corpus: how many listings mention each term (presence), and how often.

A listing counts once for a term however often it names it. Roll-up counts a listing for
a term when it names the term or any term below it (Amazon S3 and AWS Lambda count for AWS
once). Counts made from parts of a corpus add up exactly: ``count(a) + count(b) ==
count(a + b)``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .errors import UnknownTermError

if TYPE_CHECKING:  # pragma: no cover
    from .types import Mention
    from .vocabulary.model import Vocabulary

__all__ = ["TermCounts", "CountBuilder", "count_mentions", "texts_only"]

_MAPPINGS = ("document_counts", "mention_counts", "rollup_counts", "category_counts")


@dataclass(frozen=True)
class TermCounts:
    """Per-term document counts, mention counts and roll-ups over ``documents`` texts.

    Immutable: the mappings are read-only views. ``skipped`` counts the inputs that were not
    texts (None, NaN, numbers): they are no listings, so no share counts them.
    """

    documents: int = 0
    document_counts: Mapping[str, int] = field(default_factory=dict)
    mention_counts: Mapping[str, int] = field(default_factory=dict)
    rollup_counts: Mapping[str, int] = field(default_factory=dict)
    category_counts: Mapping[str, int] = field(default_factory=dict)
    vocab: "Vocabulary | None" = field(default=None, compare=False, repr=False)
    skipped: int = 0

    def __post_init__(self) -> None:
        for name in _MAPPINGS:
            value = getattr(self, name)
            if not isinstance(value, MappingProxyType):
                object.__setattr__(self, name, MappingProxyType(dict(value)))

    def __reduce__(self):  # read-only views do not pickle; their contents do
        return (TermCounts, (self.documents, *(dict(getattr(self, n)) for n in _MAPPINGS), self.vocab, self.skipped))

    # ------------------------------------------------------------------ lookups

    def _name(self, term: str) -> str:
        if term in self.document_counts or term in self.rollup_counts:
            return term
        if self.vocab is None:
            return term
        found = self.vocab.get(term)
        if found is None:
            raise UnknownTermError(term, self.vocab.suggest(term))
        return found.name

    def count(self, term: str, *, rollup: bool = False) -> int:
        """Number of documents that mention ``term`` (a canonical name or any alias)."""
        name = self._name(term)
        return (self.rollup_counts if rollup else self.document_counts).get(name, 0)

    def share(self, term: str, *, rollup: bool = False) -> float:
        """Fraction of documents that mention ``term``, 0..1 (0.0 for an empty corpus)."""
        return self.count(term, rollup=rollup) / self.documents if self.documents else 0.0

    def mentions(self, term: str) -> int:
        """Total number of mentions of ``term`` across all documents."""
        return self.mention_counts.get(self._name(term), 0)

    def most_common(self, n: int | None = None, *, category: str | None = None, kind: str | None = None,
                    rollup: bool = False) -> list[tuple[str, int]]:
        """``[(term, documents), ...]``, most frequent first (ties by name), optionally filtered."""
        counts = self.rollup_counts if rollup else self.document_counts
        items = [(t, c) for t, c in counts.items() if self._keep(t, category, kind)]
        items.sort(key=lambda tc: (-tc[1], tc[0]))
        return items if n is None else items[:n]

    def _keep(self, term: str, category: str | None, kind: str | None) -> bool:
        if category is None and kind is None:
            return True
        info = self.vocab.get(term) if self.vocab is not None else None
        if info is None:
            return False
        return (category is None or info.category == category) and (kind is None or info.kind == kind)

    def category_share(self, category: str) -> float:
        """Fraction of documents that mention at least one term of ``category``."""
        return self.category_counts.get(category, 0) / self.documents if self.documents else 0.0

    @property
    def terms(self) -> list[str]:
        """Every term mentioned at least once, sorted by name."""
        return sorted(self.document_counts)

    def to_pandas(self, *, rollup: bool = False):
        """A pandas DataFrame, most common first: term, category, kind, documents, share,
        mentions. Needs pandas (``pip install "skillterms[pandas]"``)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError('to_pandas() needs pandas: pip install "skillterms[pandas]"') from None
        rows = []
        for term, n in self.most_common(rollup=rollup):
            info = self.vocab.get(term) if self.vocab is not None else None
            rows.append((term, info.category if info else "", info.kind if info else "", n,
                         n / self.documents if self.documents else 0.0, self.mention_counts.get(term, 0)))
        return pd.DataFrame(rows, columns=["term", "category", "kind", "documents", "share", "mentions"])

    # ------------------------------------------------------------------ merging

    def __add__(self, other: "TermCounts") -> "TermCounts":
        if not isinstance(other, TermCounts):
            return NotImplemented
        if self.vocab is not None and other.vocab is not None and self.vocab.fingerprint != other.vocab.fingerprint:
            raise ValueError("cannot add counts made with different vocabularies "
                             f"({self.vocab.fingerprint} and {other.vocab.fingerprint}); "
                             "count both corpora with the same Extractor")
        return TermCounts(
            documents=self.documents + other.documents,
            document_counts=_add(self.document_counts, other.document_counts),
            mention_counts=_add(self.mention_counts, other.mention_counts),
            rollup_counts=_add(self.rollup_counts, other.rollup_counts),
            category_counts=_add(self.category_counts, other.category_counts),
            vocab=self.vocab if self.vocab is not None else other.vocab,
            skipped=self.skipped + other.skipped,
        )

    def __radd__(self, other):  # sum(counts_list) starts from 0
        if other == 0:
            return self
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TermCounts):
            return NotImplemented
        return (self.documents, self.skipped, *(dict(getattr(self, n)) for n in _MAPPINGS)) == \
            (other.documents, other.skipped, *(dict(getattr(other, n)) for n in _MAPPINGS))

    __hash__ = None  # type: ignore[assignment]


def _add(a: Mapping[str, int], b: Mapping[str, int]) -> dict[str, int]:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


class CountBuilder:
    """Counts built one document at a time (not thread-safe; freeze to share)."""

    def __init__(self, vocab: "Vocabulary"):
        self.vocab = vocab
        self.documents = 0
        self.skipped = 0
        self._documents: Counter[str] = Counter()
        self._mentions: Counter[str] = Counter()
        self._rollup: Counter[str] = Counter()
        self._categories: Counter[str] = Counter()
        self._ancestors: dict[str, tuple[str, ...]] = {}

    def add(self, mentions: list["Mention"]) -> set[str]:
        """Count one document's mentions; return the set of terms it names."""
        self.documents += 1
        names = set()
        for m in mentions:
            self._mentions[m.term] += 1
            names.add(m.term)
        self._documents.update(names)
        self._categories.update({m.category for m in mentions})
        rolled = set(names)
        for name in names:
            chain = self._ancestors.get(name)
            if chain is None:
                chain = self._ancestors[name] = self.vocab.ancestors(name) if name in self.vocab else ()
            rolled.update(chain)
        self._rollup.update(rolled)
        return names

    def freeze(self) -> TermCounts:
        return TermCounts(self.documents, dict(sorted(self._documents.items())), dict(sorted(self._mentions.items())),
                          dict(sorted(self._rollup.items())), dict(sorted(self._categories.items())), self.vocab,
                          self.skipped)


def count_mentions(per_document: Iterable[list["Mention"]], vocab: "Vocabulary", skipped: int = 0) -> TermCounts:
    """Fold mention lists (one per document) into :class:`TermCounts`."""
    builder = CountBuilder(vocab)
    for mentions in per_document:
        builder.add(mentions)
    builder.skipped = skipped
    return builder.freeze()


class texts_only:
    """The texts among ``items``, lazily; ``skipped`` counts the others (None, NaN, numbers),
    which are not listings. Bytes are an error: they are text not yet decoded."""

    def __init__(self, items: Iterable[Any]):
        self._items = items
        self.skipped = 0

    def __iter__(self) -> Iterator[str]:
        for item in self._items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, (bytes, bytearray, memoryview)):
                raise TypeError("count() needs str, got bytes; decode it first, e.g. data.decode('utf-8')")
            else:
                self.skipped += 1
