"""The plain records that pass between Fogwatch's stages.

ingest  -> Article | Rejected
extract -> ArticleClaims (Attribution, Figure, Tally) per Article
link    -> Statement (claims grouped across articles, with origin and relays)
reconcile -> Conflict, TimelinePoint

Every claim carries the character span of its evidence in the stored article text, so a
reader can always go back to the exact words. Records are frozen: a stage that wants to change
one makes a new one with ``dataclasses.replace``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SpeakerType = Literal["person", "organization", "unnamed"]
AttributionKind = Literal["direct", "indirect", "mixed"]
Counted = Literal[
    "killed", "wounded", "killed_or_wounded", "captured", "missing", "deployed", "suicide", "other"
]
ConflictKind = Literal["quote_drift", "counted_drift", "figure", "date", "attribution"]

COUNTED_VALUES: tuple[str, ...] = (
    "killed", "wounded", "killed_or_wounded", "captured", "missing", "deployed", "suicide", "other",
)


@dataclass(frozen=True)
class Article:
    """One stored article: the text every claim's offsets point into."""

    id: str
    source: str
    text: str
    content_hash: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    language: str | None = None
    format: str = "txt"  # txt | html | json | jsonl | feed | warc | url
    copy_of: str | None = None  # id of the earlier article this one is a syndicated near-copy of
    flags: tuple[str, ...] = ()  # what normalizing changed ("control_characters_removed")


@dataclass(frozen=True)
class Rejected:
    """An input that could not become an article, and why, so the batch can go on."""

    input: str
    reason: str
    hint: str = ""
    # stable reason category ("not_utf8", "too_large"), for counting drops
    code: str = field(default="", compare=False)


@dataclass(frozen=True)
class Speaker:
    """Who a statement is attributed to, resolved to one canonical entity where possible."""

    name: str | None
    type: SpeakerType
    mention: str = ""  # the words in the article that name the source ("he", "Zelenskiy")
    role: str | None = None  # "White House National Security Council spokesperson"
    organization: str | None = None
    description: str | None = None  # kept for unnamed sources: "a senior US official"


@dataclass(frozen=True)
class Attribution:
    """A statement the article attributes to a source."""

    id: str
    article: str
    kind: AttributionKind
    text: str
    start: int
    end: int
    speaker: Speaker
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    via: tuple[str, ...] = ()  # relays, nearest the origin first
    said_on: str | None = None  # ISO date the origin said it
    said_on_text: str | None = None  # the words that dated it ("on Friday")
    date_flags: tuple[str, ...] = ()  # e.g. "weekday Saturday does not match 2024-12-27 (Friday)"
    extractor: str = "fogwatch.attribution.v1"
    source_start: int | None = None  # the words that name the source ("a police spokesperson")
    source_end: int | None = None


@dataclass(frozen=True)
class SpeechAct:
    """A speech act the article mentions without giving what was said ("the unions' criticism",
    "her proposals", inside another's statement): who performed it and who passed it on. Not an
    attribution: with no content it cannot be linked, repeated or contradicted."""

    id: str
    article: str
    text: str  # the words that mention the act ("the unions' criticism")
    start: int
    end: int
    speaker: Speaker
    cue: str  # the word naming the act ("criticism", "discussed")
    cue_start: int
    cue_end: int
    via: tuple[str, ...] = ()  # who reports the act, nearest its speaker first
    extractor: str = "fogwatch.attribution.v1"
    source_start: int | None = None
    source_end: int | None = None


@dataclass(frozen=True)
class Window:
    """The period a figure covers."""

    text: str
    start: str | None = None
    end: str | None = None
    cumulative: bool | None = None  # True: "to date", "since"; False: "in the past week"


@dataclass(frozen=True)
class Figure:
    """A number a source gives about the events, with what it counts and over which window."""

    id: str
    article: str
    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    counted: str
    qualifier: str | None = None
    vague: bool = False
    unit: str = "people"  # people | percent
    subject: str | None = None
    place: str | None = None
    window: Window | None = None
    source: str | None = None
    source_type: SpeakerType | None = None
    via: tuple[str, ...] = ()
    attribution: str | None = None
    said_on: str | None = None
    part_of: str | None = None  # id of the figure this one breaks down ("including 1,000 killed")
    extractor: str = "fogwatch.figures.v1"


@dataclass(frozen=True)
class Tally:
    """How many people one article implies were killed and injured in the incident it reports.

    Read from its figures and from the victims it describes one by one ("a man was shot and
    killed"); those victims are kept here as figures of one, with their words and source, rather
    than among the article's figures, where they would restate what a number already says.
    """

    article: str
    killed: int
    injured: int
    victims: tuple[Figure, ...] = ()
    extractor: str = "fogwatch.victims.v1"


@dataclass(frozen=True)
class ArticleClaims:
    """Everything extracted from one article."""

    article: str
    attributions: tuple[Attribution, ...] = ()
    figures: tuple[Figure, ...] = ()
    language: str | None = None
    tally: Tally | None = None
    failure: str | None = None  # why extraction failed; the article is marked done, not retried
    speech_acts: tuple[SpeechAct, ...] = ()


@dataclass(frozen=True)
class Statement:
    """One thing said by one origin, as carried by every article that reports it."""

    id: str
    what: str
    origin: str | None
    members: tuple[str, ...]  # attribution and figure ids
    articles: tuple[str, ...]  # article ids, in order of first appearance
    relays: tuple[str, ...] = ()
    independent_origins: int = 1
    said_on: str | None = None
    first_seen: str | None = None  # article id of the first appearance in the corpus
    explanation: str = ""


@dataclass(frozen=True)
class Conflict:
    """A disagreement between claims, typed, with the evidence and a one-line why."""

    id: str
    kind: str  # one of ConflictKind
    members: tuple[str, ...]
    why: str
    # quote_drift: punctuation | wording | meaning; figure: disagreement | misreport
    rating: str | None = None
    statement: str | None = None
    detail: tuple[tuple[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Entity:
    """One speaker, source or relay across the whole corpus, however each article spells it.

    Extraction names speakers per article ("Timofei Galvanenko" in one, "Tymofiy Halvanenko" in
    another); linking decides they are one entity and picks the name to show everywhere.
    """

    key: str
    name: str
    kind: str  # person | organization
    spellings: tuple[str, ...] = ()  # every name as extracted that resolves here
    voice: str | None = None  # key of the organisation a spokesperson speaks for


@dataclass(frozen=True)
class TimelinePoint:
    """One party's claim about one quantity at one time, as a low/best/high range."""

    quantity: str  # "killed_or_wounded | north korean soldiers | kursk"
    party: str | None
    date: str | None
    low: float | None
    best: float | None
    high: float | None
    cumulative: bool | None
    independent: bool
    figures: tuple[str, ...]
    statement: str | None = None


@dataclass(frozen=True)
class Story:
    """Articles about one real-world event (one shooting, not every shooting), found by clustering."""

    id: str  # deterministic from the member article ids
    articles: tuple[str, ...]  # article ids, in order of publication (undated ones last)
    label: str  # the title (or first line) of the most central article
    entities: tuple[str, ...] = ()  # names most members share, most shared first
