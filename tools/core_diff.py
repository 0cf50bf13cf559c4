"""Compares the compiled core's find_regions with the Python reference on real listings.

Every listing (field ``text``) of the given JSONL files (by default the shared corpora and
both dev sets) is normalized, its candidates' starts found as the extractor finds them, and
the regions of both implementations compared. Prints each difference (listing, first
differing region) and the number of differences; exits 1 if there are any. With --time,
also prints ms per MB of each implementation (medians of 3 runs), of find_regions alone and of
Extractor().extract with the resolver using each.

    python tools/core_diff.py [--time] [FILE.jsonl ...]
"""

from __future__ import annotations

import argparse
import glob
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from reference.regions import find_regions as reference_regions  # noqa: E402

from skillterms import Extractor  # noqa: E402
from skillterms.resolve import context  # noqa: E402
from skillterms.resolve.regions import find_regions  # noqa: E402
from skillterms.text.normalize import normalize  # noqa: E402
from skillterms.text.rulewords import rule_words  # noqa: E402

SHARED = "/work/shared"
DEFAULT = sorted(glob.glob(f"{SHARED}/corpora/*.jsonl")) + [
    f"{SHARED}/eval/dev_postings.jsonl", f"{SHARED}/eval/dev2_postings.jsonl"]


def listings(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str):
                        yield f"{Path(path).name}:{n}", text


def spans(regions):
    return [(r.start, r.end, r.kind, r.concepts_only) for r in regions]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", default=DEFAULT)
    ap.add_argument("--time", action="store_true", help="also time both implementations")
    args = ap.parse_args(argv)
    words, extractor = rule_words(), Extractor()
    cases = []
    for where, text in listings(args.files):
        clean = normalize(text)[0]
        cases.append((where, clean, frozenset(c.start for c in extractor.candidates(clean))))
    differences = 0
    for where, clean, starts in cases:
        ours, theirs = spans(find_regions(clean, words, starts)), spans(reference_regions(clean, words, starts))
        if ours != theirs:
            differences += 1
            first = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
            print(f"{where}: core {ours[first:first + 1]} != reference {theirs[first:first + 1]}")
    print(f"{len(cases)} listings compared, {differences} differences")
    if args.time:
        megabytes = sum(len(clean.encode("utf-8")) for _w, clean, _s in cases) / 1e6
        for name, fn in (("python reference", reference_regions), ("rust core", find_regions)):
            runs = []
            for _ in range(3):
                began = time.perf_counter()
                for _w, clean, starts in cases:
                    fn(clean, words, starts)
                runs.append(time.perf_counter() - began)
            print(f"find_regions, {name}: {statistics.median(runs) * 1000 / megabytes:.1f} ms/MB "
                  f"(median of 3 over {megabytes:.2f} MB)")
        raw = [text for _w, text in listings(args.files)]
        raw_megabytes = sum(len(text.encode("utf-8")) for text in raw) / 1e6
        for name, fn in (("python reference", reference_regions), ("rust core", find_regions)):
            context.find_regions = fn  # the resolver's one call of it
            runs = []
            for _ in range(3):
                began = time.perf_counter()
                for text in raw:
                    extractor.extract(text)
                runs.append(time.perf_counter() - began)
            print(f"Extractor().extract, regions by the {name}: {statistics.median(runs) * 1000 / raw_megabytes:.1f} "
                  f"ms/MB (median of 3 over {raw_megabytes:.2f} MB)")
        context.find_regions = find_regions
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
