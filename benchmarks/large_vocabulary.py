"""Large user vocabularies: seconds to load and to lint a synthetic vocabulary file.

    python benchmarks/large_vocabulary.py [--aliases 100000] [--per-term 3] [--lint 100000]

The file is generated in a temporary folder (nothing in the repository is written): terms
named like skills in an ESCO- or Lightcast-sized list ("Zorvex analytics 00042"), each with
``--per-term`` surfaces (name and aliases), so ``--aliases`` surfaces in all. It is loaded
over the built-in vocabulary with :func:`skillterms.load_vocabulary` and linted with
:func:`skillterms.lint.lint` (what ``skillterms vocab check`` runs), each in a process of
its own, so that the peak memory is that step's; loading counts until the first text is
extracted (the tables compiled). The issue's bar: loading 100k aliases in
at most 5 s, linting them in at most 10 s.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SYLLABLES = "zor vex lum tra qui ban dor fel kin mox pra sul tev wix yar gon hep jad".split()
WORDS = "analytics platform engine framework studio toolkit pipeline service cloud graph".split()


def vocabulary_yaml(aliases: int, per_term: int, seed: int = 0) -> str:
    """A vocabulary file of ``aliases`` surfaces, ``per_term`` to a term, all distinct."""
    rng = random.Random(seed)
    lines = ["category: benchmark", "kind: tool", "terms:"]
    for i in range(max(1, aliases // per_term)):
        stem = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        word = rng.choice(WORDS)
        name = f"{stem} {word} {i:06d}"
        others = [f"{stem}{i:06d}", f"{stem[:4]} {rng.choice(WORDS)} {word} {i:06d}"][: per_term - 1]
        others += [f"{stem} {word} {i:06d} v{k}" for k in range(per_term - 1 - len(others))]
        lines.append(f"  - name: {name}")
        if others:
            lines.append(f"    aliases: [{', '.join(others)}]")
    return "\n".join(lines) + "\n"


STEP = """
import resource, sys, time
from skillterms import Extractor, load_vocabulary
start = time.perf_counter()
vocab = load_vocabulary(sys.argv[1])
Extractor(vocab).extract("Python")  # loading is done when the first text can be read
loaded = time.perf_counter() - start
if sys.argv[2] == "lint":
    from skillterms.lint import lint
    start = time.perf_counter()
    problems = lint(vocab, {sys.argv[1]})
    print(f"{time.perf_counter() - start:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} "
          f"{len(problems)}")
else:
    print(f"{loaded:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} {len(vocab)}")
"""


def run_step(path: Path, step: str) -> tuple[float, int, int]:
    out = subprocess.run([sys.executable, "-c", STEP, str(path), step], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--aliases", type=int, default=100_000, help="surfaces to load (default 100,000)")
    ap.add_argument("--per-term", type=int, default=3, help="surfaces per term (default 3)")
    ap.add_argument("--lint", type=int, default=None, help="surfaces to lint (default: --aliases)")
    a = ap.parse_args(argv)
    print("| step | surfaces | seconds | peak RSS (MB) | result |")
    print("|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for step, size in (("load", a.aliases), ("lint", a.lint or a.aliases)):
            path = Path(tmp) / f"bench_{size}.yaml"
            if not path.exists():
                path.write_text(vocabulary_yaml(size, a.per_term), encoding="utf-8")
            seconds, rss, result = run_step(path, step)
            what = f"{result:,} terms" if step == "load" else f"{result:,} warnings"
            print(f"| {step} | {size:,} | {seconds:.2f} | {rss:,} | {what} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
