"""Bare totals: a tally line that prints a number with no noun ("Total 50.", "Altogether: 12").

Press releases and live updates list their counts as a tally ("49 shooting victims plus suspect.
Total 50."); the total names nothing it counts, so the parse finds no people in it. Where the article
states a count of that same value with its words elsewhere ("A total of 50 people were killed"), the
bare total restates it and counts what it counts; otherwise it stays unread, as a number whose
meaning the text does not make clear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from fogwatch.extract.figure_sources import attribution_for
from fogwatch.extract.figures import captions_and_headings
from fogwatch.extract.headlines import headline_end
from fogwatch.extract.nlp import ParsedArticle
from fogwatch.extract.numbers import find_numbers
from fogwatch.model import Attribution, Figure

_BARE_TOTAL = re.compile(
    r"^\s*(?:(?:grand\s+)?total|in\s+total|altogether|overall|all\s+told)\s*[:,–—-]?\s*"
    r"(?P<number>[\w,.-]+?)\s*[.;]?\s*$|^\s*(?P<before>[\w,.-]+?)\s+(?:in\s+)?total\s*[.;]?\s*$",
    re.I,
)
HARM_ORDER = ("killed", "wounded", "killed_or_wounded", "missing", "captured", "suicide")


def _value(text: str) -> float | None:
    found = find_numbers(text)
    if len(found) != 1 or found[0].vague or found[0].low != found[0].high:
        return None
    return found[0].value


def _restated(value: float, figures: Sequence[Figure]) -> Figure | None:
    """The article's worded count of that value, the gravest harm first ("killed" over "wounded")."""
    same = [f for f in figures if f.value == value and f.low == f.high == value and f.unit == "people"
            and f.part_of is None and f.counted in HARM_ORDER]
    return min(same, key=lambda f: (HARM_ORDER.index(f.counted), f.start)) if same else None


def bare_totals(
    parsed: ParsedArticle, attributions: Sequence[Attribution], figures: Sequence[Figure]
) -> list[Figure]:
    """The figures of the article's bare totals that restate a worded count, ids f"{article}-t{n}",
    sourced like any figure."""
    article = parsed.article
    skipped = [(0, headline_end(article)), *captions_and_headings(article)]
    out: list[Figure] = []
    for sentence in parsed.sentences:
        match = _BARE_TOTAL.match(sentence.text)
        if match is None or any(start <= sentence.start < end for start, end in skipped):
            continue
        group = "number" if match.group("number") else "before"
        value = _value(match.group(group))
        basis = _restated(value, figures) if value else None
        if basis is None:
            continue
        start = sentence.start + len(sentence.text) - len(sentence.text.lstrip())
        end = sentence.start + len(sentence.text.rstrip().rstrip(".;"))
        attribution = attribution_for(parsed, attributions, start, end)
        out.append(replace(
            basis, id=f"{article.id}-t{len(out) + 1}", text=article.text[start:end], start=start, end=end,
            window=None, place=None, qualifier=None,
            source=attribution.speaker.name if attribution else None,
            source_type=attribution.speaker.type if attribution else None,
            via=attribution.via if attribution else (),
            attribution=(attribution.id or None) if attribution else None,
            said_on=attribution.said_on if attribution else None,
        ))
    return out
