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
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import skillterms  # noqa: E402
from reference import evidence as reference_evidence  # noqa: E402
from reference import pieces as reference_pieces  # noqa: E402
from reference import regions as reference_regions  # noqa: E402
from reference import resolve as reference_resolve  # noqa: E402
extract_module = importlib.import_module("skillterms.extract")  # the package exports a function of that name
from skillterms.extract import _default_extractor  # noqa: E402

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
def patched_oracle(reference, name, value):
    """One rule of the judging the compiled core does in one call switched off: its Python
    oracle (tests/reference/resolve.py, which asks the oracles of the regions, titles and
    evidence) stands in for the core meanwhile, with that rule of ``reference`` patched."""
    with ExitStack() as stack:
        stack.enter_context(reference_resolve.python_judging())
        stack.enter_context(patched(reference, name, value))
        yield


@contextmanager
def broad_everywhere():
    ex = _default_extractor()
    ex.broad = True
    try:
        yield
    finally:
        ex.broad = False


@contextmanager
def reference_finder():
    """The Python oracle of the compiled finder (tests/reference/pieces.py) finding the
    candidates, so that a rule of the finder can be switched off in it."""
    ex = _default_extractor()
    core = ex._finder
    ex._finder = reference_pieces.ReferenceFinder(ex._compiled, typos=ex.fuzzy)
    try:
        with reference_resolve.judging_rows():
            yield
    finally:
        ex._finder = core


@contextmanager
def no_case_forms():
    with reference_finder(), patched(skillterms.find.tables.Entry, "case_variant", lambda self, written: False):
        yield


@contextmanager
def no_elided_words():
    with reference_finder(), patched(reference_pieces, "elided_candidates", lambda *a: []):
        yield


@contextmanager
def no_camel_case_names():
    with reference_finder(), patched(reference_pieces, "_glued_tail", lambda *a: None):
        yield


def _rules():
    return [
        ("header line (employer field, role fields)", lambda: patched_oracle(reference_regions, "_header", _none)),
        ("title label lines (Role:, Job Category)", lambda: patched_oracle(reference_regions, "_title_lines", _none)),
        ("lists of team names ('teams (X, Y)')", lambda: patched_oracle(reference_regions, "_team_lists", _none)),
        ("about / benefits / legal sections", lambda: patched_oracle(reference_regions, "_sections", lambda *a: [])),
        ("company description runs and legal sentences", lambda: patched_oracle(reference_regions, "_sentences", lambda *a: [])),
        ("employer, customer and investor mentions", lambda: patched_oracle(reference_regions, "_mentions", lambda *a: [])),
        ("employer name ('At X, we', 'X is seeking')", lambda: patched_oracle(reference_regions, "_employer_names", lambda *a: [])),
        ("job titles and team names (concepts)", lambda: patched_oracle(reference_resolve, "_titled",
                                                                        lambda rules, chosen, text: set())),
        ("broad concepts only where asked for", broad_everywhere),
        ("list evidence", lambda: patched_oracle(reference_evidence, "_lists", lambda *a: None)),
        ("case forms of exact-case surfaces in lists", no_case_forms),
        ("elided terms ('unit/integration tests')", no_elided_words),
        ("camel-case names read whole ('AirFlow')", no_camel_case_names),
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
