"""Error analysis on the shared dev gold: every false positive and miss, with its context.

usage: python tools/dev_analysis.py [--set dev|dev2] [--shared ../shared] [--top 40] [--term NAME] [--all]

Reads ../shared/eval (never copied into the project). A prediction is right when it is
compatible with a gold term of its posting, by the same rule as score.py. ``--all`` lists
every error with the text around it (for reading, not for committing).
"""

import argparse
import importlib.util
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import skillterms


def _around(text: str, start: int, end: int, width: int = 60) -> str:
    return (text[max(0, start - width):start] + "[[" + text[start:end] + "]]" + text[end:end + width]).replace("\n", " / ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--set", default="dev", choices=["dev", "dev2"])
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--term", help="show every prediction and gold entry of this term")
    ap.add_argument("--all", action="store_true", help="every error, with context")
    a = ap.parse_args()
    ev = Path(a.shared) / "eval"
    spec = importlib.util.spec_from_file_location("score", ev / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    postings = [json.loads(l) for l in open(ev / f"{a.set}_postings.jsonl")]
    gold = {g["id"]: g for g in map(json.loads, open(ev / f"{a.set}_gold.jsonl"))}
    postings = [p for p in postings if p["id"] in gold]
    tp, fp = Counter(), Counter()
    fp_examples = defaultdict(list)
    missed = Counter()
    for doc in postings:
        text = doc["text"]
        g_terms = gold[doc["id"]]["terms"]
        pred = defaultdict(set)
        spans = defaultdict(list)
        for m in skillterms.extract(text):
            pred[m.term].add(m.text)
            spans[m.term].append(m)
        hit = set()
        for name, surfaces in pred.items():
            hits = [i for i, g in enumerate(g_terms) if score.compatible(name, surfaces, g)]
            if hits:
                hit.update(hits)
                tp[name] += 1
            else:
                fp[name] += 1
                m = spans[name][0]
                fp_examples[name].append(_around(text, m.start, m.end))
                if a.all:
                    print(f"FP {doc['id']} {name} ({m.kind}): {_around(text, m.start, m.end)}")
            if a.term and name == a.term:
                print("PRED", doc["id"], "OK" if hits else "FP", sorted(surfaces))
        for i, g in enumerate(g_terms):
            if i not in hit:
                missed[f"{g['name']} ({g['kind']}) {g['surfaces']}"] += 1
                if a.all:
                    s = g["surfaces"][0]
                    at = re.search(re.escape(s), text)
                    where = _around(text, at.start(), at.end()) if at else "(surface not in text)"
                    print(f"MISS {doc['id']} {g['name']} ({g['kind']}) {g['surfaces']}: {where}")
            if a.term and g["name"] == a.term:
                print("GOLD", doc["id"], "found" if i in hit else "MISSED", g["surfaces"])
    if a.term or a.all:
        return
    print("== false positives by term (fp/tp)")
    for name, n in fp.most_common(a.top):
        print(f"{n:3d}/{tp[name]:<3d} {name}: {fp_examples[name][0][:160]!r}")
    print("== misses")
    for item, n in missed.most_common(a.top):
        print(f"{n:3d} {item}")


if __name__ == "__main__":
    main()
