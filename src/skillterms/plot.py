"""Charts of shares, comparisons and co-occurrence (needs ``pip install "skillterms[plot]"``).

matplotlib is imported only when a chart is drawn, with the file-only Agg backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from .errors import SkilltermsError
from .report import Comparison, Cooccurrence

__all__ = ["share_chart", "comparison_chart", "cooccurrence_chart"]


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise SkilltermsError('charts need matplotlib: pip install "skillterms[plot]"') from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: str | Path) -> Path:
    path = Path(path)
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    fig.clf()
    return path


def share_chart(rows: Sequence[tuple[str, float]], path: str | Path, *, title: str = "") -> Path:
    """Horizontal bars, one per term, of the share of listings that mention it (largest on top)."""
    plt = _pyplot()
    rows = list(rows)[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1.2))
    bars = ax.barh([t for t, _ in rows], [s * 100 for _, s in rows], color="#3b6ea8")
    ax.bar_label(bars, labels=[f"{s:.0%}" for _, s in rows], padding=3, fontsize=8)
    ax.set_xlabel("share of listings (%)")
    ax.set_xlim(0, max([s * 100 for _, s in rows] + [1]) * 1.15)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def comparison_chart(rows: Sequence[Comparison], path: str | Path, *, label_a: str, label_b: str,
                     title: str = "") -> Path:
    """Paired horizontal bars: each term's share in corpus A and in corpus B."""
    plt = _pyplot()
    rows = list(rows)[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 0.45 * len(rows) + 1.4))
    y = range(len(rows))
    height = 0.4
    ax.barh([i + height / 2 for i in y], [r.share_a * 100 for r in rows], height, label=label_a, color="#3b6ea8")
    ax.barh([i - height / 2 for i in y], [r.share_b * 100 for r in rows], height, label=label_b, color="#e08a3c")
    ax.set_yticks(list(y), [r.term for r in rows])
    ax.set_xlabel("share of listings (%)")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def cooccurrence_chart(rows: Sequence[Cooccurrence], path: str | Path, *, title: str = "") -> Path:
    """A matrix of the terms in ``rows``: each cell the listings that mention both, shaded
    by lift (darker: asked for together more often than chance)."""
    plt = _pyplot()
    terms = sorted({r.term_a for r in rows} | {r.term_b for r in rows},
                   key=lambda t: (-max((r.documents_a if r.term_a == t else r.documents_b)
                                       for r in rows if t in (r.term_a, r.term_b)), t))  # ties by name
    index = {t: i for i, t in enumerate(terms)}
    n = len(terms)
    lift = [[float("nan")] * n for _ in range(n)]
    both = [[0] * n for _ in range(n)]
    for r in rows:
        i, j = index[r.term_a], index[r.term_b]
        lift[i][j] = lift[j][i] = r.lift
        both[i][j] = both[j][i] = r.documents
    fig, ax = plt.subplots(figsize=(0.5 * n + 2.5, 0.5 * n + 2))
    image = ax.imshow(lift, cmap="Blues", vmin=0)
    ax.set_xticks(range(n), terms, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(n), terms, fontsize=8)
    dark = 0.6 * max((v for row in lift for v in row if v == v), default=1.0)  # NaN != NaN
    for i in range(n):
        for j in range(n):
            if both[i][j]:  # white on the darker cells, so every count stays readable
                ax.text(j, i, str(both[i][j]), ha="center", va="center", fontsize=7,
                        color="white" if lift[i][j] > dark else "black")
    fig.colorbar(image, ax=ax, label="lift")
    ax.set_title(title)
    return _save(fig, path)
