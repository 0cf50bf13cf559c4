"""skillterms against its peers on the same listings and the same aliases.

    python benchmarks/compare.py [FILE.jsonl ...] [--runs 3] [--budget 60] [--repeat 1] [--markdown]

Every system gets every surface of the built-in vocabulary. A run is one round: each
system in turn, in a process of its own (so its peak memory is its own), reads the
listings once untimed (caches fill as they do on a long corpus; at most 10 s), then once
timed, in order until they end or the time budget is spent; MB/s is measured over what
it read. The machine is shared and its speed drifts, so each system's speed is compared
with skillterms' in the same round, and the table gives the medians over the rounds.
Without FILEs it reads ../shared/corpora/*.jsonl (listings without a ``text`` field are
skipped). ``--repeat N`` times a read of the listings N times over (the warm-up reads them
once): a pool of processes costs the same to start on any corpus, so how two processes
scale shows on a long one.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = sorted(glob.glob(str(HERE.parent.parent / "shared" / "corpora" / "*.jsonl")))
WARM_UP = 10.0  # seconds
SYSTEMS = ["skillterms", "skillterms-2proc", "flashtext", "flashtext2", "spacy", "ahocorasick_rs", "regex", "article"]


def load_texts(files: list[str], field: str) -> list[str]:
    texts = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            for line in f:
                value = json.loads(line).get(field)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def surfaces() -> list[tuple[str, str]]:
    import skillterms

    return [(s, t.name) for t in skillterms.default_vocabulary() for s in t.surfaces]


def build(system: str):
    """A function text -> found items, built outside the timed part."""
    if system == "skillterms":
        import skillterms

        extractor = skillterms.Extractor()
        return extractor.extract
    if system == "flashtext":
        from flashtext import KeywordProcessor

        kp = KeywordProcessor()
        for surface, name in surfaces():
            kp.add_keyword(surface, name)
        return kp.extract_keywords
    if system == "flashtext2":
        from flashtext2 import KeywordProcessor

        kp = KeywordProcessor(case_sensitive=False)
        for surface, name in surfaces():
            kp.add_keyword(surface, name)
        return kp.extract_keywords
    if system == "spacy":
        import spacy
        from spacy.matcher import PhraseMatcher

        nlp = spacy.blank("en")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        pairs = surfaces()
        for (surface, name), doc in zip(pairs, nlp.tokenizer.pipe(s for s, _ in pairs)):
            matcher.add(name, [doc])
        return lambda text: matcher(nlp.make_doc(text))
    if system == "ahocorasick_rs":  # bare: one automaton of every lowercased alias, no word boundaries
        import ahocorasick_rs

        automaton = ahocorasick_rs.AhoCorasick(sorted({s.lower() for s, _ in surfaces()}),
                                               matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        return lambda text: automaton.find_matches_as_indexes(text.lower())
    if system == "regex":
        alternatives = sorted({s for s, _ in surfaces()}, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, alternatives)) + r")(?!\w)", re.IGNORECASE)
        return pattern.findall
    if system == "article":  # the 2020 article's method: one case-insensitive search per term
        import skillterms

        searches = [(t.name, re.compile(r"(?<![A-Za-z0-9])" + re.escape(t.name) + r"(?![A-Za-z0-9+#])", re.I))
                    for t in skillterms.default_vocabulary()]
        return lambda text: [name for name, p in searches if p.search(text)]
    raise SystemExit(f"unknown system {system!r}; choose from {', '.join(SYSTEMS)}")


def _read(fn, texts: list[str], budget: float) -> tuple[int, float]:
    """Listings read and seconds taken, stopping once ``budget`` seconds have passed."""
    start = time.perf_counter()
    deadline = start + budget
    done = 0
    for text in texts:
        fn(text)
        done += 1
        if done % 50 == 0 and time.perf_counter() > deadline:
            break
    return done, time.perf_counter() - start


def _pipe(extractor, texts: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    done = sum(1 for _mentions in extractor.pipe(texts, n_process=2))
    return done, time.perf_counter() - start


def worker(system: str, files: list[str], field: str, budget: float, repeat: int = 1) -> dict:
    once = load_texts(files, field)
    texts = once * repeat
    sizes = [len(t.encode("utf-8")) for t in once] * repeat
    parallel = system.endswith("-2proc")
    fn = build(system.removesuffix("-2proc"))
    # Untimed, then timed. The untimed read stops after WARM_UP seconds: a system too slow to
    # read the listings in that time has no cache to fill.
    for corpus, limit in ((once, min(budget, WARM_UP)), (texts, budget)):
        done, elapsed = _pipe(fn.__self__, corpus) if parallel else _read(fn, corpus, limit)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"system": system, "mb_s": sum(sizes[:done]) / 1e6 / elapsed, "listings_s": done / elapsed,
            "listings": done, "peak_rss_mb": peak_mb}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*", default=DEFAULT_FILES)
    ap.add_argument("--field", default="text")
    ap.add_argument("--runs", type=int, default=3, help="rounds: every system once per round")
    ap.add_argument("--budget", type=float, default=60.0, help="seconds per timed read at most")
    ap.add_argument("--systems", default=",".join(SYSTEMS))
    ap.add_argument("--repeat", type=int, default=1, help="time a read of the listings this many times over")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if not a.files:
        raise SystemExit("no listing files given and ../shared/corpora not found")
    if a.repeat < 1:
        raise SystemExit(f"--repeat must be at least 1, not {a.repeat}")
    if a.worker:
        print(json.dumps(worker(a.worker, a.files, a.field, a.budget, a.repeat)))
        return 0
    once = load_texts(a.files, a.field)
    total_mb = sum(len(t.encode("utf-8")) for t in once) / 1e6 * a.repeat
    systems = a.systems.split(",")
    print(f"{len(once) * a.repeat} listings, {total_mb:.1f} MB, {len(surfaces())} aliases, {a.runs} rounds, "
          f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs", file=sys.stderr)
    rounds: list[dict[str, dict]] = []
    for number in range(1, a.runs + 1):
        results = {}
        for system in systems:
            cmd = [sys.executable, __file__, "--worker", system, "--budget", str(a.budget),
                   "--repeat", str(a.repeat), "--field", a.field, *a.files]
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode != 0:
                print(f"{system}: failed: {out.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
                continue
            results[system] = json.loads(out.stdout)
        rounds.append(results)
        print(f"  round {number} done", file=sys.stderr)
    header = ("system", "MB/s", "listings/s", "peak RSS (MB)", "listings read", "speed vs skillterms")
    table = []
    for system in systems:
        runs = [r[system] for r in rounds if system in r]
        if not runs:
            continue
        ratios = [r[system]["mb_s"] / r["skillterms"]["mb_s"] for r in rounds if system in r and "skillterms" in r]
        table.append((system, f"{statistics.median(x['mb_s'] for x in runs):.2f}",
                      f"{statistics.median(x['listings_s'] for x in runs):,.0f}",
                      f"{max(x['peak_rss_mb'] for x in runs):.0f}", f"{min(x['listings'] for x in runs):,}",
                      f"{statistics.median(ratios):.2f}x" if ratios else "-"))
    if a.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in table:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(h), *(len(r[i]) for r in table)) for i, h in enumerate(header)]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        for r in table:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
