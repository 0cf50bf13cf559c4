"""The ``skillterms`` command (also ``python -m skillterms``). ``main(argv)`` returns the exit code.

Exit codes: 0 ok; 1 errors in the data or the vocabulary (bad records are reported with
file and line, skipped and summarized, so the results printed are those of every good
record); 2 usage errors; 130 interrupted by Ctrl-C (SIGINT), 143 by SIGTERM (the results
printed are marked partial).
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Sequence

from .. import __version__
from ..corpus import FORMATS as INPUT_FORMATS
from ..errors import CorpusError, SkilltermsError, VocabularyError, VocabularyWarning
from ..extract import OVERLAP_POLICIES, Extractor
from ..report import SORT_KEYS
from ..vocabulary.model import Vocabulary
from ..vocabulary.builtin import default_vocabulary
from ..vocabulary.load import load_vocabulary
from .corpus_commands import run_compare, run_cooccur, run_count, run_discover, run_tag
from .output import FORMATS
from .signals import EXIT_INTERRUPTED, EXIT_TERMINATED, exit_code_of, terminate_like_interrupt
from .text_commands import run_explain, run_extract
from .vocab_commands import run_vocab

__all__ = ["main", "EXIT_OK", "EXIT_DATA", "EXIT_USAGE", "EXIT_INTERRUPTED", "EXIT_TERMINATED"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _vocab_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vocab", action="append", default=[], metavar="PATH",
                   help="a vocabulary file or folder applied over the built-in one (repeatable)")
    p.add_argument("--no-builtin", action="store_true", help="use only the --vocab files")


def _extraction_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--broad", action="store_true",
                   help="count broad concepts (security, monitoring, backend...) wherever they appear, "
                        "not only where a listing asks for them as a skill")


def _reading_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--field", default="text", help="JSON field holding the text (dotted paths allowed)")
    p.add_argument("--column", help="CSV/TSV column holding the text (default: --field)")
    p.add_argument("--lines", action="store_true", help="each line of a .txt file is one listing")
    p.add_argument("--input-format", choices=INPUT_FORMATS, help="read every file as this format")
    p.add_argument("--n-process", type=_processes, default=1, metavar="N", help="processes to use (-1: one per CPU)")
    p.add_argument("--strict", action="store_true", help="stop at the first bad record")
    p.add_argument("--quiet", action="store_true", help="no progress line or bad-record messages on stderr")


def _input_options(p: argparse.ArgumentParser) -> None:
    _reading_options(p)
    p.add_argument("--format", choices=FORMATS, default="table", help="output format (default: table)")
    p.add_argument("--plot", metavar="PNG", help="also draw a chart to this file (needs skillterms[plot])")
    _extraction_options(p)
    _vocab_options(p)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def _processes(text: str) -> int:
    value = int(text)
    if value < 1 and value != -1:
        raise argparse.ArgumentTypeError("must be a positive number of processes, or -1 for one per CPU")
    return value


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be a share between 0 and 1")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skillterms", description="Find canonical tech terms in job listings "
                                     "and count the share of listings that mention each.",
                                     epilog="Exit codes: 0 ok, 1 bad data or vocabulary, 2 usage, 130 interrupted "
                                     "(Ctrl-C), 143 terminated (SIGTERM).")
    parser.add_argument("--version", action="version", version=f"skillterms {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="print the terms found in one text")
    p.add_argument("text", nargs="?", default="-", help="the text, or - (default) to read stdin")
    p.add_argument("--json", action="store_true", help="one JSON object per mention")
    p.add_argument("--overlaps", choices=OVERLAP_POLICIES, default="longest")
    _extraction_options(p)
    _vocab_options(p)

    p = sub.add_parser("explain", help="show tokens, candidate matches and why each was kept or rejected")
    p.add_argument("text", nargs="?", default="-", help="the text, or - (default) to read stdin")
    p.add_argument("--overlaps", choices=OVERLAP_POLICIES, default="longest")
    _extraction_options(p)
    _vocab_options(p)

    p = sub.add_parser("count", help="share of listings that mention each term")
    p.add_argument("files", nargs="+", metavar="FILE", help="listing files or folders; - for stdin")
    p.add_argument("--group-by", metavar="FIELD", help="one share column per value of this field (e.g. month)")
    p.add_argument("--top", type=_positive, metavar="N", help="only the N most common terms")
    p.add_argument("--category", help="only terms of this category")
    p.add_argument("--kind", choices=("tool", "concept"), help="only tools or only concepts")
    p.add_argument("--min-share", type=_share, default=0.0, metavar="F", help="only terms with share >= F (0..1)")
    p.add_argument("--rollup", action="store_true", help="count a listing for a term's parents too")
    _input_options(p)

    p = sub.add_parser("compare", help="shares in two corpora, their difference and its significance")
    p.add_argument("inputs", nargs="+", metavar="CORPUS", help="A B, or one corpus with --group-by")
    p.add_argument("--group-by", metavar="FIELD", help="split one corpus by this field")
    p.add_argument("--groups", metavar="A,B", help="the two values of --group-by to compare")
    p.add_argument("--labels", metavar="A,B", help="names for the two corpora")
    p.add_argument("--sort", choices=tuple(SORT_KEYS), default="difference",
                   help="order of the rows (default: largest difference first)")
    p.add_argument("--top", type=_positive, default=30, metavar="N", help="rows to show (default 30)")
    p.add_argument("--min-share", type=_share, default=0.0, metavar="F", help="only terms with share >= F in A or B")
    p.add_argument("--rollup", action="store_true", help="count a listing for a term's parents too")
    _input_options(p)

    p = sub.add_parser("cooccur", help="which terms are asked for together")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--with", dest="with_term", metavar="TERM", help="pairs of this term with every other")
    p.add_argument("--top", type=_positive, default=15, metavar="N", help="pairs among the N most common terms")
    p.add_argument("--min-count", type=_positive, default=1, metavar="N", help="only pairs in N or more listings")
    _input_options(p)

    p = sub.add_parser("tag", help="the terms of each listing, one record per listing, in input order")
    p.add_argument("files", nargs="+", metavar="FILE", help="listing files or folders; - for stdin")
    p.add_argument("--id-field", metavar="FIELD", help="the record field that identifies a listing "
                   "(dotted paths allowed; default: file:line)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl",
                   help="jsonl: one {id, mentions} object per listing; csv: one row per mention")
    _reading_options(p)
    _extraction_options(p)
    _vocab_options(p)

    p = sub.add_parser("discover", help="tech terms the listings ask for that the vocabulary does not know")
    p.add_argument("files", nargs="+", metavar="FILE", help="listing files or folders; - for stdin")
    p.add_argument("--top", type=_positive, default=100, metavar="N", help="the N best candidates (default 100)")
    p.add_argument("--min-listings", type=_positive, default=2, metavar="K",
                   help="only candidates named in K or more listings (default 2)")
    p.add_argument("--format", choices=("table", "csv", "json", "markdown", "yaml"), default="table",
                   help="yaml: draft vocabulary entries to review and load with --vocab")
    _reading_options(p)
    _vocab_options(p)

    p = sub.add_parser("vocab", help="check, list and show vocabulary terms")
    vsub = p.add_subparsers(dest="vocab_command", required=True, metavar="ACTION")
    q = vsub.add_parser("check", help="validate vocabulary files over the built-in ones (a file named like a "
                        "built-in file stands in for it); exit 1 on errors")
    q.add_argument("paths", nargs="+", metavar="PATH")
    q.add_argument("--no-builtin", action="store_true", help="check the files alone, not over the built-in ones")
    q = vsub.add_parser("list", help="list terms")
    q.add_argument("--category")
    q.add_argument("--kind", choices=("tool", "concept"))
    _vocab_options(q)
    q = vsub.add_parser("show", help="everything about one term (any of its surfaces works)")
    q.add_argument("term")
    _vocab_options(q)
    return parser


def _vocabulary(args) -> Vocabulary:
    if not args.vocab and not args.no_builtin:
        return default_vocabulary()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", VocabularyWarning)
        vocab = load_vocabulary(*args.vocab, builtin=not args.no_builtin)
    for warning in caught:
        print(f"skillterms: {warning.message}", file=sys.stderr)
    return vocab


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    with terminate_like_interrupt():
        return _run(args)


def _run(args) -> int:
    try:
        if args.command == "vocab":
            code = run_vocab(args, lambda: _vocabulary(args))
        else:
            overlaps = getattr(args, "overlaps", "longest")
            extractor = Extractor(_vocabulary(args), overlaps=overlaps, broad=getattr(args, "broad", False))
            commands = {"extract": run_extract, "explain": run_explain, "count": run_count, "compare": run_compare,
                        "cooccur": run_cooccur, "tag": run_tag, "discover": run_discover}
            code = commands[args.command](args, extractor)
        sys.stdout.flush()  # a full disk shows when the output is written out, here and not at exit
        return code
    except (VocabularyError, CorpusError) as exc:
        print(f"skillterms: {exc}", file=sys.stderr)
        return EXIT_DATA
    except SkilltermsError as exc:
        print(f"skillterms: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:
        print("skillterms: interrupted", file=sys.stderr)
        return exit_code_of(exc)
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_OK
    except OSError as exc:  # a file that cannot be read or written: one line, not a traceback
        if exc.filename is None:  # the files skillterms opens carry their names; stdout does not
            _drop_stdout()
            where = "cannot write to standard output"
        else:
            where = str(exc.filename)
        print(f"skillterms: {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_DATA


def _drop_stdout() -> None:
    """Point stdout at /dev/null: its unwritten buffer would fail again, with a traceback, at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # stdout is no file (a test's StringIO)
        pass
