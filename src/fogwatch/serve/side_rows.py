"""A conflict's claims as rows to set side by side: one per attributed sentence (a figure printed
inside an attributed sentence is shown in it, never as a second claim), each quoted from its article
with the claim, its figures and the disputed words marked. Article text is data here; the template
escapes every piece of it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from fogwatch.serve.plain import parse_day, plural, span

Name = Callable[[str | None], str | None]
Side = dict[str, Any]
SENTENCE_REACH = 400  # characters searched either side of a claim for its sentence's edges
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"”’)]*\s+|\n")


def rows_of(data: dict[str, Any], name: Name) -> list[dict[str, Any]]:
    members = {c["id"]: c for c in data["claims"]}
    parents = {c["id"]: c for c in data["parents"]}
    rows: dict[str, dict[str, Any]] = {}
    for claim in data["claims"]:
        parent_id = claim.get("attribution") if claim["type"] == "figure" else None
        host = members.get(parent_id or "") or parents.get(parent_id or "") or claim
        row = rows.get(host["id"])
        if row is None:
            row = rows[host["id"]] = row_of(host, data, name)
        if claim["type"] == "figure":
            row["figures"].append(claim)
        if claim["id"] in members:
            row["members"].append(claim["id"])
    return list(rows.values())


def row_of(claim: dict[str, Any], data: dict[str, Any], name: Name) -> dict[str, Any]:
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


def sentence(row: dict[str, Any], text: str | None, disputed: Iterable[tuple[int, int]]) -> list[list[str]]:
    """The claim's sentence as [class, text] pieces: "" plain, "claim", "figure", "disputed"."""
    claim = row["claim"]
    start, end = int(claim["start"]), int(claim["end"])
    disputed = list(disputed)
    if not text or text[start:end] != claim["text"]:
        text, shift = claim["text"], start  # no stored text to quote from: the claim's own words
        lo, hi = 0, len(text)
    else:
        shift = 0
        lo, hi = bounds(text, start, end)
        for a, b in disputed:  # words in a neighbouring sentence ("... gave the figure on Friday.")
            if a < lo or b > hi:
                near_lo, near_hi = bounds(text, a, b)
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


def bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The edges of the sentence (or sentences) holding text[start:end]."""
    before = text[max(0, start - SENTENCE_REACH):start]
    cuts = [m.end() for m in _BOUNDARY.finditer(before)]
    lo = start - len(before) + (cuts[-1] if cuts else 0)
    after = _BOUNDARY.search(text, end, min(len(text), end + SENTENCE_REACH))
    return lo, after.start() if after else min(len(text), end + SENTENCE_REACH)


def text_of(data: dict[str, Any], row: dict[str, Any]) -> str | None:
    return (data["articles"].get(row["article"]["id"]) or {}).get("text")


def find_words(text: str | None, words: str | None, claim: dict[str, Any]) -> list[tuple[int, int]]:
    """Where `words` ("on Friday", "the ministry") occur for a claim: in its own sentence, else in the
    sentence just before or just after it; nowhere else, so another sentence's date is not marked."""
    if not text or not words:
        return []
    start, end = int(claim["start"]), int(claim["end"])
    if text[start:end] != claim.get("text"):
        return []
    lo, hi = bounds(text, start, end)
    before = bounds(text, max(0, lo - 2), max(0, lo - 1)) if lo > 1 else (lo, hi)
    after = bounds(text, min(len(text), hi + 1), min(len(text), hi + 2)) if hi + 1 < len(text) else (lo, hi)
    hits = [m.start() for m in re.finditer(re.escape(words), text[before[0]:after[1]])]
    hits = [before[0] + h for h in hits]
    if not hits:
        return []
    best = min(hits, key=lambda h: (not lo <= h < hi, abs(h - start)))
    return [(best, best + len(words))]


def finish(data: dict[str, Any], row: dict[str, Any], disputed: list[tuple[int, int]]) -> dict[str, Any]:
    row = dict(row)
    row["sentence"] = sentence(row, text_of(data, row), disputed)
    row["figures"] = [{k: f.get(k) for k in ("id", "text", "value", "low", "high", "qualifier", "counted")}
                      | {"range": span(f.get("low"), f.get("value"), f.get("high"), f.get("qualifier"))}
                      for f in sorted(row["figures"], key=lambda f: int(f["start"]))]
    row.pop("claim")
    return row


def outlets(side: Side) -> list[str]:
    """The outlets printing a side's claims, in the order its rows come."""
    return list(dict.fromkeys(r["article"].get("outlet") or "an unnamed outlet" for r in side["rows"]))


def grouped(side: Side) -> Side:
    """A side's rows grouped by article (earliest first), with counts that say what they count."""
    by_article: dict[str, dict[str, Any]] = {}
    for row in side["rows"]:
        entry = by_article.setdefault(row["article"]["id"], {"article": row["article"], "claims": []})
        entry["claims"].append({k: v for k, v in row.items() if k != "article"})
    ordered = sorted(by_article.values(), key=lambda e: (parse_day(e["article"].get("published")) is None,
                                                          e["article"].get("published") or "",
                                                          e["article"]["id"]))
    carried = outlets(side)
    return {**{k: v for k, v in side.items() if k != "rows"}, "articles": ordered,
            "outlets": carried, "summary": f"{plural(len(ordered), 'article')} in "
                                           f"{plural(len(carried), 'outlet')}"}
