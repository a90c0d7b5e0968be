"""When the origin said it: the day named beside the cue, else the day of the speaker's event.

Articles date a statement beside its cue ("said on Friday", "stated on December 27") or once
for a whole appearance ("gave a briefing on Saturday"), and they do not always agree. We keep
the cue's own day, fall back on the speaker's event day, and flag every disagreement on the
attributions it touches, rather than choosing silently.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from fogwatch.extract.dates import DayMention, find_day_mentions, reference_date
from fogwatch.model import Article

EVENT_WORDS = re.compile(
    r"\b(briefing|press conference|news conference|conference|interview|speech|address|remarks|"
    r"hearing|statement|appearance|meeting with reporters|reporters|journalists|broadcast|podcast|testimony|"
    r"session)\b",
    re.IGNORECASE,
)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Dated:
    """The date an attribution gets, the words that gave it, and any disagreement found."""

    said_on: str | None
    said_on_text: str | None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Event:
    """A speech event without content ("X gave a briefing on Saturday") for one speaker."""

    speaker_key: str
    noun: str
    mention: DayMention


def _describe(mention: DayMention) -> str:
    if mention.date is None:
        return mention.text.strip()
    named = calendar.day_name[mention.weekday] if mention.weekday is not None else None
    actual = calendar.day_name[mention.date.weekday()]
    if mention.explicit:
        return f"{mention.text.strip()} ({actual})"
    return f"{named or mention.text.strip()} ({mention.date.isoformat()})"


def _self_flag(mention: DayMention) -> str | None:
    """A mention whose named weekday is not its calendar date's weekday ("Saturday, Dec. 27")."""
    if mention.explicit and mention.weekday is not None and mention.date is not None and (
        mention.date.weekday() != mention.weekday
    ):
        return (f"weekday {calendar.day_name[mention.weekday]} does not match "
                f"{mention.date.isoformat()} ({calendar.day_name[mention.date.weekday()]})")
    return None


class Dater:
    """Dates the attributions of one article."""

    def __init__(self, article: Article) -> None:
        self.anchor: date | None = reference_date(article)
        self.mentions = find_day_mentions(article.text, self.anchor)
        self.events: dict[str, Event] = {}
        self.own_days: dict[str, list[DayMention]] = {}
        self.voice_of: dict[str, str] = {}

    def speaks_for(self, person_key: str, organization_key: str) -> None:
        """Record that a spokesperson speaks for an organisation: their appearances date each other."""
        if person_key != organization_key:
            self.voice_of.setdefault(person_key, organization_key)

    def note_own(self, speaker_key: str | None, own: DayMention | None) -> None:
        """Remember a day an attribution names for itself, to flag the speaker's event-dated ones."""
        if speaker_key and own is not None and own.date is not None:
            self.own_days.setdefault(speaker_key, []).append(own)

    def add_event(self, speaker_key: str, sentence: tuple[int, int], text: str) -> bool:
        """Record a speech event sentence for a speaker; False when the sentence dates no event."""
        noun = EVENT_WORDS.search(text[sentence[0] : sentence[1]])
        days = [m for m in self.mentions if sentence[0] <= m.start < sentence[1]]
        if noun is None or not days or speaker_key in self.events:
            return False
        nearest = min(days, key=lambda m: abs(m.start - (sentence[0] + noun.start())))
        self.events[speaker_key] = Event(speaker_key, noun.group(0), nearest)
        return True

    def own_mention(
        self, sentence: tuple[int, int], content: tuple[int, int], cue: int | None
    ) -> DayMention | None:
        """The day named in the cue's sentence outside the content, nearest the cue."""
        found = [
            m for m in self.mentions
            if sentence[0] <= m.start < sentence[1] and not (content[0] <= m.start < content[1])
        ]
        if not found:
            return None
        target = cue if cue is not None else content[0]
        return min(found, key=lambda m: abs(m.start - target))

    def date(self, speaker_key: str | None, own: DayMention | None, fixed: date | None = None,
             at: int | None = None) -> Dated:
        """said_on from the attribution's own day, else its speaker's (or the organisation they speak
        for) event day, else the day the speaker's nearest earlier statement in the article names
        ("X said on Thursday that ... X added ..."), with flags."""
        flags: list[str] = []
        if fixed is not None:
            return Dated(fixed.isoformat(), None)
        voices = self._voices(speaker_key)
        event = next((self.events[k] for k in voices if k in self.events), None)
        chosen = own or (event.mention if event else None) or self._inherited(voices, at)
        if chosen is None:
            return Dated(None, None)
        for mention in (own, event.mention if event else None):
            if mention is not None and (flag := _self_flag(mention)):
                flags.append(flag)
        if own is not None and event is not None and own.date and event.mention.date and (
            own.date != event.mention.date
        ):
            flags.append(f"{event.noun} dated {_describe(event.mention)} but also {_describe(own)}")
        if own is None and event is not None and event.mention.date and speaker_key:
            others = [m for m in self.own_days.get(speaker_key, []) if m.date != event.mention.date]
            if others:
                flags.append(f"{event.noun} dated {_describe(event.mention)} but the speaker's statements "
                             f"are also dated {_describe(others[0])}")
        return Dated(self._past(chosen), chosen.text.strip(), tuple(dict.fromkeys(flags)))

    def _voices(self, speaker_key: str | None) -> list[str]:
        """The speaker, the organisation they speak for, and the people who speak for it."""
        if not speaker_key:
            return []
        organization = self.voice_of.get(speaker_key)
        return [speaker_key, *([organization] if organization else []),
                *(p for p, o in self.voice_of.items() if o == speaker_key)]

    def _inherited(self, voices: list[str], at: int | None) -> DayMention | None:
        """The day of the nearest earlier dated statement of the speaker, else of their voice."""
        for key in voices:
            days = self.own_days.get(key, [])
            earlier = [m for m in days if at is None or m.start <= at]
            if earlier or days:
                return max(earlier, key=lambda m: m.start) if earlier else min(days, key=lambda m: m.start)
        return None

    def _past(self, mention: DayMention) -> str | None:
        """The day as ISO date; a statement is never made after its article, so a day without a year
        that falls later ("on May 2" in a March article) is last year's."""
        day = mention.date
        if day is None:
            return None
        if self.anchor is not None and day > self.anchor and not _YEAR.search(mention.text):
            day = day.replace(year=day.year - 1) if not (day.month == 2 and day.day == 29) else day
        return day.isoformat()
