"""pandas helpers: tag a DataFrame of listings with the terms each one mentions.

Needs pandas (``pip install "skillterms[pandas]"``); importing skillterms never imports it.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

from .extract import Extractor, _default_extractor

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["add_terms", "SkippedTextsWarning"]


class SkippedTextsWarning(UserWarning):
    """Some rows had no text (None, NaN, a number): they were skipped, not tagged."""


def add_terms(df: "pd.DataFrame", column: str, *, output: str = "terms", mentions: bool = False,
              extractor: Extractor | None = None, n_process: int = 1) -> "pd.DataFrame":
    """A copy of ``df`` with a column ``output``: per listing, the distinct terms of ``column``
    in order of first mention (or, with ``mentions=True``, the full list of Mentions).

    A row whose text is missing or not a string (None, NaN) is no listing: its ``output``
    cell is None (not an empty list, which would say "no terms"), and a
    :class:`SkippedTextsWarning` gives how many rows were skipped, as ``skillterms.count``
    counts them in ``skipped``.
    """
    if column not in df.columns:
        raise KeyError(f"no column {column!r} (columns: {', '.join(map(str, df.columns))})")
    extractor = extractor if extractor is not None else _default_extractor()
    cells = list(df[column])
    rows = [i for i, t in enumerate(cells) if isinstance(t, str)]
    results = extractor.pipe((cells[i] for i in rows), n_process=n_process)
    values: list = [None] * len(cells)
    for i, found in zip(rows, results):
        values[i] = list(found) if mentions else list(dict.fromkeys(m.term for m in found))
    skipped = len(cells) - len(rows)
    if skipped:
        rows_had = "1 row of" if skipped == 1 else f"{skipped} rows of"
        warnings.warn(f"{rows_had} {column!r} had no text and {'was' if skipped == 1 else 'were'} skipped "
                      f"({output!r} is None there)", SkippedTextsWarning, stacklevel=2)
    out = df.copy()
    out[output] = values
    return out
