"""The list of common English words and names shipped as package data."""

from __future__ import annotations

import importlib.resources
from functools import lru_cache

__all__ = ["common_words"]


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Common English words and names, lowercase (``skillterms/data/common_words.txt``)."""
    path = importlib.resources.files("skillterms") / "data" / "common_words.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:  # pragma: no cover - a broken install
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip())
