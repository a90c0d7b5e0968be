"""Block quotations and posts: a paragraph set off from the text, introduced by "X said:", "In a
statement, the district wrote:" or "The post read:". Its reported sentences get the introducer as
relay; the rest are the introducer's own words.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogwatch.extract import cues
from fogwatch.extract.cue_syntax import source_of
from fogwatch.extract.cues import ORG_WORDS, UNNAMED_NOUNS
from fogwatch.extract.direct import Draft, overlaps
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.extract.quotes import Block
from fogwatch.extract.speakers import describe_source

# Sources inside a reproduced text that are its author or the text itself.
_AUTHOR_WORDS = cues.FIRST_PERSON | {"it", "this", "that"}


def block_drafts(parsed: ParsedArticle, blocks: list[Block], drafts: list[Draft]) -> list[Draft]:
    """Sentences of a block quotation: reported ones get the block's source as relay, the others
    are the source's own words, and so are its first-person reports ("I want to thank ..."),
    which leave `drafts`."""
    out: list[Draft] = []
    for block in blocks:
        intro = parsed.sentence_at(block.intro_start)
        if intro is None or intro.doc is None:
            continue
        if not block.by_colon and any(intro.start <= d.start < intro.end for d in drafts):
            continue  # "She said nine soldiers were missing.": a whole report, no introduction
        verb = next((t for t in intro.doc if t.pos_ in ("VERB", "AUX") and (
            t.lower_ in cues.BLOCK_INTRO_VERBS or cues.is_cue_lemma(t.lemma_)
            or (block.by_colon and t.lemma_.lower() == "read"))), None)
        head = source_of(verb) if verb is not None else None
        if head is None and block.by_colon:
            verb, head = _noun_intro(intro)
        if verb is None or head is None:
            continue
        said_in = intro
        owner = _owner(head)
        if owner is not None:
            head = owner
        elif head.lemma_.lower() in cues.CUE_MEDIA:
            # "The post read:": the post someone was said to write a sentence or two before
            if (poster := _poster(parsed, intro, head)) is None:
                continue
            said_in, head = poster
        phrase = describe_source(said_in, head)
        cs, ce = intro.start + verb.idx, intro.start + verb.idx + len(verb.text)
        inner = [d for d in drafts if block.start <= d.at < block.end]
        if any(d.start < block.start < d.end for d in drafts):
            continue  # the paragraph is already the content of an attribution
        own = [d for d in inner if d.phrase is not None and d.phrase.text.lower() in _AUTHOR_WORDS]
        for d in own:  # "I want to thank everyone", "this is to reassure ...": the author's own words
            drafts.remove(d)
        inner = [d for d in inner if d not in own]
        for d in inner:
            d.outer.append(phrase)
        run: list[ParsedSentence] = []
        for sentence in [s for s in parsed.sentences if block.start <= s.start < block.end] + [None]:
            taken = sentence is None or any(
                overlaps(d.start, d.end, sentence.start, sentence.end) for d in inner
            )
            if taken and run:
                out.append(Draft("direct", run[0].start, run[-1].end, cs, ce, phrase, cue_token=verb))
                run = []
            elif not taken and sentence is not None:
                run.append(sentence)
    return out


def _poster(
    parsed: ParsedArticle, intro: ParsedSentence, medium: Token
) -> tuple[ParsedSentence, Token] | None:
    """Who wrote the post or statement an intro calls by its noun alone: the subject of the verb the
    same noun hangs on a little earlier ("Vinter thanked neighbors in a Facebook post")."""
    earlier = [s for s in parsed.sentences if s.end <= intro.start and intro.start - s.start < 600]
    for sentence in reversed(earlier):
        for tok in sentence.doc or []:
            if tok.lemma_.lower() != medium.lemma_.lower() or tok.pos_ != "NOUN":
                continue
            verb = tok
            while verb.pos_ != "VERB" and verb.head.i != verb.i:
                verb = verb.head
            subject = source_of(verb) if verb.pos_ == "VERB" else None
            if subject is not None and (subject.pos_ == "PROPN" or subject.ent_type_ in ("PERSON", "ORG")):
                return sentence, subject
    return None


def _owner(noun: Token) -> Token | None:
    """Whose statement or post a medium noun is: "its statement", "a statement from the district"."""
    if noun.lemma_.lower() not in cues.CUE_MEDIA | cues.NOUN_CUES:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.pos_ == "PROPN" or obj.lemma_.lower() in ORG_WORDS | UNNAMED_NOUNS):
                return _owner(obj) or obj
    return None


def _noun_intro(intro: ParsedSentence) -> tuple[Token | None, Token | None]:
    """"From a statement from the Harlow school district:", "The post read:": a colon intro without
    a verb (or one the tagger missed) and the statement or post that speaks."""
    assert intro.doc is not None
    for tok in intro.doc:
        if tok.pos_ == "NOUN" and (owner := _owner(tok)) is not None:
            return tok, owner
    for tok in intro.doc[1:]:  # "The post read:", with "read" tagged as a noun
        medium = intro.doc[tok.i - 1]
        if tok.lower_ in ("read", "reads") and medium.lemma_.lower() in cues.CUE_MEDIA:
            return tok, medium
    return None, None
