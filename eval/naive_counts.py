"""The naive baseline the casualty evaluators print beside Fogwatch: about ten lines of regular expressions.

The first number (word or digit) right before "killed"/"dead" and before "wounded"/"injured"
gives the counts; failing a number, "was killed" or "was shot and killed" counts one.
"""

from __future__ import annotations

import re

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "a": 1, "an": 1}
_NUMBER = r"(\d+|" + "|".join(_WORDS) + r")\s+(?:\w+\s+){0,2}?(?:were\s+|was\s+|are\s+|people\s+)?"
_KILLED = re.compile(_NUMBER + r"(?:killed|dead|died)\b", re.I)
_INJURED = re.compile(_NUMBER + r"(?:wounded|injured|hurt|shot)\b", re.I)
_ONE_KILLED = re.compile(r"\b(?:was|been)\s+(?:shot\s+and\s+)?(?:killed|fatally shot|found dead)\b", re.I)
_ONE_INJURED = re.compile(r"\b(?:was|been)\s+(?:shot|wounded|injured)\b", re.I)


def _value(word: str) -> int:
    return int(word) if word.isdigit() else _WORDS[word.lower()]


def naive_counts(text: str) -> tuple[int, int]:
    """(killed, injured) by the first matching pattern of each."""
    killed = _KILLED.search(text)
    injured = _INJURED.search(text)
    k = _value(killed.group(1)) if killed else int(bool(_ONE_KILLED.search(text)))
    i = _value(injured.group(1)) if injured else int(bool(_ONE_INJURED.search(text)) and not k)
    return k, i
