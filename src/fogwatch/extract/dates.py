"""Day mentions and time windows, resolved against the date a statement was made.

News dates things relative to the day it is written: "on Friday" in a Saturday article is
yesterday, "Dec. 27" in a January article is last year's. Every stage that dates a statement
(attribution's ``said_on``) or a figure (its window) resolves through here, so they agree.
Calendar arithmetic is written by hand because dateparser's free-text search misreads news
prose ("may", "march", bare numbers); dateparser parses feed timestamps and "N days ago".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from fogwatch.model import Article, Window

MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(calendar.day_name)}
for _name, _i in list(WEEKDAYS.items()):
    WEEKDAYS[_name[:3]] = _i
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

# Month names must be capitalised: "may" and "march" are verbs far more often than dates.
_MONTH = (
    r"(?P<month{n}>(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN|FEB|MAR|APR|MAY|JUNE?|JULY?|AUG|SEPT?|OCT"
    r"|NOV|DEC))\.?"
)
_DAY = r"(?P<day{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year{n}>(?:19|20)\d\d)"


def _month_day(a: int, b: int) -> str:
    """A written calendar day; group names carry `a`/`b` so the pattern can appear twice."""
    return (
        rf"(?:{_MONTH.format(n=a)}\s+{_DAY.format(n=a)}(?![\d:])(?:,?\s+{_YEAR.format(n=a)})?"
        rf"|{_DAY.format(n=b)}\s+(?:of\s+)?{_MONTH.format(n=b)}(?:,?\s+{_YEAR.format(n=b)})?"
        rf"|(?P<iso{a}>(?:19|20)\d\d-[01]\d-[0-3]\d)|(?P<us{a}>[01]?\d/[0-3]?\d/(?:19|20)\d\d))(?![\w/])"
    )


_WEEKDAY = (
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)"
)
DAY_PATTERN = (
    rf"(?:\b(?P<on>on|last|this|next|on\s+last)\s+)?"
    rf"(?:{_WEEKDAY}(?:,?\s+{_month_day(1, 2)})?|\b{_month_day(3, 4)})"
    r"|\b(?P<rel>yesterday|today|tonight|last\s+night|this\s+(?:morning|afternoon|evening)"
    r"|the\s+day\s+before\s+yesterday|last\s+week)\b"
    r"|\b(?P<ago>(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:days?|weeks?)\s+ago)\b"
)
# Where a day mention can begin: a word starting with a digit or with a letter that opens one of the
# lower-case alternatives, or a capital that opens a weekday or month name. Checked first, it spares
# trying every alternative at every character: the same matches in under half the time.
DAY_START = r"(?=\b[0-9olntyafse]|[MTWFSJAOND])"
_DAY_RE = re.compile(f"{DAY_START}(?:{DAY_PATTERN})")
_MONTH_YEAR = re.compile(
    rf"\b{_MONTH.format(n=1)}(?:\s+(?:of\s+)?{_YEAR.format(n=1)})?\b|\b{_YEAR.format(n=2)}\b"
)
_NUM_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()  # noqa: SIM905 - a word list
    )
}
_UNIT = r"(?P<unit>hours?|days?|weeks?|fortnight|months?|years?)"
_COUNT = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)"
_RECENT = re.compile(
    rf"\b(?:(?:in|over|during|within|for|across)\s+)?(?:just\s+|only\s+)?the\s+(?:past|last|previous|preceding)"
    rf"\s+(?:{_COUNT}\s+)?{_UNIT}(?:\s+alone)?\b|\blast\s+(?P<unit2>week|month|year)\b",
    re.I,
)
_THIS = re.compile(r"\b(?:(?:earlier\s+)?this|so\s+far\s+this)\s+(?P<unit>week|month|year)\b", re.I)
_SPAN = re.compile(
    rf"\b(?:in|within|over)\s+(?:just\s+|only\s+|less\s+than\s+|about\s+)?{_COUNT}\s+{_UNIT}\b", re.I
)
_ENDING = re.compile(
    rf"\b(?:(?:in|over|during|for)\s+)?the\s+(?:{_COUNT}\s+)?{_UNIT}\s+(?:to|ending(?:\s+on)?|up\s+to|through|until)"
    rf"\s+(?:{_MONTH.format(n=1)}\s+{_DAY.format(n=1)}|{_DAY.format(n=2)}\s+{_MONTH.format(n=2)})"
    rf"(?:,?\s+{_YEAR.format(n=1)})?\b",
    re.I,
)
_TO_DATE = re.compile(r"\b(?:to\s+date|so\s+far|thus\s+far|in\s+total|in\s+all|altogether|overall)\b", re.I)
_SINCE = re.compile(r"\bsince\b", re.I)
_SINCE_EVENT = re.compile(
    r"\b(?:war|invasion|start|beginning|arrival|deployment|conflict|offensive|fighting|outbreak|began|started"
    r"|invaded|incursion|operation|attack)\b",
    re.I,
)
_RANGE = re.compile(
    rf"\b(?:(?:from|between)\s+)?{_MONTH.format(n=1)}\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:to|-|–|and|through|until)\s*"
    rf"(?:{_MONTH.format(n=2)}\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+{_YEAR.format(n=1)})?\b"
)


_EXPLICIT_GROUPS = ("iso1", "us1", "iso3", "us3", "month1", "month2", "month3", "month4")


@dataclass(frozen=True)
class DayMention:
    """A day written in the text, resolved to a calendar date where the anchor allows."""

    start: int
    end: int
    text: str
    date: date | None
    weekday: int | None  # weekday NAMED in the text, 0=Monday
    explicit: bool  # a calendar date was written


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")[:4] if token.lower().startswith("sept") else token.lower()[:3]]


def _in_year_before(month: int, day: int, anchor: date | None) -> date | None:
    """A month/day without a year: the latest such day no more than ~2 months after the anchor."""
    if anchor is None:
        return None
    limit = anchor + timedelta(days=62)
    candidates = [_safe_date(anchor.year + k, month, day) for k in (1, 0, -1)]
    return next((c for c in candidates if c is not None and c <= limit), None)


def _explicit_date(m: re.Match[str], anchor: date | None) -> date | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    iso = groups.get("iso1") or groups.get("iso3")
    if iso:
        return _safe_date(*(int(p) for p in iso.split("-")))
    us = groups.get("us1") or groups.get("us3")
    if us:
        mo, dd, yy = (int(p) for p in us.split("/"))
        return _safe_date(yy, mo, dd)
    n = next(k[-1] for k in groups if k.startswith("month"))
    month = _month_number(groups[f"month{n}"])
    day = int(groups[f"day{n}"])
    year = groups.get(f"year{n}")
    if year:
        return _safe_date(int(year), month, day)
    return _in_year_before(month, day, anchor)


def _weekday_date(weekday: int, anchor: date | None, which: str) -> date | None:
    if anchor is None:
        return None
    back = (anchor.weekday() - weekday) % 7
    if which == "next":
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    if which in ("last", "on last") and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _relative(word: str, anchor: date | None) -> date | None:
    if anchor is None:
        return None
    word = re.sub(r"\s+", " ", word.lower())
    offsets = {"yesterday": 1, "last night": 1, "the day before yesterday": 2, "last week": 7}
    return anchor - timedelta(days=offsets.get(word, 0))


@lru_cache(maxsize=4096)
def _ago(phrase: str, anchor: date) -> date | None:
    import dateparser  # slow to import; only "N days ago" needs it

    settings = {
        "RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day, 12),
        "PREFER_DATES_FROM": "past",
    }
    found = dateparser.parse(phrase, languages=["en"], settings=settings)  # type: ignore[arg-type]
    return found.date() if found else None


def find_day_mentions(text: str, anchor: date | None) -> list[DayMention]:
    """Every day the text names ("on Friday", "Dec. 27", "yesterday"), resolved against the anchor."""
    out: list[DayMention] = []
    for m in _DAY_RE.finditer(text):
        weekday = WEEKDAYS[m.group("wd").lower().rstrip(".")] if m.group("wd") else None
        explicit = any(m.group(g) for g in _EXPLICIT_GROUPS)
        found: date | None
        if explicit:
            found = _explicit_date(m, anchor)
        elif weekday is not None:
            found = _weekday_date(weekday, anchor, (m.group("on") or "on").lower())
        elif m.group("rel"):
            found = _relative(m.group("rel"), anchor)
        else:
            found = _ago(m.group("ago").lower(), anchor) if anchor else None
        out.append(DayMention(m.start(), m.end(), m.group(0), found, weekday, explicit))
    return out


def reference_date(article: Article) -> date | None:
    """The day the article speaks from: its published date, else the latest full date in its text."""
    if article.published:
        raw = article.published.strip()
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            import dateparser

            found = dateparser.parse(raw, languages=["en"])
            if found:
                return found.date()
    return latest_full_date(article.text)


@lru_cache(maxsize=64)
def latest_full_date(text: str) -> date | None:
    """The latest full date a text names; remembered, since each stage of an article's extraction
    asks for its reference date and scanning a long text for dates is slow."""
    dated = [d.date for d in find_day_mentions(text, None) if d.explicit and d.date]
    return max(dated) if dated else None


def _minus(anchor: date, n: int, unit: str) -> date:
    unit = unit.lower().rstrip("s")
    if unit == "hour":
        return anchor - timedelta(days=max(1, -(-n // 24)))
    if unit in ("day", "week", "fortnight"):
        return anchor - timedelta(days=n * {"day": 1, "week": 7, "fortnight": 14}[unit])
    months = n * (12 if unit == "year" else 1)
    year, month = divmod(anchor.year * 12 + anchor.month - 1 - months, 12)
    return date(year, month + 1, min(anchor.day, calendar.monthrange(year, month + 1)[1]))


def _count(word: str | None) -> int:
    if not word:
        return 1
    word = word.lower()
    if word.isdigit():
        return int(word)
    return {"a": 1, "an": 1, "few": 3, "several": 3}.get(word, _NUM_WORDS.get(word, 1))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _since(text: str, m: re.Match[str], anchor: date | None) -> Window | None:
    clause = re.match(r"[^,.;:()]{0,70}", text[m.end():])
    rest = clause.group(0) if clause else ""
    day = next(iter(find_day_mentions(rest, anchor)), None)
    if day is not None and (day.explicit or day.weekday is not None):
        end = m.end() + day.end
        return Window(text[m.start():end], _iso(day.date), _iso(anchor), True)
    month = _MONTH_YEAR.search(rest)
    if month is not None:
        start: date | None = None
        if month.group("month1"):
            number = _month_number(month.group("month1"))
            if month.group("year1"):
                start = date(int(month.group("year1")), number, 1)
            elif anchor is not None:
                start = date(anchor.year if number <= anchor.month else anchor.year - 1, number, 1)
        else:
            start = date(int(month.group("year2")), 1, 1)
        return Window(text[m.start():m.end() + month.end()], _iso(start), _iso(anchor), True)
    event = _SINCE_EVENT.search(rest)
    if event is None:
        return None  # "since" as "because"
    return Window(text[m.start():m.end() + len(rest.rstrip())], None, _iso(anchor), True)


def _period_windows(text: str, anchor: date | None) -> list[tuple[int, Window]]:
    found: list[tuple[int, Window]] = []
    for m in _RECENT.finditer(text):
        unit = m.group("unit") or m.group("unit2")
        start = _minus(anchor, _count(m.group("n")), unit) if anchor else None
        found.append((m.start(), Window(m.group(0), _iso(start), _iso(anchor), False)))
    for m in _ENDING.finditer(text):  # "in the week to March 12": the unit counted back from that day
        month = _month_number(m.group("month1") or m.group("month2"))
        day = int(m.group("day1") or m.group("day2"))
        year = m.group("year1")
        last = _safe_date(int(year), month, day) if year else _in_year_before(month, day, anchor)
        first = _minus(last, _count(m.group("n")), m.group("unit")) if last else None
        found.append((m.start(), Window(m.group(0), _iso(first), _iso(last), False)))
    for m in _THIS.finditer(text):
        start = None
        if anchor is not None:
            unit = m.group("unit").lower()
            start = {"week": anchor - timedelta(days=anchor.weekday()), "month": anchor.replace(day=1),
                     "year": anchor.replace(month=1, day=1)}[unit]
        running = m.group("unit").lower() != "week" or "so far" in m.group(0).lower()
        found.append((m.start(), Window(m.group(0), _iso(start), _iso(anchor), running)))
    for m in _SPAN.finditer(text):
        if any(s <= m.start() < s + len(w.text) for s, w in found):
            continue
        start = _minus(anchor, _count(m.group("n")), m.group("unit")) if anchor else None
        # "in a week", "in just three months": a running total or one period, the words do not say
        found.append((m.start(), Window(m.group(0), _iso(start), _iso(anchor), None)))
    for m in _TO_DATE.finditer(text):
        found.append((m.start(), Window(m.group(0), None, _iso(anchor), True)))
    for m in _SINCE.finditer(text):
        window = _since(text, m, anchor)
        if window is not None:
            found.append((m.start(), window))
    for m in _RANGE.finditer(text):
        month1 = _month_number(m.group("month1"))
        month2 = _month_number(m.group("month2")) if m.group("month2") else month1
        d1, d2 = int(m.group("d1")), int(m.group("d2"))
        if m.group("year1"):
            first = _safe_date(int(m.group("year1")), month1, d1)
            last = _safe_date(int(m.group("year1")), month2, d2)
        else:
            first, last = _in_year_before(month1, d1, anchor), _in_year_before(month2, d2, anchor)
        if first and last and first > last:
            first = _safe_date(first.year - 1, first.month, first.day)
        found.append((m.start(), Window(m.group(0), _iso(first), _iso(last), False)))
    return found


def resolve_window(text: str, anchor: date | None) -> Window | None:
    """The period a sentence's figure covers: the first period phrase, else the day it names."""
    periods = _period_windows(text, anchor)
    if periods:
        return min(periods, key=lambda pair: pair[0])[1]
    for day in find_day_mentions(text, anchor):
        if day.text.lower() == "last week":
            continue
        return Window(day.text, _iso(day.date), _iso(day.date), False)
    return None
