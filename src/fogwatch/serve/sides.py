"""One conflict as its sides: who said what, when, through which relays, in which outlets.

The ledger stores a conflict as member claims and a few typed details; a reader needs the claims
grouped into the positions that disagree, each printed in its article's sentence with the disputed
words marked, the smaller side marked as dissenting, and one plain sentence saying what differs.
A figure printed inside an attributed sentence is shown in that sentence, never as a second claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fogwatch.reconcile.quote_drift import COUNTED_BY_WORD, compare_quotes
from fogwatch.serve.plain import dates_in, day, names, quantity_label, span, spelled, verb
from fogwatch.serve.side_rows import Name, Side, find_words, finish, grouped, outlets, rows_of, text_of

_COUNTED = re.compile(r"\b(?:" + "|".join(sorted(COUNTED_BY_WORD, key=len, reverse=True)) + r")\b", re.I)


def conflict_view(data: dict[str, Any], name: Name) -> dict[str, Any]:
    """The conflict page's data: the conflict, its sides (rows grouped by article), the verdict."""
    rows = rows_of(data, name)
    kind = data["kind"]
    build = _BUILDERS.get(kind, _single)
    sides, verdict = build(data, rows)
    sides = [s for s in sides if s["rows"]]
    _mark_dissent(sides)
    articles = {r["article"]["id"]: r["article"] for r in rows}
    statements = {s["id"]: s for s in data["statements"].values()}
    return {
        "conflict": {k: data[k] for k in ("id", "kind", "rating", "why", "statement", "members", "detail",
                                          "reviewed")},
        "verdict": dates_in(verdict),
        "label": quantity_label(_detail(data).get("quantity")) or None,
        "sides": [grouped(s) for s in sides],
        "articles": sorted(articles.values(), key=lambda a: (a.get("published") or "", a["id"])),
        "statements": sorted(statements.values(), key=lambda s: s["id"]),
        "truncated": data["truncated"],
    }


# sides per kind -------------------------------------------------------------------------------
def _side(key: str, label: str, rows: list[dict[str, Any]], **extra: Any) -> Side:
    return {"key": key, "label": label, "rows": rows, "dissent": False, **extra}


def _detail(data: dict[str, Any]) -> dict[str, str]:
    return {str(p[0]): str(p[1]) for p in data["detail"] if len(p) == 2}


def _origin(rows: list[dict[str, Any]]) -> str:
    found = [r["origin"] for r in rows if r.get("origin")]
    return max(set(found), key=found.count) if found else "an unnamed source"


def _by_date(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """A statement dated differently: one side per date the articles give."""
    if data.get("rating") == "article":
        return _single(data, rows)
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        said = row["said_on"] or next((f.get("said_on") for f in row["figures"] if f.get("said_on")), None)
        key = str(said)[:10] if said else ""
        marked = find_words(text_of(data, row), row["said_on_text"], row["claim"])
        groups.setdefault(key, []).append(finish(data, row, marked))
    majority = _detail(data).get("majority")
    ordered = sorted(groups, key=lambda k: (k != majority, k == "", k))
    sides = [_side(k, f"dated {day(k, weekday=True)}" if k else "no date given", groups[k]) for k in ordered]
    dated = [s for s in sides if s["key"]]
    if len(dated) < 2:
        return sides, data["why"]
    main, others = dated[0], dated[1:]
    said = "; ".join(f"{names(outlets(s))} {verb(len(outlets(s)), 'dates')} {_what(s)} "
                     f"{day(s['key'], weekday=True, year=False)}" for s in others)
    n = len(outlets(main))
    majority_day = day(main["key"], weekday=True, year=False)
    return sides, f"{said}; {spelled(n, 'outlet')} {verb(n, 'says')} {majority_day}"


def _what(side: Side) -> str:
    statements = {r["statement"] for r in side["rows"] if r["statement"]}
    origin = _origin(side["rows"])
    return f"{origin}'s {'statement' if len(statements) <= 1 else 'statements'}"


def _by_figure(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """Figures for one quantity that do not overlap: statements whose ranges agree share a side.

    Each statement's range is its point on the timeline; a ledger without those points (an older
    one) compares each printing's own figure instead."""
    def statement_of(row: dict[str, Any]) -> str | None:
        found = next((data["statements"].get(f["id"], {}).get("id") for f in row["figures"]), None)
        return (found or row["statement"]) if data["ranges"] else row["id"]

    ranges = {r["statement"]: r for r in data["ranges"]} or {
        row["id"]: {"statement": row["id"], "party": row["speaker"], "low": f.get("low"),
                    "best": f.get("value"), "high": f.get("high")}
        for row in rows for f in row["figures"][:1]}
    order = [s for s in _detail(data) if s.startswith("s-")] if data["ranges"] else list(ranges)
    parties: list[list[dict[str, Any]]] = []
    for sid in sorted(order, key=lambda s: -(ranges.get(s, {}).get("best") or 0)):
        point = ranges.get(sid) or {"statement": sid, "party": None, "low": None, "best": None, "high": None}
        joined = next((p for p in parties if all(_overlap(point, q) for q in p)), None)
        if joined is None:
            parties.append([point])
        else:
            joined.append(point)
    side_of = {p["statement"]: i for i, group in enumerate(parties) for p in group}
    grouped: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        sid = statement_of(row)
        text = text_of(data, row)
        disputed = [(int(f["start"]), int(f["end"])) for f in row["figures"]] if text else []
        grouped.setdefault(side_of.get(sid or "", len(parties)), []).append(finish(data, row, disputed))
    qualifiers = _qualifiers(data, rows)
    sides = []
    for i, group in enumerate(parties):
        group.sort(key=lambda p: (p["party"] is None, -len(qualifiers.get(p["statement"], ()))))
        for p in group:
            p["qualifier"] = _most(qualifiers.get(p["statement"], []))
        said = [f"{p['party'] or 'an unnamed source'}: {_range(p)}" for p in group]
        sides.append(_side(str(i + 1), "; ".join(said), grouped.get(i, []),
                           says=[{"party": p["party"], "range": _range(p), "statement": p["statement"]}
                                 for p in group]))
    if len(parties) in grouped:
        sides.append(_side("other", "other printings", grouped[len(parties)]))
    label = quantity_label(_detail(data).get("quantity"))
    parts = []
    for s in sides[:len(parties)]:
        voices = [f"{p['party'] or 'an unnamed source'} {'says ' if k == 0 else ''}{p['range']}"
                  for k, p in enumerate(s["says"])]
        parts.append(f"{names(voices, shown=3)} ({spelled(len(outlets(s)), 'outlet')})")
    return sides, (f"{label[:1].upper()}{label[1:]}: " if label else "") + "; ".join(parts)


def _qualifiers(data: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The hedges ("about", "around") each statement's printings give its figure."""
    out: dict[str, list[str]] = {}
    for row in rows:
        for f in row["figures"]:
            sid = data["statements"].get(f["id"], {}).get("id") if data["ranges"] else row["id"]
            if sid:
                out.setdefault(sid, []).extend([f["qualifier"]] if f.get("qualifier") else [])
    return out


def _most(items: list[str]) -> str | None:
    return max(set(items), key=lambda i: (items.count(i), i)) if items else None


def _range(point: dict[str, Any]) -> str:
    return span(point.get("low"), point.get("best"), point.get("high"), point.get("qualifier")) or "a figure"


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def bounds(p: dict[str, Any]) -> tuple[float, float]:
        best, low, high = p.get("best"), p.get("low"), p.get("high")
        lo = low if low is not None else (0.0 if high is not None else best)
        hi = high if high is not None else (float("inf") if low is not None else best)
        return float(lo or 0.0), float(hi if hi is not None else float("inf"))

    (a_lo, a_hi), (b_lo, b_hi) = bounds(a), bounds(b)
    return a_lo <= b_hi and b_lo <= a_hi


def _by_members(data: dict[str, Any], rows: list[dict[str, Any]],
                disputed: Callable[[dict[str, Any], str | None], list[tuple[int, int]]]) -> list[Side]:
    """Sides as the conflict's details list them: each detail value names member claims."""
    side_of: dict[str, str] = {}
    labels: list[str] = []
    for key, value in data["detail"]:
        if key.startswith("variant "):  # quote drift: "variant ID ID" -> how that wording differs
            ids = key.split()[1:]
        elif data["kind"] == "attribution" and key not in ("credited", "relaying"):
            ids = [key]  # the same words credited twice: one side per claim
        else:
            ids = value.split()
        if any(i in data["members"] for i in ids):
            labels.append(key)
            side_of.update((i, key) for i in ids)
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        key = next((side_of[m] for m in row["members"] if m in side_of), "other")
        grouped.setdefault(key, []).append(finish(data, row, disputed(row, text_of(data, row))))
    return [_side(k, k, grouped.get(k, [])) for k in [*labels, "other"] if k in grouped]


def _by_counted(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """One figure printed as different categories (killed or wounded -> killed)."""
    def counted_words(row: dict[str, Any], text: str | None) -> list[tuple[int, int]]:
        out = []
        for f in row["figures"]:
            start = int(f["start"])
            out += [(start + m.start(), start + m.end()) for m in _COUNTED.finditer(f["text"])]
        return out

    sides = _by_members(data, rows, counted_words)
    for s in sides:
        s["label"] = "print it as " + s["key"].replace("_", " ")
    if len(sides) < 2:
        return sides, data["why"]
    main, others = sides[0], sides[1:]
    value = next((f["range"] for r in main["rows"] for f in r["figures"]), "the figure")
    n, as_main, who = len(outlets(main)), main["key"].replace("_", " "), _origin(main["rows"])
    said = "; ".join(f"{names(outlets(s))} {verb(len(outlets(s)), 'gives')} {who}'s figure "
                     f"of {value} {as_main} as {s['key'].replace('_', ' ')}" for s in others)
    return sides, f"{said}; {spelled(n, 'outlet')} {verb(n, 'prints')} {as_main}"


def _by_wording(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """One quotation in different wordings: the most printed one against each variant."""
    detail = _detail(data)
    canonical_ids = detail.get("canonical", "").split()
    canon = next((r["claim"]["text"] for r in rows if r["id"] in canonical_ids), None)
    changes: list[str] = []

    def changed(row: dict[str, Any], text: str | None) -> list[tuple[int, int]]:
        if canon is None or row["id"] in canonical_ids:
            return []
        start = int(row["claim"]["start"])
        drift = compare_quotes(canon, row["claim"]["text"])
        changes.extend(drift.changes(for_readers=True))
        return [(start + op.b_start, start + op.b_end) for op in drift.ops if op.tag in ("replace", "insert")]

    sides = _by_members(data, rows, changed)
    for i, s in enumerate(sides):
        s["label"] = "the most printed wording" if s["key"] == "canonical" else f"wording {i + 1}"
    if len(sides) < 2:
        return sides, data["why"]
    main, others = sides[0], sides[1:]
    reworded = [o for s in others for o in outlets(s)]
    shown = ", ".join(dict.fromkeys(changes[:6])) + (" …" if len(set(changes)) > 6 else "")
    n, who = len(outlets(main)), _origin(main["rows"])
    return sides, (f"{names(reworded)} {verb(len(set(reworded)), 'prints')} {who}'s quoted words differently "
                   f"({shown}); {spelled(n, 'outlet')} {verb(n, 'prints')} the same wording")


def _by_credit(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """The same words credited to different voices, or a relay credited as the source."""
    def speaker_words(row: dict[str, Any], text: str | None) -> list[tuple[int, int]]:
        claim = row["claim"]
        if claim.get("source_start") is not None and claim.get("source_end") is not None:
            return [(int(claim["source_start"]), int(claim["source_end"]))]
        return find_words(text, claim.get("speaker_mention"), claim)

    sides = _by_members(data, rows, speaker_words)
    if data.get("rating") == "relay" and len(sides) >= 2:
        credited = names(r["speaker"] for r in sides[0]["rows"])
        origin = _origin(sides[0]["rows"] + sides[1]["rows"])
        sides[0]["label"] = f"credit {credited} as the source"
        sides[1]["label"] = f"show {credited} relaying {origin}"
        a, b = outlets(sides[0]), outlets(sides[1])
        return sides, (f"{names(a)} {verb(len(a), 'credits')} {credited} with {origin}'s claim; "
                       f"{names(b)} {verb(len(b), 'shows')} {credited} only relaying it")
    for s in sides:
        s["label"] = "credited to " + names(r["speaker"] or "an unnamed source" for r in s["rows"])
    if len(sides) < 2:
        return sides, data["why"]
    said = " and ".join(f"to {names(r['speaker'] or 'an unnamed source' for r in s['rows'])} in "
                        f"{names(outlets(s))}" for s in sides)
    return sides, f"The same words are credited {said}"


def _single(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """A conflict inside one article (its own dates do not fit): one column of its claims."""
    finished = [finish(data, r, find_words(text_of(data, r), r["said_on_text"], r["claim"]))
                for r in rows]
    outlet = names(r["article"].get("outlet") for r in finished) or "One article"
    why = data["why"]
    _head, _, rest = why.partition(": ")
    return [_side("article", "in this article", finished)], (f"{outlet}: {rest}" if rest else why)


_BUILDERS: dict[str, Callable[[dict[str, Any], list[dict[str, Any]]], tuple[list[Side], str]]] = {
    "date": _by_date, "figure": _by_figure, "counted_drift": _by_counted, "quote_drift": _by_wording,
    "attribution": _by_credit,
}


# presentation ---------------------------------------------------------------------------------
def _mark_dissent(sides: list[Side]) -> None:
    """When one side is carried by more articles than any other, every other side dissents from it."""
    if len(sides) < 2:
        return
    sizes = [len({r["article"]["id"] for r in s["rows"]}) for s in sides]
    most = max(sizes)
    if sizes.count(most) == 1:
        for side, size in zip(sides, sizes, strict=True):
            side["dissent"] = size < most
