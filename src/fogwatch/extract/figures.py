"""Figures: the numbers a source gives about people in the events, with who gave them.

A number becomes a Figure only when the parse says it counts people (killed, wounded, captured,
deployed, displaced…); years, ages, money and calibres never reach that test because their noun
is not a people word. The figure takes its source, relays included, from the attribution that
encloses it or from one that refers back to it (`figure_sources`); one with none is the article's
own assertion (source None). Vague quantities ("thousands of troops") are kept only when a
source gives them: unattributed, they are colour.
The headline printed atop the text is skipped by default: it restates the body's lead figure;
so are photo and video captions and headings inside the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Token

from fogwatch.extract.counted_people import noun_phrase
from fogwatch.extract.counting import Counting, read_counting
from fogwatch.extract.dates import find_day_mentions, reference_date, resolve_window
from fogwatch.extract.figure_sources import attribution_for
from fogwatch.extract.figure_words import CATEGORY_NOUNS, MILITARY, PEOPLE
from fogwatch.extract.headlines import headline_end
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence, full_pipeline
from fogwatch.extract.numbers import NumberMention, find_numbers
from fogwatch.model import Article, Attribution, Figure, Window

EXTRACTOR = "fogwatch.figures.v2"
KEEP_UNATTRIBUTED_VAGUE = False

_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:[$€£¥]\s*|\b(?:aged?|no\.?|number|route|highway|interstate|block|suite)\s+)$", re.I
)
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:-?\s*(?:years?|yrs?|months?|weeks?|days?)[- ]old"
    r"|\s*(?:mm|cm|km|kg|lbs?|caliber|calibre|mph|°)\b|th\b"
    r"|(?:st|nd|rd)\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b))",
    re.I,
)
_ONE_OF = re.compile(
    r"\s+of\s+(?:the|his|her|their|its|those|these|our|my|your|two|three|four|five|\d+|[A-Z]\w+['’]s?)\s",
    re.I,
)
_PHONE = re.compile(r"(?:\(\d{3}\)\s*|\b)\d{3}-\d{4}$")
_COUNT_WORDS = re.compile(
    r"\b(?:kill|dead|die|death|wound|injur|hurt|casualt|loss|captur|prisoner|missing|deploy|troop|soldier|"
    r"displac|refugee|shot|fatal|suicide|hospital|graze|assault|attack|raid|strike|estimate)",
    re.I,
)
_REPORTED_ON = re.compile(
    r"\b(?:said|says|stated|told\s+\w+|announced|reported|added|confirmed|wrote|posted|claimed|noted|tweeted|"
    r"warned|estimated|briefed\s+\w+|disclosed)\s*(?:on\s+)?$",
    re.I,
)
_BREAKDOWN = re.compile(
    r"\b(?:including|includ\w+|of\s+whom|of\s+which|among\s+them|among\s+whom|of\s+them)\b|[:(—–]"
)
_LOCATIVE = frozenset(
    ["in", "near", "at", "inside", "into", "to", "across", "around", "outside", "throughout", "within"]
)
_PLACE_SUFFIX = re.compile(
    r"\s+(?:region|oblast|province|district|governorate|county|area|territory|state)$", re.I
)
_NOT_PLACE = frozenset(
    {"PERSON", "ORG", "NORP", "DATE", "TIME", "CARDINAL", "MONEY", "ORDINAL", "PERCENT", "LAW"}
)


@dataclass
class _Draft:
    """A figure before ids are given, with the breakdown and restatement links still open."""

    figure: Figure
    total: int | None = None  # index of the draft this one breaks down
    named_subject: bool = True  # False when the subject was borrowed from an earlier group
    refers_back: bool = False  # "the estimate ranged …": takes what an earlier figure counted


@dataclass(frozen=True)
class _Group:
    """A group of people the article names, a candidate for an omitted subject."""

    offset: int
    text: str
    military: bool


@dataclass
class _Context:
    """What every figure of one article looks up: its groups of people and its reference date."""

    parsed: ParsedArticle
    attributions: Sequence[Attribution]
    reference: date | None
    groups: list[_Group]


def _doc(sentence: ParsedSentence, mentions: list[NumberMention]) -> Doc | None:
    """The sentence's parse; parsed here when the selector skipped a sentence that counts people."""
    if sentence.doc is not None:
        return sentence.doc
    if mentions and _COUNT_WORDS.search(sentence.text):
        return full_pipeline()(sentence.text)
    return None


def _not_a_count(text: str, mention: NumberMention, doc: Doc) -> bool:
    """Money, ages, calibres, clock times, street numbers, "no one", and ages in "Smith, 25,"."""
    before, after = text[:mention.start], text[mention.end:]
    if _NOT_A_COUNT_BEFORE.search(before) or _NOT_A_COUNT_AFTER.match(after):
        return True
    if re.search(r"\bno\s+$", before, re.I) and mention.text.lower() == "one":
        return True
    if _PHONE.search(before + mention.text) and mention.text.strip()[-2:] != "00":
        return True  # "246-4357", "(555) 246-4357": a telephone number read as a range
    if re.search(r"[,(]\s*$", before) and re.match(r"\s*[,)]", after) and mention.value < 120:
        prev = [t for t in doc if t.idx + len(t) <= mention.start and not t.is_punct]
        if prev and (prev[-1].pos_ == "PROPN" or prev[-1].lemma_.lower() in PEOPLE):
            return True  # "John Smith, 25, of Chicago"
    if any(d.start < mention.core_end and mention.core_start < d.end for d in find_day_mentions(text, None)):
        return True  # part of a written date: "January 24, 2016"
    tokens = [t for t in doc if t.idx < mention.core_end and t.idx + len(t) > mention.core_start]
    return any(t.ent_type_ in ("DATE", "TIME", "MONEY", "ORDINAL") for t in tokens) and not any(
        t.ent_type_ == "CARDINAL" for t in tokens
    )


def _window(sentence: ParsedSentence, anchor: date | None, attribution: Attribution | None) -> Window | None:
    """The window in the sentence's words, with the date the statement was made masked out."""
    text = sentence.text
    masked = text
    for day in find_day_mentions(text, anchor):
        inside = attribution is not None and attribution.start <= sentence.start + day.start < attribution.end
        said = attribution is not None and attribution.said_on_text and day.text in attribution.said_on_text \
            and not inside
        if said or _REPORTED_ON.search(text[:day.start]):
            masked = masked[:day.start] + " " * (day.end - day.start) + masked[day.end:]
    return resolve_window(masked, anchor)


def _place_name(token: Token) -> str | None:
    """A place's name from a locative object ("the Kursk region" → "Kursk"), None if not a place."""
    parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if token.pos_ == "PROPN":
        parts.append(token)
    elif token.lemma_.lower() not in ("region", "oblast", "province", "district", "area", "county", "city"):
        return None
    if not parts or any(t.ent_type_ in _NOT_PLACE for t in parts):
        return None
    name = token.doc[parts[0].i:parts[-1].i + 1].text
    if token.pos_ == "PROPN":
        name = _PLACE_SUFFIX.sub("", name)
    return name or None


def _clause_head(token: Token) -> Token:
    """The verb of the clause a token sits in (the token itself when it is one)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _place(doc: Doc, near: Token) -> str | None:
    """The nearest place the figure's clause locates it in: "in the Kursk region" → "Kursk"."""
    clause = _clause_head(near)
    found: list[tuple[int, str]] = []
    for token in doc:
        in_clause = token.head.head.i == clause.i or clause in token.ancestors
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE and in_clause:
            name = _place_name(token)
            if name:
                found.append((abs(token.i - near.i), name))
    return min(found)[1] if found else None


def _group_mentions(parsed: ParsedArticle) -> list[_Group]:
    """Groups of people the article names, in text order: candidates for an omitted subject."""
    out: list[_Group] = []
    for sentence in parsed.sentences:
        if sentence.doc is None:
            continue
        for chunk in sentence.doc.noun_chunks:
            root = chunk.root
            lemma = root.lemma_.lower()
            if lemma in CATEGORY_NOUNS:
                continue
            demonyms = root.ent_type_ == "NORP" and root.tag_ == "NNPS"
            if lemma in PEOPLE - {"other", "member"} or demonyms:
                out.append(_Group(sentence.start + root.idx, noun_phrase(root), lemma in MILITARY))
    return out


def _subject(context: _Context, counting: Counting, offset: int) -> str | None:
    """The counted group as written, else the nearest earlier group; "North Koreans" → their soldiers."""
    groups = context.groups[:bisect_left([g.offset for g in context.groups], offset)]
    subject = counting.subject
    if subject is None:
        return groups[-1].text if groups else None
    words = subject.split()
    if counting.noun is not None and counting.noun.ent_type_ == "NORP" and words[-1].endswith("s"):
        adjective = " ".join([*words[:-1], words[-1][:-1]])
        for group in reversed(groups):
            if group.text.startswith(adjective + " ") and group.military:
                return group.text
    return subject


def _drafts_in(context: _Context, sentence: ParsedSentence) -> list[_Draft]:
    """The figures of one sentence, breakdowns pointing at their totals."""
    mentions = find_numbers(sentence.text)
    doc = _doc(sentence, mentions)
    if doc is None:
        return []
    article = context.parsed.article
    drafts: list[_Draft] = []
    for mention in mentions:
        if _not_a_count(sentence.text, mention, doc):
            continue
        counting = read_counting(doc, mention.core_start, mention.core_end)
        if counting is None or counting.negated:
            continue
        start = sentence.start + mention.start
        end = sentence.start + max(mention.end, counting.last.idx + len(counting.last))
        attribution = attribution_for(context.parsed, context.attributions, start, end)
        if mention.vague and attribution is None and not KEEP_UNATTRIBUTED_VAGUE:
            continue
        if _singled_out(sentence.text, mention, counting):
            continue
        anchor = context.reference
        if attribution is not None and attribution.said_on:
            anchor = date.fromisoformat(attribution.said_on[:10])
        figure = Figure(
            id="", article=article.id, text=article.text[start:end], start=start, end=end,
            value=mention.value, low=mention.low, high=mention.high, counted=counting.counted,
            qualifier=mention.qualifier, vague=mention.vague,
            unit="percent" if mention.unit == "percent" else counting.unit,
            subject=_subject(context, counting, start), place=_place(doc, counting.last),
            window=_window(sentence, anchor, attribution),
            source=attribution.speaker.name if attribution else None,
            source_type=attribution.speaker.type if attribution else None,
            via=attribution.via if attribution else (),
            attribution=(attribution.id or None) if attribution else None,
            said_on=attribution.said_on if attribution else None, extractor=EXTRACTOR,
        )
        draft = _Draft(figure, named_subject=counting.subject is not None, refers_back=counting.refers_back)
        for index in range(len(drafts) - 1, -1, -1):
            total = drafts[index].figure
            between = article.text[total.end:start]
            if total.value >= figure.value and len(between) <= 40 and _BREAKDOWN.search(between):
                draft.total = index
                break
        drafts.append(draft)
    return drafts


def _singled_out(text: str, mention: NumberMention, counting: Counting) -> bool:
    """Numbers that count nobody the reader could hold a source to: "several people were inside",
    "one of the victims was hurt" (a person picked out of a group already counted). A harm counted
    vaguely ("several people were shot") stays, and so does a death singled out ("one of the men
    died"): deaths are what the toll is made of."""
    if mention.vague and mention.value < 10:
        return counting.counted == "other"
    if mention.value == 1 and _ONE_OF.match(text[mention.end:]):
        return counting.counted != "killed"
    return False


_CAPTION = re.compile(
    r"^\s*(?:photo|image|video)\b[^.]{0,40}:|\bimage\s+\d+\s+of\s*/?\s*\d+\b"
    r"|\((?:published|source|photo|ap\s+photo)\b[^)]*\)\s*$",
    re.I,
)
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "at", "for", "to", "and", "or", "by", "with"})


def _title_case(line: str) -> bool:
    """A heading or a video's title: short, no closing stop, every word but the small ones capitalised
    (a transcript in capitals runs longer)."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line) if w.lower() not in _SMALL_WORDS]
    if not 4 <= len(words) <= 16 or line.rstrip()[-1:] in ".!?\"”’:;,)":
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def captions_and_headings(article: Article) -> list[tuple[int, int]]:
    """Paragraphs that are photo or video captions or headings: they repeat the story's figures and
    carry no claim of their own."""
    out: list[tuple[int, int]] = []
    offset = 0
    for line in article.text.split("\n"):
        if line.strip() and (_CAPTION.search(line) or _title_case(line)):
            out.append((offset, offset + len(line)))
        offset += len(line) + 1
    return out


def extract_figures(
    parsed: ParsedArticle, attributions: Sequence[Attribution], *, include_headline: bool = False
) -> list[Figure]:
    """Every figure about the events, in text order, with ids f"{article}-f{n}"; the headline's on request."""
    article = parsed.article
    own = [a for a in attributions if a.article in ("", article.id)]
    context = _Context(parsed, own, reference_date(article), _group_mentions(parsed))
    body = 0 if include_headline else headline_end(article)
    skipped = captions_and_headings(article)
    figures: list[Figure] = []
    for sentence in parsed.sentences:
        if sentence.start < body or any(start <= sentence.start < end for start, end in skipped):
            continue
        placed: dict[int, Figure] = {}
        for index, draft in enumerate(_drafts_in(context, sentence)):
            figure: Figure | None = replace(draft.figure, id=f"{article.id}-f{len(figures) + 1}")
            if draft.refers_back:
                figure = _restated(figure, figures)
            if figure is None:
                continue
            if not draft.named_subject:
                figure = _same_group(figure, figures)
            if draft.total is not None and draft.total in placed:
                total = placed[draft.total]
                subject = figure.subject if draft.named_subject else total.subject
                figure = replace(figure, part_of=total.id, subject=subject)
            placed[index] = figure
            figures.append(figure)
    return figures


def _same_group(figure: Figure, earlier: Sequence[Figure]) -> Figure:
    """ "Six people were wounded. The six were shot…": a bare number names the group an earlier
    figure of that size counted, rather than whoever was mentioned last."""
    same = [f for f in earlier if f.value == figure.value and f.unit == figure.unit and f.subject]
    return replace(figure, subject=same[-1].subject) if same else figure


def _restated(figure: Figure, earlier: Sequence[Figure]) -> Figure | None:
    """A restated count takes the category and group of the earlier figure it brackets, else the last one."""
    people = [f for f in earlier if f.unit == "people" and f.part_of is None and f.counted != "deployed"]
    if not people:
        return None
    low = figure.low if figure.low is not None else float("-inf")
    high = figure.high if figure.high is not None else float("inf")
    inside = [f for f in people if low <= f.value <= high and figure.low != figure.high]
    basis = (inside or people)[-1]
    return replace(figure, counted=basis.counted, subject=basis.subject)
