"""count, compare, cooccur and tag: the commands that read corpora.

Every argument that can be checked without reading the corpus is checked first (input
files, labels, categories, terms, the chart's path and the extra it needs): a usage error
is one line and exit 2, before any work. A text field or group column that no record has
is one usage error after the first records, not a line per record.
"""

from __future__ import annotations

import contextlib
import csv
import difflib
import json
import sys
from pathlib import Path
from typing import Any, Callable, Iterator

from ..corpus import CorpusReader, Record, read_corpus
from ..counting import CountBuilder, TermCounts
from ..errors import CorpusError, UsageError
from ..extract import Extractor
from ..progress import Progress, with_progress
from ..report import SORT_KEYS, PairCounter, compare
from .output import emit, listings
from .signals import exit_code_of

__all__ = ["run_count", "run_compare", "run_cooccur", "run_tag", "EXIT_OK", "EXIT_DATA"]

EXIT_OK, EXIT_DATA = 0, 1
NO_GROUP = "(none)"
FIRST_RECORDS = 20  # records read before a field or column that none of them has is a usage error
CHART_TOP = 30  # terms a chart shows when --top does not say


class _AbsentField:
    """A field a record lacks, watched until some record has it. While none has, the records
    without it are held back rather than reported one by one: when the first FIRST_RECORDS
    records (or the whole input) all lack it, it is a misspelt option and one usage error."""

    def __init__(self, what: str, option: str):
        self.what = what  # "text field", "id field"
        self.option = option
        self.found = False
        self.held: list[CorpusError] = []

    def error(self) -> UsageError:
        first = self.held[0]
        close = difflib.get_close_matches(first.field or "", [f.strip() for f in first.found.split(",")], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; choose it with {self.option}"
        return UsageError(f"no record has the {self.what} {first.field!r} (first records have: "
                          f"{first.found or 'nothing'}){hint}")


class Run:
    """Reads a corpus with progress and bad-record reports; extracts on ``n_process``."""

    def __init__(self, args, extractor: Extractor):
        self.args = args
        self.extractor = extractor
        self.bad: list[CorpusError] = []
        self._interrupt: KeyboardInterrupt | None = None  # Ctrl-C or SIGTERM, for the exit code
        self.good = 0  # records read with a text
        self._text_field = _AbsentField("text field", "--field (or --column)")
        self._id_field = _AbsentField("id field", "--id-field")

    def report(self, error: CorpusError, watch: _AbsentField | None = None) -> None:
        watch = watch if watch is not None else (self._text_field if error.field is not None else None)
        if watch is not None and not watch.found:
            watch.held.append(error)  # held back: this may be a field that no record has
            if len(watch.held) >= FIRST_RECORDS:
                raise watch.error()
            return
        self._print_bad(error)

    def _print_bad(self, error: CorpusError) -> None:
        self.bad.append(error)
        if not self.args.quiet:
            print(f"skillterms: skipped {error}", file=sys.stderr)

    def _found(self, watch: _AbsentField) -> None:
        if not watch.found:
            watch.found = True
            held, watch.held = watch.held, []
            for error in held:
                self._print_bad(error)

    def reader(self, files: list[str]) -> CorpusReader:
        a = self.args
        return read_corpus(files, field=a.field, column=a.column, lines=a.lines, format=a.input_format,
                           strict=a.strict, on_error=self.report)

    def documents(self, files: list[str], context_of: Callable[[Record], Any] | None = None,
                  id_field: str | None = None) -> Iterator[tuple]:
        """``(context, mentions)`` per listing, in file order; stops quietly on Ctrl-C. The
        context is ``context_of(record)``, or with ``id_field`` the record's id (file:line
        when ``id_field`` is None and ``context_of`` too); a record without its id is a bad
        record."""

        def pairs():
            for record in self._records(files):
                if id_field is not None:
                    context = _field_value(record.fields, id_field)
                    if context is None:
                        self.report(CorpusError(record.path, record.line, f"no id field {id_field!r}; the listing "
                                                f"is not tagged", field=id_field,
                                                found=", ".join(sorted(record.fields)[:8])), self._id_field)
                        continue
                    self._found(self._id_field)
                else:
                    context = context_of(record) if context_of is not None else f"{record.path}:{record.line}"
                self.good += 1
                yield record.text, context

        try:
            for mentions, context in self.extractor.pipe(pairs(), as_tuples=True, n_process=self.args.n_process):
                yield context, mentions
        except KeyboardInterrupt as exc:
            self._stopped(exc)
        self._check_fields()

    def texts(self, files: list[str]) -> Iterator[str]:
        """The text of every good record, in file order, with the same progress, bad-record
        reports and missing-field check as ``documents``; stops quietly on Ctrl-C."""
        try:
            for record in self._records(files):
                self.good += 1
                yield record.text
        except KeyboardInterrupt as exc:
            self._stopped(exc)
        self._check_fields()

    def _stopped(self, interrupt: KeyboardInterrupt) -> None:
        self._interrupt = interrupt

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Around the loop that uses what ``documents`` yields: Ctrl-C or SIGTERM while a
        listing's mentions are being added ends the reading as it does while one is read (the
        faster extraction is, the likelier the interrupt lands in the loop's own body)."""
        try:
            yield
        except KeyboardInterrupt as exc:
            self._stopped(exc)

    @property
    def interrupted(self) -> bool:
        """Whether Ctrl-C or SIGTERM ended the reading: the results are partial."""
        return self._interrupt is not None

    def _records(self, files: list[str]) -> Iterator[Record]:
        """Every record read with its text, in file order, under the progress bar."""
        reader = self.reader(files)
        progress = Progress(total_bytes=reader.total_bytes, bytes_read=lambda: reader.bytes_read,
                            enabled=None if not self.args.quiet else False)
        for record in with_progress(reader, progress):
            self._found(self._text_field)
            yield record

    def _check_fields(self) -> None:
        """A field that no record had, once the whole input is read: one usage error."""
        for watch in (self._text_field, self._id_field):
            if watch.held:
                raise watch.error()

    def finish(self, counted: int, done: str = "counted") -> int:
        if self.interrupted:
            print(f"skillterms: interrupted; the results above are PARTIAL ({listings(counted)} {done})",
                  file=sys.stderr)
            return exit_code_of(self._interrupt)
        if self.bad:
            print(f"skillterms: {len(self.bad)} bad record{'s' if len(self.bad) != 1 else ''} skipped; "
                  f"{listings(counted)} {done}", file=sys.stderr)
            return EXIT_DATA
        return EXIT_OK


def _field_value(fields: dict, dotted: str) -> Any:
    value: Any = fields
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


class _Groups:
    """The group of each record by a field; a field that none of the first records has is a
    usage error (a misspelt --group-by), not one "(none)" group."""

    def __init__(self, field: str):
        self.field = field
        self.seen = 0
        self.found = 0
        self.first_fields: list[str] = []

    def __call__(self, record: Record) -> str:
        value = _field_value(record.fields, self.field)
        self.seen += 1
        if value is None:
            if not self.first_fields:
                self.first_fields = sorted(record.fields)[:8]
            if self.found == 0 and self.seen >= FIRST_RECORDS:
                raise self.error()
            return NO_GROUP
        self.found += 1
        return str(value)

    def error(self) -> UsageError:
        close = difflib.get_close_matches(self.field, self.first_fields, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return UsageError(f"no record has the field {self.field!r} to group by (fields of the records: "
                          f"{', '.join(self.first_fields) or 'none'}){hint}")

    def check_end(self) -> None:
        if self.seen and not self.found:
            raise self.error()


# ---------------------------------------------------------------------- checks before reading

def check_inputs(paths: list[str]) -> None:
    for path in paths:
        if path != "-" and not Path(path).exists():
            raise UsageError(f"no such file or directory: {path}")


def check_category(category: str | None, extractor: Extractor) -> None:
    if category is None:
        return
    known = extractor.vocab.categories
    if category not in known:
        close = difflib.get_close_matches(category, known, n=2)
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else f" (categories: {', '.join(known)})"
        raise UsageError(f"unknown category {category!r}{hint}")


def check_plot(path: str | None) -> None:
    if path:
        from ..plot import check_chart_path

        check_chart_path(path)


def check_pair(value: str | None, option: str) -> list[str] | None:
    if value is None:
        return None
    names = [v.strip() for v in value.split(",")]
    if len(names) != 2 or not all(names):
        raise UsageError(f"{option} takes two names, A,B (got {value!r})")
    return names


# ---------------------------------------------------------------------- count

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


def _chart_rows(rows: list, args) -> list:
    if args.top is None and len(rows) > CHART_TOP:
        print(f"skillterms: the chart shows the {CHART_TOP} most common terms of {len(rows)}; "
              "pass --top N for more or fewer", file=sys.stderr)
        return rows[:CHART_TOP]
    return rows


def run_count(args, extractor: Extractor) -> int:
    check_inputs(args.files)
    check_category(args.category, extractor)
    check_plot(args.plot)
    run = Run(args, extractor)
    group_of = _Groups(args.group_by) if args.group_by else None
    builders: dict[str, CountBuilder] = {}
    total = CountBuilder(extractor.vocab)
    with run.reading():
        for group, mentions in run.documents(args.files, group_of):
            total.add(mentions)
            if group_of is not None:
                builders.setdefault(group, CountBuilder(extractor.vocab)).add(mentions)
    if group_of is not None and not run.interrupted:
        group_of.check_end()
    counts = total.freeze()
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    if group_of is None:
        rows = _term_rows(counts, extractor, args)
        emit(args.format, ("term", "category", "kind", "documents", "share"),
             [(t, c, k, n, round(s, 4)) for t, c, k, n, s in rows],
             shown=[(t, c, k, str(n), f"{s:.1%}") for t, c, k, n, s in rows],
             preface=f"{listings(counts.documents)}{partial}", extra={"documents": counts.documents,
                                                                      "partial": run.interrupted},
             right=("documents", "share"), key="terms")
        if args.plot:
            from ..plot import share_chart

            share_chart([(t, s) for t, _, _, _, s in _chart_rows(rows, args)], args.plot,
                        title=f"Share of {listings(counts.documents)} mentioning each term")
    else:
        _print_groups(args, extractor, counts, {g: b.freeze() for g, b in sorted(builders.items())}, partial)
    return run.finish(counts.documents)


def _print_groups(args, extractor: Extractor, total: TermCounts, groups: dict[str, TermCounts], partial: str) -> None:
    rows = _term_rows(total, extractor, args)
    names = list(groups)
    sizes = ", ".join(f"{g}: {groups[g].documents}" for g in names)
    if args.format in ("csv", "json"):  # long (tidy) form: one row per group and term
        values = [(g, t, c, k, groups[g].count(t, rollup=args.rollup), round(groups[g].share(t, rollup=args.rollup), 4))
                  for t, c, k, _, _ in rows for g in names]
        emit(args.format, ("group", "term", "category", "kind", "documents", "share"), values, shown=[],
             extra={"documents": total.documents,
                    "groups": [{"group": g, "documents": groups[g].documents} for g in names],
                    "partial": bool(partial)}, key="terms")
    else:  # wide, for reading: one share column per group
        header = ("term", "category", "kind", *names)
        shown = [(t, c, k, *(f"{groups[g].share(t, rollup=args.rollup):.1%}" for g in names)) for t, c, k, _, _ in rows]
        emit(args.format, header, [], shown=shown, preface=f"share of listings by {args.group_by} ({sizes}){partial}",
             right=names, key="terms")
    if args.plot:
        from ..plot import grouped_share_chart

        terms = [t for t, _, _, _, _ in _chart_rows(rows, args)]
        grouped_share_chart(terms, groups, args.plot, rollup=args.rollup,
                            title=f"Share of listings mentioning each term, by {args.group_by}")


# ---------------------------------------------------------------------- compare

def run_compare(args, extractor: Extractor) -> int:
    if args.sort not in SORT_KEYS:
        raise UsageError(f"--sort must be one of {', '.join(SORT_KEYS)}")
    labels_given = check_pair(args.labels, "--labels")
    groups_given = check_pair(args.groups, "--groups")
    if args.group_by:
        if labels_given:
            raise UsageError("--labels names two corpora; with --group-by name the groups with --groups A,B")
    elif groups_given:
        raise UsageError("--groups names two values of --group-by FIELD; for two corpora A B use --labels A,B")
    elif len(args.inputs) != 2:
        raise UsageError("compare needs two corpora (A B), or one with --group-by FIELD")
    check_inputs(args.inputs)
    check_plot(args.plot)
    run = Run(args, extractor)
    if args.group_by:
        builders: dict[str, CountBuilder] = {}
        group_of = _Groups(args.group_by)
        with run.reading():
            for group, mentions in run.documents(args.inputs, group_of):
                builders.setdefault(group, CountBuilder(extractor.vocab)).add(mentions)
        if not run.interrupted:
            group_of.check_end()
        wanted = groups_given or sorted(builders)
        if len(wanted) != 2:
            raise UsageError(f"--group-by {args.group_by} found {len(wanted)} groups "
                             f"({', '.join(wanted[:6])}); name the two to compare with --groups A,B")
        missing = [g for g in wanted if g not in builders]
        if missing:
            raise UsageError(f"no listings with {args.group_by} = {missing[0]!r}; "
                             f"groups found: {', '.join(sorted(builders))}")
        a, b = (builders[g].freeze() for g in wanted)
        labels = wanted
    else:
        counted = []
        for path in args.inputs:
            builder = CountBuilder(extractor.vocab)
            with run.reading():
                for _, mentions in run.documents([path]):
                    builder.add(mentions)
            counted.append(builder.freeze())
        a, b = counted
        labels = labels_given or list(args.inputs)
    rows = [r for r in compare(a, b, sort=args.sort, rollup=args.rollup)
            if max(r.share_a, r.share_b) >= args.min_share]
    if args.top:
        rows = rows[:args.top]
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    infinite = float("inf")
    if args.format in ("csv", "json"):
        header = ("term", "category", "kind", "documents_a", "share_a", "documents_b", "share_b", "difference_pp",
                  "ratio", "p_value", "listings_a", "listings_b")
        values = []
        for r in rows:
            info = extractor.vocab.get(r.term)
            ratio = round(r.ratio, 3) if r.ratio != infinite else (None if args.format == "json" else "inf")
            values.append((r.term, info.category if info else "", info.kind if info else "", r.documents_a,
                           round(r.share_a, 4), r.documents_b, round(r.share_b, 4), round(r.difference_pp, 2), ratio,
                           float(f"{r.p_value:.3g}"), a.documents, b.documents))
        emit(args.format, header, values, shown=[],
             extra={"a": {"label": labels[0], "documents": a.documents},
                    "b": {"label": labels[1], "documents": b.documents}, "partial": run.interrupted}, key="terms")
    else:
        header = ("term", f"share {labels[0]}", f"share {labels[1]}", "difference (pp)", "ratio", "p-value")
        shown = [(r.term, f"{r.share_a:.1%}", f"{r.share_b:.1%}", f"{r.difference_pp:+.1f}",
                  "inf" if r.ratio == infinite else f"{r.ratio:.2f}", f"{r.p_value:.3g}") for r in rows]
        emit(args.format, header, [], shown=shown,
             preface=f"{labels[0]}: {listings(a.documents)}; {labels[1]}: {listings(b.documents)}{partial}",
             right=header[1:], key="terms")
    if args.plot:
        from ..plot import comparison_chart

        comparison_chart(rows, args.plot, label_a=f"{labels[0]} (n={a.documents})",
                         label_b=f"{labels[1]} (n={b.documents})", title="Share of listings mentioning each term")
    return run.finish(a.documents + b.documents)


# ---------------------------------------------------------------------- cooccur

def run_cooccur(args, extractor: Extractor) -> int:
    with_term = None
    if args.with_term:
        found = extractor.vocab.get(args.with_term)
        if found is None:
            close = extractor.vocab.suggest(args.with_term)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else "; see `skillterms vocab list`"
            raise UsageError(f"unknown term {args.with_term!r}{hint}")
        with_term = found.name
    check_inputs(args.files)
    check_plot(args.plot)
    run = Run(args, extractor)
    pairs = PairCounter()
    with run.reading():
        for _, mentions in run.documents(args.files):
            pairs.add(m.term for m in mentions)
    rows = pairs.table(top=args.top, with_term=with_term, min_documents=args.min_count)
    if with_term is not None and args.top:
        rows = rows[:args.top]
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    values = [(r.term_a, r.term_b, r.documents_both, r.documents_a, r.documents_b, round(r.lift, 3)) for r in rows]
    shown = [(r.term_a, r.term_b, str(r.documents_both), str(r.documents_a), str(r.documents_b), f"{r.lift:.2f}")
             for r in rows]
    if args.format in ("csv", "json"):
        header = ("term_a", "term_b", "documents_both", "documents_a", "documents_b", "lift")
    else:
        header = ("term", "with", "both", "listings with term", "listings with other", "lift")
    emit(args.format, header, values, shown=shown, preface=f"{listings(pairs.documents)}{partial}",
         extra={"documents": pairs.documents, "partial": run.interrupted}, right=header[2:], key="pairs")
    if args.plot:
        from ..plot import cooccurrence_chart, lift_chart

        if with_term is not None:
            lift_chart(rows, args.plot, title=f"Terms asked for with {with_term} ({listings(pairs.documents)})")
        else:
            cooccurrence_chart(rows, args.plot, title=f"Terms asked for together ({listings(pairs.documents)})")
    return run.finish(pairs.documents)


# ---------------------------------------------------------------------- tag

TAG_CSV_HEADER = ("id", "term", "category", "kind", "start", "end", "text")


def run_tag(args, extractor: Extractor) -> int:
    check_inputs(args.files)
    run = Run(args, extractor)
    out = sys.stdout
    writer = csv.writer(out, lineterminator="\n") if args.format == "csv" else None
    if writer is not None:
        writer.writerow(TAG_CSV_HEADER)
    tagged = 0
    with run.reading():
        for ident, mentions in run.documents(args.files, id_field=args.id_field):
            if writer is not None:
                writer.writerows((ident, m.term, m.category, m.kind, m.start, m.end, m.text) for m in mentions)
            else:
                out.write(json.dumps({"id": ident, "mentions": [m.to_dict() for m in mentions]}, ensure_ascii=False,
                                     default=str) + "\n")
            tagged += 1
    out.flush()
    return run.finish(tagged, "tagged")


# ---------------------------------------------------------------------- discover

DISCOVER_HEADER = ("term", "listings", "evidence", "category", "variants", "example")


def run_discover(args, extractor: Extractor) -> int:
    from ..discover import discover, to_yaml

    if args.n_process != 1:
        raise UsageError("discover reads in one process: leave out --n-process")
    check_inputs(args.files)
    run = Run(args, extractor)
    found = discover(run.texts(args.files), vocab=extractor.vocab, top=args.top, min_listings=args.min_listings)
    partial = " (PARTIAL: interrupted)" if run.interrupted else ""
    if args.format == "yaml":
        sys.stdout.write(to_yaml(found))
    elif args.format == "json":
        json.dump({"documents": run.good, "partial": run.interrupted, "terms": [d.to_dict() for d in found]},
                  sys.stdout, indent=1, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        rows = [(d.name, d.listings, d.evidence, d.category or "", ", ".join(d.variants[:3]),
                 d.examples[0] if d.examples else "") for d in found]
        emit(args.format, DISCOVER_HEADER, rows, shown=[tuple(str(c) for c in r) for r in rows],
             preface=f"{listings(run.good)}{partial}; terms the vocabulary does not know, best first",
             extra={"documents": run.good, "partial": run.interrupted}, right=("listings", "evidence"), key="terms")
    return run.finish(run.good, "read")
