"""Plain language for the pages: machine values (quantity keys, ISO timestamps, ranges, counts) as a
reader would write them. The JSON twins keep the raw values; only the HTML goes through these.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from fogwatch.link.relays import COUNTED_WORDS

_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b")
KIND_NAMES = {"quote_drift": "quotation reworded", "counted_drift": "what is counted changed",
              "figure": "figures disagree", "date": "dates disagree", "attribution": "credited differently"}
SMALL = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
IRREGULAR = {"party": "parties", "story": "stories", "copy": "copies", "was": "were", "is": "are",
             "says": "say", "dates": "date", "prints": "print", "credits": "credit", "shows": "show",
             "puts": "put", "gives": "give", "this": "these", "its": "their"}


def plural(n: int | None, word: str, many: str | None = None) -> str:
    """ "1 article", "2 articles", "1,200 claims"; `many` for irregular plurals."""
    count = n or 0
    return f"{count:,} {word if count == 1 else many or IRREGULAR.get(word) or word + 's'}"


def spelled(n: int, word: str) -> str:
    """Counts under ten in words, for sentences: "seven outlets", "one article", "12 outlets"."""
    head = SMALL[n] if 0 <= n < len(SMALL) else f"{n:,}"
    return f"{head} {word if n == 1 else IRREGULAR.get(word) or word + 's'}"


def verb(n: int, singular: str) -> str:
    """The verb agreeing with n subjects: verb(1, "says") -> "says", verb(3, "says") -> "say"."""
    return singular if n == 1 else IRREGULAR.get(singular, singular.removesuffix("s"))


def names(items: Iterable[str | None], shown: int = 4, others: str = "others") -> str:
    """ "A", "A and B", "A, B and C", "A, B, C, D and 3 others" (order kept, repeats dropped)."""
    unique = list(dict.fromkeys(i for i in items if i))
    if len(unique) > shown:
        head, tail = unique[:shown], f"{len(unique) - shown} {others if len(unique) - shown > 1 else 'other'}"
        return ", ".join(head) + " and " + tail
    if len(unique) <= 1:
        return "".join(unique)
    return ", ".join(unique[:-1]) + " and " + unique[-1]


def quantity_label(key: str | None) -> str:
    """ "killed_or_wounded | tarvanian soldiers | selka valley" -> "killed or wounded — Tarvanian
    soldiers — Selka valley"; the unknown parts ("unspecified", "other") are left out."""
    if not key:
        return ""
    parts = [p.strip() for p in key.split("|")]
    if len(parts) != 3:
        return key.replace("_", " ")
    counted, subject, place = parts
    words = [COUNTED_WORDS.get(counted, counted.replace("_", " ")), _capital(subject)]
    if place and place != "unspecified":
        words.append(_capital(place))
    return " — ".join(w for w in words if w)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def parse_day(value: Any) -> date | None:
    """The calendar day of an ISO date or timestamp; None when there is none."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def day(value: Any, weekday: bool = False, year: bool = True) -> str:
    """ "2026-03-12T15:40:00+00:00" -> "12 March 2026" (or "Thursday 12 March"); text that is not a
    date comes back as it is."""
    d = parse_day(value)
    if d is None:
        return str(value or "")
    text = f"{d.day} {d:%B}" + (f" {d.year}" if year else "")
    return f"{d:%A} {text}" if weekday else text


def moment(value: Any) -> str:
    """A timestamp as "12 March 2026, 15:40" (a bare date as the date alone)."""
    d = parse_day(value)
    if d is None:
        return str(value or "")
    text = str(value)
    if len(text) > 10 and ("T" in text or " " in text):
        try:
            t = datetime.fromisoformat(text.replace(" ", "T"))
        except ValueError:
            return day(value)
        return f"{day(value)}, {t:%H:%M}"
    return day(value)


def dates_in(text: str | None) -> str:
    """Free text (an explanation, a why) with its ISO dates written as dates: "(said 2026-03-12)" ->
    "(said 12 March 2026)"."""
    return _ISO_DATE.sub(lambda m: day(m.group(0)), text or "")


def number(v: float | None) -> str:
    """1200.0 -> "1,200"; 2.5 -> "2.5"."""
    if v is None:
        return ""
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def span(low: float | None, best: float | None, high: float | None, qualifier: str | None = None) -> str:
    """A figure's range as words: "1,100 to 1,300", "no more than 340", "more than 1,000", "about 1,200"."""
    if low is not None and high is not None and low != high:
        return f"{number(low)} to {number(high)}"
    if low is None and high is not None and best is not None and best == high and qualifier in (None, ""):
        return f"no more than {number(high)}"
    if high is None and low is not None and qualifier in (None, ""):
        return f"more than {number(low)}"
    value = best if best is not None else low if low is not None else high
    return " ".join(p for p in (qualifier, number(value)) if p)


def outlet_or_title(article: dict[str, Any] | None) -> str:
    """How to name an article in a list: its title, else its outlet and date, never its hash."""
    if not article:
        return "an article"
    if article.get("title"):
        return str(article["title"])
    when = day(article.get("published")) if article.get("published") else ""
    who = article.get("outlet") or "Unknown outlet"
    return f"{who}, {when}" if when else f"{who} (untitled)"


def filters() -> dict[str, Any]:
    """The Jinja filters this module offers, by name."""
    return {"plural": plural, "quantity": quantity_label, "day": day, "moment": moment, "span": span,
            "names_and": names, "article_name": outlet_or_title, "dates_in": dates_in,
            "kind_name": lambda kind: KIND_NAMES.get(kind, str(kind).replace("_", " "))}
