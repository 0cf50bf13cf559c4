"""Error analysis on the shared dev gold: per-surface true/false positives and misses.

usage: python tools/dev_analysis.py [--shared ../shared] [--top 40] [--term NAME]

Reads ../shared/eval (never copied into the project). A prediction is right when it is
compatible with a gold term of its posting, by the same rule as score.py.
"""

import argparse
import importlib.util
import json
from collections import Counter, defaultdict
from pathlib import Path

import skillterms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--term", help="show every prediction and gold entry of this term")
    a = ap.parse_args()
    ev = Path(a.shared) / "eval"
    spec = importlib.util.spec_from_file_location("score", ev / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    postings = [json.loads(l) for l in open(ev / "dev_postings.jsonl")]
    gold = {g["id"]: g for g in map(json.loads, open(ev / "dev_gold.jsonl"))}
    tp, fp = Counter(), Counter()
    fp_examples = defaultdict(list)
    missed = Counter()
    for doc in postings:
        g_terms = gold[doc["id"]]["terms"]
        pred = defaultdict(set)
        spans = defaultdict(list)
        for m in skillterms.extract(doc["text"]):
            pred[m.term].add(m.text)
            spans[m.term].append(m)
        hit = set()
        for name, surfaces in pred.items():
            hits = [i for i, g in enumerate(g_terms) if score.compatible(name, surfaces, g)]
            key = f"{name} <- {'|'.join(sorted(surfaces))}"
            if hits:
                hit.update(hits)
                tp[name] += 1
            else:
                fp[name] += 1
                m = spans[name][0]
                fp_examples[name].append(doc["text"][max(0, m.start - 50):m.end + 50].replace("\n", " "))
            if a.term and name == a.term:
                print("PRED", doc["id"], "OK" if hits else "FP", sorted(surfaces))
        for i, g in enumerate(g_terms):
            if i not in hit:
                missed[f"{g['name']} ({g['kind']}) {g['surfaces']}"] += 1
            if a.term and g["name"] == a.term:
                print("GOLD", doc["id"], "found" if i in hit else "MISSED", g["surfaces"])
    if a.term:
        return
    print("== false positives by term (fp/tp)")
    for name, n in fp.most_common(a.top):
        print(f"{n:3d}/{tp[name]:<3d} {name}: {fp_examples[name][0][:140]!r}")
    print("== misses")
    for item, n in missed.most_common(a.top):
        print(f"{n:3d} {item}")


if __name__ == "__main__":
    main()
