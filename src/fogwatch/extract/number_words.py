"""English number words → values ("three hundred and five", "a dozen", "twenty-five").

Kept apart from the phrase scanner in ``numbers.py``: this is the grammar of spelled numbers
(which word may follow which), the scanner is the hedges, ranges and units around them.
"""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        [
            "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"
        ]
    )
}
TENS: dict[str, int] = {
    w: 10 * (i + 2)
    for i, w in enumerate(["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"])
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
}
_FOLLOWS: dict[str, frozenset[str]] = {  # which kind of number word may follow which
    "start": frozenset({"a", "unit", "teen", "tens", "hundred", "scale", "dozen"}),
    "a": frozenset({"hundred", "scale", "dozen"}),
    "unit": frozenset({"hundred", "scale", "dozen"}),
    "teen": frozenset({"hundred", "scale"}),
    "tens": frozenset({"unit", "scale"}),
    "hundred": frozenset({"unit", "teen", "tens", "scale"}),
    "scale": frozenset({"unit", "teen", "tens"}),
    "dozen": frozenset(),
}


def _kind(word: str) -> str | None:
    """The grammatical kind of a number word, which decides what may follow it."""
    if word in ("a", "an"):
        return "a"
    if word in UNITS:
        return "teen" if UNITS[word] >= 10 else "unit"
    if word in TENS:
        return "tens"
    if word in ("hundred", "dozen"):
        return word
    return "scale" if word in SCALES else None


def words_to_number(text: str) -> float | None:
    """The value of English number words ("three hundred and five", "a thousand", "twenty-five").

    None when the words do not make one number ("five six", "hundred hundred").
    """
    parts = [p for p in re.split(r"[\s-]+", text.lower().strip()) if p and p != "and"]
    total, current, previous = 0, 0, "start"
    for part in parts:
        kind = _kind(part)
        if kind is None or kind not in _FOLLOWS[previous]:
            return None
        if kind == "a":
            current = 1
        elif kind in ("unit", "teen"):
            current += UNITS[part]
        elif kind == "tens":
            current += TENS[part]
        elif kind == "dozen":
            current = (current or 1) * 12
        elif kind == "hundred":
            current = (current or 1) * 100
        else:
            total += (current or 1) * SCALES[part]
            current = 0
        previous = kind
    return float(total + current) if previous not in ("start", "a") else None


def word_runs(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """Split a run of number words into the numbers it holds ("five six" → 5, 6), longest first."""
    words = [(m.start() + start, m.end() + start) for m in re.finditer(r"[A-Za-z]+", text[start:end])]
    out: list[tuple[int, int, float]] = []
    i = 0
    while i < len(words):
        best = None
        for j in range(len(words), i, -1):
            value = words_to_number(text[words[i][0]:words[j - 1][1]])
            if value is not None:
                best = (words[i][0], words[j - 1][1], value, j)
                break
        if best is None:
            i += 1
            continue
        out.append(best[:3])
        i = best[3]
    return out
