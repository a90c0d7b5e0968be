"""Drafts of one article made into one statement each: two cues found for one content become one
draft (the one that says more of its source), and a report that only carries another's statement
("..., according to R", "Reuters reported that X said ...") becomes a relay of it."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict

from fogwatch.extract.cues import DISPUTE_VERBS
from fogwatch.extract.direct import Draft, overlaps
from fogwatch.extract.relays import is_outlet
from fogwatch.model import Speaker


def _same_statement(a: Draft, b: Draft) -> bool:
    """Two drafts for one content (two cues found for it), not one reported inside the other."""
    if not overlaps(a.start, a.end, b.start, b.end):
        return False
    shared = min(a.end, b.end) - max(a.start, b.start)
    if shared < 0.8 * min(a.end - a.start, b.end - b.start):
        return False
    nested = (a.cue_start is not None and b.start <= a.cue_start < b.end) or (
        b.cue_start is not None and a.start <= b.cue_start < a.end)
    return a.cue_start == b.cue_start or not nested


def drop_duplicates(drafts: list[Draft]) -> list[Draft]:
    """One draft per statement, preferring one whose source is known."""
    drafts = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Draft] = []
    for d in drafts:
        clash = next((k for k in kept if _same_statement(k, d)), None)
        if clash is None:
            kept.append(d)
        elif _known(d) > _known(clash):
            kept[kept.index(clash)] = d
    return kept


def sourceless(speaker: Speaker | None) -> bool:
    """No speaker, or an unnamed one the article never mentions ("were reported shot")."""
    return speaker is None or (speaker.type == "unnamed" and not speaker.mention)


def _known(d: Draft) -> int:
    """How much a draft says of its source: words for it (2), hearsay without any (1), nothing (0)."""
    if d.phrase is not None or not sourceless(d.speaker):
        return 2
    return 1 if d.speaker is not None else 0


_TRAILING = frozenset({"according", "parenthetical"})
_GAP = re.compile(r"[\s,;:—–-]|\bas\b")  # what may stand between a content and its trailing relay


def _trailing_relay(main: Draft, tail: Draft, text: str) -> bool:
    """Whether `tail` is "..., according to R" or "..., R reported" closing `main`'s own cue frame
    ("X said Y, according to R"): R carried X's words, it said nothing of its own."""
    if main.frame is None or tail.frame is None or main.frame.sentence is not tail.frame.sentence:
        return False
    if main.frame.pattern not in ("clause", "object") or main.frame.source is None:
        return False
    if tail.phrase is None or main.cue_end is None:
        return False
    anchor = min(tail.at, tail.phrase.start)
    if tail.frame.pattern not in _TRAILING and not tail.end <= anchor:
        return False  # a clause frame trails only when its source comes after its content
    if not (main.cue_end <= anchor and main.start < anchor
            and overlaps(main.start, main.end, tail.start, tail.end)):
        return False
    return anchor <= main.end or not _GAP.sub("", text[main.end:anchor])


def fold_trailing_relays(drafts: list[Draft], text: str) -> list[Draft]:
    """Turn a sentence-final "according to R" / "R reported" into a relay of the cue it closes, and
    end that cue's content before it."""
    dropped: set[int] = set()
    by_sentence: dict[int, list[Draft]] = defaultdict(list)  # a relay only closes a cue of its sentence
    for d in drafts:
        if d.frame is not None:
            by_sentence[id(d.frame.sentence)].append(d)
    for tail in drafts:
        same = by_sentence.get(id(tail.frame.sentence), []) if tail.frame is not None else []
        main = next((d for d in same
                     if d is not tail and id(d) not in dropped and _trailing_relay(d, tail, text)), None)
        if main is None or tail.phrase is None:
            continue
        dropped.add(id(tail))
        main.outer.append(tail.phrase)
        cut = min(tail.at, tail.phrase.start)
        if cut < main.end:
            main.end = len(text[main.start:cut].rstrip(" ,;:—–-\n")) + main.start
    return [d for d in drafts if id(d) not in dropped]


def fold_outer_reports(drafts: list[Draft]) -> list[Draft]:
    """"Reuters reported that X said ...": the outlet relays X's statement, it is no statement of
    its own. A speaker who reports another's statement inside their own carries it too."""
    out: list[Draft] = []
    framed = sorted((o for o in drafts if o.frame is not None), key=lambda o: o.at)
    cues = [o.at for o in framed]
    for d in sorted(drafts, key=lambda d: d.end - d.start):  # inner reports first: nearest the origin first
        inner = [o for o in framed[bisect_left(cues, d.start):bisect_left(cues, d.end)] if o is not d]
        relay = d.phrase is not None and (
            (d.phrase.kind == "name" and is_outlet(d.phrase.name or ""))
            or (d.cue_token is not None and d.cue_token.lemma_.lower() in ("report", "cite", "quote"))
            or d.phrase.start >= d.end  # "X said Y, the institute wrote": the writer only passes it on
        )
        if inner and relay and d.kind != "direct":
            for o in inner:
                o.outer.append(d.phrase)  # type: ignore[arg-type]
            continue
        disputes = d.cue_token is not None and d.cue_token.lemma_.lower() in DISPUTE_VERBS
        if d.phrase is not None and d.kind != "direct" and not disputes:
            for o in inner:  # "an official told AP that Washington believed ...": carried by the official
                o.outer.append(d.phrase)
        out.append(d)
    position = {id(d): i for i, d in enumerate(drafts)}
    return sorted(out, key=lambda d: position[id(d)])
