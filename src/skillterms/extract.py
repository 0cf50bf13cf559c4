"""The Extractor: normalize → tokenize → match → resolve → locate, for one text or many."""

from __future__ import annotations

import dataclasses
import threading
from collections import deque
from typing import Iterable, Iterator, Literal

from .counting import TermCounts, count_mentions, texts_only
from .find.core import candidates_of, finder_for
from .find.tables import Candidate, CompiledVocabulary, compile_vocabulary
from .parallel import parallel_count, parallel_pipe, resolve_n_process
from .resolve.context import ContextRules, Judgement, judge, mentions
from .types import Mention, mention_records
from .vocabulary.builtin import default_vocabulary
from .vocabulary.model import Vocabulary

__all__ = ["Extractor", "extract", "count", "OVERLAP_POLICIES"]

Overlaps = Literal["longest", "all"]
OVERLAP_POLICIES = ("longest", "all")


def _check_text(text: object) -> str:
    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray, memoryview)):
        raise TypeError("extract() needs str, got bytes; decode it first, e.g. data.decode('utf-8')")
    raise TypeError(f"extract() needs str, got {type(text).__name__}")


class Extractor:
    """Finds tech terms in text with one vocabulary.

    ``overlaps="longest"`` keeps, of overlapping matches, the longest ("Spark SQL" over
    "Spark"; ties go to the earlier start); ``"all"`` keeps every confirmed match.
    ``fuzzy=False`` turns typo matching off; ``context=False`` accepts ambiguous surfaces
    without asking for confirming context (case rules still apply). ``broad=True`` counts
    broad surfaces ("security", "monitoring") wherever they stand, not only where a listing
    asks for them as a skill.
    """

    def __init__(self, vocab: Vocabulary | None = None, *, overlaps: Overlaps = "longest",
                 fuzzy: bool = True, context: bool = True, broad: bool = False):
        if overlaps not in OVERLAP_POLICIES:
            raise ValueError(f"overlaps must be one of {', '.join(OVERLAP_POLICIES)}, not {overlaps!r}")
        if vocab is not None and not isinstance(vocab, Vocabulary):
            raise TypeError(f"vocab must be a Vocabulary (see skillterms.load_vocabulary), "
                            f"not {type(vocab).__name__}")
        self.vocab = vocab if vocab is not None else default_vocabulary()
        self.overlaps = overlaps
        self.fuzzy = fuzzy
        self.context = context
        self.broad = broad
        self._compiled = compile_vocabulary(self.vocab)
        self._rules = derived_tables(self._compiled)
        self._finder = finder_for(self._compiled, typos=fuzzy)

    def __reduce__(self):
        return (_rebuild, (self.vocab, self.overlaps, self.fuzzy, self.context, self.broad))

    # ------------------------------------------------------------------ one text

    def extract(self, text: str) -> list[Mention]:
        """Mentions of vocabulary terms in ``text``, in text order."""
        return self._mentions(text, mention_records())

    def _mention_rows(self, text: str) -> list[tuple[int, int, str, str, str, str]]:
        """The mentions of ``text`` as plain tuples of Mention's fields, in its order (what
        worker processes send back: they pickle several times faster than Mentions)."""
        return self._mentions(text, None)

    def _mentions(self, text: str, records) -> list:
        """The mentions of ``text``, made by ``records`` (or tuples when it is None)."""
        original = _check_text(text)
        in_order = self.overlaps != "all"  # the core gives them in text order; all overlaps are sorted here
        out = mentions(self._rules, self._finder, original, self.overlaps, self.context, self.broad,
                       records if in_order else None)
        if in_order:
            return out
        out.sort()
        return out if records is None else records.make_all(out)

    def candidates(self, clean: str) -> list[Candidate]:
        """Every candidate in normalized text with its decision (``status``, ``reason``)."""
        rows, judged = self._judged(clean)
        if judged is None:
            return []
        cands = candidates_of(rows, clean, self._finder.entries)
        for k in judged.blockers:
            cands[k].status, cands[k].reason = "blocker", "a not_terms phrase"
        for k, status, reason in judged.decisions():
            cands[k].status, cands[k].reason = status, reason
        return cands

    def _judged(self, clean: str) -> tuple[list[tuple], Judgement | None]:
        """The rows of every candidate in normalized text (see ``Finder.rows``) and the
        decisions on them (None when there are none)."""
        finder = self._finder
        rows, cues = finder.rows(clean)
        if not rows:
            return rows, None
        return rows, judge(self._rules, finder.entries, rows, clean, cues, self.overlaps, self.context, self.broad)

    # ------------------------------------------------------------------ many texts

    def pipe(self, texts: Iterable, *, as_tuples: bool = False, n_process: int = 1,
             batch_size: int = 256) -> Iterator:
        """Mentions for each text, in input order, streamed.

        With ``as_tuples=True`` (as in spaCy's ``nlp.pipe``) the input is ``(text, context)``
        pairs and the output ``(mentions, context)`` pairs: the context (an id, a record) is
        carried through untouched, also across processes, where it never travels.
        ``n_process`` > 1 (or -1 for one per CPU) spreads the work over processes, this one
        among them (it starts ``n_process - 1`` workers); at most about ``4 * n_process``
        batches of ``batch_size`` texts are held at once. Every text must be a str (see
        :func:`skillterms.count` for inputs with missing texts).
        """
        n_process = resolve_n_process(n_process)
        if as_tuples:
            return self._pipe_tuples(texts, n_process, batch_size)
        if n_process == 1:
            return (self.extract(text) for text in texts)
        return parallel_pipe(self, texts, n_process, batch_size)

    def _pipe_tuples(self, pairs: Iterable, n_process: int, batch_size: int) -> Iterator[tuple[list[Mention], object]]:
        contexts: deque = deque()  # contexts of the texts sent but not yet answered

        def texts():
            for item in pairs:
                if not (isinstance(item, tuple) and len(item) == 2):
                    raise TypeError(f"pipe(as_tuples=True) needs (text, context) pairs, got {type(item).__name__}")
                text, context = item
                contexts.append(context)
                yield text

        for found in self.pipe(texts(), n_process=n_process, batch_size=batch_size):
            yield found, contexts.popleft()

    def count(self, texts: Iterable, *, n_process: int = 1, batch_size: int = 256) -> TermCounts:
        """Counts over ``texts``: documents, documents per term, mentions per term.

        An input that is not a text (None, NaN, a number) is no listing: it is skipped and
        counted in ``TermCounts.skipped``, as the command line and ``spark.count`` do. With
        ``n_process`` > 1 the texts are counted on several processes; the counts are the
        same as serial ones.
        """
        n_process = resolve_n_process(n_process)
        good = texts_only(texts)
        if n_process == 1:
            counts = count_mentions((self.extract(text) for text in good), self.vocab)
        else:
            counts = parallel_count(self, good, n_process, batch_size)
        return dataclasses.replace(counts, skipped=good.skipped) if good.skipped else counts


def derived_tables(compiled: CompiledVocabulary) -> ContextRules:
    """The context rules of a compiled vocabulary, built on first use and shared by all its
    extractors (they keep no state between calls); the snapshot carries them."""
    rules = compiled.derived.get("rules")
    if rules is None:
        rules = compiled.derived["rules"] = ContextRules(compiled)
    return rules  # type: ignore[return-value]


def _rebuild(vocab, overlaps, fuzzy, context, broad=False):
    return Extractor(vocab, overlaps=overlaps, fuzzy=fuzzy, context=context, broad=broad)


_default: Extractor | None = None
_default_lock = threading.Lock()


def _default_extractor() -> Extractor:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract(text: str) -> list[Mention]:
    """Mentions of built-in vocabulary terms in ``text``, in text order."""
    return _default_extractor().extract(text)


def count(texts: Iterable, *, n_process: int = 1, batch_size: int = 256) -> TermCounts:
    """Counts of built-in vocabulary terms over ``texts`` (any iterable of str, streamed;
    inputs that are not texts, such as None or NaN, are skipped and counted in ``skipped``)."""
    return _default_extractor().count(texts, n_process=n_process, batch_size=batch_size)
