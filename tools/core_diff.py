"""The compiled core against its Python oracles on real listings.

    python tools/core_diff.py [FILE.jsonl ...] [--sample N] [--time]

For every listing (field ``text``; by default the shared corpora and both dev sets):

* the regions (``find_regions`` of the core against ``tests/reference/regions.py``), on the
  normalized text with the starts of its candidates;
* the candidates, their decisions and the mentions of ``Extractor`` against an extractor
  whose finder is the Python oracle (``tests/reference/pieces.py``) and whose judging is the
  Python reference (``tests/reference/resolve.py``, with the regions, titles, evidence and
  overlap policy of ``regions.py``, ``titles.py``, ``evidence.py`` and ``overlap.py``), under
  the default, overlaps="all", fuzzy=False and context=False.

Prints the differences and exits 1 if there are any (CI runs it on a sample when ../shared is
there). With --time, also the ms per MB of each side, medians of 3 runs.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import skillterms  # noqa: E402
from reference.pieces import ReferenceFinder  # noqa: E402
from reference.regions import find_regions as reference_regions  # noqa: E402
from reference.resolve import python_judging as python_resolvers  # noqa: E402
from skillterms.resolve.regions import find_regions  # noqa: E402
from skillterms.text.normalize import normalize  # noqa: E402
from skillterms.text.rulewords import rule_words  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_FILES = sorted(glob.glob(str(SHARED / "corpora" / "*.jsonl"))) + \
    [str(SHARED / "eval" / f"{name}_postings.jsonl") for name in ("dev", "dev2")]
CONFIGS = {"default": {}, "overlaps=all": {"overlaps": "all"}, "fuzzy=False": {"fuzzy": False},
           "context=False": {"context": False}}


def listings(paths: list[str]) -> list[tuple[str, str]]:
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str):
                        out.append((f"{Path(path).name}:{n}", text))
    return out


def spans(regions) -> list[tuple]:
    return [(r.start, r.end, r.kind, r.concepts_only) for r in regions]


def decisions(extractor: skillterms.Extractor, clean: str) -> list[tuple]:
    return [(c.start, c.end, c.term.name if c.term else None, c.status, c.reason, c.note, c.glued, c.absorbed,
             c.case_variant) for c in extractor.candidates(clean)]


def oracle_of(options: dict) -> skillterms.Extractor:
    oracle = skillterms.Extractor(**options)
    oracle._finder = ReferenceFinder(oracle._compiled, typos=oracle.fuzzy)  # type: ignore[assignment]
    return oracle


def compare_regions(cases, words) -> int:
    extractor, found = skillterms.Extractor(), 0
    for where, text in cases:
        clean = normalize(text)[0]
        starts = frozenset(c.start for c in extractor.candidates(clean))
        ours, theirs = spans(find_regions(clean, words, starts)), spans(reference_regions(clean, words, starts))
        if ours != theirs:
            found += 1
            if found <= 3:
                first = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
                print(f"  {where}: core {ours[first:first + 1]} != reference {theirs[first:first + 1]}")
    print(f"regions: {len(cases)} listings, {found} differ")
    return found


def compare_extraction(cases) -> int:
    differences = 0
    for name, options in CONFIGS.items():
        core, oracle, found = skillterms.Extractor(**options), oracle_of(options), 0
        for where, text in cases:
            clean = normalize(text)[0]
            mentions, decided = core.extract(text), decisions(core, clean)
            with python_resolvers():
                same = oracle.extract(text) == mentions and decisions(oracle, clean) == decided
            if not same:
                found += 1
                if found <= 3:
                    print(f"  {name}: {where} differs")
        print(f"extraction, {name}: {len(cases)} listings, {found} differ")
        differences += found
    return differences


def timings(cases, words) -> None:
    texts = [text for _where, text in cases]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    cleans = [normalize(t)[0] for t in texts]
    core, oracle = skillterms.Extractor(), oracle_of({})

    def per_mb(run) -> float:
        rounds = []
        for _ in range(3):
            began = time.perf_counter()
            run()
            rounds.append(time.perf_counter() - began)
        return statistics.median(rounds) * 1000 / megabytes

    def python_extract():
        with python_resolvers():
            for t in texts:
                oracle.extract(t)

    rows = [("find_regions", lambda: [find_regions(c, words) for c in cleans],
             lambda: [reference_regions(c, words) for c in cleans]),
            ("candidates", lambda: [core._finder.scan(c) for c in cleans], lambda: [oracle._finder.scan(c) for c in cleans]),
            ("Extractor().extract", lambda: [core.extract(t) for t in texts], python_extract)]
    print(f"| step ({megabytes:.1f} MB) | core (ms/MB) | Python oracle (ms/MB) |")
    print("|---|---:|---:|")
    for label, ours, theirs in rows:
        print(f"| {label} | {per_mb(ours):.0f} | {per_mb(theirs):.0f} |")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--sample", type=int, help="compare this many listings, drawn at random (seed 0)")
    ap.add_argument("--time", action="store_true", help="also time the core and the Python oracles")
    a = ap.parse_args(argv)
    cases = listings([f for f in a.files if Path(f).exists()])
    if not cases:
        print("core_diff: no listings found", file=sys.stderr)
        return 2
    if a.sample and a.sample < len(cases):
        cases = random.Random(0).sample(cases, a.sample)
    words = rule_words()
    differences = compare_regions(cases, words) + compare_extraction(cases)
    if a.time:
        timings(cases, words)
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
