"""Geometry for the timeline bands (the provenance drawing is `provenance`).

Only numbers and labels leave here; the templates draw the SVG, so every label is autoescaped there.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

PALETTE = ("#3b6ea5", "#b5524b", "#5f8a3a", "#7d62a0", "#c4862d", "#2f8585", "#9c5578", "#6f6f6f")


# timeline -------------------------------------------------------------------------------------
W, H, LEFT, RIGHT, TOP, BOTTOM = 1100, 400, 72, 24, 20, 44


def timeline_chart(points: list[dict[str, Any]], parties: list[str]) -> dict[str, Any] | None:
    """Low/best/high bands per party on a date axis; None when no point is both dated and valued."""
    dated = [(p, d) for p in points if (d := _day(p.get("date"))) and _values(p)]
    if not dated:
        return None
    days = [d for _, d in dated]
    lo_day, hi_day = min(days), max(days)
    pad = max(2, (hi_day - lo_day).days * 0.04)
    x0, x1 = lo_day - timedelta(days=pad), hi_day + timedelta(days=pad)
    top = _nice_top(max(v for p, _ in dated for v in _values(p)))
    span = (x1 - x0).days or 1

    def x(d: date) -> float:
        return round(LEFT + (d - x0).days / span * (W - LEFT - RIGHT), 1)

    def y(v: float) -> float:
        return round(H - BOTTOM - v / top * (H - TOP - BOTTOM), 1)

    colours = {party: PALETTE[min(i, len(PALETTE) - 1)] for i, party in enumerate(parties)}
    series: dict[str, list[dict[str, Any]]] = {}
    for p, d in dated:
        party = p.get("party") or "unnamed"
        lo, best, hi = _range(p)
        series.setdefault(party, []).append({
            "x": x(d), "y_low": y(lo), "y_high": y(hi), "y_best": y(best),
            "open": p.get("high") is None and p.get("low") is not None,
            "hollow": not p.get("independent", True), "statement": p.get("statement"),
            "title": f"{party}, {d.isoformat()}: {_fmt(best)} (range {_fmt(lo)}–"
                     f"{'?' if p.get('high') is None and p.get('low') is not None else _fmt(hi)})",
        })
    drawn = []
    for party, marks in series.items():
        marks.sort(key=lambda m: m["x"])
        band = line = ""
        if len({m["x"] for m in marks}) > 1:
            band = " ".join(f"{m['x']},{m['y_high']}" for m in marks) + " " + " ".join(
                f"{m['x']},{m['y_low']}" for m in reversed(marks))
            line = " ".join(f"{m['x']},{m['y_best']}" for m in marks)
        drawn.append({"party": party, "colour": colours.get(party, PALETTE[-1]), "marks": marks,
                      "band": band, "line": line})
    return {"width": W, "height": H, "left": LEFT, "right": W - RIGHT, "top": TOP, "bottom": H - BOTTOM,
            "series": drawn, "y_ticks": [{"y": y(v), "label": _fmt(v)} for v in _ticks(top)],
            "x_ticks": [{"x": x(d), "label": label} for d, label in _date_ticks(x0, x1)],
            "undated": len(points) - len(dated)}


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _values(p: dict[str, Any]) -> list[float]:
    return [float(v) for v in (p.get("low"), p.get("best"), p.get("high")) if v is not None]


def _range(p: dict[str, Any]) -> tuple[float, float, float]:
    vals = _values(p)
    best = float(p["best"]) if p.get("best") is not None else vals[0]
    lo = float(p["low"]) if p.get("low") is not None else min(vals)
    hi = float(p["high"]) if p.get("high") is not None else max(vals)
    return lo, best, hi


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    step = _nice_step(value / 4)
    return step * math.ceil(value * 1.08 / step)


def _nice_step(raw: float) -> float:
    exp = 10 ** math.floor(math.log10(raw))
    return next(m * exp for m in (1, 2, 2.5, 5, 10) if m * exp >= raw)


def _ticks(top: float) -> list[float]:
    step = _nice_step(top / 5)
    return [i * step for i in range(int(top / step) + 1)]


def _date_ticks(start: date, end: date) -> list[tuple[date, str]]:
    span = (end - start).days
    if span <= 90:
        step = max(1, round(span / 6))
        first = start + timedelta(days=1)
        return [(first + timedelta(days=i * step), (first + timedelta(days=i * step)).strftime("%d %b"))
                for i in range(span // step + 1) if first + timedelta(days=i * step) < end]
    months, d = [], date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            months.append(d)
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    every = max(1, math.ceil(len(months) / 8))
    return [(m, m.strftime("%b %Y")) for m in months[::every]]


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"{v:,.1f}"
