"""Each party's figures for one quantity over time, as UCDP-style low / best / high ranges.

UCDP reports a low (lowest reliable), best (most likely) and high (upper bound) estimate; Fogwatch
reads them off the words: "more than 3,000" is low 3,000, best 3,000, high unknown; "10,000 to
12,000" is low 10,000, high 12,000, best the stated value. Running totals ("since October") and
period figures ("in the past week") are kept apart, because plotting a weekly toll next to a total
would invent a drop.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from fogwatch.link.origins import OriginIndex
from fogwatch.model import Article, ArticleClaims, Statement, TimelinePoint
from fogwatch.reconcile.quantity import FigureBasis, FigureClaim, figure_basis, placed_claims


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
                   statements: Sequence[Statement], index: OriginIndex | None = None,
                   basis: FigureBasis | None = None) -> list[TimelinePoint]:
    """One point per (statement, origin) carrying a figure, ordered by quantity, date, party
    (``basis``: these statements' ``figure_basis``, when it is computed already).

    ``independent`` marks points whose origin is a named source that said it; unnamed reports may
    be anyone relaying anyone, so they are drawn but not counted as independent.
    """
    points = [_point(c) for c in placed_claims(basis or figure_basis(articles, claims, statements, index))]
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
    """Draw one quantity, one colour per party, to PNG or SVG by suffix.

    Running totals are joined over time with their low..high band; period figures and figures whose
    window the words leave open stand alone as bars from low to high. An open bound is an arrow: "no
    more than 340" a bar from 0 with a downward arrow at 340, "more than 3,000" an upward arrow at
    3,000. Parties giving a figure on the same day are drawn side by side; unnamed sources, which may
    be anyone relaying anyone, are hollow. Undated points are left out and counted in the title.
    """
    import matplotlib.dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as PlotFigure

    path = Path(path)
    dated = [(p, datetime.combine(d, time())) for p in points
             if p.quantity == quantity and (d := _day(p.date)) is not None]
    undated = sum(1 for p in points if p.quantity == quantity) - len(dated)
    fig = PlotFigure(figsize=(8, 4.5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    parties = sorted({p.party or "unnamed source" for p, _d in dated})
    width = 0.5 / max(1, len(parties))  # of a day: parties on one day sit side by side
    for rank, party in enumerate(parties):
        colour = f"C{rank % 10}"
        shift = timedelta(days=(rank - (len(parties) - 1) / 2) * width)
        mine = sorted(((p, d + shift) for p, d in dated if (p.party or "unnamed source") == party),
                      key=lambda pd: pd[1])
        running = [(p, d) for p, d in mine if p.cumulative]
        alone = [(p, d) for p, d in mine if not p.cumulative]
        if running:
            xs = [d for _p, d in running]
            ax.fill_between(xs, [_low(p) for p, _d in running], [_high(p) for p, _d in running],
                            color=colour, alpha=0.2, step="post")
            ax.plot(xs, [p.best for p, _d in running], color=colour, marker="o",
                    label=f"{party} (running total)")
        for n, (p, d) in enumerate(alone):
            kind = "period" if p.cumulative is False else "window not stated"
            ax.vlines(d, p.low if p.low is not None else 0, _high(p), color=colour, linewidth=6, alpha=0.35)
            ax.scatter([d], [p.best], marker="s", s=40, edgecolors=colour,
                       facecolors=colour if p.independent else "none",
                       label=f"{party} ({kind})" if n == 0 and not running else None)
        for p, d in mine:  # open bounds
            if p.high is None:
                ax.scatter([d], [p.best], marker="^", color=colour, s=70)
            if p.low is None:
                ax.scatter([d], [p.best], marker="v", color=colour, s=70)
    title = quantity + (f"  ({undated} undated point(s) not shown)" if undated else "")
    ax.set_title(title, fontsize=10)
    ax.set_ylabel("people" if "percent" not in quantity else "percent")
    ax.set_ylim(bottom=0)
    if dated:
        days = [d for _p, d in dated]
        ax.set_xlim(min(days) - timedelta(days=1), max(days) + timedelta(days=1))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=10))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b %Y"))
        ax.legend(fontsize=8, loc="best")
    else:
        ax.text(0.5, 0.5, "no dated claims", ha="center", va="center", transform=ax.transAxes)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, format=path.suffix.lstrip(".").lower() or "png")
    return path


def _low(point: TimelinePoint) -> float:
    return point.low if point.low is not None else point.best or 0.0


def _high(point: TimelinePoint) -> float:
    return point.high if point.high is not None else point.best or 0.0
