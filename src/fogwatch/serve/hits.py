"""Search hits marked in text as [piece, is_hit] segments, which the templates escape piece by piece.

The text is untrusted, so no markup is made here: a template wraps hit pieces in <mark> and lets
autoescaping handle every piece, whatever characters an article holds.
"""

from __future__ import annotations

import re
from typing import Any

from fogwatch.ledger.fulltext import query_words

Segments = list[tuple[str, bool]]
SNIPPET_AROUND = 90  # characters of article text shown on each side of the first hit


def hit_pattern(q: str) -> re.Pattern[str] | None:
    """Words starting with any of q's words, ignoring case (as the full-text index matches them)."""
    words = sorted({w.casefold() for w in query_words(q)}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def hit_segments(text: str | None, pattern: re.Pattern[str] | None, around: int | None = None) -> Segments:
    """The text (or, with `around`, the stretch around its first hit) split into hits and the rest."""
    text = text or ""
    if pattern is None:
        return [(text, False)] if text else []
    if around is not None:
        first = pattern.search(text)
        centre = first.start() if first else 0
        start = max(0, text.rfind(" ", 0, max(0, centre - around)) + 1) if centre > around else 0
        end = text.find(" ", centre + around)
        end = len(text) if end == -1 else end
        text = ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")
    out: Segments = []
    done = 0
    for hit in pattern.finditer(text):
        if hit.start() > done:
            out.append((text[done:hit.start()], False))
        out.append((hit.group(), True))
        done = hit.end()
    if done < len(text):
        out.append((text[done:], False))
    return out


def mark_hits(results: dict[str, dict[str, Any]], q: str) -> None:
    """Give search results their marked text: statements' and claims' words, articles' title and a
    snippet of the text around the first hit (the full text is dropped from the answer)."""
    pattern = hit_pattern(q)
    for row in results.get("statements", {}).get("items", ()):
        row["marked"] = hit_segments(row["what"], pattern)
    for row in results.get("claims", {}).get("items", ()):
        row["marked"] = hit_segments(row["text"], pattern)
    for row in results.get("articles", {}).get("items", ()):
        row["marked_title"] = hit_segments(row["title"], pattern)
        row["snippet"] = hit_segments(row.pop("text"), pattern, around=SNIPPET_AROUND)
