"""What a figure counts, where and over which window, in comparable form.

Linking, conflicts and the timeline all need to know whether two figures measure the same quantity:
"North Korean troops" and "North Koreans" killed in "Kursk Oblast" and "the Kursk region" do, a
weekly toll and a running total do not. Unknown parts (no place, no window) are compatible with
anything; the comparison only refuses on evidence.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from fogwatch.link.origins import fold
from fogwatch.model import Figure, Window

MILITARY_HEADS = frozenset({
    "soldier", "troop", "force", "serviceman", "servicemen", "fighter", "personnel", "unit", "combatant",
    "infantryman", "conscript", "recruit", "mercenary", "military",
})
DROP_WORDS = frozenset({"the", "a", "an", "of", "their", "its", "his", "her", "some", "these", "those",
                        "own", "shooting"})
# Words for the people an event hurt, whatever the article calls them: "six victims" and "six people
# wounded" count the same group.
PEOPLE_HEADS = frozenset({"people", "person", "victim", "individual"})
PLACE_WORDS = frozenset({"oblast", "region", "province", "area", "district", "the", "of", "in", "krai",
                         "city"})
APPROXIMATE = frozenset({"about", "around", "approximately", "roughly", "nearly", "almost", "some",
                         "estimated", "an estimated", "close to"})
DRIFT_FAMILY = {"killed": "killed_or_wounded", "wounded": "killed_or_wounded"}

_CUMULATIVE = re.compile(
    r"\b(since|so far|to date|in total|total|overall|altogether|cumulative|throughout|as of|thus far|"
    r"until now|up to now|all told|over the course of the war|since the (?:start|beginning))\b", re.I)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
            "nine": 9, "ten": 10, "twelve": 12, "fourteen": 14}
_COUNT = r"(\d+|" + "|".join(_NUMBERS) + r"|few|several)"
_PERIOD = re.compile(
    r"\b(?:(?:past|last|previous|this|single|one|a|in|over|within|during|for)\s+(?:the\s+)?"
    r"(?:(?:past|last|previous|same)\s+)?(?:" + _COUNT + r"\s+)?"
    r"(day|week|month|year|fortnight|24 hours|hours|weekend)s?|(daily|weekly|monthly|overnight|yesterday|"
    r"today)|per (day|week|month))\b", re.I)
_UNIT_DAYS = {"day": 1, "24 hours": 1, "hours": 1 / 24, "overnight": 1, "yesterday": 1, "today": 1,
              "daily": 1, "week": 7, "weekly": 7, "weekend": 2, "fortnight": 14, "month": 30, "monthly": 30,
              "year": 365}


@dataclass(frozen=True)
class WindowShape:
    """A window reduced to what comparisons need: running total or period, its length and dates."""

    cumulative: bool | None
    days: float | None  # length of a period ("the past seven days" = "the past week" = 7)
    start: str | None
    end: str | None


def _period_days(match: re.Match[str]) -> float | None:
    count, unit, adverb, per = match.groups()
    word = (unit or adverb or per or "").lower()
    if word not in _UNIT_DAYS:
        return None
    if count and count.lower() in ("few", "several"):
        return None
    if not count:
        return 1.0 if word == "hours" else float(_UNIT_DAYS[word])
    number = float(count) if count.isdigit() else float(_NUMBERS[count.lower()])
    return number * _UNIT_DAYS[word]


@functools.lru_cache(maxsize=1 << 14)
def window_shape(window: Window | None) -> WindowShape:
    """Classify a window from its flag, else from its words ("since October" vs "in the past week")."""
    if window is None:
        return WindowShape(None, None, None, None)
    text = window.text or ""
    period = _PERIOD.search(text)
    cumulative = window.cumulative
    if cumulative is None:
        if _CUMULATIVE.search(text):
            cumulative = True
        elif period:
            cumulative = False
    days = _period_days(period) if period and cumulative is False else None
    return WindowShape(cumulative, days, window.start, window.end)


def windows_compatible(a: Window | None, b: Window | None) -> bool:
    """False only when the windows are known to differ: total vs period, other length, disjoint dates."""
    sa, sb = window_shape(a), window_shape(b)
    if sa.cumulative is not None and sb.cumulative is not None and sa.cumulative != sb.cumulative:
        return False
    if sa.days and sb.days and max(sa.days, sb.days) > 1.25 * min(sa.days, sb.days):
        return False
    if sa.start and sa.end and sb.start and sb.end:
        return sa.start <= sb.end and sb.start <= sa.end
    return True


def counted_relation(a: str, b: str) -> str | None:
    """"same", "drift" (killed_or_wounded printed as killed, or back) or None when they count other things."""
    if a == b:
        return "same"
    if DRIFT_FAMILY.get(a) == b or DRIFT_FAMILY.get(b) == a:
        return "drift"
    return None


def _singular(word: str) -> str:
    if word in {"servicemen", "personnel", "forces"}:
        return {"forces": "force"}.get(word, word)
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1 << 14)
def subject_tokens(subject: str | None) -> frozenset[str]:
    """Content words of a subject, singular, with every word for fighters folded into "soldier"."""
    if not subject:
        return frozenset()
    words = re.findall(r"[a-z]+", fold(subject).replace("'s", ""))
    out = set()
    for word in words:
        if word in DROP_WORDS:
            continue
        word = _singular(word)
        out.add("soldier" if word in MILITARY_HEADS else "people" if word in PEOPLE_HEADS else word)
    return frozenset(out)


def subjects_compatible(a: str | None, b: str | None) -> bool:
    """Unknown matches anything; else one word set holds the other ("north korean" in "... soldier")."""
    ta, tb = subject_tokens(a), subject_tokens(b)
    if not ta or not tb:
        return True
    return ta <= tb or tb <= ta


@functools.lru_cache(maxsize=1 << 14)
def place_key(place: str | None) -> str | None:
    """"Kursk Oblast", "the Kursk region" -> "kursk"."""
    if not place:
        return None
    words = [w for w in re.findall(r"[a-z0-9-]+", fold(place)) if w not in PLACE_WORDS]
    return " ".join(words) or None


def places_compatible(a: str | None, b: str | None) -> bool:
    """Unknown matches anything; otherwise the same place or one inside the other's words."""
    ka, kb = place_key(a), place_key(b)
    if not ka or not kb:
        return True
    wa, wb = set(ka.split()), set(kb.split())
    return wa <= wb or wb <= wa


def figure_range(figure: Figure, tolerance: float = 0.05) -> tuple[float, float]:
    """The interval the words allow; approximate qualifiers widen a point by the tolerance."""
    if figure.low is None and figure.high is None:
        low, high = figure.value, figure.value
    else:  # "more than 3,000" -> [3000, inf); "up to 500" -> [0, 500]
        low = figure.low if figure.low is not None else 0.0
        high = figure.high if figure.high is not None else math.inf
    qualifier = (figure.qualifier or "").lower().strip()
    if qualifier in APPROXIMATE or figure.vague:
        low, high = low * (1 - tolerance), high * (1 + tolerance)
    return low, high


def ranges_agree(a: Figure, b: Figure) -> bool:
    """Whether two figures' allowed intervals overlap ("more than 3,000" agrees with 3,200)."""
    la, ha = figure_range(a)
    lb, hb = figure_range(b)
    return la <= hb and lb <= ha


def subject_label(subjects: Iterable[str | None]) -> str:
    """The most specific subject wording among several, lowercased, for keys and labels."""
    best: tuple[int, str] = (0, "")
    for subject in subjects:
        tokens = subject_tokens(subject)
        if subject and len(tokens) > best[0]:
            best = (len(tokens), " ".join(re.findall(r"[a-z0-9'-]+", fold(subject))))
    return best[1] or "unspecified"


def quantity_key(counted: str, subject: str, place: str | None, grade: str | None = None) -> str:
    """The timeline's key: "killed_or_wounded | north korean soldiers | kursk", "wounded (severe) | …"."""
    return f"{counted}{f' ({grade})' if grade else ''} | {subject} | {place or 'unspecified'}"
