"""Word-level diff of two printings of one quotation, rated by how far the wording drifted.

Quotation marks promise the speaker's exact words, so two different wordings inside them mean one
outlet (at least) changed the quote. Ratings, from harmless to serious:

- ``identical``: same characters;
- ``punctuation``: only punctuation, quote marks or letter case differ;
- ``excerpt``: one is a clean cut of the other (words missing only at the ends);
- ``wording``: words swapped or reordered, meaning apparently kept;
- ``meaning``: a negation added or removed, a count changed, what is counted changed ("killed or
  wounded" printed as "killed"), or too little left in common.

Numbers are compared as numbers ("1,200" and "1200" agree): dates ("March 12") and spans of time
("seven days") are not counts, so "the past week" against "seven days" is a change of wording only.
The ops carry character offsets into both quotations so a UI can highlight exactly what changed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from fogwatch.extract.numbers import find_numbers

RATINGS = ("identical", "punctuation", "excerpt", "wording", "meaning")
LOW_SIMILARITY = 0.4  # word alignment below this keeps too little of the quotation to call it the same
NEGATIONS = frozenset({"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "cannot",
                       "nowhere"})
# "no more than 300" bounds a number; it does not deny anything
_BOUND_AFTER_NO = frozenset({"more", "fewer", "less", "later", "earlier", "sooner"})
# what a casualty figure counts, by the words that say it; "casualties" are the killed and the wounded
COUNTED_BY_WORD: dict[str, frozenset[str]] = {
    **dict.fromkeys(("killed", "dead", "died", "death", "deaths", "fatalities"), frozenset({"killed"})),
    **dict.fromkeys(("wounded", "injured", "injuries", "hurt"), frozenset({"wounded"})),
    **dict.fromkeys(("captured", "prisoner", "prisoners", "detained"), frozenset({"captured"})),
    "missing": frozenset({"missing"}), "casualties": frozenset({"killed", "wounded"}),
}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_MONTH_BEFORE = re.compile(_MONTH + r"\s*$", re.I)
_MONTH_AFTER = re.compile(r"^\s*(?:of\s+)?" + _MONTH + r"(?![a-z])", re.I)
_TIME_AFTER = re.compile(r"^[\s-]*(?:days?|weeks?|months?|years?|hours?|minutes?|nights?|decades?)\b", re.I)
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

    def changes(self, for_readers: bool = False) -> list[str]:
        """The edits, compact for a one-line why ("evident/clear", "+really", "-alone") or, for readers of a
        page, spelled out ("“evident” → “clear”", "“really” added", "“alone” left out")."""
        out = []
        for op in self.ops:
            if op.tag == "replace":
                out.append(f"“{op.a_text}” → “{op.b_text}”" if for_readers else f"{op.a_text}/{op.b_text}")
            elif op.tag == "delete":
                out.append(f"“{op.a_text}” left out" if for_readers else f"-{op.a_text}")
            elif op.tag == "insert":
                out.append(f"“{op.b_text}” added" if for_readers else f"+{op.b_text}")
        return out


def tokenize(text: str) -> list[Token]:
    """Words (numbers with their separators, contractions whole) and single punctuation marks."""
    return [Token(m.group(0), _normal(m.group(0)), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _normal(token: str) -> str:
    token = token.translate(_STRAIGHT).lower()
    return token.replace(",", "") if token[:1].isdigit() else token


def _negations(words: list[Token]) -> int:
    count = 0
    for i, w in enumerate(words):
        following = words[i + 1].norm if i + 1 < len(words) else ""
        if w.norm == "no" and following in _BOUND_AFTER_NO:
            continue
        count += w.norm in NEGATIONS or w.norm.endswith("n't")
    return count


def counts(text: str) -> list[float]:
    """The numbers of a text that count something, in order: not dates ("March 12", "12 March 2026")
    and not spans of time ("seven days")."""
    out = []
    for n in find_numbers(text):
        core_start, core_end = n.core_start or n.start, n.core_end or n.end
        before, after = text[max(0, core_start - 16):core_start], text[core_end:core_end + 16]
        if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after) or _TIME_AFTER.match(after):
            continue
        if n.unit == "count":
            out.append(n.value)
    return out


def counted(words: list[Token]) -> frozenset[str]:
    """What the words say is counted: {"killed", "wounded"} for "killed or wounded"."""
    return frozenset().union(*(COUNTED_BY_WORD.get(w.norm, frozenset()) for w in words))


def _number(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"


def _counted_words(kinds: frozenset[str]) -> str:
    return " or ".join(k for k in ("killed", "wounded", "captured", "missing") if k in kinds)


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
    num_a, num_b = counts(a), counts(b)
    if Counter(num_a) != Counter(num_b):
        gone = [v for v in num_a if v not in num_b] or num_a
        new = [v for v in num_b if v not in num_a] or num_b
        reasons.append(f"number changed: {', '.join(map(_number, gone)) or 'none'} → "
                       f"{', '.join(map(_number, new)) or 'none'}")
    kinds_a, kinds_b = counted(wa), counted(wb)
    if kinds_a and kinds_b and kinds_a != kinds_b:
        reasons.append(f"what is counted changed: {_counted_words(kinds_a)} → {_counted_words(kinds_b)}")
    inner = [op for k, op in enumerate(ops) if op.tag != "equal" and 0 < k < len(ops) - 1]
    cut_only = not inner and len({op.tag for op in changed}) == 1 and changed[0].tag in ("delete", "insert")
    if cut_only and not reasons:
        return QuoteDrift("excerpt", similarity, tuple(ops))
    if similarity < LOW_SIMILARITY:
        reasons.append(f"only {similarity:.0%} of the words are the same")
    return QuoteDrift("meaning" if reasons else "wording", similarity, tuple(ops), tuple(reasons))


def worse(a: str, b: str) -> str:
    """The more serious of two ratings."""
    return a if RATINGS.index(a) >= RATINGS.index(b) else b
