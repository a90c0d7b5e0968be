"""Article text with its claims highlighted, and wordings marked where they differ.

Article text is untrusted: every piece of it goes through `markupsafe.escape` (via `Markup.format`)
before it meets any markup, so no character of an article can open a tag or an attribute.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any

from markupsafe import Markup

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def anchor(claim_id: str) -> str:
    """The element id of a claim's card: stable, and safe in a URL fragment and a data attribute."""
    return "c-" + _ANCHOR_UNSAFE.sub("_", claim_id)


def highlight(text: str, claims: Iterable[Mapping[str, Any]]) -> Markup:
    """The text as HTML, each claim's span a link to its card; overlapping spans split into segments."""
    spans = []
    for claim in claims:
        start = max(0, min(len(text), int(claim["start"])))
        end = max(start, min(len(text), int(claim["end"])))
        if end > start:
            spans.append((start, end, claim))
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out = []
    for a, b in itertools.pairwise(cuts):
        covering = [c for s, e, c in spans if s <= a and e >= b]
        piece = text[a:b]
        if not covering:
            out.append(Markup("{}").format(piece))
            continue
        innermost = min(covering, key=lambda c: int(c["end"]) - int(c["start"]))
        classes = " ".join(sorted({_mark_class(c) for c in covering}))
        ids = " ".join(anchor(c["id"]) for c in covering)
        out.append(Markup('<a class="hl {}" href="#{}" data-claims="{}">{}</a>').format(
            classes, anchor(innermost["id"]), ids, piece))
    return Markup("").join(out)


def _mark_class(claim: Mapping[str, Any]) -> str:
    if claim.get("type") == "figure":
        return "hl-figure"
    return "hl-quote" if claim.get("kind") == "direct" else "hl-said"


def offsets_match(text: str, claim: Mapping[str, Any]) -> bool:
    """Whether the claim's offsets point at its own words in the stored text."""
    return text[int(claim["start"]):int(claim["end"])] == claim.get("text")


def drift_segments(base: str, other: str, ops: Iterable[Any]) -> tuple[list[list[str]], list[list[str]]]:
    """Both texts as [op, text] segments (same/del/ins), from `reconcile.quote_drift`'s character spans."""
    left: list[list[str]] = []
    right: list[list[str]] = []
    done_a = done_b = 0
    for op in ops:
        if op.tag == "equal":
            continue
        if op.a_end > op.a_start:
            _push(left, "same", base[done_a:op.a_start])
            _push(left, "del", base[op.a_start:op.a_end])
            done_a = op.a_end
        if op.b_end > op.b_start:
            _push(right, "same", other[done_b:op.b_start])
            _push(right, "ins", other[op.b_start:op.b_end])
            done_b = op.b_end
    _push(left, "same", base[done_a:])
    _push(right, "same", other[done_b:])
    return left, right


def char_segments(base: str, other: str) -> tuple[list[list[str]], list[list[str]]]:
    """Character-level segments, for wordings whose words agree and only punctuation or quote marks differ."""
    left: list[list[str]] = []
    right: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, other, autojunk=False).get_opcodes():
        _push(left, "same" if tag == "equal" else "del", base[i1:i2])
        _push(right, "same" if tag == "equal" else "ins", other[j1:j2])
    return left, right


def _push(segments: list[list[str]], op: str, piece: str) -> None:
    if not piece:
        return
    if segments and segments[-1][0] == op:
        segments[-1][1] += piece
    else:
        segments.append([op, piece])


def inline_segments(base: str, other: str, ops: Iterable[Any]) -> list[list[str]]:
    """One line for two wordings: the words they share once, what `base` has alone as "del", what
    `other` has alone as "ins" (from `reconcile.quote_drift`'s word ops)."""
    out: list[list[str]] = []
    done = 0
    for op in ops:
        if op.tag == "equal":
            _push(out, "same", other[done:op.b_end])
            done = op.b_end
            continue
        _push(out, "same", other[done:op.b_start])
        if op.a_end > op.a_start:
            gap = " " if out and not out[-1][1][-1:].isspace() and op.b_end == op.b_start else ""
            _push(out, "del", gap + base[op.a_start:op.a_end])
        if op.b_end > op.b_start:
            _push(out, "ins", other[op.b_start:op.b_end])
        done = op.b_end
    _push(out, "same", other[done:])
    return out


def inline_chars(base: str, other: str) -> list[list[str]]:
    """`inline_segments` by character, for wordings whose words agree (only marks or case differ)."""
    out: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, other, autojunk=False).get_opcodes():
        if tag == "equal":
            _push(out, "same", other[j1:j2])
            continue
        _push(out, "del", base[i1:i2])
        _push(out, "ins", other[j1:j2])
    return out
