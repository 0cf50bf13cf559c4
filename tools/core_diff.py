"""The compiled core against its Python oracle on real listings: candidates, their decisions
and the mentions, under the default, overlaps="all", fuzzy=False and context=False.

    python tools/core_diff.py [FILE.jsonl ...] [--sample N]

Without FILEs it reads ../shared/corpora/*.jsonl and both dev sets. Prints the differences
and exits 1 if there are any (CI runs it on a sample when ../shared is there).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import skillterms  # noqa: E402
from reference.pieces import ReferenceFinder  # noqa: E402
from skillterms.text.normalize import normalize  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_FILES = sorted(glob.glob(str(SHARED / "corpora" / "*.jsonl"))) + \
    [str(SHARED / "eval" / f"{name}_postings.jsonl") for name in ("dev", "dev2")]
CONFIGS = {"default": {}, "overlaps=all": {"overlaps": "all"}, "fuzzy=False": {"fuzzy": False},
           "context=False": {"context": False}}


def texts_of(files: list[str]) -> list[str]:
    out = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            out += [t for t in (json.loads(line).get("text") for line in f if line.strip()) if isinstance(t, str)]
    return out


def decisions(extractor: skillterms.Extractor, text: str) -> list[tuple]:
    return [(c.start, c.end, c.term.name if c.term else None, c.status, c.reason, c.note, c.glued, c.absorbed,
             c.case_variant) for c in extractor.candidates(normalize(text)[0])]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--sample", type=int, help="compare this many listings, drawn at random (seed 0)")
    a = ap.parse_args(argv)
    texts = texts_of([f for f in a.files if Path(f).exists()])
    if not texts:
        print("core_diff: no listings found", file=sys.stderr)
        return 2
    if a.sample and a.sample < len(texts):
        texts = random.Random(0).sample(texts, a.sample)
    differences = 0
    for name, options in CONFIGS.items():
        core = skillterms.Extractor(**options)
        oracle = skillterms.Extractor(**options)
        oracle._finder = ReferenceFinder(oracle._compiled, typos=oracle.fuzzy)  # type: ignore[assignment]
        found = 0
        for text in texts:
            if core.extract(text) != oracle.extract(text) or decisions(core, text) != decisions(oracle, text):
                found += 1
                if found <= 3:
                    print(f"  {name}: differs on {text[:80]!r}")
        print(f"{name}: {len(texts)} listings, {found} differ")
        differences += found
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
