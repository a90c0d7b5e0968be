"""The people and organisations one article names, clustered into entities.

An article names a person in full once ("White House spokesperson John Kirby") and then by
surname or another spelling ("Zelenskiy", "Zelensky"); an organisation by its name and its
acronym. `EntityIndex` clusters those mentions and answers with the longest full form, the
entity's label and its gender where the article marks it; `speakers` and `coref` ask it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz import fuzz
from spacy.tokens import Span

from fogwatch.extract.cues import words
from fogwatch.extract.gender import Gender, gender_near, gender_of_surname
from fogwatch.extract.names import (
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

_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w’'.-]*|of|for|the|and|on|in|de)(?:\s+(?:[A-Z][\w’'.-]*|of|for|the|and|on|in|de))+)"
    r"\s*\((?:the\s+)?([A-Z][A-Z0-9]{1,7})\)"
)
_CALENDAR = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May"
             r"|June|July|August|September|October|November|December)\b")
# A name of several capitalised words, joined by a few small ones; "… School on Friday" stops at the day.
_CAPITALISED_RUN = re.compile(
    rf"(?:[A-Z][\w’'-]+)(?:\s+(?:(?:of|for|the|and|on)\s+(?!{_CALENDAR}))?(?!{_CALENDAR})[A-Z][\w’'-]+)+"
)
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


def body_holds_word(name: str, word: str) -> bool:
    """Whether an institution's name holds a word after its first ("Harlow County Schools" holds
    "school"), singular and plural alike."""
    stem = fold(word).rstrip("s")
    return any(fold(w).rstrip("s") == stem for w in name.split()[1:])


class EntityIndex:
    """The named people and organisations of one article, clustered into canonical entities."""

    def __init__(self, parsed: ParsedArticle) -> None:
        self.mentions: list[Mention] = []
        self.acronyms: dict[str, str] = {}
        self._forms: dict[str, list[str]] = {}
        self._labels: dict[str, dict[str, int]] = {}
        self._genders: dict[str, Counter[Gender]] = {}
        self.places: Counter[str] = Counter()  # towns, states, countries (GPE), in order of first mention
        self._voted_labels: dict[int, str] = {}
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
                if ent.label_ == "GPE":
                    self.places[clean_name(ent.text)] += 1
                if ent.label_ not in ("PERSON", "ORG"):
                    continue
                ent = full_person(ent)
                subject = ent.root.dep_ in ("nsubj", "nsubjpass")
                self.mentions.append(Mention(sentence.start + ent.start_char, ent.text, ent.label_, subject))
                self.add(ent.text, ent.label_)
                if ent.label_ == "PERSON" and (marked := gender_near(ent)) is not None:
                    self._genders.setdefault(self.key(ent.text), Counter())[marked] += 1
        self.mentions.sort(key=lambda m: m.start)
        self._undefined_acronyms()

    def _undefined_acronyms(self) -> None:
        """"DPS" in a story that names the "Texas Department of Public Safety" but never writes
        "(DPS)": an acronym joins the one organisation of the article whose initials, with or without
        its leading place word, spell it."""
        orgs = {clean_name(m.text) for m in self.mentions if m.label == "ORG" and len(m.text.split()) >= 2}
        for short in set(re.findall(r"\b[A-Z]{2,6}\b", self.text)) - set(self.acronyms):
            fits = {o for o in orgs if initials_fit(short, o)
                    or (len(o.split()) >= 4 and initials_fit(short, " ".join(o.split()[1:])))}
            if len(fits) == 1:
                self.acronyms[short] = fits.pop()

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

    def person_titled(self, role: str) -> str | None:
        """The one person the article gives a role, before or after the bare role speaks: "Interior
        Minister Ann Roe", "Ann Roe, the interior minister," or "Roe, Kestria's interior minister"."""
        words = [re.escape(w) for w in role.split()]
        if not words:
            return None
        title = r"\s+".join(words)
        before = re.compile(rf"\b{title}\s+(?:[A-Z][a-z]*\.\s+)?$", re.IGNORECASE)
        after = re.compile(rf"\s*,\s*(?:(?:the|a|an|[A-Z][\w’'.-]*['’]s)\s+)?(?:[\w’'-]+\s+){{0,2}}{title}\b",
                           re.IGNORECASE)
        people = set()
        for m in self.mentions:
            end = m.start + len(m.text)
            if m.label == "PERSON" and (before.search(self.text, max(0, m.start - 80), m.start)
                                        or after.match(self.text, end, end + 80)):
                people.add(self.canonical(m.text))
        return people.pop() if len(people) == 1 else None

    def sole_body_named(self, word: str) -> str | None:
        """The one institution whose name holds a word ("school" -> "Harlow County Schools"), looked
        up in the text as well as in NER's organisations, which often tags such names as places."""
        if len(fold(word).rstrip("s")) < 3:
            return None
        names = [m.text for m in self.mentions if m.label == "ORG"]
        names += [m.group(0) for m in _CAPITALISED_RUN.finditer(self.text) if len(m.group(0).split()) >= 2]
        bodies = {self.canonical(n) for n in names if body_holds_word(clean_name(n), word)}
        return bodies.pop() if len(bodies) == 1 else None

    def _voted(self, mention: Mention) -> str:
        """A mention's label, a person's where NER took a name the article gives a person elsewhere
        for an organisation ("Goldin implemented ..." after "Mr. Goldin")."""
        if mention.start not in self._voted_labels:
            person = mention.label == "ORG" and self.label(mention.text) == "PERSON"
            self._voted_labels[mention.start] = "PERSON" if person else mention.label
        return self._voted_labels[mention.start]

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
            if m.start < before and self._voted(m) == label and before - m.start <= window and (
                m.subject or not subject_only
            ) and (accept is None or accept(m)):
                return m
        return None
