"""Who said it: source phrases turned into one canonical speaker per entity.

An article names a person in full once ("White House spokesperson John Kirby") and then by
surname, pronoun or another spelling ("Zelenskiy", "Zelensky"); an organisation by its name
and its acronym. The ledger counts origins, so all of these must land on one entity. Within an
article, `EntityIndex` clusters the mentions and answers with the longest full form; across
articles, `canonical_key` (from `names`, re-exported here) gives the linking stage one stable
key per entity.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from rapidfuzz import fuzz
from spacy.tokens import Span, Token

from fogwatch.extract.cues import ORG_WORDS, is_unnamed_head, words
from fogwatch.extract.gender import Gender, gender_near, gender_of_surname
from fogwatch.extract.names import (
    CONNECTORS,
    PARTICLES,
    TITLES,
    canonical_key,
    clean_name,
    fold,
    initials_fit,
    is_acronym,
    looks_like_org,
    same_first_name,
    translit,
)
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.model import Speaker, SpeakerType

_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w’'.-]*|of|for|the|and|on|in|de)(?:\s+(?:[A-Z][\w’'.-]*|of|for|the|and|on|in|de))+)"
    r"\s*\((?:the\s+)?([A-Z][A-Z0-9]{1,7})\)"
)
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w’'-]+)(?:\s+(?:(?:of|for|the|and|on)\s+)?[A-Z][\w’'-]+)+")
# Words in a mention that only a person carries ("Mayor Bill de Blasio", "Rep. John Mica").
PERSON_ROLES: frozenset[str] = TITLES | words(
    """
    commissioner chairman chairwoman chair director ceo founder host anchor reporter correspondent
    analyst candidate nominee leader mr mrs ms del sen rep gov advisor adviser coordinator envoy
    official officer commander head aide lieutenant sergeant marshal inspector detective agent
    superintendent constable deputy acting senior foreign defence defense interior attorney counsel
    special communications security national press state assistant executive
    """
)
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


def full_person(ent: Span) -> Span:
    """A PERSON entity with the given names NER left out ("Colonel [Tymofiy Halvanenko]" where only the
    familiar-looking surname was tagged): capitalised proper nouns compounded onto it, titles excluded."""
    if ent.label_ != "PERSON":
        return ent
    start = ent.start
    while start > 0:
        tok = ent.doc[start - 1]
        if not (tok.pos_ == "PROPN" and tok.dep_ in ("compound", "flat") and ent.start <= tok.head.i < ent.end
                and tok.text[:1].isupper() and tok.text.isalpha()
                and fold(tok.text).rstrip(".") not in PERSON_ROLES and not tok.ent_type_):
            break
        start -= 1
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label="PERSON")


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
        elif child.dep_ == "relcl" or (after_comma and child.dep_ not in ("appos", "conj", "cc", "punct")):
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


def describe_source(sentence: ParsedSentence, head: Token) -> SourcePhrase:
    """What the phrase headed by `head` says about its source: a name, a pronoun or a description."""
    base = sentence.start
    span_tokens = _np_tokens(head)
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
            if child.dep_ in ("appos", "compound") and (e := _entity_of(child)) and e.label_ == "PERSON":
                ent = e
                break
    core = _core_tokens(head)
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


def _only_titles(words_between: str) -> bool:
    """Whether the words between a role and a name are titles only ("The spokesman, Colonel X")."""
    return all(fold(w).rstrip(".") in TITLES for w in words_between.split())


@dataclass(frozen=True)
class Mention:
    """A named entity seen in the article."""

    start: int
    text: str
    label: str
    subject: bool  # the grammatical subject of its clause


class EntityIndex:
    """The named people and organisations of one article, clustered into canonical entities."""

    def __init__(self, parsed: ParsedArticle) -> None:
        self.mentions: list[Mention] = []
        self.acronyms: dict[str, str] = {}
        self._forms: dict[str, list[str]] = {}
        self._labels: dict[str, dict[str, int]] = {}
        self._genders: dict[str, Counter[Gender]] = {}
        text = self.text = parsed.article.text
        for m in _ACRONYM_DEF.finditer(text):
            full = clean_name(m.group(1))
            if initials_fit(m.group(2), full) or len(full.split()) >= 2:
                self.acronyms[m.group(2)] = full
                self.add(full, "ORG")
        for sentence in parsed.sentences:
            if sentence.doc is None:
                self._unparsed_orgs(sentence)
                continue
            for ent in sentence.doc.ents:
                if ent.label_ not in ("PERSON", "ORG"):
                    continue
                ent = full_person(ent)
                subject = ent.root.dep_ in ("nsubj", "nsubjpass")
                self.mentions.append(Mention(sentence.start + ent.start_char, ent.text, ent.label_, subject))
                self.add(ent.text, ent.label_)
                if ent.label_ == "PERSON" and (marked := gender_near(ent)) is not None:
                    self._genders.setdefault(self.key(ent.text), Counter())[marked] += 1
        self.mentions.sort(key=lambda m: m.start)

    def _unparsed_orgs(self, sentence: ParsedSentence) -> None:
        """Institution names in a sentence the selector left unparsed ("The Ostrel Centre for Conflict
        Studies, an independent research group, ..."), so "the centre" later still finds its name."""
        for m in _CAPITALISED_RUN.finditer(sentence.text):
            name = clean_name(m.group(0))
            if len(name.split()) >= 2 and looks_like_org(name) and not is_acronym(name):
                self.mentions.append(Mention(sentence.start + m.start(), name, "ORG", False))
                self.add(name, "ORG")

    def key(self, name: str) -> str:
        """The cluster key of a name in this article, acronyms expanded and spellings merged."""
        cleaned = clean_name(name)
        full = self.acronyms.get(cleaned.replace(".", ""))
        key = canonical_key(full or cleaned)
        if key in self._forms or len(key) < 5:
            return key
        for other in self._forms:
            if len(other) >= 5 and " " not in key + other and fuzz.ratio(key, other) >= 88:
                return other
        return key

    def add(self, name: str, label: str) -> None:
        """Record one more form of an entity."""
        cleaned = clean_name(name)
        if not cleaned or (label == "PERSON" and is_acronym(cleaned)):
            return
        key = self.key(cleaned)
        self._forms.setdefault(key, []).append(cleaned)
        counts = self._labels.setdefault(key, {})
        counts[label] = counts.get(label, 0) + 1

    def label(self, name: str) -> str | None:
        """The entity label most mentions of this entity got (NER alone mislabels single mentions)."""
        counts = self._labels.get(self.key(name))
        if not counts:
            return None
        return max(sorted(counts), key=lambda k: counts[k])

    def canonical(self, name: str) -> str:
        """The longest full form of the entity in the article ("Kirby" -> "John Kirby"); a full
        name only joins forms with a compatible first name (Eric Trump is not Donald Trump), a
        bare surname the full name the article uses most."""
        cleaned = clean_name(name)
        forms = [f for f in self._forms.get(self.key(cleaned), []) if not is_acronym(f)]
        if not forms:
            return cleaned
        if looks_like_org(cleaned) or is_acronym(cleaned):
            return max(forms, key=lambda f: (len(f.split()), len(f)))
        words = cleaned.split()
        full = [f for f in forms if len(f.split()) >= 2 and fold(f.split()[0]) not in PARTICLES]
        if len(words) >= 2 and fold(words[0]) not in PARTICLES:
            full = [f for f in full if same_first_name(words[0], f.split()[0])] + [cleaned]
            return max(full, key=lambda f: (len(f.split()), len(f)))
        if not full:
            return max(forms, key=len)
        groups: dict[str, list[str]] = {}
        for f in full:
            groups.setdefault(translit(f.split()[0]), []).append(f)
        best = max(groups.values(), key=len)
        return max(best, key=lambda f: (len(f.split()), len(f)))

    def gender(self, name: str) -> Gender | None:
        """The gender the article marks for this person, else the one the surname's form marks."""
        votes = self._genders.get(self.key(name))
        if votes and len(set(votes)) == 1:
            return next(iter(votes))
        return gender_of_surname(self.canonical(name))

    def has_full_person_name(self, name: str) -> bool:
        """Whether NER saw this entity as a person under a name of two or more words; single-word
        mentions are often mislabelled (a surname tagged ORG)."""
        key = self.key(name)
        return any(m.label == "PERSON" and len(m.text.split()) >= 2 and self.key(m.text) == key
                   for m in self.mentions)

    def named_later(self, role: str, after: int, window: int = 600) -> Mention | None:
        """The person a definite role names soon after an indefinite one: "a ministry spokesman said
        ... The spokesman, Colonel X, told reporters" or "X, the spokesman," (news names them late)."""
        ahead = self.text[after : after + window]
        for m in re.finditer(rf"\b[Tt]he\s+{re.escape(role)}\s*,\s*|,\s*the\s+(?:[\w’'-]+\s+){{0,3}}"
                             rf"{re.escape(role)}\b", ahead):
            at = after + m.start()
            before = [p for p in self.mentions if p.label == "PERSON" and p.start < at]
            named_at = after + m.end()
            hit = next((p for p in self.mentions if p.label == "PERSON" and 0 <= p.start - named_at <= 30
                        and _only_titles(self.text[named_at : p.start])), None)
            if m.group(0).startswith(","):
                hit = before[-1] if before and at - (before[-1].start + len(before[-1].text)) <= 1 else None
            if hit is not None:
                return hit
        return None

    def knows(self, name: str) -> bool:
        """Whether the article names this entity somewhere with a name NER recognised."""
        return bool(clean_name(name)) and self.key(name) in self._forms

    def is_known_person(self, name: str) -> bool:
        """Whether a name matches a person the article names elsewhere."""
        key = self.key(name)
        return any(m.label == "PERSON" and self.key(m.text) == key for m in self.mentions)

    def recent(
        self, label: str, before: int, *, subject_only: bool = False, window: int = 10**9,
        accept: Callable[[Mention], bool] | None = None,
    ) -> Mention | None:
        """The most recent mention with a label before an offset (and that `accept` takes)."""
        for m in reversed(self.mentions):
            if m.start < before and m.label == label and before - m.start <= window and (
                m.subject or not subject_only
            ) and (accept is None or accept(m)):
                return m
        return None


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
    "EntityIndex",
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
