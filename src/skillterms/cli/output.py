"""Printing rows as an aligned table, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from typing import Any, Sequence

__all__ = ["print_table", "emit", "listings", "FORMATS"]

FORMATS = ("table", "csv", "json", "markdown")


MIN_COLUMN = 8  # a text column is never cut narrower than this


def listings(n: int) -> str:
    """ "1 listing", "2 listings": how the commands say how many listings they read."""
    return f"{n} listing" if n == 1 else f"{n} listings"


def _fit(widths: list[int], header: Sequence[str], right: Sequence[str], room: int) -> list[int]:
    """Column widths that fit ``room`` characters: the widest text columns give way first."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > room:
        cuttable = [i for i, h in enumerate(header) if h not in right and widths[i] > max(MIN_COLUMN, len(h))]
        if not cuttable:
            break
        widest = max(cuttable, key=lambda i: widths[i])
        widths[widest] -= 1
    return widths


def _cut(cell: str, width: int) -> str:
    return cell if len(cell) <= width else cell[:width - 1] + "…"


def print_table(header: Sequence[str], rows: Sequence[Sequence[Any]], right: Sequence[str] = (),
                width: int | None = None) -> None:
    """An aligned table. On a terminal (or with ``width``) it fits the width: the widest text
    columns are cut, with "…"; piped output is never cut."""
    widths = [max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(header)]
    if width is None and sys.stdout.isatty():
        width = shutil.get_terminal_size().columns
    if width:
        widths = _fit(widths, header, right, width)

    def line(cells):
        return "  ".join(_cut(str(c), w).rjust(w) if h in right else _cut(str(c), w).ljust(w)
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
                         indent=2, default=str, allow_nan=False))
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
