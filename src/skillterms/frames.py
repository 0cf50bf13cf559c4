"""pandas helpers: tag a DataFrame of listings with the terms each one mentions.

Needs pandas (``pip install "skillterms[pandas]"``); importing skillterms never imports it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .extract import Extractor, _default_extractor

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["add_terms"]


def add_terms(df: "pd.DataFrame", column: str, *, output: str = "terms", mentions: bool = False,
              extractor: Extractor | None = None, n_process: int = 1) -> "pd.DataFrame":
    """A copy of ``df`` with a column ``output``: per listing, the distinct terms of ``column``
    in order of first mention (or, with ``mentions=True``, the full list of Mentions).
    Missing texts (None/NaN) get an empty list."""
    if column not in df.columns:
        raise KeyError(f"no column {column!r} (columns: {', '.join(map(str, df.columns))})")
    extractor = extractor if extractor is not None else _default_extractor()
    texts = [t if isinstance(t, str) else "" for t in df[column]]
    results = extractor.pipe(texts, n_process=n_process)
    if mentions:
        values = list(results)
    else:
        values = [list(dict.fromkeys(m.term for m in found)) for found in results]
    out = df.copy()
    out[output] = values
    return out
