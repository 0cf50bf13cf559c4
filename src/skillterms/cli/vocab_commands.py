"""vocab check, list and show."""

from __future__ import annotations

from typing import Callable

from ..lint import lint
from ..vocabulary.model import Vocabulary
from ..vocabulary.load import check_files, read_vocabulary_files
from .output import print_table

__all__ = ["run_vocab"]


def run_vocab(args, load: Callable[[], Vocabulary]) -> int:
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
        return 1 if errors else 0
    vocab = load()
    if args.vocab_command == "list":
        rows = [(t.name, t.category, t.kind, ", ".join(t.aliases)) for t in sorted(vocab, key=lambda t: t.name.lower())
                if (args.category is None or t.category == args.category) and (args.kind is None or t.kind == args.kind)]
        print_table(("term", "category", "kind", "aliases"), rows)
        return 0
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
    return 0
