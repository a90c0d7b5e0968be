"""Statements reported without a source: "three men were reported hurt", "the man reportedly
rented the house", "he is said to have fled".

Local news passes on what it heard at the scene, on the scanner or from other outlets without
saying from whom. These are attributions all the same (to an unnamed source): the article does
not vouch for them. A passive cue with a "by" agent names its source after all.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogwatch.extract import cues
from fogwatch.extract.cue_syntax import trim
from fogwatch.extract.frames import Frame, offsets
from fogwatch.extract.nlp import ParsedSentence

_NOUN_PLACES = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})


def _agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None


def _passive_frame(sentence: ParsedSentence, verb: Token) -> list[Frame]:
    """"Two people were reported hurt", "The driver was reported to have fled by neighbours
    nearby": the subject and what is reported of it; a trailing agent is the source."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    what = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i), None)
    if subject is None or what is None or not any(c.dep_ == "auxpass" for c in verb.children):
        return []
    if subject.lower_ in cues.FIRST_PERSON or (subject.pos_ == "PRON" and subject.lower_ == "it"):
        return []  # "it is said that ...": a clause frame's business; "we were told": an addressee
    agent = next((c for c in what.children if c.dep_ == "agent"), None)
    end = agent.i - 1 if agent is not None and agent.right_edge.i == what.right_edge.i else what.right_edge.i
    content = trim(list(verb.doc[subject.left_edge.i : end + 1]))
    if len(content) < 3:
        return []
    source = _agent(verb) or (_agent(what) if agent is not None else None)
    cue = [c for c in verb.children if c.dep_ in ("auxpass", "neg") or (c.dep_ == "advmod" and c.i < verb.i)]
    cs, ce = offsets(sentence, sorted([*cue, verb], key=lambda t: t.i))
    return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "hearsay",
                  unnamed=source is None)]


def _adverb_frame(sentence: ParsedSentence, adverb: Token) -> list[Frame]:
    """"The man reportedly rented from the victim and later shot him": what the verb after the
    adverb says of its subject (the subject itself is the article's)."""
    verb = adverb.head
    if adverb.dep_ != "advmod" or verb.pos_ not in ("VERB", "AUX") or verb.i < adverb.i:
        return []
    content = trim([t for t in verb.subtree if t.i > adverb.i])
    if len([t for t in content if not t.is_punct]) < 2:
        return []
    cs, ce = offsets(sentence, [adverb])
    return [Frame(sentence, adverb, cs, ce, None, *offsets(sentence, content), "hearsay", unnamed=True)]


def _noun_frame(sentence: ParsedSentence, noun: Token) -> list[Frame]:
    """"whether reports that the driver has fled are true": a hearsay noun the tagger took for a verb,
    in a noun's place, with its that-clause."""
    clause = next((c for c in noun.children if c.dep_ in ("ccomp", "acl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return []
    content = trim(list(clause.subtree))
    if len(content) < 3:
        return []
    cs, ce = offsets(sentence, [noun])
    return [Frame(sentence, noun, cs, ce, None, *offsets(sentence, content), "hearsay", unnamed=True)]


def _existential_frame(sentence: ParsedSentence, noun: Token) -> list[Frame]:
    """"There is some talk, a neighbour heard the shots": the parser makes the hearsay a
    clause of the sentence it introduces; what follows the comma is the content."""
    be = noun.head
    if noun.dep_ != "attr" or not any(c.dep_ == "expl" for c in be.children) or be.dep_ != "ccomp":
        return []
    doc = noun.doc
    after = be.right_edge.i + 1
    if after >= len(doc) or doc[after].text != "," or be.head.i < after:
        return []
    content = trim(list(doc[after + 1 : be.head.right_edge.i + 1]))
    if len(content) < 3:
        return []
    cs, ce = offsets(sentence, [noun])
    return [Frame(sentence, noun, cs, ce, None, *offsets(sentence, content), "hearsay", unnamed=True)]


def hearsay_frames(sentence: ParsedSentence) -> list[Frame]:
    """The statements of one sentence reported without a named source, in text order."""
    if sentence.doc is None:
        return []
    frames: list[Frame] = []
    for tok in sentence.doc:
        if tok.lower_ in cues.REPORT_ADVERBS:
            frames.extend(_adverb_frame(sentence, tok))
        elif tok.tag_ == "VBN" and tok.lemma_.lower() in cues.SOURCELESS_PASSIVES:
            frames.extend(_passive_frame(sentence, tok))
        elif tok.pos_ == "VERB" and tok.dep_ in _NOUN_PLACES and tok.lemma_.lower() in cues.HEARSAY_NOUNS:
            frames.extend(_noun_frame(sentence, tok))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.HEARSAY_NOUNS:
            frames.extend(_existential_frame(sentence, tok))
    return frames
