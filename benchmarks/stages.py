"""Where one process spends its time, stage by stage, beside flashtext in the same run.

    python benchmarks/stages.py [FILE.jsonl ...] [--runs 5]

Prints milliseconds per MB (medians of the runs) for each stage of ``Extractor.extract``
(timed by wrapping the functions of each stage in one pass over the listings), for
flashtext with the same aliases, and for a lower bound: one set lookup per word of the
ASCII view with offsets and a ``Mention`` per hit, none of the features (no multi-word
terms, symbols, glued text, typos, context rules or HTML). The caches are warm, as they
are after the first thousand listings of a corpus. The last line says what twice
flashtext's speed leaves for everything.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from itertools import accumulate, compress, count
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import DEFAULT_FILES, build, load_texts  # noqa: E402

import skillterms  # noqa: E402
from skillterms.extract import Mention  # noqa: E402
from skillterms.text.tokenize import ASCII_WORDS  # noqa: E402


def word_lookup_floor(vocab: skillterms.Vocabulary):
    """The lower bound: single-word surfaces only, found by one C-level lookup per word."""
    by_word: dict[bytes, skillterms.Term] = {}
    for term in vocab:
        for surface in term.surfaces:
            word = surface.lower().encode("ascii", "replace")
            if word.isalnum():
                by_word.setdefault(word, term)
    words = frozenset(by_word)

    def extract(text: str) -> list[Mention]:
        elems = text.encode("ascii", "replace").translate(ASCII_WORDS).split(b" ")
        hits = list(compress(count(), map(words.__contains__, elems)))
        if not hits:
            return []
        starts = list(accumulate(map((1).__add__, map(len, elems)), initial=0))
        out = []
        for e in hits:
            word, start = elems[e], starts[e]
            term = by_word[word]
            out.append(Mention(start, start + len(word), term.name, term.category, term.kind,
                               text[start:start + len(word)]))
        return out

    return extract


class _Clock:
    """Seconds spent inside chosen functions, by wrapping them where they are looked up."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, owner, name: str, label: str) -> None:
        inner = getattr(owner, name)
        seconds = self.seconds
        seconds[label] = 0.0

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start

        setattr(owner, name, timed)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--field", default="text")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args(argv)
    if not a.files:
        raise SystemExit("no listing files given and ../shared/corpora not found")
    texts = load_texts(a.files, a.field)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    flashtext_extract = build("flashtext")
    extractor = skillterms.Extractor()
    for text in texts:
        extractor.extract(text)  # fills the typo cache, as a long corpus does
    floor = word_lookup_floor(extractor.vocab)
    clock = _Clock()
    extract_module = sys.modules["skillterms.extract"]
    clock.wrap(extract_module, "normalize", "clean HTML, entities, addresses")
    clock.wrap(extract_module, "mentions", "find, judge and make the mentions: one call of the compiled core")
    order = ["flashtext 2.7", "lower bound: word lookup + offsets, no features", "clean HTML, entities, addresses",
             "find, judge and make the mentions: one call of the compiled core",
             "the rest", "skillterms extract, in all"]
    ms: dict[str, list[float]] = {label: [] for label in order}  # printed in this order

    def note(label: str, seconds: float) -> None:
        ms[label].append(seconds * 1000 / mb)

    for _ in range(a.runs):
        for label, run in (("flashtext 2.7", flashtext_extract),
                           ("lower bound: word lookup + offsets, no features", floor)):
            start = time.perf_counter()
            for text in texts:
                run(text)
            note(label, time.perf_counter() - start)
        for label in clock.seconds:
            clock.seconds[label] = 0.0
        start = time.perf_counter()
        for text in texts:
            extractor.extract(text)
        total = time.perf_counter() - start
        for label, seconds in clock.seconds.items():
            note(label, seconds)
        note("the rest", total - sum(clock.seconds.values()))
        note("skillterms extract, in all", total)
    med = {label: statistics.median(v) for label, v in ms.items()}
    flashtext = med["flashtext 2.7"]
    print(f"{len(texts)} listings, {mb:.1f} MB, medians of {a.runs} runs", file=sys.stderr)
    print("| stage | ms per MB | vs flashtext |")
    print("|---|---:|---:|")
    for label, value in med.items():
        print(f"| {label} | {value:.0f} | {value / flashtext:.2f} |")
    print(f"\ntwice flashtext's speed leaves {flashtext / 2:.0f} ms per MB for everything")
    return 0


if __name__ == "__main__":
    sys.exit(main())
