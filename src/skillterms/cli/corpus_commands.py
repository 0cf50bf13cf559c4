"""count, compare and cooccur: the commands that read corpora."""

from __future__ import annotations

import sys
from collections import deque
from typing import Callable, Iterator

from ..corpus import CorpusReader, Record, read_corpus
from ..counting import CountBuilder, TermCounts
from ..errors import CorpusError, SkilltermsError
from ..extract import Extractor
from ..progress import Progress, with_progress
from ..report import SORT_KEYS, PairCounter, compare
from .output import emit

__all__ = ["run_count", "run_compare", "run_cooccur", "EXIT_OK", "EXIT_DATA", "EXIT_INTERRUPTED"]

EXIT_OK, EXIT_DATA, EXIT_INTERRUPTED = 0, 1, 130
NO_GROUP = "(none)"


class Run:
    """Reads a corpus with progress and bad-record reports; extracts on ``n_process``."""

    def __init__(self, args, extractor: Extractor):
        self.args = args
        self.extractor = extractor
        self.bad: list[CorpusError] = []
        self.interrupted = False

    def report(self, error: CorpusError) -> None:
        self.bad.append(error)
        if not self.args.quiet:
            print(f"skillterms: skipped {error}", file=sys.stderr)

    def reader(self, files: list[str]) -> CorpusReader:
        a = self.args
        return read_corpus(files, field=a.field, column=a.column, lines=a.lines, format=a.input_format,
                           strict=a.strict, on_error=self.report)

    def documents(self, files: list[str], group_of: Callable[[Record], str] | None = None) -> Iterator[tuple]:
        """``(group, mentions)`` per listing, in file order; stops quietly on Ctrl-C."""
        reader = self.reader(files)
        progress = Progress(total_bytes=reader.total_bytes, bytes_read=lambda: reader.bytes_read,
                            enabled=None if not self.args.quiet else False)
        groups: deque = deque()  # the groups of listings read but not yet extracted (in flight)

        def texts():
            for record in with_progress(reader, progress):
                groups.append(group_of(record) if group_of else None)
                yield record.text

        try:
            for mentions in self.extractor.pipe(texts(), n_process=self.args.n_process):
                yield groups.popleft(), mentions
        except KeyboardInterrupt:
            self.interrupted = True

    def finish(self, counted: int) -> int:
        if self.interrupted:
            print(f"skillterms: interrupted; the results above are PARTIAL ({counted} listings counted)",
                  file=sys.stderr)
            return EXIT_INTERRUPTED
        if self.bad:
            print(f"skillterms: {len(self.bad)} bad record{'s' if len(self.bad) != 1 else ''} skipped; "
                  f"{counted} listings counted", file=sys.stderr)
            return EXIT_DATA
        return EXIT_OK


def _group_reader(field: str) -> Callable[[Record], str]:
    def group_of(record: Record) -> str:
        value = record.fields
        for part in field.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return NO_GROUP if value is None else str(value)
    return group_of


def _term_rows(counts: TermCounts, extractor: Extractor, args) -> list[tuple]:
    rows = []
    for term, n in counts.most_common(category=args.category, kind=args.kind, rollup=args.rollup):
        share = n / counts.documents if counts.documents else 0.0
        if share < args.min_share:
            continue
        info = extractor.vocab.get(term)
        rows.append((term, info.category if info else "", info.kind if info else "", n, share))
        if args.top is not None and len(rows) >= args.top:
            break
    return rows


def run_count(args, extractor: Extractor) -> int:
    run = Run(args, extractor)
    group_of = _group_reader(args.group_by) if args.group_by else None
    builders: dict[str, CountBuilder] = {}
    total = CountBuilder(extractor.vocab)
    for group, mentions in run.documents(args.files, group_of):
        total.add(mentions)
        if group_of is not None:
            builders.setdefault(group, CountBuilder(extractor.vocab)).add(mentions)
    counts = total.freeze()
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    if group_of is None:
        rows = _term_rows(counts, extractor, args)
        emit(args.format, ("term", "category", "kind", "documents", "share"),
             [(t, c, k, n, round(s, 4)) for t, c, k, n, s in rows],
             shown=[(t, c, k, str(n), f"{s:.1%}") for t, c, k, n, s in rows],
             preface=f"{counts.documents} listings{partial}", extra={"documents": counts.documents,
                                                                      "partial": run.interrupted},
             right=("documents", "share"), key="terms")
        if args.plot:
            from ..plot import share_chart

            share_chart([(t, s) for t, _, _, _, s in rows], args.plot,
                        title=f"Share of {counts.documents} listings mentioning each term")
    else:
        _print_groups(args, extractor, counts, {g: b.freeze() for g, b in sorted(builders.items())}, partial)
    return run.finish(counts.documents)


def _print_groups(args, extractor: Extractor, total: TermCounts, groups: dict[str, TermCounts], partial: str) -> None:
    rows = _term_rows(total, extractor, args)
    names = list(groups)
    header = ("term", "category", "kind", *names)
    values = [(t, c, k, *(round(groups[g].share(t, rollup=args.rollup), 4) for g in names)) for t, c, k, _, _ in rows]
    shown = [(t, c, k, *(f"{v:.1%}" for v in vs)) for t, c, k, *vs in values]
    sizes = ", ".join(f"{g}: {groups[g].documents}" for g in names)
    emit(args.format, header, values, shown=shown, preface=f"share of listings by {args.group_by} ({sizes}){partial}",
         extra={"documents": {g: groups[g].documents for g in names}, "partial": bool(partial)},
         right=names, key="terms")
    if args.plot:
        from ..plot import share_chart

        share_chart([(t, s) for t, _, _, _, s in rows], args.plot,
                    title=f"Share of {total.documents} listings mentioning each term")


def run_compare(args, extractor: Extractor) -> int:
    if args.sort not in SORT_KEYS:
        raise SkilltermsError(f"--sort must be one of {', '.join(SORT_KEYS)}")
    run = Run(args, extractor)
    if args.group_by:
        builders: dict[str, CountBuilder] = {}
        for group, mentions in run.documents(args.inputs, _group_reader(args.group_by)):
            builders.setdefault(group, CountBuilder(extractor.vocab)).add(mentions)
        wanted = args.groups.split(",") if args.groups else sorted(builders)
        if len(wanted) != 2:
            raise SkilltermsError(f"--group-by {args.group_by} found {len(wanted)} groups "
                                  f"({', '.join(wanted[:6])}); name the two to compare with --groups A,B")
        missing = [g for g in wanted if g not in builders]
        if missing:
            raise SkilltermsError(f"no listings with {args.group_by} = {missing[0]!r}; "
                                  f"groups found: {', '.join(sorted(builders))}")
        a, b = (builders[g].freeze() for g in wanted)
        labels = wanted
    else:
        if len(args.inputs) != 2:
            raise SkilltermsError("compare needs two corpora (A B), or one with --group-by FIELD")
        counted = []
        for path in args.inputs:
            builder = CountBuilder(extractor.vocab)
            for _, mentions in run.documents([path]):
                builder.add(mentions)
            counted.append(builder.freeze())
        a, b = counted
        labels = args.labels.split(",") if args.labels else list(args.inputs)
    rows = [r for r in compare(a, b, sort=args.sort, rollup=args.rollup)
            if max(r.share_a, r.share_b) >= args.min_share]
    if args.top:
        rows = rows[:args.top]
    header = ("term", f"share {labels[0]}", f"share {labels[1]}", "difference (pp)", "ratio", "p-value")
    values = [(r.term, round(r.share_a, 4), round(r.share_b, 4), round(r.difference_pp, 2),
               None if r.ratio == float("inf") else round(r.ratio, 3), float(f"{r.p_value:.3g}")) for r in rows]
    shown = [(r.term, f"{r.share_a:.1%}", f"{r.share_b:.1%}", f"{r.difference_pp:+.1f}",
              "inf" if r.ratio == float("inf") else f"{r.ratio:.2f}", f"{r.p_value:.3g}") for r in rows]
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    emit(args.format, header, values, shown=shown,
         preface=f"{labels[0]}: {a.documents} listings; {labels[1]}: {b.documents} listings{partial}",
         extra={"documents": {labels[0]: a.documents, labels[1]: b.documents}, "partial": run.interrupted},
         right=header[1:], key="terms")
    if args.plot:
        from ..plot import comparison_chart

        comparison_chart(rows, args.plot, label_a=f"{labels[0]} (n={a.documents})",
                         label_b=f"{labels[1]} (n={b.documents})", title="Share of listings mentioning each term")
    return run.finish(a.documents + b.documents)


def run_cooccur(args, extractor: Extractor) -> int:
    run = Run(args, extractor)
    pairs = PairCounter()
    for _, mentions in run.documents(args.files):
        pairs.add(m.term for m in mentions)
    with_term = None
    if args.with_term:
        found = extractor.vocab.get(args.with_term)
        if found is None:
            raise SkilltermsError(f"unknown term {args.with_term!r}; see `skillterms vocab list`")
        with_term = found.name
    rows = pairs.table(top=args.top, with_term=with_term, min_documents=args.min_count)
    if with_term is not None and args.top:
        rows = rows[:args.top]
    header = ("term", "with", "both", "listings with term", "listings with other", "lift")
    values = [(r.term_a, r.term_b, r.documents, r.documents_a, r.documents_b, round(r.lift, 3)) for r in rows]
    shown = [(r.term_a, r.term_b, str(r.documents), str(r.documents_a), str(r.documents_b), f"{r.lift:.2f}")
             for r in rows]
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    emit(args.format, header, values, shown=shown, preface=f"{pairs.documents} listings{partial}",
         extra={"documents": pairs.documents, "partial": run.interrupted}, right=header[2:], key="pairs")
    if args.plot:
        from ..plot import cooccurrence_chart

        cooccurrence_chart(rows, args.plot, title=f"Terms asked for together ({pairs.documents} listings)")
    return run.finish(pairs.documents)
