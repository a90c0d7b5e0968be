"""Cues found in the dependency parse: "X said (that) ...", "..., X said", "according to X, ...".
Cues set beside their content ("The losses, he said, are heavy") are read in `asides`.

Each pattern yields a `Frame` (`frames`): the cue words, the head of the source phrase and the span of the
content. Frames know nothing of quotation marks; `attribution` decides whether a frame's content
is a quotation (direct), reported speech (indirect) or reported speech with quoted words (mixed).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from fogwatch.extract import cues
from fogwatch.extract.asides import parenthetical_frames, tail_frame
from fogwatch.extract.cue_syntax import (
    cue_predicate,
    cue_tokens,
    given_name,
    is_verb,
    misparsed_main_verb,
    passive_without_agent,
    source_of,
    trim,
)
from fogwatch.extract.frames import Frame, longest_run, offsets
from fogwatch.extract.nlp import ParsedSentence
from fogwatch.extract.relays import passed_on

_HYPOTHETICAL = frozenset({"would", "could", "might", "should", "may"})
_WANTING = frozenset({"need", "want", "try", "seek", "hope", "plan", "intend", "wish", "aim", "have"})


def _clause_content(clause: Token, cue_subject: Token | None = None) -> list[Token]:
    """A content clause, ended where a second cue is coordinated into it ("... and said that ..."),
    where the cue's subject goes on with a verb of its own ("... but are still investigating") or
    where the cue's medium trails after a comma (", in a statement carried by ...")."""
    tokens = list(clause.subtree)
    if (own := cue_predicate(clause, cue_subject)) is not None:
        cut = min([own.left_edge.i, *(c.i for c in clause.children if c.dep_ == "cc" and c.i < own.i
                                       and c.i > clause.i)])
        tokens = [t for t in tokens if t.i < cut]
    for tok in tokens:
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if (tok.lower_ == "in" and tok.i > clause.i and tok.i > 0 and tok.doc[tok.i - 1].text == ","
                and obj is not None and obj.lemma_.lower() in cues.CUE_MEDIA
                and all(t.is_punct for t in tokens if t.i > tok.right_edge.i)):
            tokens = [t for t in tokens if t.i < tok.i]
            break
    for tok in tokens:
        if (tok.i > clause.i and tok.dep_ == "conj" and is_verb(tok) and cues.is_cue_lemma(tok.lemma_)
                and tok.lemma_.lower() not in cues.WEAK_VERBS
                and any(c.dep_ == "ccomp" for c in tok.children)):
            tokens = [t for t in tokens if t.i < tok.left_edge.i]
            break
    return trim(tokens)


def _fallback_clause(verb: Token) -> list[Token]:
    """Content the parser hung elsewhere: a that-clause attached to a noun after the cue ("said at
    a news conference that ..."), or a long object that is really a clause ("says the movement
    ... appeals to ...")."""
    nested = {
        t.i
        for c in verb.subtree
        if c is not verb and is_verb(c) and cues.is_cue_lemma(c.lemma_)
        for t in c.subtree
    }
    for tok in verb.subtree:
        if tok.i <= verb.i or tok.i in nested:
            continue
        if tok.dep_ in ("relcl", "acl", "advcl") and any(
            c.dep_ == "mark" and c.lower_ == "that" and c.i < tok.i for c in tok.children
        ):
            return trim(list(tok.subtree))
    dobj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    if dobj is not None and verb.lemma_.lower() in cues.SPEECH_CORE - cues.ADDRESSEE_VERBS:
        sub = list(dobj.subtree)
        if len(sub) >= 6 and any(t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" for t in sub):
            last = max(c.right_edge.i for c in verb.rights if not c.is_punct)
            return trim(list(verb.doc[dobj.left_edge.i : last + 1]))
    return []


def _clause_frames(sentence: ParsedSentence, verb: Token) -> list[Frame]:
    lemma = verb.lemma_.lower()
    classes = cues.cue_classes(lemma)
    if not classes:
        return []
    if misparsed_main_verb(verb):
        cs, ce = offsets(sentence, cue_tokens(verb))
        contents = [_clause_content(c, verb.head) for c in verb.children if c.dep_ == "ccomp"]
        return [Frame(sentence, verb, cs, ce, verb.head, *offsets(sentence, content), "clause")
                for content in contents if len(content) >= 2]
    if not is_verb(verb):
        return []
    if passive_without_agent(verb):
        return []  # "Asked about the device, O'Neill said ...": he is asked, he does not ask
    if any(c.dep_ == "neg" for c in verb.children) and classes != {"belief"}:
        return []  # "the ministry has not said how many": nothing was said ("do not believe" is a view)
    if any(c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in verb.children) or (
            verb.dep_ == "xcomp" and verb.head.lemma_.lower() in _WANTING):
        return []  # "which would explain ...", "Kestria needs to show that ...": nothing said yet
    if lemma == "ask" and any(t.lower_ in ("named", "identified") for t in verb.subtree):
        return []  # "who asked not to be named": the terms of anonymity, not a statement
    if lemma in ("show", "find", "call") and any(c.dep_ == "prt" for c in verb.children):
        return []  # "show up", "find out", "call off"
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children):
        return []  # "pointed out that ..." reports; "pointed a gun", "pointed to" do not
    if lemma == "identify":
        return _identified(sentence, verb)
    cue = cue_tokens(verb)
    cs, ce = offsets(sentence, cue)
    ce_index = cue[-1].i
    source = source_of(verb)
    frames: list[Frame] = []
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    addressee = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    goal = next((c for c in verb.rights if c.dep_ == "xcomp"), None)
    if lemma in cues.NAMING_VERBS and (named := given_name(verb, addressee, goal)):
        return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, named), "object")]
    if lemma in cues.INTENT_VERBS and addressee is not None and goal is not None and addressee.i < goal.i:
        # "urging the remaining residents to leave": whom it urges and what, together
        content = trim(list(verb.doc[addressee.left_edge.i : goal.right_edge.i + 1]))
        return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "clause")]
    if lemma in cues.INTENT_VERBS or ("clause" in classes and not clauses and lemma not in cues.WEAK_VERBS):
        clauses += [c for c in verb.children if c.dep_ == "xcomp" and len(list(c.subtree)) >= 3]
    for clause in clauses:
        content = _clause_content(clause, source)
        if len(content) >= 2:
            frames.append(Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "clause"))
    if frames:
        return frames
    if "clause" in classes and lemma not in cues.WEAK_VERBS:
        content = _fallback_clause(verb)
        if len(content) >= 3:
            return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "clause")]
    if "object" in classes and lemma not in cues.WEAK_VERBS:
        parts = [
            c for c in verb.rights
            if c.dep_ in ("dobj", "attr", "oprd", "xcomp", "advcl", "acomp")
            or (c.dep_ == "prep" and c.lower_ in ("as", "of", "about", "against", "for", "on"))
        ]
        if parts and any(p.dep_ == "dobj" or p.dep_ == "prep" for p in parts):
            tokens = [t for p in parts for t in p.subtree if not (t is p and t.i <= ce_index)]
            content = trim(tokens)
            if len(content) >= 2:
                lo, hi = content[0].i, content[-1].i
                content = list(verb.doc[lo : hi + 1])
                return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "object")]
    if "belief" in classes and "clause" not in classes:
        return []
    return parenthetical_frames(sentence, verb, cs, ce, source)


def _identified(sentence: ParsedSentence, verb: Token) -> list[Frame]:
    """"identified the victim as Ann Roe", "was identified by deputies as Ann Roe": the identity
    given, by a source the sentence names; "identified three problems" identifies no one."""
    as_prep = next((t for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "as"
                    and (t.head.i == verb.i or t.head.head.dep_ == "agent")), None)
    source = source_of(verb)
    if as_prep is None or source is None or passive_without_agent(verb):
        return []
    content = trim([t for t in as_prep.subtree if t.i != as_prep.i])
    if not content:
        return []
    cs, ce = offsets(sentence, cue_tokens(verb))
    return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "object")]


def _estimate_frames(sentence: ParsedSentence, verb: Token) -> list[Frame]:
    """"The ministry put Tarvanian losses at around 1,200": the object and the figure it is put at."""
    obj = next((c for c in verb.rights if c.dep_ == "dobj"), None)
    at = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ == "at"), None)
    source = source_of(verb)
    if obj is None or at is None or source is None or not any(t.like_num for t in at.subtree):
        return []
    end = at.right_edge.i
    for child in verb.rights:  # "at no more than 300 wounded and 40 killed", split by the parser
        if child.i > end and child.dep_ in ("cc", "conj") and any(t.like_num for t in child.subtree):
            end = child.right_edge.i
    content = trim(list(verb.doc[obj.left_edge.i : end + 1]))
    if len(content) < 3:
        return []
    cs, ce = offsets(sentence, cue_tokens(verb))
    return [Frame(sentence, verb, cs, ce, source, *offsets(sentence, content), "object")]


def _according_frames(sentence: ParsedSentence, acc: Token, verb_frames: list[Frame]) -> list[Frame]:
    to = next((c for c in acc.children if c.lower_ == "to"), None)
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None or _plain_noun(source):
        return []  # "according to plan", "according to the rules": no source
    inside = set(range(acc.left_edge.i, acc.right_edge.i + 1))
    if any(f.source is not None and f.source.i not in inside and f.cue is acc.head for f in verb_frames):
        return []  # "According to Reuters, Kirby said ...": Reuters relays, Kirby speaks
    clause = acc.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT":
        clause = clause.head
    pool = list(clause.subtree) if clause.dep_ not in ("ROOT", "conj") else list(acc.doc)
    removed = set(inside)
    for tok in pool:
        if tok.lemma_.lower() in ("cite", "quote", "report") and tok.tag_ == "VBN" and tok.dep_ == "advcl":
            removed.update(range(tok.left_edge.i, tok.right_edge.i + 1))
    content = longest_run(pool, removed)
    if len([t for t in content if not t.is_punct]) < 3:
        return []
    cs, ce = offsets(sentence, [acc, to])
    return [Frame(sentence, acc, cs, ce, source, *offsets(sentence, content), "according")]


def _plain_noun(tok: Token) -> bool:
    """A common noun that names no source: no name, no source word ("plan", "the rules")."""
    if tok.pos_ in ("PROPN", "PRON") or tok.ent_type_:
        return False
    if tok.lemma_.lower() in cues.UNNAMED_NOUNS or tok.lemma_.lower() in cues.ORG_WORDS:
        return False
    return not any(c.dep_ in ("poss", "compound", "prep") for c in tok.children) or tok.lemma_.lower() in (
        "plan", "rule", "law", "schedule", "tradition", "custom"
    )


def _noun_frames(sentence: ParsedSentence, noun: Token) -> list[Frame]:
    """"his warning that ...", "the claim by officials that ...": a cue noun with a that-clause."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return []
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from")), None)
        source = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if (
        source is None
        and noun.dep_ in ("dobj",)
        and noun.head.lemma_.lower() in ("make", "issue", "give", "repeat")
    ):
        source = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    content = trim(list(clause.subtree))
    if len(content) < 3:
        return []
    cs, ce = offsets(sentence, [noun])
    hearsay = source is None and noun.lemma_.lower() in cues.HEARSAY_NOUNS
    return [Frame(sentence, noun, cs, ce, source, *offsets(sentence, content), "noun", unnamed=hearsay)]


def find_frames(sentence: ParsedSentence) -> list[Frame]:
    """Every cue frame of one parsed sentence, in text order."""
    doc = sentence.doc
    if doc is None:
        return []
    frames: list[Frame] = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cues.CUE_VERBS | cues.INTENT_VERBS:
            frames.extend(_clause_frames(sentence, tok) or tail_frame(sentence, tok))
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in cues.ESTIMATE_AT_VERBS:
            frames.extend(_estimate_frames(sentence, tok))
    for tok in doc:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            frames.extend(_according_frames(sentence, tok, frames))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.NOUN_CUES:
            frames.extend(_noun_frames(sentence, tok))
    return sorted(_origins(frames), key=lambda f: (f.content_start, f.cue_start))


def _origins(frames: list[Frame]) -> list[Frame]:
    """A source that passes on another's words ("Y quoted X as saying", "Y, citing X, reported")
    gives the frame to that other, and carries it; the passing verb ("citing X") says nothing."""
    out: list[Frame] = []
    links: set[int] = set()
    for frame in frames:
        if frame.pattern == "noun":
            out.append(frame)
            continue
        passing = passed_on(frame.cue, frame.source, according=frame.pattern == "according")
        if passing.link is not None:
            links.add(passing.link.i)
        out.append(replace(frame, source=passing.origin, carriers=passing.carriers))
    return [f for f in out if f.cue.i not in links]
