"""Number phrases → value, range and hedge, written once so every stage reads "over 3,000" alike.

A figure's range follows its words: "more than 3,000" allows [3000, ∞), "up to 12,000" allows
(−∞, 12000], "about 1,000" is a hedged point. Vague quantities take the conventional values
used by conflict-event coders (ACLED): "dozens" = 12, "scores" = 20, "hundreds" = 100,
"thousands" = 1000, "tens of thousands" = 10000, "several" = "a few" = 3; they are floors, so
``low`` is the value and ``high`` is open. A range's value is its midpoint.

The scanner works on the raw string (no model), so it is cheap enough to run on every sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from fogwatch.extract.number_words import SCALES, TENS, UNITS, word_runs

Unit = Literal["count", "percent"]

SUFFIX_SCALES: dict[str, int] = {
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000,
}
# Vague plurals and their conventional values (ACLED coding conventions).
VAGUE_PLURALS: dict[str, int] = {
    "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
}
VAGUE_WORDS: dict[str, int] = {"several": 3, "a few": 3, "a handful": 3, "a couple": 2, "numerous": 12}
SHARES: dict[str, float] = {
    "half": 50.0, "a half": 50.0, "one half": 50.0, "a third": 100 / 3, "one third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0, "a fifth": 20.0, "one fifth": 20.0,
    "a tenth": 10.0, "one tenth": 10.0,
}
LOWER_BOUND = (
    "more than", "over", "at least", "upwards of", "in excess of", "no fewer than", "no less than",
    "not less than", "a minimum of", "above", "greater than", "exceeding", "as few as", "well over",
    "north of",
)
UPPER_BOUND = (
    "up to", "fewer than", "less than", "no more than", "not more than", "at most", "a maximum of",
    "as many as", "under", "below",
)
APPROXIMATE = (
    "approximately", "approx.", "around", "about", "roughly", "nearly", "almost", "some", "an estimated",
    "estimated", "close to", "circa", "an approximate", "just over", "just under", "more or less",
    "at around", "at about",
)
_QUALIFIERS = sorted(
    [(q, "low") for q in LOWER_BOUND]
    + [(q, "high") for q in UPPER_BOUND]
    + [(q, "approx") for q in APPROXIMATE],
    key=lambda pair: -len(pair[0]),
)
_QUALIFIER_KIND = dict(_QUALIFIERS)
_QUALIFIER_ENDINGS = [(q, re.compile(rf"(?<![\w]){re.escape(q)}\s+$")) for q, _kind in _QUALIFIERS]
_TRAILING_LOW = re.compile(r"^(?:\s+or\s+more\b|\s*\+|-plus\b)", re.I)
_TRAILING_APPROX = re.compile(r"^\s+or\s+so\b", re.I)

_WORD_ALT = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
_DIGITS = (
    r"(?<![\w.,/:])(?<![A-Za-z]-)(?:\d{1,3}(?:(?P<sep>[,.\u00a0\u202f\u2009])\d{3}(?![\d]))(?:(?P=sep)\d{3}(?!\d))*"
    r"(?:\.\d+)?|\d+(?:\.\d+)?)"
)
_SUFFIX = r"(?:(?:bn|mn|[kKmMbB])(?!\w))"
_CORE = re.compile(
    rf"(?P<digits>{_DIGITS})(?P<suffix>{_SUFFIX})?(?:[\s-](?P<dscale>hundred|thousand|million|billion)s?\b)?"
    rf"|(?P<words>\b(?:(?:a|an)\s+(?=hundred|thousand|million|billion|dozen))?(?:{_WORD_ALT})"
    rf"(?:(?:(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+|[\s-]+)(?:{_WORD_ALT}))*\b)",
    re.I,
)
_VAGUE = re.compile(
    r"\b(?P<vague>(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions"
    r"|several\s+(?:dozen|hundred|thousand|million)|a\s+few\s+(?:dozen|hundred|thousand|million)"
    r"|several|a\s+few|a\s+handful|a\s+couple|numerous)\b",
    re.I,
)
_PERCENT = re.compile(r"^\s*(%|per\s?cent\b|percent\b)", re.I)
_SHARE = re.compile(
    r"\b(?P<share>" + "|".join(re.escape(s) for s in sorted(SHARES, key=len, reverse=True)) + r")\s+of\b",
    re.I,
)
_RANGE_JOIN = re.compile(r"^\s*(?:to|-|–|—|or|and)\s*", re.I)
# "no more than 300 wounded and 40 killed": one word between two numbers joined by "and"/"or"/a comma.
_COORDINATED = re.compile(r"^\s+(?P<word>[A-Za-z][\w-]*)\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
_NOT_A_CATEGORY = frozenset(
    ["were", "was", "are", "is", "be", "been", "had", "have", "has", "in", "on", "of"]
)
_MONTHS = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$", re.I
)


@dataclass(frozen=True)
class NumberMention:
    """A number phrase found in text, with the range its words allow."""

    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str | None = None
    vague: bool = False
    unit: Unit = "count"
    core_start: int = 0  # the numeral itself, without hedge words
    core_end: int = 0


def _digits_value(m: re.Match[str]) -> float:
    """A digit numeral's value with its separators, decimal and scale ("1,000", "1.1 million", "1.5k")."""
    sep = m.group("sep")
    dscale = (m.group("dscale") or "").lower().rstrip("s")
    suffix = (m.group("suffix") or "").lower()
    if sep == "." and (dscale in ("million", "billion") or suffix):
        sep = None  # "1.100 million" is a decimal, not a thousands separator
    digits = m.group("digits")
    value = float(digits.replace(sep, "").replace(",", "") if sep else digits)
    return value * SUFFIX_SCALES.get(suffix, 1) * SCALES.get(dscale, 1)


def _qualifier_before(text: str, start: int) -> tuple[int, str | None]:
    """The hedge that ends just before a numeral ("more than "), and where it starts."""
    head = text[max(0, start - 24):start].lower()
    for qualifier, ending in _QUALIFIER_ENDINGS:
        if ending.search(head):
            found = head.rstrip()
            return start - (len(head) - found.rfind(qualifier)), qualifier
    return start, None


def _bounds(value: float, qualifier: str | None) -> tuple[float | None, float | None]:
    """The low and high a hedge allows: a floor, a ceiling or a hedged point."""
    kind = _QUALIFIER_KIND.get(qualifier or "")
    if kind == "low":
        return value, None
    if kind == "high":
        return None, value
    return value, value


def _trailing(text: str, end: int) -> tuple[int, str | None, Unit]:
    """A percent sign and a trailing hedge ("or more", "+", "or so") after a numeral."""
    rest = text[end:]
    unit: Unit = "count"
    pct = _PERCENT.match(rest)
    if pct:
        end += pct.end()
        rest = text[end:]
        unit = "percent"
    low = _TRAILING_LOW.match(rest)
    if low and low.group(0).strip():
        return end + low.end(), "or more", unit
    approx = _TRAILING_APPROX.match(rest)
    if approx:
        return end + approx.end(), "or so", unit
    return end, None, unit


@dataclass(frozen=True)
class _Numeral:
    """A bare numeral before hedges and ranges are read around it."""

    start: int
    end: int
    value: float
    vague: bool
    scale: int  # the scale word or suffix it carried ("12 thousand" → 1000), 1 if none


def _numerals(text: str) -> list[_Numeral]:
    """Every plain numeral in the text, not overlapping, in order."""
    found: list[_Numeral] = []
    for m in _VAGUE.finditer(text):
        phrase = re.sub(r"\s+", " ", m.group("vague").lower())
        if phrase in VAGUE_PLURALS:
            value = VAGUE_PLURALS[phrase]
        elif " of " in phrase:
            first, _, second = phrase.partition(" of ")
            value = {"tens": 10, "hundreds": 100}[first] * VAGUE_PLURALS[second]
        elif phrase in VAGUE_WORDS:
            value = VAGUE_WORDS[phrase]
        else:
            lead, _, scale = phrase.rpartition(" ")
            value = VAGUE_WORDS[lead] * (12 if scale == "dozen" else SCALES[scale])
        found.append(_Numeral(m.start(), m.end(), float(value), True, 1))
    for m in _CORE.finditer(text):
        start, end = m.start(), m.end()
        if any(n.start < end and start < n.end for n in found):
            continue
        if m.group("digits") and re.match(r"[A-Za-z]|[:/]\d", text[end:end + 2]):
            continue  # "9mm", "3rd", "1990s", "7:30", "12/27"
        if m.group("words"):
            for w_start, w_end, w_value in word_runs(text, start, end):
                scale = max((v for w, v in SCALES.items() if w in text[w_start:w_end].lower()), default=1)
                found.append(_Numeral(w_start, w_end, w_value, False, scale))
            continue
        value = _digits_value(m)
        scale = SCALES.get((m.group("dscale") or "").lower().rstrip("s"), 1)
        suffix = (m.group("suffix") or "").lower()
        scale = SUFFIX_SCALES.get(suffix, scale)
        found.append(_Numeral(start, end, value, False, scale))
    found.sort(key=lambda n: n.start)
    return _join_space_groups(text, found)


def _join_space_groups(text: str, found: list[_Numeral]) -> list[_Numeral]:
    """Join "12 000" (a space as thousands separator), but not "Dec. 27 100 soldiers"."""
    out: list[_Numeral] = []
    for num in found:
        prev = out[-1] if out else None
        if (
            prev is not None and not prev.vague and not num.vague and prev.scale == 1
            and text[prev.end:num.start] == " "
            and re.fullmatch(r"\d{1,3}(?: \d{3})*", text[prev.start:prev.end])
            and re.fullmatch(r"\d{3}", text[num.start:num.end])
            and not _MONTHS.search(text[max(0, prev.start - 12):prev.start])
        ):
            digits = text[prev.start:num.end].replace(" ", "")
            out[-1] = _Numeral(prev.start, num.end, float(digits.replace(",", "")), False, 1)
            continue
        out.append(num)
    return out


def _range_end(text: str, first: _Numeral, nxt: _Numeral, between: bool) -> float | None:
    """The range's lower bound when `first` and `nxt` form "10 to 12", "10,000-12,000", "two or three"."""
    if first.vague or nxt.vague:
        return None
    join = _RANGE_JOIN.match(text[first.end:nxt.start])
    if not join or join.end() != nxt.start - first.end:
        return None
    word = join.group(0).strip().lower()
    low = first.value
    if first.scale == 1 and nxt.scale > 1 and low < 1000 and low * nxt.scale <= nxt.value:
        low *= nxt.scale  # "10 to 12 thousand"
    if word in ("to", "-", "–", "—") or (word == "and" and between):
        return low if low <= nxt.value else None
    if word == "or" and low < nxt.value <= low + 10 and low < 100:
        return low  # "two or three", but not "100 or 2,000"
    return None


def find_numbers(text: str) -> list[NumberMention]:
    """Every number phrase in the text with its hedges, ranges and unit, in text order."""
    out: list[NumberMention] = _shares(text)
    numerals = [n for n in _numerals(text) if not any(s.start < n.end and n.start < s.end for s in out)]
    skip = False
    for i, num in enumerate(numerals):
        if skip:
            skip = False
            continue
        between = re.search(r"\b(between|from)\s+$", text[max(0, num.start - 9):num.start], re.I)
        low: float | None = num.value
        high: float | None = num.value
        core_end = num.end
        ranged = False
        if i + 1 < len(numerals):
            range_low = _range_end(text, num, numerals[i + 1], bool(between))
            if range_low is not None:
                nxt = numerals[i + 1]
                low, high, core_end, ranged, skip = range_low, nxt.value, nxt.end, True, True
        if ranged and between:
            phrase_start = num.start - (len(text[max(0, num.start - 9):num.start]) - between.start())
            qualifier = None
        else:
            phrase_start, qualifier = _qualifier_before(text, num.start)
        phrase_end, trailing, unit = _trailing(text, core_end)
        if trailing and qualifier is None:
            qualifier = trailing
        kind = _QUALIFIER_KIND.get(qualifier or "", "low" if trailing == "or more" else None)
        assert low is not None and high is not None
        value = (low + high) / 2 if ranged else num.value
        if kind == "low":
            high = None
        elif kind == "high":
            low = None
        elif num.vague and not ranged and qualifier is None:
            high = None  # conventional values are floors
        out.append(NumberMention(phrase_start, phrase_end, text[phrase_start:phrase_end], value, low, high,
                                 qualifier, num.vague, unit, num.start, core_end))
    out.sort(key=lambda n: n.start)
    return _distribute_hedges(text, out)


def _distribute_hedges(text: str, found: list[NumberMention]) -> list[NumberMention]:
    """A hedge before a list of counts bounds each of them: "no more than 300 wounded and 40 killed"."""
    out: list[NumberMention] = []
    for mention in found:
        prev = out[-1] if out else None
        kind = _QUALIFIER_KIND.get(prev.qualifier or "") if prev is not None else None
        joined = _COORDINATED.match(text[prev.end:mention.start]) if prev is not None and kind else None
        plain = mention.qualifier is None and not mention.vague and mention.low == mention.high
        if prev is not None and joined and plain and mention.unit == prev.unit and (
            joined.group("word").lower() not in _NOT_A_CATEGORY
        ):
            low, high = _bounds(mention.value, prev.qualifier)
            mention = replace(mention, low=low, high=high, qualifier=prev.qualifier)
        out.append(mention)
    return out


def _shares(text: str) -> list[NumberMention]:
    """ "a third of", "two-thirds of", "half of": shares of a group, as percent."""
    out = []
    for m in _SHARE.finditer(text):
        value = SHARES[re.sub(r"\s+", " ", m.group("share").lower())]
        start, qualifier = _qualifier_before(text, m.start())
        lo, hi = _bounds(value, qualifier)
        end = m.end("share")
        out.append(NumberMention(start, end, text[start:end], value, lo, hi, qualifier, False,
                                 "percent", m.start(), end))
    return out


def parse_number(phrase: str) -> NumberMention | None:
    """The one number phrase that makes up the whole of `phrase`, or None."""
    stripped = phrase.strip()
    offset = phrase.find(stripped) if stripped else 0
    found = find_numbers(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        n = found[0]
        return replace(n, start=n.start + offset, end=n.end + offset,
                       core_start=n.core_start + offset, core_end=n.core_end + offset)
    return None
