"""The figures the docs quote, from one generated place: ``docs/figures.json``.

usage: python tools/doc_figures.py [--check]

A doc quotes a figure as ``<!-- fig:NAME -->VALUE<!-- /fig -->`` (VALUE may span lines, as a
table does). This tool measures the figures, writes them to ``docs/figures.json`` and rewrites
every quoted VALUE in README.md and docs/*.md from it:

- ``vocab.*``: counted in the built-in vocabulary, always;
- ``dev.*``, ``dev2.*``: scored by ``../shared/eval/score.py`` on the two dev gold sets when
  ``../shared`` exists; without it the recorded figures are kept.

``--check`` changes nothing and exits 1 when figures.json or a doc is out of date (and names
what differs), so a figure cannot drift from what the code measures.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures.json"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHARED = ROOT.parent / "shared" / "eval"
QUOTE = re.compile(r"<!-- fig:(?P<name>[\w.]+) -->(?P<value>.*?)<!-- /fig -->", re.S)

# What each category holds, for the vocabulary table (the counts are measured).
CATEGORY_NOTES = {
    "ml-concepts": "ML/AI methods, LLM practice, statistics, math",
    "engineering": "software, infrastructure, performance, security practices",
    "cloud": "AWS, Azure, Google Cloud, others and their services",
    "ai": "LLMs and model products, agents, serving, evaluation, vector DBs",
    "web": "frontend, backend, ORMs, GUI toolkits, browsers, blockchain tooling",
    "ml": "ML, DL, NLP, CV, MLOps, labelling libraries and tools",
    "devops": "containers, IaC, CI/CD, packaging, build, VCS, observability",
    "enterprise": "office, ERP/CRM, RPA, integration middleware, LIMS, payments",
    "data": "engineering, streaming, orchestration, lakehouse, data quality",
    "embedded": "GPU, HPC, RTOS, MCUs, buses, functional safety",
    "databases": "RDBMS, NoSQL, warehouses, search, drivers",
    "analytics": "BI, notebooks, statistics packages, product analytics",
    "data-concepts": "data practices and analytics",
    "graphics": "game engines, graphics APIs, media, 3D, CAD, GIS, design",
    "networking": "protocols, API styles, vendors, storage, streaming",
    "security": "tools, scanners, standards, regulations",
    "robotics": "ROS, simulators, autonomy stacks, SLAM, sensors, robot platforms",
    "devtools": "IDEs, trackers, CLI tools, compilers, dev environments",
    "robotics-concepts": "autonomy, estimation, planning, control, sensing",
    "formats": "data and media formats, interface specs",
}
SCORES = ("precision", "precision_tool", "precision_concept", "recall", "recall_tool", "recall_concept", "f1")


def vocabulary_figures() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "src"))
    import skillterms

    vocab = skillterms.default_vocabulary()
    terms = list(vocab)
    kinds = Counter(t.kind for t in terms)
    by_category: dict[str, Counter] = {}
    for t in terms:
        by_category.setdefault(t.category, Counter())[t.kind] += 1
    rows = ["| category | tools | concepts | terms |", "| --- | ---: | ---: | ---: |"]
    for category, n in sorted(by_category.items(), key=lambda cn: (-sum(cn[1].values()), cn[0])):
        note = f" ({CATEGORY_NOTES[category]})" if category in CATEGORY_NOTES else ""
        rows.append(f"| {category}{note} | {n['tool']} | {n['concept']} | {sum(n.values())} |")
    return {
        "vocab.terms": f"{len(terms):,}",
        "vocab.tools": f"{kinds['tool']:,}",
        "vocab.concepts": f"{kinds['concept']:,}",
        "vocab.surfaces": f"{sum(len(t.surfaces) for t in terms):,}",
        "vocab.files": str(len({t.source.rsplit(':', 1)[0] for t in terms})),
        "vocab.ambiguous_terms": f"{sum(1 for t in terms if t.ambiguous):,}",
        "vocab.ambiguous_surfaces": f"{sum(len(t.ambiguous) for t in terms):,}",
        "vocab.broad_terms": f"{sum(1 for t in terms if t.broad):,}",
        "vocab.broad_surfaces": f"{sum(len(t.broad) for t in terms):,}",
        "vocab.category_table": "\n" + "\n".join(rows) + "\n",
    }


def accuracy_figures() -> dict[str, str]:
    """The dev and dev2 scores, or nothing when the shared evaluation data is absent."""
    if not (SHARED / "score.py").is_file():
        return {}
    figures = {}
    for name in ("dev", "dev2"):
        out = subprocess.run([sys.executable, str(SHARED / "score.py"), str(SHARED / f"{name}_postings.jsonl"),
                              str(SHARED / f"{name}_gold.jsonl"), "--json"],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        result = json.loads(out.stdout)
        figures[f"{name}.postings"] = str(result["postings"])
        for key in SCORES:
            figures[f"{name}.{key}"] = f"{result[key]:.3f}"
        figures[f"{name}.share_mae_top20_pp"] = f"{result['share_mae_top20_pp']:.2f}"
    return figures


def measure(recorded: dict[str, str]) -> dict[str, str]:
    figures = dict(recorded)
    figures.update(vocabulary_figures())
    figures.update(accuracy_figures())
    return dict(sorted(figures.items()))


def rewrite(text: str, figures: dict[str, str], where: str) -> str:
    def value(m: re.Match) -> str:
        name = m.group("name")
        if name not in figures:
            raise SystemExit(f"{where}: quotes the figure {name!r}, which docs/figures.json does not have")
        return f"<!-- fig:{name} -->{figures[name]}<!-- /fig -->"

    return QUOTE.sub(value, text)


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    recorded = json.loads(FIGURES.read_text(encoding="utf-8")) if FIGURES.exists() else {}
    figures = measure(recorded)
    stale = [f"docs/figures.json: {k} is {recorded.get(k)!r}, measured {v!r}" for k, v in figures.items()
             if recorded.get(k) != v]
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        new = rewrite(text, figures, path.name)
        if new != text:
            stale.append(f"{path.relative_to(ROOT)}: quotes figures that are not the measured ones")
            if not check:
                path.write_text(new, encoding="utf-8")
    if not check:
        FIGURES.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    for line in stale:
        print(line)
    return 1 if check and stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
