"""Cues set beside what they report: "The losses, he said, are heavy", "The losses are heavy, he
said", "..., the centre wrote." The parser hangs such a cue off the content's verb or leaves it
after a clause it did not attach, so the content is what remains around it.
"""

from __future__ import annotations

from spacy.tokens import Token

from fogwatch.extract import cues
from fogwatch.extract.cue_syntax import SUBJECT_DEPS, is_verb, trim
from fogwatch.extract.frames import Frame, is_clause, longest_run, offsets, runs
from fogwatch.extract.nlp import ParsedSentence


def parenthetical_frames(
    sentence: ParsedSentence, verb: Token, cs: int, ce: int, source: Token | None
) -> list[Frame]:
    """"The losses, he said, are heavy" and "The losses are heavy, he said": the cue hangs off
    the content's verb, or stands after a clause it did not attach."""
    if source is None or any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return []
    doc = verb.doc
    removed = {t.i for t in verb.subtree}
    if verb.dep_ in ("parataxis", "advcl", "ccomp", "conj") and verb.head.i < verb.i and is_verb(verb.head):
        pool = list(verb.head.subtree)
    elif verb.dep_ == "parataxis" and is_verb(verb.head) and _bare_aside(verb):
        return _aside(sentence, verb, cs, ce, source)
    elif verb.dep_ == "ROOT" and verb.left_edge.i > 0:
        pool = list(doc[: verb.left_edge.i])
    elif verb.dep_ == "ROOT":
        left_clause = [c for c in verb.lefts if c.dep_ in ("parataxis", "advcl", "dep", "ccomp")]
        if not left_clause:
            return []
        pool = [t for c in left_clause for t in c.subtree]
    else:
        return []
    content = longest_run(pool, removed)
    if len([t for t in content if not t.is_punct]) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return []
    frames = [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "parenthetical")]
    after = [trim(run) for run in runs(pool, removed)]
    after += [trim(list(c.subtree)) for c in verb.children  # the same, hung on the cue by the parser
              if c.dep_ == "conj" and c.i > verb.i and not cues.is_cue_lemma(c.lemma_)]
    for rest in after:  # "X, she said, and Y": the clause after the cue is hers too
        if rest and rest[0].i > verb.i and rest != content and is_clause(rest):
            frames.append(Frame(sentence, verb, cs, ce, source, *offsets(sentence, rest), "parenthetical"))
    return frames


def _aside(sentence: ParsedSentence, verb: Token, cs: int, ce: int, source: Token | None) -> list[Frame]:
    """A cue set inside the clause it reports, before that clause's verb: "With the deal signed, he
    said, the agency hopes ..." (the clause after it), "The museum, he said, would open ..." (the
    clause around it, the aside included) and "That he survived, he says, is a miracle" (the clause
    that is the subject: what he says)."""
    head = verb.head
    subject = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    after = [t for t in head.subtree if t.i > verb.right_edge.i]
    if subject is not None and subject.dep_ == "csubj" and subject.i < verb.i:
        content = trim(list(subject.subtree))
    elif subject is not None and subject.i < verb.i and after:
        content = trim(list(verb.doc[head.left_edge.i : after[-1].i + 1]))
    else:
        content = trim(after)
    if len([t for t in content if not t.is_punct]) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return []
    if any(t.is_quote for t in content if t.i < verb.i):
        return []  # '"That," he added, "will cost us"': a quotation around its cue, framed by `direct`
    return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "parenthetical")]


def _bare_aside(verb: Token) -> bool:
    """"..., he said, ...": a cue with its own subject right before it and nothing after it (not
    "His group, called the Velt Fund, ...")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return (subject is not None and not any(t.is_punct for t in verb.doc[subject.i : verb.i])
            and not any(c.dep_ in ("oprd", "attr", "xcomp") and c.i > verb.i for c in verb.children))


_TAIL_WORDS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PART", "PUNCT", "ADV", "NUM"})


def tail_frame(sentence: ParsedSentence, verb: Token) -> list[Frame]:
    """"..., the centre wrote." / "..., said Ms Smith.": a cue closing its sentence after a comma, found
    from the words alone where the parser tied them into the clause before."""
    doc = verb.doc
    end = len(doc)
    while end > 0 and doc[end - 1].is_punct:
        end -= 1
    comma = next((i for i in range(verb.i - 1, -1, -1) if doc[i].text == ","), None)
    if comma is None or comma < 3 or end - comma > 9:
        return []
    tail = [t for t in doc[comma + 1 : end] if t.i != verb.i]
    if not tail or any(t.pos_ not in _TAIL_WORDS for t in tail):
        return []
    nouns = [t for t in tail if t.pos_ in ("NOUN", "PROPN")]
    if not nouns:
        return []
    before, after = [t for t in nouns if t.i < verb.i], [t for t in nouns if t.i > verb.i]
    source = before[-1] if before else after[-1]
    content = trim(list(doc[:comma]))
    if len([t for t in content if not t.is_punct]) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in content):
        return []
    cs, ce = offsets(sentence, [verb])
    return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "parenthetical")]
