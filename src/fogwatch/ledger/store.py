"""The ledger: every write and read of Fogwatch's records goes through `Ledger`.

SQLite by default (one file, WAL mode, one writer), any SQLAlchemy URL otherwise (PostgreSQL for
a team). Each write is one transaction, so an interrupted run never leaves half an article's
claims behind, and a re-run of the same ingest finds the content hash and adds nothing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, bindparam, create_engine, delete, event, func, make_url, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from fogwatch.errors import StorageError
from fogwatch.ledger.bulk import delete_where_in, insert_values
from fogwatch.ledger.fulltext import ensure_fulltext
from fogwatch.ledger.locks import link_lock
from fogwatch.ledger.migrate import upgrade_schema
from fogwatch.ledger.reviews import ReviewStore, apply_claim_reviews
from fogwatch.ledger.rows import (
    ATTRIBUTION_READ,
    FIGURE_READ,
    article_values,
    attribution_values,
    conflict_row,
    figure_values,
    member_rows,
    read_columns,
    statement_row,
    timeline_row,
    to_article,
    to_attribution,
    to_conflict,
    to_figure,
    to_statement,
    to_timeline_point,
)
from fogwatch.ledger.speech_acts import speech_act, speech_act_values
from fogwatch.ledger.tables import (
    ArticleRow,
    AttributionRow,
    ConflictRow,
    EntityRow,
    FigureRow,
    RejectedRow,
    RunRow,
    SpeechActRow,
    StatementMemberRow,
    StatementRow,
    StoryMemberRow,
    StoryRow,
    TallyRow,
    TimelineRow,
)
from fogwatch.ledger.tallies import tally, tally_values
from fogwatch.model import (
    Article,
    ArticleClaims,
    Attribution,
    Conflict,
    Entity,
    Figure,
    Rejected,
    SpeechAct,
    Statement,
    Story,
    TimelinePoint,
)

DEFAULT_DB_FILE = "fogwatch.db"
# An article's extraction recorded, the columns set taken from the values given ("key" is its id).
_MARK_EXTRACTED = update(ArticleRow.__table__).where(ArticleRow.__table__.c.id == bindparam("key"))


def resolve_url(db: str | None = None) -> str:
    """The database URL: the argument, else $FOGWATCH_DB, else fogwatch.db in the working directory."""
    value = db or os.environ.get("FOGWATCH_DB") or DEFAULT_DB_FILE
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).resolve()}"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _create_schema(engine: Engine, attempts: int = 5) -> None:
    """Create or migrate the tables, then the full-text index. Two runs opening a new ledger at once
    race to create the same table; the loser's "already exists" only means the work is done, so it
    looks again."""
    for attempt in range(attempts):
        try:
            upgrade_schema(engine)
            ensure_fulltext(engine)
            return
        except SQLAlchemyError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.2 * (attempt + 1))


class Ledger(ReviewStore):
    """Read and write Fogwatch records in one database."""

    def __init__(self, db: str | None = None) -> None:
        self.url = resolve_url(db)
        try:
            self.engine: Engine = create_engine(self.url)
            if self.engine.dialect.name == "sqlite":
                event.listen(self.engine, "connect", _sqlite_pragmas)
            _create_schema(self.engine)
        except SQLAlchemyError as exc:
            raise StorageError(
                f"cannot open the ledger {self.url}: {exc.__class__.__name__}: {exc}",
                "check the --db path or URL (FOGWATCH_DB), and that its folder exists and is writable",
            ) from exc
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def display_url(self) -> str:
        """The URL with any password masked, for messages and summaries."""
        return make_url(self.url).render_as_string(hide_password=True)

    def session(self) -> Session:
        """A new session; callers use it as a context manager."""
        return self._session()

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()

    def link_lock(self) -> AbstractContextManager[None]:
        """The ledger-wide lock a run holds from reading claims to writing links (see ``locks``)."""
        return link_lock(self.engine)

    # runs -----------------------------------------------------------------------------------
    def begin_run(self, command: str, settings: dict[str, Any], versions: dict[str, str]) -> int:
        """Record the start of a run with its settings and component versions."""
        with self.session() as s, s.begin():
            row = RunRow(command=command, started_at=_now(), settings=settings, versions=versions, stats={})
            s.add(row)
            s.flush()
            return row.id

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        """Record the end of a run and what it did."""
        with self.session() as s, s.begin():
            s.execute(update(RunRow).where(RunRow.id == run_id).values(finished_at=_now(), stats=stats))

    def runs(self) -> list[dict[str, Any]]:
        """Every run, newest first."""
        with self.session() as s:
            rows = s.scalars(select(RunRow).order_by(RunRow.id.desc())).all()
            return [
                {"id": r.id, "command": r.command, "started_at": r.started_at.isoformat(),
                 "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                 "settings": r.settings, "versions": r.versions, "stats": r.stats,
                 "status": r.status or ("finished" if r.finished_at else "unfinished"),
                 "resumed_by": r.resumed_by, "owner": r.owner}
                for r in rows
            ]

    # articles -------------------------------------------------------------------------------
    def add_article(self, article: Article, run_id: int | None = None) -> bool:
        """Store an article unless its id is already there; True if it was new. A ledger made before
        reprints were kept holds one article per text, and keeps it that way. One atomic
        insert-or-ignore, so two runs storing the same article at once both succeed."""
        values = {**article_values(article), "run_id": run_id}
        dialect = self.engine.dialect.name
        try:
            with self.session() as s, s.begin():
                if dialect in ("sqlite", "postgresql"):
                    insert = (sqlite.insert if dialect == "sqlite" else postgresql.insert)(ArticleRow)
                    statement = insert.values(**values).on_conflict_do_nothing().returning(ArticleRow.id)
                    return s.execute(statement).first() is not None
                if s.get(ArticleRow, article.id) is not None:
                    return False
                s.add(ArticleRow(**values))
                return True
        except IntegrityError:
            return False

    def publications(self) -> dict[str, tuple[str | None, str | None]]:
        """(url, outlet) of every stored article by id: all that ingest needs to tell a text already
        stored from its reprint, read in one query rather than one per input, without the texts."""
        with self.session() as s:
            return {row.id: (row.url, row.outlet)
                    for row in s.execute(select(ArticleRow.id, ArticleRow.url, ArticleRow.outlet))}

    def article(self, article_id: str) -> Article | None:
        """One article by id."""
        with self.session() as s:
            row = s.get(ArticleRow, article_id)
            return to_article(row) if row else None

    def articles(self) -> list[Article]:
        """Every article, in order of publication then id."""
        table = ArticleRow.__table__
        with self.session() as s:  # plain rows, as in ``claims``: every relink reads them all
            return [to_article(r) for r in s.execute(select(table).order_by(table.c.published, table.c.id))]

    def articles_to_extract(self, extractor: str) -> list[Article]:
        """Articles not yet extracted by this extractor version."""
        with self.session() as s:
            rows = s.scalars(
                select(ArticleRow)
                .where((ArticleRow.extracted_with.is_(None)) | (ArticleRow.extracted_with != extractor))
                .order_by(ArticleRow.id)
            ).all()
            return [to_article(r) for r in rows]

    def add_rejected(self, rejected: Rejected, run_id: int | None = None) -> None:
        """Record a rejected input; the same input and reason is kept once, with its latest sighting."""
        rejected = Rejected(*(value.replace("\x00", "") for value in
                              (rejected.input, rejected.reason, rejected.hint)), code=rejected.code)
        with self.session() as s, s.begin():
            row = s.scalar(
                select(RejectedRow).where(
                    RejectedRow.input == rejected.input, RejectedRow.reason == rejected.reason
                )
            )
            if row:
                row.seen_at, row.run_id, row.hint = _now(), run_id, rejected.hint
            else:
                s.add(RejectedRow(input=rejected.input, reason=rejected.reason, hint=rejected.hint,
                                  run_id=run_id, seen_at=_now()))

    def rejected(self) -> list[Rejected]:
        """Every rejected input."""
        with self.session() as s:
            rows = s.scalars(select(RejectedRow).order_by(RejectedRow.id)).all()
            return [Rejected(r.input, r.reason, r.hint) for r in rows]

    # claims ---------------------------------------------------------------------------------
    def replace_claims(self, claims: Iterable[ArticleClaims], extractor: str) -> None:
        """Store each article's claims in place of what an earlier extraction left, reviewers'
        corrections applied again. The batch's rows go in one statement per table: a unit of work
        flushing objects article by article cost the main process a second per hundred articles
        while the workers parse."""
        claims = list({item.article: item for item in claims}.values())  # an article twice: the last stands
        if not claims:
            return
        ids = [item.article for item in claims]
        with self.session() as s, s.begin():
            if self.engine.dialect.name == "postgresql":  # two runs extracting one article take turns
                s.execute(select(ArticleRow.id).where(ArticleRow.id.in_(sorted(set(ids)))).with_for_update())
            for row_type in (FigureRow, AttributionRow, SpeechActRow, TallyRow):
                delete_where_in(s, row_type, row_type.article, ids)
            insert_values(s, AttributionRow, [attribution_values(a) for c in claims for a in c.attributions])
            insert_values(s, SpeechActRow, [speech_act_values(act) for c in claims for act in c.speech_acts])
            insert_values(s, FigureRow, [figure_values(f) for c in claims for f in c.figures])
            insert_values(s, TallyRow, [tally_values(c.tally) for c in claims if c.tally is not None])
            for with_language in (True, False):  # one executemany per set of columns
                values = [{"key": item.article, "extracted_with": extractor, "extract_failure": item.failure,
                           **({"language": item.language} if with_language else {})}
                          for item in claims if bool(item.language) == with_language]
                if values:
                    s.execute(_MARK_EXTRACTED, values)
            apply_claim_reviews(s, ids)

    def claims(self) -> list[ArticleClaims]:
        """Every article's claims, in article order. Read as plain rows, not ORM objects: every
        relink reads them all, and building thousands of tracked objects was half of that."""
        with self.session() as s:
            attributions: dict[str, list[Attribution]] = {}
            acts: dict[str, list[SpeechAct]] = {}
            table = AttributionRow.__table__
            columns = read_columns(table, ATTRIBUTION_READ)
            for values in s.execute(select(*columns).order_by(table.c.article, table.c.start)):
                attributions.setdefault(values[1], []).append(to_attribution(values))
            table = SpeechActRow.__table__
            for row in s.execute(select(table).order_by(table.c.article, table.c.start)):
                acts.setdefault(row.article, []).append(speech_act(row))  # type: ignore[arg-type]
            figures: dict[str, list[Figure]] = {}
            table = FigureRow.__table__
            columns = read_columns(table, FIGURE_READ)
            for values in s.execute(select(*columns).order_by(table.c.article, table.c.start)):
                figures.setdefault(values[1], []).append(to_figure(values))
            tallies = {t.article: tally(t) for t in s.execute(select(TallyRow.__table__))}
            ids = s.scalars(select(ArticleRow.id).order_by(ArticleRow.published, ArticleRow.id)).all()
            return [ArticleClaims(i, tuple(attributions.get(i, ())), tuple(figures.get(i, ())),
                                  tally=tallies.get(i), speech_acts=tuple(acts.get(i, ()))) for i in ids]

    # corpus-level results -------------------------------------------------------------------
    def replace_links(
        self,
        statements: Sequence[Statement],
        conflicts: Sequence[Conflict],
        timeline: Sequence[TimelinePoint],
        entities: Sequence[Entity] = (),
        stories: Sequence[Story] = (),
    ) -> None:
        """Replace the corpus-wide statements, conflicts, timeline, entities and stories; reviews of
        kept conflicts survive."""
        with self.session() as s, s.begin():
            reviewed = set(s.scalars(select(ConflictRow.id).where(ConflictRow.reviewed.is_(True))))
            for table in (StatementMemberRow, StatementRow, ConflictRow, TimelineRow, EntityRow,
                          StoryMemberRow, StoryRow):
                s.execute(delete(table))
            s.add_all(StoryRow(id=st.id, label=st.label, entities=list(st.entities),
                               article_count=len(st.articles)) for st in stories)
            s.flush()  # stories before the member rows that reference them
            s.add_all(StoryMemberRow(story=st.id, article=a, position=i)
                      for st in stories for i, a in enumerate(st.articles))
            s.add_all(
                EntityRow(key=e.key, name=e.name, kind=e.kind, voice=e.voice, spellings=list(e.spellings))
                for e in entities
            )
            s.add_all(statement_row(st) for st in statements)
            s.flush()  # statements before the member rows that reference them
            s.add_all(row for st in statements for row in member_rows(st))
            s.add_all(conflict_row(c, c.id in reviewed) for c in conflicts)
            s.add_all(timeline_row(p) for p in timeline)

    def statements(self, limit: int | None = None) -> list[Statement]:
        """Every statement (or the ``limit`` first), most-carried first; read as plain rows, as in
        ``claims``."""
        table, member_table = StatementRow.__table__, StatementMemberRow.__table__
        with self.session() as s:
            most_carried = select(table).order_by(table.c.article_count.desc(), table.c.id)
            rows = s.execute(most_carried.limit(limit)).all()
            chosen = select(member_table).order_by(member_table.c.position)
            if limit is not None:
                chosen = chosen.where(member_table.c.statement.in_([r.id for r in rows]))
            members: dict[str, list[Any]] = {}
            for m in s.execute(chosen):
                members.setdefault(m.statement, []).append(m)
            return [to_statement(r, members.get(r.id, [])) for r in rows]

    def stories(self) -> list[Story]:
        """Every story the last link found, largest first."""
        with self.session() as s:
            members: dict[str, list[str]] = {}
            for m in s.scalars(select(StoryMemberRow).order_by(StoryMemberRow.position)):
                members.setdefault(m.story, []).append(m.article)
            rows = s.scalars(select(StoryRow).order_by(StoryRow.article_count.desc(), StoryRow.id))
            return [Story(id=r.id, articles=tuple(members.get(r.id, [])), label=r.label,
                          entities=tuple(r.entities)) for r in rows]

    def entities(self) -> list[Entity]:
        """Every entity the last link found, in key order."""
        with self.session() as s:
            table = EntityRow.__table__
            return [Entity(key=r.key, name=r.name, kind=r.kind, spellings=tuple(r.spellings), voice=r.voice)
                    for r in s.execute(select(table).order_by(table.c.key))]

    def conflicts(self) -> list[Conflict]:
        """Every conflict."""
        with self.session() as s:
            table = ConflictRow.__table__
            return [to_conflict(r) for r in s.execute(select(table).order_by(table.c.kind, table.c.id))]

    def timeline(self, quantities: Sequence[str] | None = None) -> list[TimelinePoint]:
        """Every timeline point (or those of these quantities), by quantity then date."""
        table = TimelineRow.__table__  # plain rows, as in ``claims``
        chosen = select(table).order_by(table.c.quantity, table.c.date, table.c.id)
        if quantities is not None:
            chosen = chosen.where(table.c.quantity.in_(list(quantities)))
        with self.session() as s:
            return [to_timeline_point(r) for r in s.execute(chosen)]

    def parties_per_quantity(self) -> dict[str, int]:
        """How many parties give figures for each quantity on the timeline (the unnamed as one)."""
        table = TimelineRow.__table__
        party = func.coalesce(func.nullif(table.c.party, ""), "unnamed")
        with self.session() as s:
            counted = select(table.c.quantity, func.count(party.distinct())).group_by(table.c.quantity)
            return {quantity: count for quantity, count in s.execute(counted)}

    def mark_reviewed(self, conflict_id: str, reviewed: bool = True) -> bool:
        """Mark a conflict reviewed; False if there is no such conflict."""
        with self.session() as s, s.begin():
            result = s.execute(
                update(ConflictRow).where(ConflictRow.id == conflict_id).values(reviewed=reviewed)
            )
            return bool(result.rowcount)

    def reviewed_conflicts(self) -> set[str]:
        """Ids of conflicts a reader has marked reviewed."""
        with self.session() as s:
            return set(s.scalars(select(ConflictRow.id).where(ConflictRow.reviewed.is_(True))))

    def outlet_count(self) -> int:
        """How many outlets the articles come from (an article with no outlet counts as its source)."""
        with self.session() as s:
            outlet = func.coalesce(ArticleRow.outlet, ArticleRow.source)
            return s.scalar(select(func.count(outlet.distinct()))) or 0

    def speaker_counts(self) -> dict[str | None, int]:
        """How many attributions each speaker name has (None: unnamed), most first."""
        with self.session() as s:
            n = func.count().label("n")
            rows = s.execute(select(AttributionRow.speaker_name, n).group_by(AttributionRow.speaker_name)
                             .order_by(n.desc(), AttributionRow.speaker_name))
            return {name: count for name, count in rows}

    def counts(self) -> dict[str, int]:
        """How many records of each kind the ledger holds."""
        tables = {
            "articles": ArticleRow, "rejected": RejectedRow, "attributions": AttributionRow,
            "figures": FigureRow, "statements": StatementRow, "conflicts": ConflictRow, "runs": RunRow,
            "stories": StoryRow, "speech_acts": SpeechActRow,
        }
        with self.session() as s:
            counts = {name: s.scalar(select(func.count()).select_from(t)) or 0 for name, t in tables.items()}
            counts["copies"] = s.scalar(
                select(func.count()).select_from(ArticleRow).where(ArticleRow.copy_of.is_not(None))
            ) or 0
            return counts
