"""extract and explain: the commands that read one text."""

from __future__ import annotations

import json
import sys

from ..extract import Extractor
from ..normalize import normalize
from ..tokenize import tokens
from .output import print_table

__all__ = ["run_extract", "run_explain"]


def run_extract(args, extractor: Extractor) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    mentions = extractor.extract(text)
    if args.json:
        for m in mentions:
            print(json.dumps({"term": m.term, "category": m.category, "kind": m.kind, "start": m.start,
                              "end": m.end, "text": m.text}, ensure_ascii=False))
        return 0
    rows = [(m.term, m.category, f"{m.start}-{m.end}", m.text) for m in mentions]
    print_table(("term", "category", "span", "text"), rows)
    return 0


def run_explain(args, extractor: Extractor) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    clean, _ = normalize(text)
    print("tokens: " + " ".join(t.text for t in tokens(clean)))
    rows = []
    for c in sorted(extractor.candidates(clean), key=lambda c: (c.start, -c.end)):
        term = c.entry.term.name if c.entry.term is not None else "(not_terms)"
        rows.append((c.status, term, f"{c.start}-{c.end}", repr(text[c.start:c.end]), c.reason))
    print_table(("decision", "term", "span", "text", "why"), rows)
    return 0
