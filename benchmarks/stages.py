"""Where one process spends its time, stage by stage, beside flashtext in the same run.

    python benchmarks/stages.py [FILE.jsonl ...] [--runs 5]

Prints milliseconds per MB (medians of the runs) for each stage of ``Extractor.extract``,
for flashtext with the same aliases, and for a lower bound: one set lookup per word of
the ASCII view with offsets and a ``Mention`` per hit, none of the features (no multi-word
terms, symbols, glued text, typos, context rules or HTML). The typo cache is warm, as it
is after the first thousand listings of a corpus. The last line says what twice
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
from compare import DEFAULT_FILES, load_texts, surfaces  # noqa: E402

import skillterms  # noqa: E402
from skillterms.extract import Mention  # noqa: E402
from skillterms.normalize import normalize  # noqa: E402
from skillterms.scan import _LOWER_WORDS  # noqa: E402


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
        elems = text.encode("ascii", "replace").translate(_LOWER_WORDS).split(b" ")
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


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--field", default="text")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args(argv)
    if not a.files:
        raise SystemExit("no listing files given and ../shared/corpora not found")
    from flashtext import KeywordProcessor

    texts = load_texts(a.files, a.field)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    keywords = KeywordProcessor()
    for surface, name in surfaces():
        keywords.add_keyword(surface, name)
    extractor = skillterms.Extractor()
    for text in texts:
        extractor.extract(text)  # warms the typo cache
    scanner = extractor._scanner
    without_typos = scanner.without_typos()
    clean = [normalize(t)[0] for t in texts]
    floor = word_lookup_floor(extractor.vocab)
    timed = {
        "flashtext 2.7": lambda: [keywords.extract_keywords(t) for t in texts],
        "lower bound (word lookup + offsets)": lambda: [floor(t) for t in texts],
        "normalize": lambda: [normalize(t) for t in texts],
        "scan without typos": lambda: [without_typos.scan(t) for t in clean],
        "scan": lambda: [scanner.scan(t) for t in clean],
        "scan + judge": lambda: [extractor.candidates(t) for t in clean],
        "extract": lambda: [extractor.extract(t) for t in texts],
    }
    ms: dict[str, list[float]] = {name: [] for name in timed}
    for _ in range(a.runs):
        for name, run in timed.items():
            start = time.perf_counter()
            run()
            ms[name].append((time.perf_counter() - start) * 1000 / mb)
    med = {name: statistics.median(v) for name, v in ms.items()}
    rows = [
        ("flashtext 2.7", med["flashtext 2.7"]),
        ("lower bound: word lookup + offsets, no features", med["lower bound (word lookup + offsets)"]),
        ("skillterms: clean HTML, entities, addresses", med["normalize"]),
        ("skillterms: find words, multi-word, symbol and glued terms", med["scan without typos"]),
        ("skillterms: typo lookup", med["scan"] - med["scan without typos"]),
        ("skillterms: overlaps and context rules", med["scan + judge"] - med["scan"]),
        ("skillterms: mentions and offsets", med["extract"] - med["scan + judge"] - med["normalize"]),
        ("skillterms: extract, in all", med["extract"]),
    ]
    print(f"{len(texts)} listings, {mb:.1f} MB, medians of {a.runs} runs", file=sys.stderr)
    print("| stage | ms per MB | vs flashtext |")
    print("|---|---:|---:|")
    for name, value in rows:
        print(f"| {name} | {value:.0f} | {value / med['flashtext 2.7']:.2f} |")
    print(f"\ntwice flashtext's speed leaves {med['flashtext 2.7'] / 2:.0f} ms per MB for everything")
    return 0


if __name__ == "__main__":
    sys.exit(main())
