"""The measured effect of each context and region rule on both dev sets.

usage: python tools/rule_effects.py [--shared ../shared] [--markdown]

Each rule is switched off in turn (here, by patching this process only: the library has no
switch for each rule) and both dev sets are scored by ../shared/eval/score.py. The table
gives the change each rule makes: precision, concept precision and recall with the rule
against without it. Reads ../shared/eval (never copied into the project).
"""

import argparse
import importlib.util
import json
from contextlib import contextmanager
from pathlib import Path

import skillterms
from skillterms.resolve import context, regions
extract_module = importlib.import_module("skillterms.extract")  # the package exports a function of that name
from skillterms.extract import _default_extractor

KEYS = ("precision", "precision_concept", "recall")


def _none(*_args, **_kwargs):
    return []


@contextmanager
def patched(module, name, value):
    old = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, old)


@contextmanager
def broad_everywhere():
    ex = _default_extractor()
    ex.broad = True
    try:
        yield
    finally:
        ex.broad = False


@contextmanager
def no_case_forms():
    original = skillterms.find.tables.Entry.case_variant
    skillterms.find.tables.Entry.case_variant = lambda self, written: False
    try:
        yield
    finally:
        skillterms.find.tables.Entry.case_variant = original


def _rules():
    return [
        ("header line (employer field, role fields)", lambda: patched(regions, "_header", _none)),
        ("title label lines (Role:, Job Category)", lambda: patched(regions, "_title_lines", _none)),
        ("lists of team names ('teams (X, Y)')", lambda: patched(regions, "_team_lists", _none)),
        ("about / benefits / legal sections", lambda: patched(regions, "_sections", lambda *a: [])),
        ("company description runs and legal sentences", lambda: patched(regions, "_sentences", lambda *a: [])),
        ("employer, customer and investor mentions", lambda: patched(regions, "_mentions", lambda *a: [])),
        ("employer name ('At X, we', 'X is seeking')", lambda: patched(regions, "_employer_names", lambda *a: [])),
        ("job titles and team names (concepts)", lambda: patched(context.ContextRules, "_titled",
                                                                 lambda self, chosen, text: set())),
        ("broad concepts only where asked for", broad_everywhere),
        ("list evidence", lambda: patched(context.ContextRules, "_lists", lambda self, *a: None)),
        ("case forms of exact-case surfaces in lists", no_case_forms),
        ("elided terms ('unit/integration tests')", lambda: patched(extract_module, "elided_candidates",
                                                                     lambda *a: [])),
        ("camel-case names read whole ('AirFlow')", lambda: patched(skillterms.find.tables, "_glued_tail",
                                                                     lambda *a: None)),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(Path(__file__).resolve().parents[1] / ".." / "shared"))
    ap.add_argument("--markdown", action="store_true")
    a = ap.parse_args()
    ev = Path(a.shared) / "eval"
    spec = importlib.util.spec_from_file_location("score", ev / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    sets = {}
    for name in ("dev", "dev2"):
        gold = {g["id"]: g for g in map(json.loads, open(ev / f"{name}_gold.jsonl"))}
        postings = [p for p in map(json.loads, open(ev / f"{name}_postings.jsonl")) if p["id"] in gold]
        sets[name] = (postings, gold)

    def measure():
        predict = score.predict_skillterms()
        return {name: score.score(p, g, predict) for name, (p, g) in sets.items()}

    base = measure()
    rows = []
    for label, switch in _rules():
        with switch():
            off = measure()
        rows.append((label, {n: {k: base[n][k] - off[n][k] for k in KEYS} for n in sets}))
    head = ["rule"] + [f"{n} {k.replace('precision_concept', 'concept P').replace('precision', 'P').replace('recall', 'R')}"
                       for n in sets for k in KEYS]
    if a.markdown:
        print("| " + " | ".join(head) + " |")
        print("|---" + "|---:" * (len(head) - 1) + "|")
    print(("| " if a.markdown else "") + ("all rules on: " + "  ".join(
        f"{n} P {base[n]['precision']:.3f} concept P {base[n]['precision_concept']:.3f} R {base[n]['recall']:.3f}"
        for n in sets)) + (" |" if a.markdown else ""))
    for label, delta in rows:
        cells = [f"{delta[n][k] * 100:+.1f}" for n in sets for k in KEYS]
        print("| " + " | ".join([label] + cells) + " |" if a.markdown else f"{label:50s} " + " ".join(f"{c:>7s}" for c in cells))


if __name__ == "__main__":
    main()
