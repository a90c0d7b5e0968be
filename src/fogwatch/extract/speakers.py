"""Who said it: source phrases turned into one canonical speaker per entity.

An article names a person in full once ("White House spokesperson John Kirby") and then by
surname, pronoun or another spelling ("Zelenskiy", "Zelensky"); an organisation by its name
and its acronym. The ledger counts origins, so all of these must land on one entity. Here the
words of a source phrase are read from the parse; within an article, `entities.EntityIndex`
clusters the mentions and answers with the longest full form; across articles, `canonical_key`
(from `names`, re-exported here) gives the linking stage one stable key per entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from fogwatch.extract.cues import ORG_WORDS, is_unnamed_head
from fogwatch.extract.entities import PERSON_ROLES, EntityIndex, full_person
from fogwatch.extract.names import (
    CONNECTORS,
    TITLES,
    canonical_key,
    clean_name,
    fold,
    is_acronym,
    looks_like_org,
)
from fogwatch.extract.nlp import ParsedSentence
from fogwatch.model import Speaker, SpeakerType

NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})


@dataclass(frozen=True)
class SourcePhrase:
    """The words that name a source, before coreference: offsets, head word and what they say."""

    start: int
    end: int
    text: str
    kind: str  # name | pronoun | unnamed | noun
    name: str | None = None
    label: str | None = None  # spaCy entity label of the name
    role: str | None = None
    organization: str | None = None


def _entity_of(token: Token) -> Span | None:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in NAME_LABELS:
            return full_person(ent)
        if ent.label_ == "PERSON" and (full := full_person(ent)).start <= token.i < full.end:
            return full
    return None


def _np_tokens(head: Token) -> list[Token]:
    """The words naming a source: the head's phrase with appositions, without relative clauses,
    asides after a comma ("Trump, in Kentucky,") or a dateline ("RENO, Nev. (AP) —")."""
    drop: set[int] = set()
    after_comma = False
    for child in head.children:
        if child.i < head.i:
            continue
        if child.is_punct and child.text == ",":
            after_comma = True
        elif child.dep_ == "relcl" or (after_comma and child.dep_ not in ("appos", "conj", "cc", "punct")) \
                or (child.dep_ == "prep" and child.lower_ == "as"):  # "identified by deputies as Ann Roe"
            drop.update(t.i for t in child.subtree)
    keep = [t for t in head.subtree if t.i not in drop]
    dash = max((i for i, t in enumerate(keep) if t.text in ("—", "–") and t.i < head.i), default=None)
    if dash is not None:
        keep = keep[dash + 1 :]
    while keep and (keep[-1].is_punct or keep[-1].dep_ in ("cc",)):
        if keep[-1].text == ")" and sum(t.text == "(" for t in keep) >= sum(t.text == ")" for t in keep):
            break  # "Rep. John Mica (R-Fla.)" keeps its closing parenthesis
        keep.pop()
    while keep and keep[0].is_punct:
        keep.pop(0)
    return keep


def _name_continues(head: Token, prep: Token) -> bool:
    """'Institute for the Study of War', 'Ministry of Defence': a capitalised name goes on
    through "of/for/on" while every word after is capitalised or a connector."""
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "for", "on") or prep.i != head.i + 1:
        return False
    if not (head.pos_ == "PROPN" or head.text[:1].isupper() or head.lemma_.lower() in ORG_WORDS):
        return False
    aside = {x.i for t in prep.subtree if t.dep_ == "appos" for x in t.subtree}
    words = [t for t in prep.subtree if t is not prep and not t.is_punct and t.i not in aside]
    return bool(words) and all(t.text[:1].isupper() or t.lower_ in CONNECTORS for t in words)


def _core_tokens(head: Token) -> list[Token]:
    """Head plus the words before it in its phrase (compounds, modifiers), without clauses after."""
    left = [t for t in head.lefts]
    core: list[Token] = []
    for t in left:
        core.extend(t.subtree)
    core.append(head)
    core.extend(t for t in head.rights if t.dep_ in ("compound", "flat") or _name_continues(head, t))
    for t in list(core):
        if t.dep_ == "prep" and t.head == head:
            core.extend(x for x in t.subtree if x not in core)
    core = sorted(set(core), key=lambda t: t.i)
    while core and (core[0].is_punct or core[0].dep_ == "det"):
        core.pop(0)
    return core


def _words_text(tokens: list[Token]) -> str:
    """Tokens as written in the text (no space before "'s"), skipping gaps between them."""
    out = ""
    for i, tok in enumerate(tokens):
        out += tok.text
        if i + 1 < len(tokens):
            out += tok.whitespace_ if tokens[i + 1].i == tok.i + 1 else " "
    return out.strip()


def _ranked_member(head: Token) -> tuple[Span, str] | None:
    """'Texas Department of Public Safety Lt. Bryan Witt': the ranked person after an agency's name
    speaks, the agency is where they serve."""
    for child in head.children:
        person = _entity_of(child) if child.dep_ == "appos" else None
        if person is None or person.label_ != "PERSON":
            continue
        rank = [t.text for t in child.lefts if fold(t.text).rstrip(".") in TITLES]
        if rank:
            return person, " ".join(rank)
    return None


def describe_source(sentence: ParsedSentence, head: Token) -> SourcePhrase:
    """What the phrase headed by `head` says about its source: a name, a pronoun or a description."""
    base = sentence.start
    span_tokens = _np_tokens(head) or [head]  # a lone dash the parser took for a subject
    start = base + span_tokens[0].idx
    end = base + span_tokens[-1].idx + len(span_tokens[-1].text)
    text = sentence.text[start - base : end - base]
    lower = head.text.lower()
    if lower in ("who", "which", "that") and head.head.dep_ == "relcl" and head.head.head is not head.head:
        antecedent = describe_source(sentence, head.head.head)
        return replace(antecedent, start=start, end=end, text=text)
    if head.pos_ == "PRON" or lower in ("who", "which"):
        return SourcePhrase(start, end, text, "pronoun", name=lower)
    ent = _entity_of(head)
    if ent is None:
        for child in head.children:
            # "spokesperson Jane Doe", "the ferry operator, Blue Strait Lines,"
            named = (e := _entity_of(child)) is not None and (
                e.label_ == "PERSON" or (child.dep_ == "appos" and e.label_ == "ORG"))
            if child.dep_ in ("appos", "compound") and named:
                ent = e
                break
    core = _core_tokens(head)
    if ent is not None and ent.label_ == "ORG" and (officer := _ranked_member(head)) is not None:
        person, rank = officer
        return SourcePhrase(start, end, text, "name", name=person.text, label="PERSON", role=rank,
                            organization=ent.text)
    if ent is not None and ent.text[:1].islower():
        # "Russia's defence ministry": a common-noun institution keeps its owner in its name
        return SourcePhrase(start, end, text, "name", name=_words_text(core), label=ent.label_)
    if ent is not None:
        role_tokens = [t for t in core if t.i < ent.start and t.dep_ != "det" and not t.is_punct]
        role = _words_text(role_tokens) or None
        org = None
        for e in head.doc.ents:
            if (
                e.label_ == "ORG"
                and e.end <= ent.start
                and any(t.i in range(e.start, e.end) for t in role_tokens)
            ):
                org = e.text
        return SourcePhrase(
            start, end, text, "name", name=ent.text, label=ent.label_, role=role, organization=org
        )
    if head.pos_ == "PROPN" or (head.text[:1].isupper() and any(t.pos_ == "PROPN" for t in core)):
        first = next((t for t in core if t.pos_ == "PROPN" or t.text[:1].isupper()), head)
        if head.text[:1].islower():  # a common noun tagged as a name keeps its words: "the defence ministry"
            first = core[0]
        named = [t for t in core if t.i >= first.i]
        name = head.doc[named[0].i : named[-1].i + 1].text
        return SourcePhrase(start, end, text, "name", name=clean_name(name), label=None)
    owners = [e for e in head.doc.ents if e.label_ in ("ORG", "GPE", "NORP")
              and any(t.i in range(e.start, e.end) for t in span_tokens)]
    org_ent = min(owners, key=lambda e: (("ORG", "GPE", "NORP").index(e.label_), e.start), default=None)
    description = _words_text(core)
    if is_unnamed_head(head.lemma_) or is_unnamed_head(head.text):
        return SourcePhrase(start, end, text, "unnamed", name=description,
                            organization=org_ent.text if org_ent else None)
    return SourcePhrase(start, end, text, "noun", name=description,
                        organization=org_ent.text if org_ent else None)


_PARTY_STATE = re.compile(r"\([RDI]-[A-Z][\w.]*\)?")


def speaker_type(phrase: SourcePhrase, index: EntityIndex) -> SpeakerType:
    """Person or organisation for a named source, from NER and the words of the name."""
    name = phrase.name or ""
    if looks_like_org(name):
        return "organization"
    role_words = set(fold(f"{phrase.role or ''} {phrase.text}").replace(".", "").split())
    if role_words & PERSON_ROLES or _PARTY_STATE.search(phrase.text) or index.has_full_person_name(name):
        return "person"
    label = index.label(name) or phrase.label
    if label == "PERSON":
        return "person"
    if label in ("ORG", "GPE", "NORP", "FAC"):
        return "organization"
    if index.is_known_person(name):
        return "person"
    # no entity label at all: a capitalised name that is no acronym and no institution is a person
    return "organization" if is_acronym(clean_name(name)) else "person"


def named_speaker(phrase: SourcePhrase, index: EntityIndex) -> Speaker:
    """A Speaker for a source phrase that names its source."""
    kind = speaker_type(phrase, index)
    name = index.canonical(phrase.name or phrase.text)
    return Speaker(name, kind, mention=phrase.text, role=phrase.role, organization=phrase.organization)


__all__ = [
    "SourcePhrase",
    "canonical_key",
    "clean_name",
    "describe_source",
    "fold",
    "is_acronym",
    "looks_like_org",
    "named_speaker",
    "speaker_type",
]
