"""Charts of shares, comparisons and co-occurrence (needs ``pip install "skillterms[plot]"``).

matplotlib is imported only when a chart is drawn, with the file-only Agg backend. Every
chart goes to exactly the path given, in the format its suffix names.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Iterable, Mapping, Sequence, Union

from .counting import TermCounts
from .errors import SkilltermsError, UsageError
from .report import Comparison, Cooccurrence

__all__ = ["share_chart", "grouped_share_chart", "comparison_chart", "cooccurrence_chart", "lift_chart",
           "check_chart_path", "CHART_FORMATS"]

CHART_FORMATS = ("png", "svg", "pdf", "jpg", "jpeg")
SHARE_CHART_TOP = 30  # terms a share chart of TermCounts shows when not told


def check_chart_path(path: Union[str, Path]) -> Path:
    """The chart path, checked before any work: a known suffix, an existing folder, not a
    folder itself, and matplotlib installed. Raises :class:`UsageError` saying what to fix."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"chart {str(path)!r} is a folder; name a file in it")
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in CHART_FORMATS:
        raise UsageError(f"chart {str(path)!r}: name a file ending in .{', .'.join(CHART_FORMATS[:3])} "
                         "(the suffix picks the format)")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"chart {str(path)!r}: no folder {str(parent)!r} to write it in")
    if importlib.util.find_spec("matplotlib") is None:
        raise UsageError('charts need matplotlib: pip install "skillterms[plot]"')
    return path


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise SkilltermsError('charts need matplotlib: pip install "skillterms[plot]"') from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path: Union[str, Path]) -> Path:
    path = Path(path)
    fig.tight_layout()
    suffix = path.suffix.lower().lstrip(".")
    import matplotlib.pyplot as plt

    try:
        # An open file, not a name: matplotlib would add a suffix to a name it finds without one.
        with open(path, "wb") as out:
            fig.savefig(out, dpi=130, format="jpeg" if suffix == "jpg" else suffix or "png")
    except OSError as exc:  # a write error has no file name of its own: give it the chart's
        raise OSError(exc.errno, exc.strerror or str(exc), str(path)) from exc
    finally:
        plt.close(fig)
    return path


def _shares(data: Union[TermCounts, Iterable[tuple[str, float]]], top: int | None, rollup: bool) -> list:
    if isinstance(data, TermCounts):
        return [(t, n / data.documents if data.documents else 0.0)
                for t, n in data.most_common(top or SHARE_CHART_TOP, rollup=rollup)]
    rows = [(str(t), s) for t, s in data]
    for term, share in rows:
        if not isinstance(share, (int, float)) or not 0 <= share <= 1:
            raise ValueError(f"share_chart needs shares between 0 and 1 (or a TermCounts), got {share!r} for "
                             f"{term!r}; divide counts by the number of listings")
    return rows[:top] if top else rows


def share_chart(data: Union[TermCounts, Iterable[tuple[str, float]]], path: Union[str, Path], *,
                title: str = "", top: int | None = None, rollup: bool = False) -> Path:
    """Horizontal bars, one per term, of the share of listings that mention it (largest on top).

    ``data`` is a :class:`TermCounts` (its ``top`` most common terms, 30 unless told) or
    ``(term, share)`` pairs with shares between 0 and 1."""
    check_chart_path(path)
    rows = _shares(data, top, rollup)
    plt = _pyplot()
    rows = rows[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1.2))
    bars = ax.barh([t for t, _ in rows], [s * 100 for _, s in rows], color="#3b6ea8")
    ax.bar_label(bars, labels=[f"{s:.0%}" for _, s in rows], padding=3, fontsize=8)
    ax.set_xlabel("share of listings (%)")
    ax.set_xlim(0, max([s * 100 for _, s in rows] + [1]) * 1.15)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


_PALETTE = ("#3b6ea8", "#e08a3c", "#5a9e6f", "#b8545a", "#8a6bb3", "#8c8c8c", "#c9a227", "#4fa3b8")


def grouped_share_chart(terms: Sequence[str], groups: Mapping[str, TermCounts], path: Union[str, Path], *,
                        title: str = "", rollup: bool = False) -> Path:
    """Grouped horizontal bars: for each term, its share in each group (legend: group and size)."""
    check_chart_path(path)
    plt = _pyplot()
    names = list(groups)
    if len(names) > len(_PALETTE):
        raise ValueError(f"a grouped chart draws at most {len(_PALETTE)} groups, not {len(names)}; "
                         "filter the groups or compare two with `skillterms compare`")
    terms = list(terms)[::-1]
    height = 0.8 / max(len(names), 1)
    fig, ax = plt.subplots(figsize=(7.5, (0.25 + 0.18 * len(names)) * len(terms) + 1.6))
    for k, name in enumerate(names):
        counts = groups[name]
        offsets = [i + 0.4 - height * (k + 0.5) for i in range(len(terms))]
        ax.barh(offsets, [counts.share(t, rollup=rollup) * 100 for t in terms], height,
                label=f"{name} (n={counts.documents})", color=_PALETTE[k])
    ax.set_yticks(list(range(len(terms))), terms)
    ax.set_xlabel("share of listings (%)")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)


def comparison_chart(rows: Sequence[Comparison], path: Union[str, Path], *, label_a: str, label_b: str,
                     title: str = "") -> Path:
    """Paired horizontal bars: each term's share in corpus A and in corpus B."""
    check_chart_path(path)
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


def cooccurrence_chart(rows: Sequence[Cooccurrence], path: Union[str, Path], *, title: str = "") -> Path:
    """A matrix of the terms in ``rows``: each cell the listings that mention both, coloured by
    lift on a scale centred on 1 (blue: together less often than chance, red: more often)."""
    check_chart_path(path)
    plt = _pyplot()
    from matplotlib.colors import TwoSlopeNorm

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
        both[i][j] = both[j][i] = r.documents_both
    values = [v for row in lift for v in row if v == v]  # NaN != NaN
    top = max(values + [2.0])
    norm = TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=max(top, 1.01))
    fig, ax = plt.subplots(figsize=(0.5 * n + 2.5, 0.5 * n + 2))
    image = ax.imshow(lift, cmap="RdBu_r", norm=norm)
    ax.set_xticks(range(n), terms, rotation=60, ha="right", fontsize=8)
    ax.set_yticks(range(n), terms, fontsize=8)
    for i in range(n):
        for j in range(n):
            if both[i][j]:  # white on the strong cells at either end, so every count stays readable
                strong = lift[i][j] < 0.35 or lift[i][j] > 1 + 0.65 * (top - 1)
                ax.text(j, i, str(both[i][j]), ha="center", va="center", fontsize=7,
                        color="white" if strong else "black")
    fig.colorbar(image, ax=ax, label="lift (1 = as often as chance)")
    ax.set_title(title)
    return _save(fig, path)


def lift_chart(rows: Sequence[Cooccurrence], path: Union[str, Path], *, title: str = "") -> Path:
    """One term against every other (``cooccur --with``): a bar per partner term, its length
    the lift, a line at 1 (as often as chance), and the listings with both at its end."""
    check_chart_path(path)
    plt = _pyplot()
    rows = list(rows)[::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1.4))
    colors = ["#b8545a" if r.lift >= 1 else "#3b6ea8" for r in rows]
    bars = ax.barh([r.term_b for r in rows], [r.lift for r in rows], color=colors)
    ax.bar_label(bars, labels=[f"{r.documents_both}" for r in rows], padding=3, fontsize=8)
    ax.axvline(1.0, color="#444444", linewidth=1, linestyle="--")
    ax.set_xlabel("lift (1 = as often as chance); bar labels: listings with both")
    ax.set_xlim(0, max([r.lift for r in rows] + [1.0]) * 1.15)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return _save(fig, path)
