"""How much harm a figure's words claim: denials of harm, and the degree of an injury.

Kept apart from the parser-bound extractors so reconciliation can read the same words the same way.
Medics and police grade injuries ("1 critical, 1 serious", "only minor injuries", "no one was
seriously hurt"); a count of the severely hurt is a quantity of its own, smaller than the count of
the wounded, and "only minor injuries" says it is zero for the people counted.
"""

from __future__ import annotations

import re

from fogwatch.model import Figure

DENIAL_EXTRACTOR = "fogwatch.denials.v1"
SEVERE, MINOR = "severe", "minor"

_MINOR = re.compile(
    r"\b(?:minor|superficial|non[- ]?life[- ]threatening|not\s+(?:considered\s+)?life[- ]threatening|"
    r"not\s+(?:seriously|critically)|(?:were|was|are|is)\s+expected\s+to\s+survive)\b",
    re.I,
)
_SEVERE = re.compile(
    r"\b(?:critical(?:ly)?|serious(?:ly)?|severe(?:ly)?|grave(?:ly)?|life[- ]threatening)\b", re.I
)
_ALL = re.compile(r"\b(?:only|all|none|no\s+one|nobody|each|both)\b", re.I)
# the words after a figure that still describe its people: up to the clause's end or the next count
_CLAUSE = re.compile(
    r"[^.;!?—–\d]*?(?=[.;!?—–\d]|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|another|other|"
    r"but|while|whereas)\b|$)",
    re.I,
)


def is_denial(figure: Figure) -> bool:
    """Whether a figure is a denial read from words ("nobody was hurt"), not a number printed in the text."""
    return figure.extractor == DENIAL_EXTRACTOR


def severity(words: str) -> str | None:
    """ "severe" for critical, serious or life-threatening harm, "minor" for minor or
    non-life-threatening harm, None when the words grade nothing."""
    if _MINOR.search(words):
        return MINOR
    if _SEVERE.search(words):
        return SEVERE
    return None


def described(figure: Figure, text: str) -> str:
    """The figure's words and those after it that still speak of its people ("four people shot
    in the incident have only minor injuries"), stopping at the next count ("…, one critically")."""
    if not text or figure.end > len(text):
        return figure.text
    tail = _CLAUSE.match(text, figure.end)
    return figure.text + (tail.group(0) if tail else "")


def grade(figure: Figure, text: str) -> tuple[str | None, bool]:
    """The severity of a wounded figure's harm and whether it speaks of every one of its people
    ("have only minor injuries", "none seriously"); a denial's degree is in its own words."""
    if figure.counted != "wounded":
        return None, False
    words = figure.text if is_denial(figure) else described(figure, text)
    return severity(words), bool(_ALL.search(words))
