"""A light coreference for sources: "he said" -> the person the article was just talking about.

News keeps the speaker in focus: a pronoun cue almost always points at the previous
attribution's speaker or the subject of the sentence before. We take the most recent of those
that fits the pronoun (a person for he/she, a group or organisation for they/it), and fall back
on the most recent named person or organisation. Resolution runs in text order so that "the
previous attribution" is known.
"""

from __future__ import annotations

from fogwatch.extract.cues import FIRST_PERSON, ORG_WORDS, PRONOUNS_GROUP, PRONOUNS_PERSON
from fogwatch.extract.names import clean_name, fold
from fogwatch.extract.speakers import EntityIndex, SourcePhrase, named_speaker
from fogwatch.model import Speaker

FOCUS_WINDOW = 1500  # characters back in which a speaker stays in focus


class SpeakerResolver:
    """Source phrases to speakers, in text order, remembering who spoke last."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index
        self.history: list[tuple[int, Speaker]] = []

    def remember(self, at: int, speaker: Speaker) -> None:
        """Record a resolved speaker as the latest in focus."""
        self.history.append((at, speaker))

    def resolve(self, phrase: SourcePhrase | None, at: int) -> Speaker | None:
        """The speaker a source phrase names; None when nobody can be named (the author, no source)."""
        if phrase is None:
            return None
        if phrase.kind == "name":
            return named_speaker(phrase, self.index)
        if phrase.kind in ("unnamed", "noun") and (known := self._by_role(phrase, at)) is not None:
            return known
        if phrase.kind == "unnamed":
            return Speaker(None, "unnamed", mention=phrase.text, organization=phrase.organization,
                           description=phrase.name or phrase.text)
        if phrase.kind == "noun":
            return self._noun(phrase)
        return self._pronoun(phrase, at)

    def _by_role(self, phrase: SourcePhrase, at: int) -> Speaker | None:
        """"the mayor", "the commissioner": a definite role names the person introduced with it."""
        words = fold(phrase.text).split()
        if len(words) != 2 or words[0] != "the":
            return None
        role = words[1]
        for pos, speaker in reversed(self.history):
            if at - pos > 4 * FOCUS_WINDOW:
                break
            if speaker.type == "person" and speaker.name and role in fold(
                f"{speaker.role or ''} {speaker.mention}").replace(".", "").split():
                return Speaker(speaker.name, "person", mention=phrase.text, role=speaker.role,
                               organization=speaker.organization)
        return None

    def _noun(self, phrase: SourcePhrase) -> Speaker:
        words = fold(phrase.name or phrase.text).split()
        head = words[-1] if words else ""
        if head in ORG_WORDS:
            for mention in reversed(self.index.mentions):
                if mention.label == "ORG" and head in fold(mention.text).split():
                    return Speaker(self.index.canonical(mention.text), "organization", mention=phrase.text)
            return Speaker(clean_name(phrase.name or phrase.text), "organization", mention=phrase.text,
                           organization=phrase.organization)
        return Speaker(None, "unnamed", mention=phrase.text, organization=phrase.organization,
                       description=phrase.name or phrase.text)

    def _pronoun(self, phrase: SourcePhrase, at: int) -> Speaker | None:
        word = (phrase.name or "").lower()
        if word in FIRST_PERSON:
            return None
        if word not in PRONOUNS_PERSON | PRONOUNS_GROUP:
            return None  # "this", "who" without antecedent: nobody to name
        want_person = word in PRONOUNS_PERSON
        best: tuple[int, Speaker] | None = None
        for pos, speaker in reversed(self.history):
            if at - pos > FOCUS_WINDOW:
                break
            if (speaker.type == "person") == want_person:
                best = (pos, speaker)
                break
        label = "PERSON" if want_person else "ORG"
        subject = self.index.recent(label, at, subject_only=True, window=FOCUS_WINDOW)
        if subject is not None and (best is None or subject.start > best[0]):
            kind = "person" if want_person else "organization"
            return Speaker(self.index.canonical(subject.text), kind, mention=phrase.text)
        if best is not None:
            found = best[1]
            return Speaker(found.name, found.type, mention=phrase.text, role=found.role,
                           organization=found.organization, description=found.description)
        anyone = self.index.recent(label, at)
        if anyone is not None:
            kind = "person" if want_person else "organization"
            return Speaker(self.index.canonical(anyone.text), kind, mention=phrase.text)
        if not want_person:
            return Speaker(None, "unnamed", mention=phrase.text, description=phrase.text)
        return None
