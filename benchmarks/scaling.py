"""How extraction cost grows with text length and with vocabulary size.

    python benchmarks/scaling.py [FILE.jsonl ...] [--plot docs/performance_scaling.png] [--rounds 5]

Length: listings are joined into documents of 1 KB to 1 MB; the cost per KB should not
change (linear time). Vocabulary: vocabularies of 500 to 10,000 terms run over the same
listings, once holding the same 500 real terms topped up with made-up names (the cost of
size alone: flat, since lookups are hash-table lookups) and once made of that many real
terms (more terms also means more matches to judge). Every point of a curve is the best
of five rounds that each measure all its points, so the machine's drift does not bend it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from compare import DEFAULT_FILES, load_texts  # noqa: E402

import skillterms  # noqa: E402
from skillterms.vocabulary.model import Vocabulary  # noqa: E402

LENGTHS_KB = [1, 4, 16, 64, 256, 1024]
VOCAB_SIZES = [500, 1000, 2000, 4000, 10000]


def _interleaved_best(tasks: dict, repeat: int) -> dict:
    """The best seconds of each task over ``repeat`` rounds that run every task once: the
    machine's speed drifts, and this way the drift falls on all points of a curve alike."""
    best = dict.fromkeys(tasks, float("inf"))
    for _ in range(repeat):
        for key, task in tasks.items():
            start = time.perf_counter()
            task()
            best[key] = min(best[key], time.perf_counter() - start)
    return best


def length_curve(texts: list[str], extractor, rounds: int) -> list[tuple[int, float]]:
    corpus = "\n\n".join(texts)
    batches = {}
    for kb in LENGTHS_KB:
        size = kb * 1024
        docs = [corpus[i:i + size] for i in range(0, min(len(corpus), 4 * 1024 * 1024), size)]
        batches[kb] = [d for d in docs if len(d) == size] or [corpus[:size]]
    best = _interleaved_best({kb: (lambda docs=docs: [extractor.extract(d) for d in docs])
                              for kb, docs in batches.items()}, rounds)
    return [(kb, best[kb] * 1000 / (len(docs) * kb)) for kb, docs in batches.items()]  # ms per KB


def _made_up_terms(n: int, rng: random.Random) -> list[skillterms.Term]:
    syllables = ["zor", "blax", "quen", "vri", "toph", "ulm", "kex", "draz", "mip", "snor", "wug", "phlo"]
    names: set[str] = set()
    while len(names) < n:  # 12**4 * 3 possible names: plenty
        names.add("".join(rng.choice(syllables) for _ in range(4)).capitalize() + rng.choice(["", " Studio", " DB"]))
    return [skillterms.Term(name=name, category="made-up", kind="tool") for name in sorted(names)]


def vocab_extractors(real_terms: int | None) -> dict[int, skillterms.Extractor]:
    """An extractor per vocabulary size. With ``real_terms``, every vocabulary holds the same
    sample of that many built-in terms (so the same matches) and is topped up with made-up
    terms: the cost of the size alone. Without, each size is a sample of built-in terms (more
    terms, more matches) topped up only beyond the built-in count."""
    builtin = [t for t in skillterms.default_vocabulary() if t.parent is None]
    rng = random.Random(1)
    fixed = rng.sample(builtin, real_terms) if real_terms else None
    out = {}
    for size in VOCAB_SIZES:
        terms = list(fixed) if fixed else random.Random(size).sample(builtin, min(size, len(builtin)))
        terms += _made_up_terms(size - len(terms), rng)
        out[size] = skillterms.Extractor(Vocabulary(tuple(terms)))
        out[size].extract("warm up")
    return out


def vocab_curves(texts: list[str], rounds: int) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """MB/s by vocabulary size: the same 500 real terms topped up, and that many real terms."""
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    extractors = {("fixed", n): e for n, e in vocab_extractors(500).items()}
    extractors.update({("grown", n): e for n, e in vocab_extractors(None).items()})
    best = _interleaved_best({key: (lambda e=e: [e.extract(t) for t in texts]) for key, e in extractors.items()},
                             rounds)
    return ([(n, mb / best[("fixed", n)]) for n in VOCAB_SIZES],
            [(n, mb / best[("grown", n)]) for n in VOCAB_SIZES])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--plot", help="write the two curves to this PNG (needs matplotlib)")
    ap.add_argument("--rounds", type=int, default=5, help="each point is the best of this many rounds")
    a = ap.parse_args(argv)
    texts = load_texts(a.files, "text")
    extractor = skillterms.Extractor()
    lengths = length_curve(texts, extractor, a.rounds)
    print("document size -> ms per KB")
    for kb, ms in lengths:
        print(f"  {kb:>6} KB  {ms:.3f}")
    sizes, natural = vocab_curves(texts, a.rounds)
    print("vocabulary size -> MB/s (same 500 real terms + made-up ones | that many real terms)")
    for (n, fixed), (_, grown) in zip(sizes, natural):
        print(f"  {n:>6} terms  {fixed:.2f}  |  {grown:.2f}")
    if a.plot:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
        left.plot([kb for kb, _ in lengths], [ms for _, ms in lengths], marker="o")
        left.set_xscale("log")
        left.set_ylim(0, max(ms for _, ms in lengths) * 1.5)
        left.set_xlabel("document size (KB, log scale)")
        left.set_ylabel("ms per KB")
        left.set_title("Cost per KB by document size")
        right.plot([n for n, _ in sizes], [m for _, m in sizes], marker="o", label="500 real terms + made-up terms")
        right.plot([n for n, _ in natural], [m for _, m in natural], marker="s",
                   label="real terms (more terms, more matches)")
        right.legend(fontsize=8)
        right.set_ylim(0, max(m for _, m in sizes + natural) * 1.3)
        right.set_xlabel("vocabulary size (terms)")
        right.set_ylabel("MB/s")
        right.set_title("Throughput by vocabulary size")
        fig.tight_layout()
        fig.savefig(a.plot, dpi=120)
        print(f"wrote {a.plot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
