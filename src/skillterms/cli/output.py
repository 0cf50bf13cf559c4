"""Printing rows as an aligned table, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json
import sys
from typing import Any, Sequence

__all__ = ["print_table", "emit", "FORMATS"]

FORMATS = ("table", "csv", "json", "markdown")


def print_table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[str] = ()) -> None:
    widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(header)]

    def line(cells):
        return "  ".join(str(c).rjust(w) if h in right else str(c).ljust(w)
                         for c, w, h in zip(cells, widths, header)).rstrip()

    print(line(header))
    for r in rows:
        print(line(r))


def emit(fmt: str, header: Sequence[str], rows: Sequence[Sequence[Any]], *, shown: Sequence[Sequence[str]],
         preface: str = "", extra: dict | None = None, right: Sequence[str] = (), key: str = "rows") -> None:
    """Print ``rows`` in ``fmt``: raw values for csv/json, ``shown`` (formatted) for table/markdown.

    ``preface`` (e.g. "12 listings") heads tables and Markdown; ``extra`` joins the JSON object,
    whose list of rows is under ``key``.
    """
    if fmt == "json":
        print(json.dumps({**(extra or {}), key: [dict(zip(header, r)) for r in rows]}, ensure_ascii=False,
                         indent=2))
    elif fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
    elif fmt == "markdown":
        if preface:
            print(preface + "\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---:" if h in right else "---" for h in header) + "|")
        for r in shown:
            print("| " + " | ".join(str(c) for c in r) + " |")
    else:
        if preface:
            print(preface)
        print_table(header, shown, right=right)
