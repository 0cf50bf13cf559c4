"""How well `skillterms discover` finds terms the vocabulary lacks.

    python benchmarks/discover_recall.py [--remove 100] [--top 200] [--offset 0]

Takes every n-th built-in tool that at least 3 listings of ../shared/corpora name, from the
``--offset``-th on (``--remove`` of them; another offset is another sample, to see that a
change is no fit to one), disables them with a user vocabulary file, runs discover on the
corpora, and reports how many of the removed tools come back in the top 100 and the top 200
(a tool comes back when a candidate is spelled as its name or one of its aliases). Then,
with nothing removed, prints the top 50 to be read by a person.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import warnings

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import skillterms  # noqa: E402
from skillterms.discover import discover, variant_key  # noqa: E402


def load_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            try:
                text = json.loads(line).get("text")
            except (json.JSONDecodeError, AttributeError):
                continue
            if isinstance(text, str):
                texts.append(text)
    return texts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"))
    ap.add_argument("--remove", type=int, default=100)
    ap.add_argument("--top", type=int, default=200)
    ap.add_argument("--offset", type=int, default=0)
    a = ap.parse_args(argv)
    texts = load_texts(Path(a.corpora))
    if not texts:
        raise SystemExit(f"no listings under {a.corpora}")
    vocab = skillterms.default_vocabulary()
    counts = skillterms.count(texts)
    frequent = sorted(t.name for t in vocab if t.kind == "tool" and counts.count(t.name) >= 3)
    step = max(1, len(frequent) // a.remove)
    removed = frequent[a.offset::step][:a.remove]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "removed.yaml"
        path.write_text(yaml.safe_dump({"category": "removed", "kind": "tool", "terms": [
            {"name": name, "override": "disable"} for name in removed]}), encoding="utf-8")
        with warnings.catch_warnings():  # their children stay without a parent, as intended
            warnings.simplefilter("ignore")
            reduced = skillterms.load_vocabulary(path)
    started = time.perf_counter()
    found = discover(texts, vocab=reduced, top=a.top)
    seconds = time.perf_counter() - started
    rank = {}
    for i, d in enumerate(found):
        for spelling in (d.name, *d.variants):
            rank.setdefault(variant_key(spelling), i)
    back = {}
    for name in removed:
        places = [rank[k] for k in {variant_key(s) for s in vocab[name].surfaces} if k in rank]
        back[name] = min(places) if places else None
    in_100 = sum(1 for r in back.values() if r is not None and r < 100)
    in_top = sum(1 for r in back.values() if r is not None)
    print(f"{len(texts)} listings; {len(frequent)} tools in 3+ listings; {len(removed)} removed; "
          f"discover took {seconds:.1f} s")
    print(f"removed tools back in the top 100: {in_100}/{len(removed)} ({in_100 / len(removed):.0%}); "
          f"top {a.top}: {in_top}/{len(removed)} ({in_top / len(removed):.0%})")
    print("not found:", ", ".join(n for n, r in back.items() if r is None))
    top50 = discover(texts, top=50)
    print(f"\ntop 50 with nothing removed ({len(top50)} candidates; read them):")
    for d in top50:
        print(f"  {d.listings:4d} {d.evidence:4d}  {d.name}  [{d.category or '-'}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
