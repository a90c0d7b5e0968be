"""Geometry for the timeline bands (the provenance drawing is `provenance`).

Only numbers and labels leave here; the templates draw the SVG, so every label is autoescaped there.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Collection
from datetime import date, timedelta
from typing import Any

PALETTE = ("#3b6ea5", "#b5524b", "#5f8a3a", "#7d62a0", "#c4862d", "#2f8585", "#9c5578", "#6f6f6f")


# timeline -------------------------------------------------------------------------------------
W, H, LEFT, RIGHT, TOP, BOTTOM = 1100, 400, 72, 150, 20, 44
# A party keeps its colour from chart to chart: the colour is picked from its name, not its rank.
PARTY_COLOURS = (*PALETTE[:-1], "#8a6d1f", "#1f3f77", "#d05a8c")
SAME_PLACE_PX = 9  # marks of different parties closer than this are set side by side
LABEL_PX_PER_CHAR, LABEL_LINE = 6.4, 13


def party_colour(party: str | None, taken: Collection[str] = ()) -> str:
    """The party's own colour (grey for unnamed sources); the next free one if another party in the
    same chart already has it."""
    if not party or party == "unnamed":
        return PALETTE[-1]
    first = int(hashlib.sha1(party.encode()).hexdigest(), 16) % len(PARTY_COLOURS)
    for step in range(len(PARTY_COLOURS)):
        colour = PARTY_COLOURS[(first + step) % len(PARTY_COLOURS)]
        if colour not in taken:
            return colour
    return PALETTE[-1]


def timeline_chart(points: list[dict[str, Any]], parties: list[str]) -> dict[str, Any] | None:
    """Low/best/high marks per party on a date axis, each labelled with its value; an open bound
    ("more than", "no more than") drawn as an arrow away from the known end; marks of different
    parties on the same day set side by side. None when no point is both dated and valued."""
    dated = [(p, d) for p in points if (d := _day(p.get("date"))) and _values(p)]
    if not dated:
        return None
    days = [d for _, d in dated]
    lo_day, hi_day = min(days), max(days)
    pad = max(2, (hi_day - lo_day).days * 0.04)
    x0, x1 = lo_day - timedelta(days=pad), hi_day + timedelta(days=pad)
    top = _nice_top(max(v for p, _ in dated for v in _values(p)))
    days_span = (x1 - x0).days or 1

    def x(d: date) -> float:
        return round(LEFT + (d - x0).days / days_span * (W - LEFT - RIGHT), 1)

    def y(v: float) -> float:
        return round(H - BOTTOM - v / top * (H - TOP - BOTTOM), 1)

    colours: dict[str, str] = {}
    for party in [*parties, *(p.get("party") or "unnamed" for p, _ in dated)]:
        if party not in colours:
            colours[party] = party_colour(party, set(colours.values()))
    series: dict[str, list[dict[str, Any]]] = {}
    for p, d in dated:
        party = p.get("party") or "unnamed"
        lo, best, hi = _range(p)
        opens = "up" if p.get("high") is None and p.get("low") is not None else \
            "down" if p.get("low") is None and p.get("high") is not None else None
        label = _label(p, opens)
        series.setdefault(party, []).append({
            "x": x(d), "y_low": y(lo), "y_high": y(hi), "y_best": y(best), "open": opens,
            "hollow": not p.get("independent", True), "statement": p.get("statement"), "label": label,
            "title": f"{party}, {d.day} {d:%B %Y}: {label}",
        })
    _side_by_side(series)
    _place_labels([m for marks in series.values() for m in marks])
    drawn = []
    for party, marks in series.items():
        marks.sort(key=lambda m: m["x"])
        band = line = ""
        if len({m["x"] for m in marks}) > 1:
            band = " ".join(f"{m['x']},{m['y_high']}" for m in marks) + " " + " ".join(
                f"{m['x']},{m['y_low']}" for m in reversed(marks))
            line = " ".join(f"{m['x']},{m['y_best']}" for m in marks)
        drawn.append({"party": party, "colour": colours[party], "marks": marks, "band": band, "line": line})
    return {"width": W, "height": H, "left": LEFT, "right": W - RIGHT, "top": TOP, "bottom": H - BOTTOM,
            "series": drawn, "y_ticks": [{"y": y(v), "label": _fmt(v)} for v in _ticks(top)],
            "x_ticks": [{"x": x(d), "label": label} for d, label in _date_ticks(x0, x1)],
            "undated": len(points) - len(dated)}


def _label(p: dict[str, Any], opens: str | None) -> str:
    lo, best, hi = _range(p)
    if opens == "up":
        return f"more than {_fmt(lo)}"
    if opens == "down":
        return f"no more than {_fmt(hi)}"
    return f"{_fmt(lo)} to {_fmt(hi)}" if lo != hi else _fmt(best)


def _side_by_side(series: dict[str, list[dict[str, Any]]]) -> None:
    """Marks of different parties on (nearly) the same day move apart, so none hides another."""
    marks = sorted((m for ms in series.values() for m in ms), key=lambda m: m["x"])
    group: list[dict[str, Any]] = []
    for mark in [*marks, None]:
        if mark is not None and group and mark["x"] - group[0]["x"] < SAME_PLACE_PX:
            group.append(mark)
            continue
        for i, m in enumerate(group):
            m["x"] = round(m["x"] + (i - (len(group) - 1) / 2) * SAME_PLACE_PX, 1)
        for m in group:  # labels start right of the whole group, clear of every mark in it
            m["label_from"] = max(g["x"] for g in group) + 8
        group = [mark] if mark is not None else []


def _place_labels(marks: list[dict[str, Any]]) -> None:
    """Each mark's value to its right, moved down a line while it would overlap a label already set."""
    placed: list[tuple[float, float, float]] = []
    for m in sorted(marks, key=lambda m: (m["x"], m["y_best"])):
        lx, ly = m.pop("label_from", m["x"] + 8), m["y_best"] + 4
        width = len(m["label"]) * LABEL_PX_PER_CHAR
        for _ in range(6):
            if not any(abs(ly - py) < LABEL_LINE and lx < px + pw and px < lx + width
                       for px, py, pw in placed):
                break
            ly += LABEL_LINE
        placed.append((lx, ly, width))
        m["label_x"], m["label_y"] = round(lx, 1), round(ly, 1)


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
