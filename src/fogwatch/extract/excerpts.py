"""Quotations a digest announces in the paragraph before them: "The following is a translated
excerpt from an article by Ivo Lind, published in his newsletter on Monday." and then the quoted
paragraph, with no cue beside it.

Monitoring services and agencies reproduce texts this way. The quotation is the named author's,
so the speech it reports ("the minister's speech", "the envoys asked me ...") reaches the
reader through that author, who is its relay.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.extract.speakers import SourcePhrase, describe_source

_ANNOUNCES = re.compile(r"^\W*(?:the\s+)?following\s+(?:is|are)\b", re.IGNORECASE)
# What such a sentence says follows: a text of someone's ("an excerpt from an article by X").
_TEXT_NOUNS = frozenset({"excerpt", "extract", "text", "transcript", "passage", "translation", "article",
                         "statement", "speech", "interview", "remark", "letter", "commentary", "column",
                         "editorial", "message", "address"})
_AUTHOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _author(sentence: ParsedSentence) -> Token | None:
    """The author of the text an announcing sentence names: "by X" or "X's" on a text noun."""
    for token in sentence.doc or []:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in _TEXT_NOUNS:
            continue
        for child in token.children:
            if child.dep_ == "poss" and child.pos_ != "PRON":
                return child
            if child.dep_ == "prep" and child.lower_ == "by":
                author = next((c for c in child.children if c.dep_ == "pobj"), None)
                if author is not None and (author.pos_ == "PROPN" or author.ent_type_ in _AUTHOR_LABELS):
                    return author
    return None


def announced_author(parsed: ParsedArticle, above: tuple[int, int]) -> tuple[SourcePhrase, Token, int] | None:
    """The author of the text a paragraph announces for the quotation after it, and the word that
    announces it ("following") with its offset, or None."""
    for sentence in (s for s in parsed.sentences if above[0] <= s.start < above[1]):
        if sentence.doc is None or not _ANNOUNCES.match(parsed.article.text[sentence.start : sentence.end]):
            continue
        author = _author(sentence)
        following = next((t for t in sentence.doc if t.lower_ == "following"), None)
        if author is None or following is None:
            continue
        return describe_source(sentence, author), following, sentence.start + following.idx
    return None
