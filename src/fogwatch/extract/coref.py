"""A light coreference for sources: "he said" -> the person the article was just talking about.

News keeps the speaker in focus: a pronoun cue almost always points at the previous
attribution's speaker or the subject of the sentence before. We take the most recent of those
that fits the pronoun (a person for he/she, a group or organisation for they/it), and fall back
on the most recent named person or organisation. Resolution runs in text order so that "the
previous attribution" is known.
"""

from __future__ import annotations

import re
from dataclasses import replace

from fogwatch.extract.agencies import LocalAgencies, clean_agency_name, names_only_agency
from fogwatch.extract.aliases import aliases
from fogwatch.extract.cues import FIRST_PERSON, ORG_WORDS, PRONOUNS_GROUP, PRONOUNS_PERSON, words
from fogwatch.extract.entities import EntityIndex, Mention, body_holds_word
from fogwatch.extract.gender import PRONOUN_GENDER, Gender, gender_of_words
from fogwatch.extract.names import clean_name, fold, looks_like_org, looks_like_place, org_words
from fogwatch.extract.relays import is_outlet
from fogwatch.extract.speakers import SourcePhrase, named_speaker
from fogwatch.model import Speaker

# Heads of an unnamed group speaking for the body it belongs to.
SPEAKING_FOR = frozenset({"officials", "official", "authorities", "spokesperson", "spokesman", "spokeswoman",
                          "representatives", "representative", "administrators", "leaders"})
# "Officials with the Harlow Water Board": the capitalised name after the group's preposition.
_BODY_AFTER = re.compile(r"^(?:\w+\s+)?(?i:officials|authorities|spokes\w+|representatives|administrators)\s+"
                         r"(?:with|of|at|from|for)\s+(?:the\s+)?([A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|the|and|on)\s+)*"
                         r"[A-Z][\w'’&.-]*)*)")
# Heads of a role that names one person ("the interior minister", "the mayor").
ROLE_HEADS = frozenset({"minister", "president", "governor", "mayor", "secretary", "ambassador", "chancellor",
                        "premier", "commander", "chief", "director", "prosecutor", "sheriff", "coroner"})
# Roles one word names that titles spell otherwise: "the premier" is the prime minister named before.
ROLE_SYNONYMS = {"premier": ("prime minister",), "pm": ("prime minister",)}
# Heads of a definite description that refers back to a person just named ("the retired pilot").
DESCRIBED_PEOPLE = words("""
    man woman boy girl teen teenager widow widower mother father husband wife son daughter veteran pilot
    farmer teacher doctor nurse student activist businessman businesswoman driver resident neighbor
    neighbour owner homeowner host hostess retiree grandmother grandfather lawmaker senator congressman
    congresswoman scientist author writer actor actress singer player coach survivor
""")
FOCUS_WINDOW = 1500  # characters back in which a speaker stays in focus
# Roles a story introduces unnamed and names a line later ("a ministry spokesman said ... The spokesman, X").
SPOKES_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "commander", "minister"})


def _bare_role(phrase: SourcePhrase) -> str | None:
    """The role a source phrase gives without a name ("the interior minister", "Kestria's Interior
    Minister"), or None when the phrase names someone or is no role."""
    words = [w for w in fold(phrase.text).replace("'s ", " 's ").split() if w not in ("the", "a", "an")]
    if "'s" in words:
        words = words[words.index("'s") + 1 :]
    if not words or words[-1] not in ROLE_HEADS or len(words) > 4:
        return None
    return " ".join(words)


def _alias(phrase: SourcePhrase, speaker: Speaker) -> str | None:
    """The institution behind a metonym, a capital or an owner's generic body (see `aliases`)."""
    table = aliases()
    name = speaker.name or phrase.name or phrase.text
    return (table.institution(phrase.text) or table.institution(name) or table.government_of(name)
            or table.owned(phrase.text, name))


class SpeakerResolver:
    """Source phrases to speakers, in text order, remembering who spoke last."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.agencies = LocalAgencies(index.text, index.places)
        self.history: list[tuple[int, Speaker]] = []

    def remember(self, at: int, speaker: Speaker) -> None:
        """Record a resolved speaker as the latest in focus."""
        self.history.append((at, speaker))

    def _before(self, at: int) -> list[tuple[int, Speaker]]:
        """Speakers remembered before an offset, latest first (relays are resolved after everyone)."""
        return [(pos, speaker) for pos, speaker in reversed(self.history) if pos < at]

    def resolve(self, phrase: SourcePhrase | None, at: int) -> Speaker | None:
        """The speaker a source phrase names; None when nobody can be named (the author, no source)."""
        if phrase is None:
            return None
        speaker = self._resolve(phrase, at)
        if speaker is None:
            return None
        if speaker.type == "person" and phrase.label == "PERSON":  # "Seattle Fire" tagged as a person
            agency = self.agencies.agency_meant(phrase.text) if names_only_agency(phrase.text) else None
            return Speaker(agency.name, "organization", mention=phrase.text) if agency else speaker
        role = _bare_role(phrase)
        titled = (self.index.person_titled(title) for title in (role, *ROLE_SYNONYMS.get(role, ())) if role)
        if role is not None and (person := next((p for p in titled if p is not None), None)) is not None:
            return Speaker(person, "person", mention=phrase.text, role=role, organization=phrase.organization)
        if (agency := self.agencies.agency_meant(phrase.text)) is not None:
            return Speaker(agency.name, "organization", mention=phrase.text)
        if speaker.type == "organization" and (known := _alias(phrase, speaker)) is not None:
            return Speaker(known, "organization", mention=phrase.text)
        if speaker.name and speaker.type == "organization":
            return replace(speaker, name=clean_agency_name(speaker.name))
        return speaker

    def _resolve(self, phrase: SourcePhrase, at: int) -> Speaker | None:
        if phrase.kind == "noun" and phrase.text[:1].isupper() and " " not in phrase.text.strip() \
                and self.index.knows(phrase.text):
            phrase = replace(phrase, kind="name", name=phrase.text)  # a surname the tagger took for a noun
        if phrase.kind == "name":
            return None if looks_like_place(phrase.name or phrase.text) else named_speaker(phrase, self.index)
        if phrase.kind in ("unnamed", "noun") and (known := self._by_role(phrase, at)) is not None:
            return known
        if phrase.kind == "unnamed" and (named := self._named_later(phrase)) is not None:
            return named
        if phrase.kind == "unnamed" and (body := self._body_of(phrase)) is not None:
            return Speaker(self.index.canonical(body), "organization", mention=phrase.text)
        if phrase.kind in ("unnamed", "noun") and (described := self._described(phrase, at)) is not None:
            return described
        if phrase.kind == "unnamed":
            return Speaker(None, "unnamed", mention=phrase.text, organization=phrase.organization,
                           description=phrase.name or phrase.text)
        if phrase.kind == "noun":
            return self._noun(phrase, at)
        return self._pronoun(phrase, at)

    def _by_role(self, phrase: SourcePhrase, at: int) -> Speaker | None:
        """"the mayor", "the commissioner": a definite role names the person introduced with it."""
        words = fold(phrase.text).split()
        if len(words) != 2 or words[0] != "the":
            return None
        role = words[1]
        for pos, speaker in self._before(at):
            if at - pos > 4 * FOCUS_WINDOW:
                break
            described = fold(f"{speaker.role or ''} {speaker.mention}").replace(".", "")
            if speaker.type == "person" and speaker.name and (
                    role in described.split() or any(f" {same} " in f" {described} "
                                                      for same in ROLE_SYNONYMS.get(role, ()))):
                return Speaker(speaker.name, "person", mention=phrase.text, role=speaker.role,
                               organization=speaker.organization)
        return None

    def _body_of(self, phrase: SourcePhrase) -> str | None:
        """The organisation a group of its people speaks for: "officials with the Harlow Water Board",
        "school officials" in a story naming one school district; "officials in Kyiv" or "Kestrian
        officials" name a place or a people, not a body, and stay unnamed."""
        words = fold(phrase.text).split()
        body = _BODY_AFTER.match(phrase.text)
        if not words or (words[-1].rstrip(".,") not in SPEAKING_FOR and body is None):
            return None
        if body is not None:
            name = clean_name(body.group(1))
            label = self.index.label(name)
            if len(name.split()) >= 2 and label not in ("GPE", "NORP", "LOC", "PERSON") \
                    and name not in self.index.places:
                return name
            return None
        modifiers = [w for w in words[:-1] if w not in ("the", "a", "an")]
        if len(modifiers) != 1:
            return None
        return self.index.sole_body_named(modifiers[0]) or self._sole_speaking_body(modifiers[0])

    def _sole_speaking_body(self, word: str) -> str | None:
        """Where the article names several bodies with the word ("Southside High School", "Greenville
        County Schools"), the one that has already spoken in it is the one its officials speak for."""
        bodies = {s.name for _, s in self.history
                  if s.name and (s.type == "organization" or looks_like_org(s.name))}
        spoken = {b for b in bodies if body_holds_word(b, word)}
        return spoken.pop() if len(spoken) == 1 else None

    def _described(self, phrase: SourcePhrase, at: int) -> Speaker | None:
        """"The retired pilot said", "the party host said": a definite description of a person points,
        like a pronoun, at the person just named; "the victim's father" or "the father of two" names
        someone else, and a description that fits nobody in focus stays unnamed."""
        words = fold(phrase.text).split()
        if len(words) < 2 or words[0] != "the" or words[-1] not in DESCRIBED_PEOPLE:
            return None
        if any(w in ("of", "'s") or w.endswith("'s") for w in words) or "," in phrase.text:
            return None
        gender = gender_of_words(phrase.text)
        person = self.index.recent("PERSON", at, window=FOCUS_WINDOW // 2,
                                   accept=lambda m: self._can_speak(m, True, gender))
        if person is None:
            return None
        return Speaker(self.index.canonical(person.text), "person", mention=phrase.text,
                       role=" ".join(phrase.text.split()[1:]))

    def _named_later(self, phrase: SourcePhrase) -> Speaker | None:
        """"a Kestrian defence ministry spokesman" named in the next lines ("The spokesman, Colonel X,")."""
        words = fold(phrase.text).split()
        if len(words) < 2 or words[0] not in ("a", "an") or words[-1] not in SPOKES_ROLES:
            return None
        found = self.index.named_later(phrase.text.split()[-1], phrase.end)
        if found is None:
            return None
        return Speaker(self.index.canonical(found.text), "person", mention=phrase.text,
                       role=" ".join(phrase.text.split()[1:]), organization=phrase.organization)

    def _noun(self, phrase: SourcePhrase, at: int) -> Speaker:
        """"The centre", "the group": a definite institution noun names the organisation the article
        calls by a name with that word, else the organisation that spoke last."""
        words = fold(phrase.name or phrase.text).split()
        head = words[-1] if words else ""
        if head in ORG_WORDS:
            # "the Kestrian defence ministry" is a name of its own; "the centre", "the research group" are
            # not; "the health ministry" is never the defence ministry named before
            named = [w for w in (phrase.name or "").split()[:-1] if w[:1].isupper()]
            qualifiers = org_words(phrase.name or phrase.text) - {head}

            def other_of_kind(name: str) -> bool:
                words = org_words(name)
                return head in words and not qualifiers <= words

            for mention in reversed(self.index.mentions):
                folded = fold(mention.text).split()
                if mention.label == "ORG" and head in folded and all(fold(w) in folded for w in named) \
                        and not other_of_kind(mention.text):
                    return Speaker(self.index.canonical(mention.text), "organization", mention=phrase.text)
            if not named and fold(phrase.text).startswith("the "):
                for pos, speaker in self._before(at):
                    if at - pos > FOCUS_WINDOW:
                        break
                    if speaker.type == "organization" and speaker.name and not other_of_kind(speaker.name):
                        return replace(speaker, mention=phrase.text)
            return Speaker(clean_name(phrase.name or phrase.text), "organization", mention=phrase.text,
                           organization=phrase.organization)
        return Speaker(None, "unnamed", mention=phrase.text, organization=phrase.organization,
                       description=phrase.name or phrase.text)

    def _fits(self, name: str | None, gender: Gender | None, speaker: Speaker | None = None) -> bool:
        """Whether a person may be the referent of a he/she: no gender marked against it."""
        if gender is None or not name:
            return True
        marked = None
        if speaker is not None:
            marked = gender_of_words(" ".join(p for p in (speaker.mention, speaker.role or "") if p))
        marked = marked or self.index.gender(name)
        return marked is None or marked == gender

    def _can_speak(self, mention: Mention, want_person: bool, gender: Gender | None) -> bool:
        """A mention a pronoun may point at: no place, no outlet taken for a person, the right gender."""
        if looks_like_place(mention.text):
            return False
        if want_person and (looks_like_org(mention.text) or is_outlet(mention.text)):
            return False
        return self._fits(mention.text, gender)

    def _pronoun(self, phrase: SourcePhrase, at: int) -> Speaker | None:
        word = (phrase.name or "").lower()
        if word in FIRST_PERSON:
            return None
        if word not in PRONOUNS_PERSON | PRONOUNS_GROUP:
            return None  # "this", "who" without antecedent: nobody to name
        want_person = word in PRONOUNS_PERSON
        gender = PRONOUN_GENDER.get(word)
        best: tuple[int, Speaker] | None = None
        for pos, speaker in self._before(at):
            if at - pos > FOCUS_WINDOW:
                break
            if (speaker.type == "person") == want_person and self._fits(speaker.name, gender, speaker):
                best = (pos, speaker)
                break
        label = "PERSON" if want_person else "ORG"
        kind = "person" if want_person else "organization"

        def accept(m: Mention) -> bool:
            return self._can_speak(m, want_person, gender)

        subject = self.index.recent(label, at, subject_only=True, window=FOCUS_WINDOW, accept=accept)
        if subject is not None and (best is None or subject.start > best[0]):
            return Speaker(self.index.canonical(subject.text), kind, mention=phrase.text)
        if best is not None:
            found = best[1]
            return Speaker(found.name, found.type, mention=phrase.text, role=found.role,
                           organization=found.organization, description=found.description)
        anyone = self.index.recent(label, at, accept=accept)
        if anyone is not None:
            return Speaker(self.index.canonical(anyone.text), kind, mention=phrase.text)
        if not want_person:
            return Speaker(None, "unnamed", mention=phrase.text, description=phrase.text)
        return None
