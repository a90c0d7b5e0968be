"""The ledger's tables (SQLAlchemy 2), one per record type, indexed for the pages readers open."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 1


class Base(DeclarativeBase):
    """Declarative base for every ledger table."""


class RunRow(Base):
    """One invocation: its settings and component versions, so results can be audited later."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    command: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    versions: Mapped[dict] = mapped_column(JSON, default=dict)
    stats: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)  # running, finished, failed, …
    owner: Mapped[str | None] = mapped_column(String(300), nullable=True)  # host:pid of the process
    resumed_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ArticleRow(Base):
    """A stored article; every claim's offsets point into `text`."""

    __tablename__ = "articles"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)  # a reprint shares its original's
    source: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    outlet: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    published: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)
    format: Mapped[str] = mapped_column(String(16))
    copy_of: Mapped[str | None] = mapped_column(String(32), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    extracted_with: Mapped[str | None] = mapped_column(String(128), nullable=True)
    extract_failure: Mapped[str | None] = mapped_column(Text, nullable=True)
    flags: Mapped[list | None] = mapped_column(JSON, nullable=True)


class RejectedRow(Base):
    """An input that could not be stored, with the reason and what to do about it."""

    __tablename__ = "rejected"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    input: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"), nullable=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime)
    __table_args__ = (Index("ix_rejected_input", "input"),)


class AttributionRow(Base):
    """A statement an article attributes to a source."""

    __tablename__ = "attributions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker_name: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    speaker_type: Mapped[str] = mapped_column(String(16))
    speaker_mention: Mapped[str] = mapped_column(Text, default="")
    speaker_role: Mapped[str | None] = mapped_column(Text, nullable=True)
    speaker_organization: Mapped[str | None] = mapped_column(Text, nullable=True)
    speaker_description: Mapped[str | None] = mapped_column(Text, nullable=True)
    cue: Mapped[str | None] = mapped_column(Text, nullable=True)
    cue_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    cue_end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    via: Mapped[list] = mapped_column(JSON, default=list)
    said_on: Mapped[str | None] = mapped_column(String(32), nullable=True)
    said_on_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    date_flags: Mapped[list] = mapped_column(JSON, default=list)
    extractor: Mapped[str] = mapped_column(String(64))
    source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SpeechActRow(Base):
    """A speech act an article mentions without its content ("the unions' criticism"): who, the
    word that names it, and who passed it on."""

    __tablename__ = "speech_acts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker_name: Mapped[str | None] = mapped_column(Text, nullable=True)
    speaker_type: Mapped[str] = mapped_column(String(16))
    speaker_mention: Mapped[str] = mapped_column(Text, default="")
    speaker_role: Mapped[str | None] = mapped_column(Text, nullable=True)
    speaker_organization: Mapped[str | None] = mapped_column(Text, nullable=True)
    speaker_description: Mapped[str | None] = mapped_column(Text, nullable=True)
    cue: Mapped[str] = mapped_column(Text)
    cue_start: Mapped[int] = mapped_column(Integer)
    cue_end: Mapped[int] = mapped_column(Integer)
    via: Mapped[list] = mapped_column(JSON, default=list)
    extractor: Mapped[str] = mapped_column(String(64))
    source_start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source_end: Mapped[int | None] = mapped_column(Integer, nullable=True)


class FigureRow(Base):
    """A number a source gives, with what it counts, of whom, where and over which window."""

    __tablename__ = "figures"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    value: Mapped[float] = mapped_column(Float)
    low: Mapped[float | None] = mapped_column(Float, nullable=True)
    high: Mapped[float | None] = mapped_column(Float, nullable=True)
    counted: Mapped[str] = mapped_column(String(32), index=True)
    qualifier: Mapped[str | None] = mapped_column(String(64), nullable=True)
    vague: Mapped[bool] = mapped_column(Boolean, default=False)
    unit: Mapped[str] = mapped_column(String(16), default="people")
    subject: Mapped[str | None] = mapped_column(Text, nullable=True)
    place: Mapped[str | None] = mapped_column(Text, nullable=True)
    window_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    window_start: Mapped[str | None] = mapped_column(String(32), nullable=True)
    window_end: Mapped[str | None] = mapped_column(String(32), nullable=True)
    window_cumulative: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    source_type: Mapped[str | None] = mapped_column(String(16), nullable=True)
    via: Mapped[list] = mapped_column(JSON, default=list)
    attribution: Mapped[str | None] = mapped_column(String(64), nullable=True)
    said_on: Mapped[str | None] = mapped_column(String(32), nullable=True)
    part_of: Mapped[str | None] = mapped_column(String(64), nullable=True)
    extractor: Mapped[str] = mapped_column(String(64))


class TallyRow(Base):
    """How many people an article implies were killed and injured, one row per extracted article."""

    __tablename__ = "tallies"
    article: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    killed: Mapped[int] = mapped_column(Integer)
    injured: Mapped[int] = mapped_column(Integer)
    victims: Mapped[list] = mapped_column(JSON, default=list)  # figures of one: "a man was shot and killed"
    extractor: Mapped[str] = mapped_column(String(64))


class StatementRow(Base):
    """One thing said by one origin, across every article that carries it."""

    __tablename__ = "statements"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    what: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)
    said_on: Mapped[str | None] = mapped_column(String(32), nullable=True)
    relays: Mapped[list] = mapped_column(JSON, default=list)
    independent_origins: Mapped[int] = mapped_column(Integer, default=1)
    first_seen: Mapped[str | None] = mapped_column(String(32), nullable=True)
    explanation: Mapped[str] = mapped_column(Text, default="")
    article_count: Mapped[int] = mapped_column(Integer, default=0, index=True)


class StatementMemberRow(Base):
    """Which claims (attributions, figures) and articles a statement groups."""

    __tablename__ = "statement_members"
    statement: Mapped[str] = mapped_column(ForeignKey("statements.id"), primary_key=True)
    member: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    member_type: Mapped[str] = mapped_column(String(16))  # attribution | figure | article
    position: Mapped[int] = mapped_column(Integer, default=0)


class ConflictRow(Base):
    """A typed disagreement between claims, with a one-line why."""

    __tablename__ = "conflicts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    why: Mapped[str] = mapped_column(Text)
    rating: Mapped[str | None] = mapped_column(String(32), nullable=True)
    statement: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    members: Mapped[list] = mapped_column(JSON, default=list)
    detail: Mapped[list] = mapped_column(JSON, default=list)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)


class StoryRow(Base):
    """Articles about one real-world event, as story clustering found them."""

    __tablename__ = "stories"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    entities: Mapped[list] = mapped_column(JSON, default=list)
    article_count: Mapped[int] = mapped_column(Integer, default=0, index=True)


class StoryMemberRow(Base):
    """Which articles a story holds, in order of publication."""

    __tablename__ = "story_members"
    story: Mapped[str] = mapped_column(ForeignKey("stories.id"), primary_key=True)
    article: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class EntityRow(Base):
    """A speaker, source or relay across the corpus, with every spelling that resolves to it."""

    __tablename__ = "entities"
    key: Mapped[str] = mapped_column(String(256), primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    voice: Mapped[str | None] = mapped_column(String(256), nullable=True)
    spellings: Mapped[list] = mapped_column(JSON, default=list)


class TimelineRow(Base):
    """One party's claim about one quantity at one time, as low/best/high."""

    __tablename__ = "timeline"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    quantity: Mapped[str] = mapped_column(Text, index=True)
    party: Mapped[str | None] = mapped_column(Text, nullable=True)
    date: Mapped[str | None] = mapped_column(String(32), nullable=True)
    low: Mapped[float | None] = mapped_column(Float, nullable=True)
    best: Mapped[float | None] = mapped_column(Float, nullable=True)
    high: Mapped[float | None] = mapped_column(Float, nullable=True)
    cumulative: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    independent: Mapped[bool] = mapped_column(Boolean, default=True)
    figures: Mapped[list] = mapped_column(JSON, default=list)
    statement: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ReviewRow(Base):
    """A reviewer's correction of one result, kept apart from the results so a re-run can re-apply it.

    Claims are found again by article and character span (their ids are ordinals that a new extractor
    may shift); statements and conflicts by id. `original` holds the claim as the extractor wrote it
    (refreshed whenever the article is extracted again), so an undo can put it back.
    """

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    target: Mapped[str] = mapped_column(String(16))  # attribution | figure | statement | conflict
    target_id: Mapped[str] = mapped_column(String(64), index=True)
    article: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    start: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verdict: Mapped[str] = mapped_column(String(16))  # wrong | corrected
    field: Mapped[str | None] = mapped_column(String(32), nullable=True)  # speaker | via | value | ...
    value: Mapped[object | None] = mapped_column(JSON, nullable=True)
    original: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime)
    undone_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class VectorRow(Base):
    """A sentence embedding kept across runs, so each text is embedded once per model version."""

    __tablename__ = "vectors"
    model: Mapped[str] = mapped_column(String(128), primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(40), primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class SignatureRow(Base):
    """An article's MinHash signature, so the near-duplicate index is rebuilt without reading texts."""

    __tablename__ = "signatures"
    scheme: Mapped[str] = mapped_column(String(64), primary_key=True)
    article: Mapped[str] = mapped_column(String(32), primary_key=True)
    hashvalues: Mapped[bytes] = mapped_column(LargeBinary)


class ReadFileRow(Base):
    """A local file whose every article is stored, as it was when read (size and modification times),
    so a run given the same folder again reads only the files that are new or changed."""

    __tablename__ = "read_files"
    path: Mapped[str] = mapped_column(Text, primary_key=True)
    stamp: Mapped[str] = mapped_column(String(128))  # size and modification time, the sidecar's too
    reader: Mapped[str] = mapped_column(String(64))  # the Fogwatch version and ingest settings that read it


class StageStateRow(Base):
    """What a corpus-wide stage last computed from: a run whose inputs match may skip it."""

    __tablename__ = "stage_state"
    stage: Mapped[str] = mapped_column(String(32), primary_key=True)
    inputs: Mapped[str] = mapped_column(String(64))
    run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
