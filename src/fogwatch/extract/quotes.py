"""Quotations found at character level, before any parsing.

News text mixes straight and curly marks, sometimes in one quotation (“... ," he said), splits a
quotation around its cue, carries it over paragraphs (a paragraph left open whose successor
opens again continues it), embeds social-media posts signed by a dash line, and reproduces
whole paragraphs of a source without marks. A sentence splitter or a parser sees none of this
reliably, so quotations are found here over the whole article text, and later stages only ask
which quotation a cue frames.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise

from fogwatch.extract.cues import BLOCK_INTRO_VERBS
from fogwatch.extract.wrapping import unwrapped

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
ALL_MARKS = OPENERS + CLOSERS + STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE
_BEFORE_OPEN = set("([{—–-/:;") | {"\n"}
_AFTER_CLOSE = set(".,;:!?)]}—–-…") | {"\n"}
_WORD = re.compile(r"[\w’'-]+")
SCARE_QUOTE_WORDS = 3


@dataclass(frozen=True)
class Quote:
    """One quoted piece: [start, end) is the text inside the marks, the marks excluded."""

    start: int
    end: int
    open_at: int | None
    close_at: int | None
    group: int  # pieces of one quotation carried over paragraphs share a group
    closed: bool = True
    close_width: int = 1  # 2 for a closing '' (two apostrophes)

    def words(self, text: str) -> int:
        """How many words the quotation holds."""
        return len(_WORD.findall(text[self.start : self.end]))

    def is_scare(self, text: str) -> bool:
        """Short quoted fragments ("human wave") flag wording, they are no statement on their own;
        a short complete utterance ("Game over.", "Okay,") is one."""
        inner = text[self.start : self.end].rstrip()
        utterance = inner[:1].isupper() and inner[-1:] in (".", "!", "?", ",")
        return self.words(text) <= SCARE_QUOTE_WORDS and not utterance

    @property
    def outer_start(self) -> int:
        """Offset of the opening mark, or of the text where there is none."""
        return self.open_at if self.open_at is not None else self.start

    @property
    def outer_end(self) -> int:
        """Offset just past the closing mark, or past the text where there is none."""
        return self.close_at + self.close_width if self.close_at is not None else self.end


@dataclass(frozen=True)
class Post:
    """An embedded social-media post, signed by a line like '— Name (@handle) Month D, YYYY'."""

    start: int
    end: int
    author: str
    handle: str | None
    signature_start: int
    signature_end: int
    posted: date | None


@dataclass(frozen=True)
class Block:
    """A paragraph reproduced from a source without marks, after an introducing sentence."""

    start: int
    end: int
    intro_start: int
    intro_end: int
    by_colon: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines: news text marks paragraphs by line breaks (not the soft breaks of
    hard-wrapped text, see `wrapping`)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", unwrapped(text)) if m.group().strip()]


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return (before.isspace() or before in _BEFORE_OPEN or before in ALL_MARKS) and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSE or after in ALL_MARKS)


def _role(text: str, i: int, single: bool) -> str | None:
    """'open', 'close', 'both' or None (not a usable mark) for the mark at i."""
    ch = text[i]
    if single:
        if ch == SINGLE_OPEN:
            return "open"
        if ch == SINGLE_CLOSE and _can_close(text, i):
            return "close"
        return None
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    if ch == STRAIGHT:
        can_open, can_close = _can_open(text, i), _can_close(text, i)
        if can_open and can_close:
            return "both"
        return "open" if can_open else "close" if can_close else None
    return None


def _starts_with_opener(text: str, span: tuple[int, int], single: bool) -> int | None:
    """Offset of the opening mark a paragraph starts with, if any."""
    stripped = text[span[0] : span[1]].lstrip()
    at = span[1] - len(text[span[0] : span[1]].lstrip()) if stripped else None
    if at is None:
        return None
    return at if _role(text, at, single) in ("open", "both") else None


def _scan(text: str, single: bool) -> list[Quote]:
    marks = SINGLE_OPEN + SINGLE_CLOSE if single else OPENERS + CLOSERS + STRAIGHT
    paras = paragraphs(text)
    quotes: list[Quote] = []
    group = 0
    carried_from: int | None = None  # opening offset when a quotation continues from a paragraph
    for k, (p_start, p_end) in enumerate(paras):
        open_at: int | None = None
        depth = 0
        for i in range(p_start, p_end):
            if text[i] not in marks:
                continue
            role = _role(text, i, single)
            if role is None:
                continue
            if open_at is None:
                if role in ("open", "both"):
                    open_at, depth = i, 0
                    if carried_from is None:
                        group += 1
                    carried_from = None
                continue
            if role == "open":
                depth += 1
                continue
            if role in ("close", "both"):
                if depth:
                    depth -= 1
                    continue
                quotes.append(Quote(open_at + 1, i, open_at, i, group))
                open_at = None
        if open_at is None:
            carried_from = None
            continue
        end = p_start + len(text[p_start:p_end].rstrip())
        nxt = paras[k + 1] if k + 1 < len(paras) else None
        continues = nxt is not None and _starts_with_opener(text, nxt, single) is not None
        quotes.append(Quote(open_at + 1, end, open_at, None, group, closed=False))
        carried_from = open_at if continues else None
    return [_trim(text, q) for q in quotes if q.end > q.start]


def _trim(text: str, q: Quote) -> Quote:
    start, end = q.start, q.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return replace(q, start=start, end=end)


_TWO_APOSTROPHES = re.compile(r"''")


def _normalise_marks(text: str) -> str:
    """The text with each '' (two apostrophes, a double mark in some archives) written as one
    straight double mark beside a space, so offsets stay those of the text."""

    def mark(m: re.Match[str]) -> str:
        before = text[m.start() - 1] if m.start() else " "
        return ' "' if before.isspace() or before in "([{—–-" else '" '

    return _TWO_APOSTROPHES.sub(mark, text) if "''" in text else text


def _real_marks(text: str, q: Quote) -> Quote:
    """A quotation found in the normalised text, its marks moved back onto the two apostrophes."""
    open_at, width = q.open_at, 1
    if open_at is not None and open_at > 0 and text[open_at - 1 : open_at + 1] == "''":
        open_at -= 1
    if q.close_at is not None and text[q.close_at : q.close_at + 2] == "''":
        width = 2
    return replace(q, open_at=open_at, close_width=width)


def find_quotes(text: str) -> list[Quote]:
    """Every quoted piece in the text, double marks first and single-mark quotations where no
    double quotation covers them (British style), in text order."""
    scan = _normalise_marks(text)
    doubles = _scan(scan, single=False)
    if scan is not text:
        doubles = [_real_marks(text, q) for q in doubles]
    singles = [
        q for q in _scan(scan, single=True)
        if not any(d.outer_start <= q.outer_start < d.outer_end for d in doubles) and q.closed
    ]
    top = max((q.group for q in doubles), default=0)
    singles = [replace(q, group=q.group + top) for q in singles]
    return sorted(doubles + singles, key=lambda q: q.start)


_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul",
         "august aug", "september sep sept", "october oct", "november nov", "december dec")
    )
    for m in names.split()
}
_SIGNATURE = re.compile(
    r"[—–-]{1,2}\s*(?P<author>[^\n()@—–]{2,80}?)\s*\((?P<handle>@\w{1,30})\)\s*"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\s*$",
    re.MULTILINE,
)
# A Facebook embed's closing line: "... Posted by Jane Roe on Sunday, July 24, 2016".
_POSTED_BY = re.compile(
    r"(?:(?<=\s)|^)Posted by (?P<author>[A-Z][^\n()@]{1,60}?) on (?:[A-Z][a-z]+day,\s*)?"
    r"(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})\s*$",
    re.MULTILINE,
)
_TRAILING_LINKS = re.compile(r"(?:\s*(?:https?://\S+|pic\.twitter\.com/\S+))+\s*$")


def _post_date(month: str, day: str, year: str) -> date | None:
    number = _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(int(year), number, int(day))
    except ValueError:
        return None


def find_posts(text: str) -> list[Post]:
    """Embedded posts: the text signed by a dash line ("— Name (@handle) date") or a Facebook
    "Posted by Name on date" line, on that line or in the paragraph above."""
    posts: list[Post] = []
    paras = paragraphs(text)
    signatures = sorted([*_SIGNATURE.finditer(text), *_POSTED_BY.finditer(text)], key=lambda m: m.start())
    for m in signatures:
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start : m.start()].strip():
            start, end = line_start, m.start()
        else:
            above = [p for p in paras if p[1] <= line_start]
            if not above:
                continue
            start, end = above[-1]
            if not _TRAILING_LINKS.sub("", text[start:end]).strip() and len(above) > 1:
                start = above[-2][0]
        body = text[start:end]
        cut = _TRAILING_LINKS.search(body)
        if cut:
            end = start + cut.start()
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        posts.append(
            Post(start, end, m.group("author").strip(), m.groupdict().get("handle"), m.start(), m.end(),
                 _post_date(m.group("month"), m.group("day"), m.group("year")))
        )
    return posts


_INTRO_VERB = re.compile(r"\b(" + "|".join(sorted(BLOCK_INTRO_VERBS)) + r")\b")


def _is_intro(sentence: str) -> bool | None:
    """True for a colon intro, False for a naming sentence ("ISW ... quotes the same sources."),
    None when the sentence introduces nothing."""
    s = sentence.strip()
    if any(ch in s for ch in OPENERS + CLOSERS + STRAIGHT):
        return None
    if s.endswith(":"):
        return True
    m = _INTRO_VERB.search(s)
    if not m or not s.endswith(".") or not re.search(r"\b[A-Z](?:[a-z]+|[A-Z]+\b)", s[: m.start()]):
        return None
    tail = s[m.end() :].split()
    if tail and tail[0].lower() in ("that", "on", "in", "to", "by"):
        return None
    head, comma, _subject = s[: m.start()].rpartition(",")
    if comma and len(tail) <= 1 and len(head.split()) >= 4:
        return None  # "..., the official said.": it closes its own content, it introduces nothing
    return False if len(tail) <= 5 and len(s.split()) <= 40 else None


def find_blocks(text: str, sentences: list[tuple[int, int]]) -> list[Block]:
    """Paragraphs quoted without marks: the paragraph after one whose last sentence introduces it."""
    blocks: list[Block] = []
    paras = paragraphs(text)
    for (p_start, p_end), (q_start, q_end) in pairwise(paras):
        last = [s for s in sentences if p_start <= s[0] < p_end]
        if not last:
            continue
        intro = last[-1]
        kind = _is_intro(text[intro[0] : intro[1]])
        body = text[q_start:q_end]
        if kind is None or len(body.split()) < 8 or _SIGNATURE.search(body):
            continue
        if kind is False and any(ch in body for ch in OPENERS + CLOSERS + STRAIGHT):
            continue
        if kind is True and body.lstrip()[:1] in OPENERS + STRAIGHT:
            continue
        blocks.append(Block(q_start, q_start + len(body.rstrip()), intro[0], intro[1], by_colon=kind))
    return blocks
