"""extract and explain: the commands that read one text."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import UsageError
from ..extract import Extractor
from ..text.normalize import normalize
from ..text.tokenize import tokens
from .output import print_table

__all__ = ["run_extract", "run_explain"]


def _text(args) -> str:
    if args.text == "-":
        return sys.stdin.read()
    if len(args.text) < 4096 and "\n" not in args.text and Path(args.text).is_file():
        raise UsageError(f"{args.text!r} is a file: `skillterms tag {args.text}` gives the terms of each listing "
                         f"in it; `skillterms {args.command} - < {args.text}` reads it as one text")
    return args.text


def run_extract(args, extractor: Extractor) -> int:
    text = _text(args)
    mentions = extractor.extract(text)
    if args.json:
        for m in mentions:
            print(json.dumps(m.to_dict(), ensure_ascii=False))
        return 0
    rows = [(m.term, m.category, f"{m.start}-{m.end}", m.text) for m in mentions]
    print_table(("term", "category", "span", "text"), rows)
    return 0


def run_explain(args, extractor: Extractor) -> int:
    text = _text(args)
    clean, _ = normalize(text)
    print("tokens: " + " ".join(t.text for t in tokens(clean)))
    rows = []
    for c in sorted(extractor.candidates(clean), key=lambda c: (c.start, -c.end)):
        term = c.entry.term.name if c.entry.term is not None else "(not_terms)"
        rows.append((c.status, term, f"{c.start}-{c.end}", repr(text[c.start:c.end]), c.reason))
    print_table(("decision", "term", "span", "text", "why"), rows)
    return 0
