"""Word-level diff of two printings of one quotation, rated by how far the wording drifted.

Quotation marks promise the speaker's exact words, so two different wordings inside them mean one
outlet (at least) changed the quote. Ratings, from harmless to serious:

- ``identical``: same characters;
- ``punctuation``: only punctuation, quote marks or letter case differ;
- ``excerpt``: one is a clean cut of the other (words missing only at the ends);
- ``wording``: words swapped or reordered, meaning apparently kept;
- ``meaning``: a negation added or removed, a number changed, or too little left in common.

The ops carry character offsets into both quotations so a UI can highlight exactly what changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

RATINGS = ("identical", "punctuation", "excerpt", "wording", "meaning")
LOW_SIMILARITY = 0.4  # word alignment below this keeps too little of the quotation to call it the same
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without",
                       "cannot", "nowhere", "hardly"})
NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds",
    "thousand", "thousands", "million", "millions", "dozen", "dozens", "half", "billion",
})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", re.UNICODE)
_STRAIGHT = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


@dataclass(frozen=True)
class Token:
    """One word or punctuation mark with its span in the quotation."""

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.norm[:1].isalnum()


@dataclass(frozen=True)
class DiffOp:
    """One step of the alignment; offsets are character spans in quotation a and b."""

    tag: str  # equal | replace | delete | insert
    a_text: str
    b_text: str
    a_start: int
    a_end: int
    b_start: int
    b_end: int


@dataclass(frozen=True)
class QuoteDrift:
    """How two printings of a quotation differ, with the ops and the reasons for the rating."""

    rating: str
    similarity: float  # share of words aligned, 0..1
    ops: tuple[DiffOp, ...]
    reasons: tuple[str, ...] = ()

    def changes(self) -> list[str]:
        """Compact list of edits for a one-line why: "evident/clear", "+really", "-alone"."""
        out = []
        for op in self.ops:
            if op.tag == "replace":
                out.append(f"{op.a_text}/{op.b_text}")
            elif op.tag == "delete":
                out.append(f"-{op.a_text}")
            elif op.tag == "insert":
                out.append(f"+{op.b_text}")
        return out


def tokenize(text: str) -> list[Token]:
    """Words (numbers with their separators, contractions whole) and single punctuation marks."""
    return [Token(m.group(0), _normal(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _normal(token: str) -> str:
    token = token.translate(_STRAIGHT).lower()
    return token.replace(",", "") if token[:1].isdigit() else token


def _negations(words: list[Token]) -> int:
    return sum(1 for w in words if w.norm in NEGATIONS or w.norm.endswith("n't"))


def _numbers(words: list[Token]) -> list[str]:
    return sorted(w.norm for w in words if w.norm[:1].isdigit() or w.norm in NUMBER_WORDS)


def _span(tokens: list[Token], lo: int, hi: int, text: str) -> tuple[str, int, int]:
    if lo >= hi:
        at = tokens[lo - 1].end if lo > 0 else (tokens[0].start if tokens else 0)
        return "", at, at
    start, end = tokens[lo].start, tokens[hi - 1].end
    return text[start:end], start, end


def compare_quotes(a: str, b: str) -> QuoteDrift:
    """Align two quotations word by word and rate the drift from a to b."""
    if a == b:
        return QuoteDrift("identical", 1.0, ())
    wa = [t for t in tokenize(a) if t.is_word]
    wb = [t for t in tokenize(b) if t.is_word]
    na, nb = [t.norm for t in wa], [t.norm for t in wb]
    matcher = SequenceMatcher(None, na, nb, autojunk=False)
    similarity = matcher.ratio() if (na or nb) else 1.0
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a_text, a_start, a_end = _span(wa, i1, i2, a)
        b_text, b_start, b_end = _span(wb, j1, j2, b)
        ops.append(DiffOp(tag, a_text, b_text, a_start, a_end, b_start, b_end))
    changed = [op for op in ops if op.tag != "equal"]
    if not changed:
        return QuoteDrift("punctuation", 1.0, tuple(ops))
    reasons = []
    neg_a, neg_b = _negations(wa), _negations(wb)
    if neg_a != neg_b:
        reasons.append("negation " + ("removed" if neg_a > neg_b else "added"))
    num_a, num_b = _numbers(wa), _numbers(wb)
    if num_a != num_b:
        reasons.append(f"numbers changed: {' '.join(num_a) or '-'} vs {' '.join(num_b) or '-'}")
    inner = [op for k, op in enumerate(ops) if op.tag != "equal" and 0 < k < len(ops) - 1]
    cut_only = not inner and len({op.tag for op in changed}) == 1 and changed[0].tag in ("delete", "insert")
    if cut_only and not reasons:
        return QuoteDrift("excerpt", similarity, tuple(ops))
    if similarity < LOW_SIMILARITY:
        reasons.append(f"only {similarity:.0%} of the words align")
    return QuoteDrift("meaning" if reasons else "wording", similarity, tuple(ops), tuple(reasons))


def worse(a: str, b: str) -> str:
    """The more serious of two ratings."""
    return a if RATINGS.index(a) >= RATINGS.index(b) else b
