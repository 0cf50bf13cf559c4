"""The ``skillterms`` command. ``main(argv)`` returns the exit code.

Exit codes: 0 ok; 1 errors in the data or the vocabulary (bad records are reported and
skipped, so the counts printed are still those of every good record); 2 usage errors.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from typing import Sequence

from . import __version__
from .corpus import FORMATS, read_corpus
from .errors import CorpusError, SkilltermsError, VocabularyError
from .extract import OVERLAP_POLICIES, Extractor
from .lint import lint
from .normalize import normalize
from .tokenize import tokens
from .vocab import check_files, load_vocabulary, read_vocabulary_files

__all__ = ["main"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skillterms", description="Find canonical tech terms in job listings "
                                     "and count the share of listings that mention each.")
    parser.add_argument("--version", action="version", version=f"skillterms {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def vocab_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--vocab", action="append", default=[], metavar="PATH",
                       help="a vocabulary file or folder applied over the built-in one (repeatable)")
        p.add_argument("--no-builtin", action="store_true", help="use only the --vocab files")

    p = sub.add_parser("extract", help="print the terms found in one text")
    p.add_argument("text", nargs="?", default="-", help="the text, or - (default) to read stdin")
    p.add_argument("--json", action="store_true", help="one JSON object per mention")
    p.add_argument("--overlaps", choices=OVERLAP_POLICIES, default="longest")
    vocab_options(p)

    p = sub.add_parser("explain", help="show tokens, candidate matches and why each was kept or rejected")
    p.add_argument("text", nargs="?", default="-", help="the text, or - (default) to read stdin")
    p.add_argument("--overlaps", choices=OVERLAP_POLICIES, default="longest")
    vocab_options(p)

    p = sub.add_parser("count", help="share of listings that mention each term")
    p.add_argument("files", nargs="+", metavar="FILE", help="listing files or folders; - for stdin")
    p.add_argument("--field", default="text", help="JSON field holding the text (dotted paths allowed)")
    p.add_argument("--column", help="CSV/TSV column holding the text (default: --field)")
    p.add_argument("--lines", action="store_true", help="each line of a .txt file is one listing")
    p.add_argument("--input-format", choices=FORMATS, help="override the format taken from the suffix")
    p.add_argument("--top", type=int, default=None, metavar="N", help="only the N most common terms")
    p.add_argument("--category", help="only terms of this category")
    p.add_argument("--kind", choices=("tool", "concept"), help="only tools or only concepts")
    p.add_argument("--min-share", type=float, default=0.0, metavar="F", help="only terms with share >= F (0..1)")
    p.add_argument("--rollup", action="store_true", help="count a listing for a term's parents too")
    p.add_argument("--format", choices=("table", "csv", "json", "markdown"), default="table")
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="processes to use (-1: one per CPU)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record")
    p.add_argument("--quiet", action="store_true", help="no progress or bad-record messages on stderr")
    vocab_options(p)

    p = sub.add_parser("vocab", help="check, list and show vocabulary terms")
    vsub = p.add_subparsers(dest="vocab_command", required=True, metavar="ACTION")
    q = vsub.add_parser("check", help="validate vocabulary files over the built-in ones (a file named like a "
                        "built-in file stands in for it); exit 1 on errors")
    q.add_argument("paths", nargs="+", metavar="PATH")
    q.add_argument("--no-builtin", action="store_true", help="check the files alone, not over the built-in ones")
    q = vsub.add_parser("list", help="list terms")
    q.add_argument("--category")
    q.add_argument("--kind", choices=("tool", "concept"))
    vocab_options(q)
    q = vsub.add_parser("show", help="everything about one term")
    q.add_argument("term")
    vocab_options(q)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    try:
        if args.command == "extract":
            return _extract(args)
        if args.command == "count":
            return _count(args)
        if args.command == "explain":
            return _explain(args)
        return _vocab(args)
    except VocabularyError as exc:
        print(f"skillterms: {exc}", file=sys.stderr)
        return EXIT_DATA
    except CorpusError as exc:
        print(f"skillterms: {exc}", file=sys.stderr)
        return EXIT_DATA
    except SkilltermsError as exc:
        print(f"skillterms: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


def _vocabulary(args):
    if not args.vocab and not args.no_builtin:
        return None
    return load_vocabulary(*args.vocab, builtin=not args.no_builtin)


def _extract(args) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    extractor = Extractor(_vocabulary(args), overlaps=args.overlaps)
    mentions = extractor.extract(text)
    if args.json:
        for m in mentions:
            print(json.dumps({"term": m.term, "category": m.category, "kind": m.kind, "start": m.start,
                              "end": m.end, "text": m.text}, ensure_ascii=False))
        return EXIT_OK
    rows = [(m.term, m.category, f"{m.start}-{m.end}", m.text) for m in mentions]
    _print_table(("term", "category", "span", "text"), rows)
    return EXIT_OK


def _explain(args) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    extractor = Extractor(_vocabulary(args), overlaps=args.overlaps)
    clean, _ = normalize(text)
    print("tokens: " + " ".join(t.text for t in tokens(clean)))
    rows = []
    for c in sorted(extractor.candidates(clean), key=lambda c: (c.start, -c.end)):
        term = c.entry.term.name if c.entry.term is not None else "(not_terms)"
        rows.append((c.status, term, f"{c.start}-{c.end}", repr(text[c.start:c.end]), c.reason))
    _print_table(("decision", "term", "span", "text", "why"), rows)
    return EXIT_OK


def _count(args) -> int:
    if args.top is not None and args.top < 1:
        print("skillterms: --top needs a positive number", file=sys.stderr)
        return EXIT_USAGE
    extractor = Extractor(_vocabulary(args))
    bad: list[CorpusError] = []

    def report(error: CorpusError) -> None:
        bad.append(error)
        if not args.quiet:
            print(f"skillterms: skipped {error}", file=sys.stderr)

    records = read_corpus(args.files, field=args.field, column=args.column, lines=args.lines,
                          format=args.input_format, strict=args.strict, on_error=report)
    counts = extractor.count((r.text for r in records), n_process=args.n_process)
    rows = []
    for term, n in counts.most_common(category=args.category, kind=args.kind, rollup=args.rollup):
        share = n / counts.documents if counts.documents else 0.0
        if share < args.min_share:
            continue
        info = extractor.vocab.get(term)
        rows.append((term, info.category if info else "", info.kind if info else "", n, share))
        if args.top is not None and len(rows) >= args.top:
            break
    _print_counts(rows, counts.documents, args.format)
    if bad:
        print(f"skillterms: {len(bad)} bad record{'s' if len(bad) != 1 else ''} skipped; "
              f"{counts.documents} listings counted", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK


def _print_counts(rows, documents: int, fmt: str) -> None:
    header = ("term", "category", "kind", "documents", "share")
    if fmt == "json":
        print(json.dumps({"documents": documents, "terms": [dict(zip(header, r)) for r in rows]},
                         ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows((t, c, k, n, f"{s:.4f}") for t, c, k, n, s in rows)
        sys.stdout.write(out.getvalue())
    elif fmt == "markdown":
        print(f"{documents} listings\n")
        print("| term | category | kind | listings | share |")
        print("|---|---|---|---:|---:|")
        for t, c, k, n, s in rows:
            print(f"| {t} | {c} | {k} | {n} | {s:.1%} |")
    else:
        print(f"{documents} listings")
        _print_table(header, [(t, c, k, str(n), f"{s:.1%}") for t, c, k, n, s in rows],
                     right=("documents", "share"))


def _print_table(header, rows, right=()) -> None:
    widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(header)]

    def line(cells):
        return "  ".join(str(c).rjust(w) if h in right else str(c).ljust(w)
                         for c, w, h in zip(cells, widths, header)).rstrip()

    print(line(header))
    for r in rows:
        print(line(r))


def _vocab(args) -> int:
    if args.vocab_command == "check":
        files = read_vocabulary_files(args.paths)
        vocab, problems = check_files(files, builtin=not args.no_builtin, replace_builtin=True)
        if vocab is not None:
            problems = problems + lint(vocab, {path for path, _ in files})
        for p in problems:
            print(p)
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        if vocab is not None:
            print(f"ok: {len(vocab)} terms" + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""))
        return EXIT_DATA if errors else EXIT_OK
    vocab = _vocabulary(args) or load_vocabulary()
    if args.vocab_command == "list":
        rows = [(t.name, t.category, t.kind, ", ".join(t.aliases)) for t in sorted(vocab, key=lambda t: t.name.lower())
                if (args.category is None or t.category == args.category) and (args.kind is None or t.kind == args.kind)]
        _print_table(("term", "category", "kind", "aliases"), rows)
        return EXIT_OK
    term = vocab[args.term]
    print(f"{term.name}  ({term.kind}, {term.category})")
    print(f"  defined at: {term.source}")
    if term.aliases:
        print(f"  aliases:    {', '.join(term.aliases)}")
    if term.parent:
        print(f"  parent:     {' > '.join(vocab.ancestors(term.name))}")
    children = sorted(t.name for t in vocab if t.parent == term.name)
    if children:
        print(f"  children:   {', '.join(children)}")
    if term.exact_case:
        print(f"  exact case: {', '.join(sorted(term.exact_case))}")
    if term.ambiguous:
        print(f"  ambiguous:  {', '.join(sorted(term.ambiguous))} (counted only with confirming context)")
    if term.context:
        print(f"  context:    {', '.join(term.context)}")
    if not term.fuzzy:
        print("  fuzzy:      off")
    return EXIT_OK
