"""One conflict as its sides: who said what, when, through which relays, in which outlets.

The ledger stores a conflict as member claims and a few typed details; a reader needs the claims
grouped into the positions that disagree, each printed in its article's sentence with the disputed
words marked, the smaller side marked as dissenting, and one plain sentence saying what differs.
A figure printed inside an attributed sentence is shown in that sentence, never as a second claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from fogwatch.reconcile.quote_drift import COUNTED_BY_WORD, compare_quotes
from fogwatch.serve.plain import dates_in, day, names, parse_day, plural, quantity_label, span, spelled, verb

Name = Callable[[str | None], str | None]
SENTENCE_REACH = 400  # characters searched either side of a claim for its sentence's edges
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n")
_COUNTED = re.compile(r"\b(?:" + "|".join(sorted(COUNTED_BY_WORD, key=len, reverse=True)) + r")\b", re.I)


def conflict_view(data: dict[str, Any], name: Name) -> dict[str, Any]:
    """The conflict page's data: the conflict, its sides (rows grouped by article), the verdict."""
    rows = _rows(data, name)
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
        "sides": [_grouped(s) for s in sides],
        "articles": sorted(articles.values(), key=lambda a: (a.get("published") or "", a["id"])),
        "statements": sorted(statements.values(), key=lambda s: s["id"]),
        "truncated": data["truncated"],
    }


# rows: one per attributed sentence (or per figure standing alone) -----------------------------
def _rows(data: dict[str, Any], name: Name) -> list[dict[str, Any]]:
    members = {c["id"]: c for c in data["claims"]}
    parents = {c["id"]: c for c in data["parents"]}
    rows: dict[str, dict[str, Any]] = {}
    for claim in data["claims"]:
        parent_id = claim.get("attribution") if claim["type"] == "figure" else None
        host = members.get(parent_id or "") or parents.get(parent_id or "") or claim
        row = rows.get(host["id"])
        if row is None:
            row = rows[host["id"]] = _row(host, data, name)
        if claim["type"] == "figure":
            row["figures"].append(claim)
        if claim["id"] in members:
            row["members"].append(claim["id"])
    return list(rows.values())


def _row(claim: dict[str, Any], data: dict[str, Any], name: Name) -> dict[str, Any]:
    who_field = "speaker_name" if claim["type"] == "attribution" else "source"
    article = data["articles"].get(claim["article"]) or {"id": claim["article"]}
    statement = data["statements"].get(claim["id"]) or {}
    return {
        "id": claim["id"], "type": claim["type"], "claim": claim, "figures": [], "members": [],
        "speaker": name(claim.get(who_field)) or claim.get("speaker_description") or None,
        "speaker_in_article": claim.get(who_field),
        "via": [name(v) or v for v in claim.get("via") or ()],
        "said_on": claim.get("said_on"), "said_on_text": claim.get("said_on_text"),
        "statement": statement.get("id"), "origin": statement.get("origin"),
        "article": {k: article.get(k) for k in ("id", "title", "outlet", "published", "url", "copy_of")},
    }


def _sentence(row: dict[str, Any], text: str | None, disputed: Iterable[tuple[int, int]]) -> list[list[str]]:
    """The claim's sentence as [class, text] pieces: "" plain, "claim", "figure", "disputed"."""
    claim = row["claim"]
    start, end = int(claim["start"]), int(claim["end"])
    disputed = list(disputed)
    if not text or text[start:end] != claim["text"]:
        text, shift = claim["text"], start  # no stored text to quote from: the claim's own words
        lo, hi = 0, len(text)
    else:
        shift = 0
        lo, hi = _bounds(text, start, end)
        for a, b in disputed:  # words in a neighbouring sentence ("... gave the figure on Friday.")
            if a < lo or b > hi:
                near_lo, near_hi = _bounds(text, a, b)
                lo, hi = min(lo, near_lo), max(hi, near_hi)
    marks = [""] * (hi - lo)

    def paint(a: int, b: int, cls: str) -> None:
        for i in range(max(a - shift, lo), min(b - shift, hi)):
            marks[i - lo] = cls

    paint(start, end, "claim")
    for fig in row["figures"]:
        paint(int(fig["start"]), int(fig["end"]), "figure")
    for a, b in disputed:
        paint(a, b, "disputed")
    pieces: list[list[str]] = []
    for i, cls in enumerate(marks):
        if pieces and pieces[-1][0] == cls:
            pieces[-1][1] += text[lo + i]
        else:
            pieces.append([cls, text[lo + i]])
    return pieces


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The edges of the sentence (or sentences) holding text[start:end]."""
    before = text[max(0, start - SENTENCE_REACH):start]
    cuts = [m.end() for m in _BOUNDARY.finditer(before)]
    lo = start - len(before) + (cuts[-1] if cuts else 0)
    after = _BOUNDARY.search(text, end, min(len(text), end + SENTENCE_REACH))
    return lo, after.start() if after else min(len(text), end + SENTENCE_REACH)


def _text_of(data: dict[str, Any], row: dict[str, Any]) -> str | None:
    return (data["articles"].get(row["article"]["id"]) or {}).get("text")


def _find(text: str | None, words: str | None, near: int) -> list[tuple[int, int]]:
    """Where `words` occur in the text closest to `near` (within a sentence's reach)."""
    if not text or not words:
        return []
    hits = [m.start() for m in re.finditer(re.escape(words), text)]
    hits = [h for h in hits if abs(h - near) <= SENTENCE_REACH]
    if not hits:
        return []
    best = min(hits, key=lambda h: abs(h - near))
    return [(best, best + len(words))]


def _finish(data: dict[str, Any], row: dict[str, Any], disputed: list[tuple[int, int]]) -> dict[str, Any]:
    row = dict(row)
    row["sentence"] = _sentence(row, _text_of(data, row), disputed)
    row["figures"] = [{k: f.get(k) for k in ("id", "text", "value", "low", "high", "qualifier", "counted")}
                      | {"range": span(f.get("low"), f.get("value"), f.get("high"), f.get("qualifier"))}
                      for f in sorted(row["figures"], key=lambda f: int(f["start"]))]
    row.pop("claim")
    return row


# sides per kind -------------------------------------------------------------------------------
Side = dict[str, Any]


def _side(key: str, label: str, rows: list[dict[str, Any]], **extra: Any) -> Side:
    return {"key": key, "label": label, "rows": rows, "dissent": False, **extra}


def _detail(data: dict[str, Any]) -> dict[str, str]:
    return {str(p[0]): str(p[1]) for p in data["detail"] if len(p) == 2}


def _outlets(side: Side) -> list[str]:
    return list(dict.fromkeys(r["article"].get("outlet") or "an unnamed outlet" for r in side["rows"]))


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
        marked = _find(_text_of(data, row), row["said_on_text"], int(row["claim"]["start"]))
        groups.setdefault(key, []).append(_finish(data, row, marked))
    majority = _detail(data).get("majority")
    ordered = sorted(groups, key=lambda k: (k != majority, k == "", k))
    sides = [_side(k, f"dated {day(k, weekday=True)}" if k else "no date given", groups[k]) for k in ordered]
    dated = [s for s in sides if s["key"]]
    if len(dated) < 2:
        return sides, data["why"]
    main, others = dated[0], dated[1:]
    said = "; ".join(f"{names(_outlets(s))} {verb(len(_outlets(s)), 'dates')} {_what(s)} "
                     f"{day(s['key'], weekday=True, year=False)}" for s in others)
    n = len(_outlets(main))
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
        text = _text_of(data, row)
        disputed = [(int(f["start"]), int(f["end"])) for f in row["figures"]] if text else []
        grouped.setdefault(side_of.get(sid or "", len(parties)), []).append(_finish(data, row, disputed))
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
        parts.append(f"{names(voices, shown=3)} ({spelled(len(_outlets(s)), 'outlet')})")
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
        grouped.setdefault(key, []).append(_finish(data, row, disputed(row, _text_of(data, row))))
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
    n, as_main, who = len(_outlets(main)), main["key"].replace("_", " "), _origin(main["rows"])
    said = "; ".join(f"{names(_outlets(s))} {verb(len(_outlets(s)), 'gives')} {who}'s figure "
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
        for op in drift.ops:
            if op.tag == "replace":
                changes.append(f"“{op.a_text}” → “{op.b_text}”")
            elif op.tag == "delete":
                changes.append(f"“{op.a_text}” left out")
            elif op.tag == "insert":
                changes.append(f"“{op.b_text}” added")
        return [(start + op.b_start, start + op.b_end) for op in drift.ops if op.tag in ("replace", "insert")]

    sides = _by_members(data, rows, changed)
    for i, s in enumerate(sides):
        s["label"] = "the most printed wording" if s["key"] == "canonical" else f"wording {i + 1}"
    if len(sides) < 2:
        return sides, data["why"]
    main, others = sides[0], sides[1:]
    outlets = [o for s in others for o in _outlets(s)]
    shown = ", ".join(dict.fromkeys(changes[:6])) + (" …" if len(set(changes)) > 6 else "")
    n, who = len(_outlets(main)), _origin(main["rows"])
    return sides, (f"{names(outlets)} {verb(len(set(outlets)), 'prints')} {who}'s quoted words differently "
                   f"({shown}); {spelled(n, 'outlet')} {verb(n, 'prints')} the same wording")


def _by_credit(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """The same words credited to different voices, or a relay credited as the source."""
    def speaker_words(row: dict[str, Any], text: str | None) -> list[tuple[int, int]]:
        claim = row["claim"]
        if claim.get("source_start") is not None and claim.get("source_end") is not None:
            return [(int(claim["source_start"]), int(claim["source_end"]))]
        return _find(text, claim.get("speaker_mention"), int(claim["start"]))

    sides = _by_members(data, rows, speaker_words)
    if data.get("rating") == "relay" and len(sides) >= 2:
        credited = names(r["speaker"] for r in sides[0]["rows"])
        origin = _origin(sides[0]["rows"] + sides[1]["rows"])
        sides[0]["label"] = f"credit {credited} as the source"
        sides[1]["label"] = f"show {credited} relaying {origin}"
        a, b = _outlets(sides[0]), _outlets(sides[1])
        return sides, (f"{names(a)} {verb(len(a), 'credits')} {credited} with {origin}'s claim; "
                       f"{names(b)} {verb(len(b), 'shows')} {credited} only relaying it")
    for s in sides:
        s["label"] = "credited to " + names(r["speaker"] or "an unnamed source" for r in s["rows"])
    if len(sides) < 2:
        return sides, data["why"]
    said = " and ".join(f"to {names(r['speaker'] or 'an unnamed source' for r in s['rows'])} in "
                        f"{names(_outlets(s))}" for s in sides)
    return sides, f"The same words are credited {said}"


def _single(data: dict[str, Any], rows: list[dict[str, Any]]) -> tuple[list[Side], str]:
    """A conflict inside one article (its own dates do not fit): one column of its claims."""
    finished = [_finish(data, r, _find(_text_of(data, r), r["said_on_text"], int(r["claim"]["start"])))
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


def _grouped(side: Side) -> Side:
    """A side's rows grouped by article (earliest first), with counts that say what they count."""
    by_article: dict[str, dict[str, Any]] = {}
    for row in side["rows"]:
        entry = by_article.setdefault(row["article"]["id"], {"article": row["article"], "claims": []})
        entry["claims"].append({k: v for k, v in row.items() if k != "article"})
    ordered = sorted(by_article.values(), key=lambda e: (parse_day(e["article"].get("published")) is None,
                                                          e["article"].get("published") or "",
                                                          e["article"]["id"]))
    outlets = _outlets(side)
    return {**{k: v for k, v in side.items() if k != "rows"}, "articles": ordered,
            "outlets": outlets, "summary": f"{plural(len(ordered), 'article')} in "
                                           f"{plural(len(outlets), 'outlet')}"}
