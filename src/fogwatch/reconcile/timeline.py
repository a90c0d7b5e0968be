"""Each party's figures for one quantity over time, as UCDP-style low / best / high ranges.

UCDP reports a low (lowest reliable), best (most likely) and high (upper bound) estimate; Fogwatch
reads them off the words: "more than 3,000" is low 3,000, best 3,000, high unknown; "10,000 to
12,000" is low 10,000, high 12,000, best the stated value. Running totals ("since October") and
period figures ("in the past week") are kept apart, because plotting a weekly toll next to a total
would invent a drop.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from fogwatch.link.origins import OriginIndex
from fogwatch.model import Article, ArticleClaims, Statement, TimelinePoint
from fogwatch.reconcile.quantity import FigureClaim, figure_claims


def _point(claim: FigureClaim) -> TimelinePoint:
    fig = claim.figure
    if fig.low is None and fig.high is None:
        low = high = float(fig.value)
    else:
        low = float(fig.low) if fig.low is not None else None
        high = float(fig.high) if fig.high is not None else None
    return TimelinePoint(
        quantity=claim.key, party=claim.party, date=claim.as_of, low=low, best=float(fig.value), high=high,
        cumulative=claim.cumulative, independent=claim.origin is not None,
        figures=tuple(f.id for f in claim.figures), statement=claim.statement.id,
    )


def build_timeline(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                   statements: Sequence[Statement], index: OriginIndex | None = None) -> list[TimelinePoint]:
    """One point per (statement, origin) carrying a figure, ordered by quantity, date, party.

    ``independent`` marks points whose origin is a named source that said it; unnamed reports may
    be anyone relaying anyone, so they are drawn but not counted as independent.
    """
    points = [_point(c) for c in figure_claims(articles, claims, statements, index)]
    return sorted(points, key=lambda p: (p.quantity, p.date or "9999", p.party or "", p.statement or ""))


def quantities(points: Sequence[TimelinePoint]) -> list[tuple[str, int]]:
    """Quantity keys with their number of points, most discussed first."""
    counts: dict[str, int] = {}
    for point in points:
        counts[point.quantity] = counts.get(point.quantity, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def plot_timeline(points: Sequence[TimelinePoint], quantity: str, path: str | Path) -> Path:
    """Draw one quantity as a band per party (low..high, best as a line) to PNG or SVG by suffix.

    Running totals are bands joined over time; period figures are separate hollow bars, so the two
    never share a line. Undated points are left out and counted in the title.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as PlotFigure

    path = Path(path)
    chosen = [p for p in points if p.quantity == quantity]
    dated = [(p, _day(p.date)) for p in chosen]
    undated = sum(1 for _p, d in dated if d is None)
    fig = PlotFigure(figsize=(8, 4.5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    parties = sorted({p.party or "unnamed source" for p, d in dated if d is not None})
    palette = [f"C{i % 10}" for i in range(len(parties))]
    for party, colour in zip(parties, palette, strict=True):
        mine = sorted(((p, d) for p, d in dated if d is not None and (p.party or "unnamed source") == party),
                      key=lambda pd: pd[1])
        running = [(p, d) for p, d in mine if p.cumulative is not False]
        period = [(p, d) for p, d in mine if p.cumulative is False]
        if running:
            xs = [d for _p, d in running]
            best = [p.best for p, _d in running]
            lows = [p.low if p.low is not None else p.best for p, _d in running]
            highs = [p.high if p.high is not None else p.best for p, _d in running]
            ax.fill_between(xs, lows, highs, color=colour, alpha=0.2, step="post")
            ax.plot(xs, best, color=colour, marker="o", label=f"{party} (total)")
            open_top = [(d, p.best) for p, d in running if p.high is None]
            if open_top:
                ax.scatter([d for d, _b in open_top], [b for _d, b in open_top], marker="^", color=colour,
                           s=60)
        if period:
            for p, d in period:
                low = p.low if p.low is not None else p.best
                high = p.high if p.high is not None else p.best
                ax.vlines(d, low, high, color=colour, linewidth=6, alpha=0.35)
            ax.scatter([d for _p, d in period], [p.best for p, _d in period], facecolors="none",
                       edgecolors=colour, marker="s", label=f"{party} (period)")
    title = quantity + (f"  ({undated} undated point(s) not shown)" if undated else "")
    ax.set_title(title, fontsize=10)
    ax.set_ylabel("people" if "percent" not in quantity else "percent")
    ax.set_ylim(bottom=0)
    if parties:
        ax.legend(fontsize=8, loc="best")
    else:
        ax.text(0.5, 0.5, "no dated claims", ha="center", va="center", transform=ax.transAxes)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, format=path.suffix.lstrip(".").lower() or "png")
    return path
