"""Date disagreements: one statement dated differently, or one article whose own dates do not fit.

Two sources of evidence. Across articles, members of one voice's statement carry different
``said_on`` dates; the article(s) that differ from the majority are named, and one misdating
article behind several statements makes one conflict, not one per statement. Inside one article, a
weekday that names when a voice spoke ("gave a briefing on Saturday") must fall on one of the
explicit dates the same article gives that voice ("on December 27", a Friday); each weekday is
held against the voice named nearest to it in its sentence, so "the ministry on Friday rejected a
claim by its rival" is not held against the rival. Extraction's ``date_flags`` are used as they come.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fogwatch.link.origins import OriginIndex
from fogwatch.link.relays import Claim, origin_name
from fogwatch.link.voices import content_words, name_words, org_span
from fogwatch.model import Article, ArticleClaims, Attribution, Statement

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
# A sentence starts where a run of its characters starts: tried from inside a line that ends without
# a full stop, the match would fail at every character again (quadratic in the line).
_SENTENCE = re.compile(r"(?<![^.!?\n])[^.!?\n]+(?:[.!?]+|$)")
_DAY_TOKENS = {d.lower(): d for d in WEEKDAYS}
_DAY_END = re.compile(r"day\b", re.I)
_DAY_PREFIXES = sorted({len(d) - 3 for d in WEEKDAYS})  # "Mon", "Tues", "Wednes", "Thurs", "Satur"


@dataclass(frozen=True)
class DateIssue:
    """Evidence for one date conflict."""

    members: tuple[str, ...]
    why: str
    article: str | None = None
    statement: str | None = None
    detail: tuple[tuple[str, str], ...] = ()
    scope: str = "article"  # "statement": members of statements disagree; "article": one article's own dates


def weekday_of(iso: str) -> str | None:
    """"2024-12-27" -> "Friday"; None when the string is not an ISO date."""
    try:
        return WEEKDAYS[date.fromisoformat(iso[:10]).weekday()]
    except ValueError:
        return None


def _day(iso: str) -> str:
    return f"{iso} ({weekday_of(iso) or '?'})"


def statement_issues(statements: Sequence[Statement], records: Mapping[str, Claim],
                     index: OriginIndex, labels: Mapping[str, str]) -> list[DateIssue]:
    """Members of one voice's statement dated on different days, grouped by the articles that differ."""
    grouped: dict[tuple[str, str, frozenset[tuple[str, str]]], list[tuple[Statement, list[str]]]] = \
        defaultdict(list)
    names: dict[str, str] = {}
    for statement in statements:
        by_voice: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for member in statement.members:
            record = records.get(member)
            key = index.key(origin_name(record, records)) if record is not None else None
            if record is not None and record.said_on and key is not None:
                by_voice[key][record.said_on[:10]].append(member)
        for voice, by_date in by_voice.items():
            if len(by_date) < 2:
                continue
            carried = {d: {records[m].article for m in ms} for d, ms in by_date.items()}
            majority = min(carried, key=lambda d: (-len(carried[d]), d))
            odd = frozenset((a, d) for d, arts in carried.items() if d != majority for a in arts)
            grouped[(voice, majority, odd)].append((statement, [m for ms in by_date.values() for m in ms]))
            names[voice] = statement.origin or index.display(voice) or voice
    issues = []
    for (voice, majority, odd), found in sorted(grouped.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        others = {records[m].article for _s, ms in found for m in ms} - {a for a, _d in odd}
        stated = "; ".join(f"{labels.get(a, a)} says {_day(d)}" for a, d in sorted(odd))
        what = "statement" if len(found) == 1 else f"{len(found)} statements"
        why = (f"{names[voice]}'s {what} dated {_day(majority)} by {len(others)} article(s), but {stated}")
        members = tuple(m for _s, ms in found for m in ms)
        detail = tuple((s.id, s.what[:120]) for s, _ms in found)
        issues.append(DateIssue(members, why, statement=found[0][0].id if len(found) == 1 else None,
                                detail=(("majority", majority), *detail), scope="statement"))
    return issues


def article_issues(article: Article, claims: ArticleClaims, index: OriginIndex,
                   records: Mapping[str, Claim], label: str) -> list[DateIssue]:
    """Weekdays that do not fit a voice's explicit dates within one article, plus extraction's flags."""
    issues: list[DateIssue] = []
    flagged = [a for a in claims.attributions if a.date_flags]
    flagged_voices = {index.key(origin_name(a, records)) for a in flagged}
    if flagged:
        flags = sorted({f for a in flagged for f in a.date_flags})
        issues.append(DateIssue(tuple(a.id for a in flagged), f"{label}: " + "; ".join(flags),
                                article=article.id,
                                detail=tuple((a.id, "; ".join(a.date_flags)) for a in flagged)))
    by_voice: dict[str, list[Claim]] = defaultdict(list)
    for record in (*claims.attributions, *claims.figures):
        key = index.key(origin_name(record, records))
        if key is not None and key not in flagged_voices:
            by_voice[key].append(record)
    contents = [(a.start, a.end) for a in claims.attributions]
    mentions = _weekday_mentions(article, by_voice, index, contents)
    for key, items in sorted(by_voice.items()):
        issue = _voice_issue(article, key, items, index, mentions.get(key, []), label)
        if issue is not None:
            issues.append(issue)
    return issues


def _name_forms(key: str, items: Sequence[Claim], index: OriginIndex) -> list[tuple[str, ...]]:
    """Word sequences that name a voice: full names, surnames of its people, organisation content words."""
    forms: set[tuple[str, ...]] = set()
    spellings = index.spellings
    entities = {index.entity(origin_name(r, {})) for r in items} | {key}
    entities |= index.speakers_for.get(key, frozenset())
    for entity in entities - {None}:
        for spelling in spellings.get(entity or "", [entity or ""]):
            if index.kind(entity) == "organization":
                if content_words(spelling):
                    forms.add(content_words(spelling))
            else:
                words = name_words(spelling)
                if words and len(words[-1]) >= 3:
                    forms.add((words[-1],))
    return sorted(forms)


def _positions(tokens: list[str], form: tuple[str, ...]) -> list[int]:
    if len(form) == 1:
        return [i for i, t in enumerate(tokens) if t == form[0]]
    span = org_span(tokens, form)
    return [span[0]] if span else []


def _weekday_starts(text: str) -> list[int]:
    """Where each weekday name starts, as ``_WEEKDAY.finditer`` finds them: every one ends in "day",
    a literal the regex engine finds fast, so only the few words before each "day" are tried."""
    starts = []
    for end in _DAY_END.finditer(text):
        for back in _DAY_PREFIXES:
            if back <= end.start() and (found := _WEEKDAY.match(text, end.start() - back)) is not None \
                    and found.end() == end.end():
                starts.append(found.start())
                break
    return starts


def _weekday_mentions(article: Article, by_voice: Mapping[str, Sequence[Claim]], index: OriginIndex,
                      contents: Sequence[tuple[int, int]] = ()) -> dict[str, list[tuple[str, str, str]]]:
    """Per voice: (weekday, the words before it, sentence span) for weekdays nearest to that voice's name.
    A weekday inside what someone is reported to have said dates the events they describe ("the
    number killed in Tuesday's fire has risen to 17, the coast guard said on Thursday"), not the
    speaking, and is left out."""
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    days = _weekday_starts(article.text) if by_voice else []
    if not days:
        return out
    forms = {key: _name_forms(key, items, index) for key, items in by_voice.items()}
    for match in _SENTENCE.finditer(article.text):
        if bisect.bisect_left(days, match.start()) == bisect.bisect_left(days, match.end()):
            continue  # no weekday in this sentence (none crosses one's end: they are words)
        sentence = match.group(0)
        tokens = name_words(sentence)
        named = [(pos, key) for key, key_forms in forms.items() for form in key_forms
                 for pos in _positions(tokens, form)]
        if not named:
            continue
        for found in _WEEKDAY.finditer(sentence):
            if any(start <= match.start() + found.start() < end for start, end in contents):
                continue
            at = len(name_words(sentence[: found.start()]))
            _dist, key = min((abs(pos - at), key) for pos, key in named)
            day = _DAY_TOKENS[found.group(1).lower()]
            words = _around(sentence, found.start(), found.end())
            out[key].append((day, words, f"{match.start()}:{match.end()}"))
    return out


def _voice_issue(article: Article, key: str, items: Sequence[Claim], index: OriginIndex,
                 text_mentions: Sequence[tuple[str, str, str]], label: str) -> DateIssue | None:
    dated = [r for r in items if r.said_on and weekday_of(r.said_on)]
    if not dated:
        return None
    days = {r.said_on[:10] for r in dated if r.said_on}
    allowed = {weekday_of(d) for d in days}
    mentions = [m for m in text_mentions if m[0] not in allowed]
    for r in items:
        if isinstance(r, Attribution) and r.said_on_text:
            found = _WEEKDAY.search(r.said_on_text)
            if found and found.group(1).capitalize() not in allowed:
                mentions.append((found.group(1).capitalize(), r.said_on_text, r.id))
    if not mentions:
        return None
    who = index.display(key) or key
    stated = ", ".join(f"{d}, a {weekday_of(d)}" for d in sorted(days))
    said = "; ".join(f"'{m[1]}'" for m in mentions[:3])
    why = f"{label} dates {who}'s statement to {mentions[0][0]} ({said}) but also to {stated}"
    with_weekday = [r.id for r in items if isinstance(r, Attribution) and r.said_on_text
                    and _WEEKDAY.search(r.said_on_text)]
    members = tuple(dict.fromkeys([r.id for r in dated] + with_weekday))
    detail = (("dates", stated), *((f"weekday {m[0]}", f"{m[2]} {m[1][:200]}") for m in mentions))
    return DateIssue(members, why, article=article.id, detail=detail)


def _around(sentence: str, start: int, end: int, reach: int = 70) -> str:
    """The words leading up to a weekday, cut at a word boundary: "... gave a briefing ... on Saturday"."""
    lo = max(0, start - reach)
    if lo > 0:
        space = sentence.find(" ", lo)
        lo = space + 1 if 0 <= space < start else lo
    return ("..." if lo > 0 else "") + sentence[lo:end].strip()
