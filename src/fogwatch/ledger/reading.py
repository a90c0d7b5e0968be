"""The read side's groundwork: a read-only engine, the UI's extra indexes, the Page record, and a
base reader that caches whole-ledger aggregates until the ledger changes.

`queries.Reader` (the pages) and `search.Search` (the search sections) both build on `ReaderBase`,
so each stays small and neither imports the other.
"""

from __future__ import annotations

import copy
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Index,
    Select,
    Table,
    create_engine,
    event,
    inspect,
    literal_column,
    select,
)

from fogwatch.ledger.bulk import chunks
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
    TimelineRow,
)

ARTICLES = cast(Table, ArticleRow.__table__)
ATTRIBUTIONS = cast(Table, AttributionRow.__table__)
FIGURES = cast(Table, FigureRow.__table__)
SPEECH_ACTS = cast(Table, SpeechActRow.__table__)
STATEMENTS = cast(Table, StatementRow.__table__)
MEMBERS = cast(Table, StatementMemberRow.__table__)
CONFLICTS = cast(Table, ConflictRow.__table__)
TIMELINE = cast(Table, TimelineRow.__table__)
REJECTED = cast(Table, RejectedRow.__table__)
RUNS = cast(Table, RunRow.__table__)
STORIES = cast(Table, StoryRow.__table__)
STORY_MEMBERS = cast(Table, StoryMemberRow.__table__)
ENTITIES = cast(Table, EntityRow.__table__)

# Indexes the pages need that tables.py does not declare (yet): name -> columns.
EXTRA_INDEXES: tuple[Index, ...] = (
    Index("ix_articles_copy_of", ARTICLES.c.copy_of),  # overview "copies" count, article page's copies
    Index("ix_attributions_kind", ATTRIBUTIONS.c.kind),  # speech acts, counted apart from attributions
    Index("ix_statements_count_id", STATEMENTS.c.article_count, STATEMENTS.c.id),  # most-repeated, paged
    Index("ix_conflicts_kind_reviewed", CONFLICTS.c.kind, CONFLICTS.c.reviewed),  # filter tabs and counts
    Index("ix_conflicts_reviewed", CONFLICTS.c.reviewed),  # open/reviewed filter without a kind
    Index("ix_timeline_quantity_date", TIMELINE.c.quantity, TIMELINE.c.date),  # one quantity's chart
    Index("ix_stories_count_id", STORIES.c.article_count, STORIES.c.id),  # largest stories, paged
    Index("ix_story_members_story_position", STORY_MEMBERS.c.story, STORY_MEMBERS.c.position),  # in order
)
# SQLite only: a LIKE '%words%' scan over this covering index reads ~1/4 of the table's pages. (On
# PostgreSQL a B-tree cannot hold long texts; use pg_trgm there.)
SQLITE_INDEXES: tuple[Index, ...] = (Index("ix_attributions_text", ATTRIBUTIONS.c.text),)

ARTICLE_BRIEF = (ARTICLES.c.id, ARTICLES.c.title, ARTICLES.c.outlet, ARTICLES.c.published,
                 ARTICLES.c.url, ARTICLES.c.copy_of)
def ensure_indexes(engine: Engine) -> list[str]:
    """Create the UI's extra indexes where missing; returns the names it created."""
    created = []
    wanted = EXTRA_INDEXES + (SQLITE_INDEXES if engine.dialect.name == "sqlite" else ())
    with engine.begin() as conn:
        for index in wanted:
            existing = {ix["name"] for ix in _inspect_indexes(conn, cast(Table, index.table).name)}
            if index.name not in existing:
                index.create(conn, checkfirst=True)
                created.append(str(index.name))
    return created


def _inspect_indexes(conn: Connection, table: str) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], inspect(conn).get_indexes(table))


def _read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.close()


def read_engine(url: str) -> Engine:
    """An engine whose connections cannot write (SQLite ``query_only``), for serving pages."""
    # LIFO: the connection used last has the warmest page cache.
    engine = create_engine(url, pool_size=8, max_overflow=8, pool_use_lifo=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _read_only_pragmas)
    return engine


@dataclass(frozen=True)
class Page:
    """One page of a list, with the total so the UI can draw a pager (None: counting ran out of time)."""

    items: list[dict[str, Any]]
    total: int | None
    page: int
    per_page: int
    complete: bool = True
    at_least: int | None = None  # set when counting stopped at a cap: "more than this many"

    @property
    def pages(self) -> int | None:
        return None if self.total is None else max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict[str, Any]:
        """Plain data for the JSON twin."""
        return {"items": self.items, "total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": self.pages, "complete": self.complete, "at_least": self.at_least}


class ReaderBase:
    """The engine, a connection per read, insertion order, and the aggregate cache every reader shares."""

    def __init__(self, engine: Engine, cache_seconds: float = 300.0) -> None:
        self.engine = engine
        self.sqlite = engine.dialect.name == "sqlite"
        self.cache_seconds = cache_seconds
        self._cache: dict[tuple[Any, ...], tuple[tuple[int, ...], float, Any]] = {}

    def _change_token(self) -> tuple[int, ...] | None:
        """Changes whenever the SQLite file or its WAL is written (None: cannot tell, do not cache)."""
        path = self.engine.url.database
        if not self.sqlite or not path or path == ":memory:":
            return None
        token: list[int] = []
        for name in (path, path + "-wal"):
            try:
                st = os.stat(name)
                token += [st.st_mtime_ns, st.st_size]
            except FileNotFoundError:
                token += [0, 0]
        return tuple(token)

    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any], fresh_copy: bool = True) -> Any:
        """An aggregate over the whole ledger, recomputed only after the ledger changes (or a while).

        Without `fresh_copy` the caller gets the cached object itself and must not change it.
        """
        token = self._change_token()
        if token is None or self.cache_seconds <= 0:
            return compute()
        now = time.monotonic()
        hit = self._cache.get(key)
        if hit is not None and hit[0] == token and now - hit[1] < self.cache_seconds:
            return copy.deepcopy(hit[2]) if fresh_copy else hit[2]
        value = compute()
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[key] = (token, now, value)
        return copy.deepcopy(value) if fresh_copy else value

    @contextmanager
    def _conn(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def _order_key(self, table: Table) -> ColumnElement[Any]:
        """Insertion order: SQLite's rowid, else the primary key."""
        return literal_column(f"{table.name}.rowid") if self.sqlite else table.c.id

    # lookups every page group shares -----------------------------------------------------------
    def _conflict_rows(self, c: Connection, stmt: Select[Any]) -> list[dict[str, Any]]:
        """Conflicts with their member claims' words, speaker and article."""
        rows = [plain(r) for r in c.execute(stmt).mappings()]
        claims = self._claims_brief(c, [m for r in rows for m in r["members"]])
        for r in rows:
            r["claims"] = [claims[m] for m in r["members"] if m in claims]
        return rows

    def _claims_brief(self, c: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Claims by id, light: their words, speaker, type and article (outlet, title, date)."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            for table, who in ((ATTRIBUTIONS, ATTRIBUTIONS.c.speaker_name), (FIGURES, FIGURES.c.source)):
                stmt = (select(table.c.id, table.c.article, table.c.text, who.label("speaker"),
                               ARTICLES.c.outlet, ARTICLES.c.title, ARTICLES.c.published)
                        .join(ARTICLES, ARTICLES.c.id == table.c.article).where(table.c.id.in_(chunk)))
                claim_type = "attribution" if table is ATTRIBUTIONS else "figure"
                out.update((r["id"], {**r, "type": claim_type}) for r in c.execute(stmt).mappings())
        return out


def paged(stmt: Select[Any], page: int, per_page: int) -> Select[Any]:
    """One page of a query (1-based)."""
    return stmt.limit(per_page).offset((page - 1) * per_page)


def plain(row: Any) -> dict[str, Any]:
    """A row as JSON-ready data: datetimes become ISO strings."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in dict(row).items()}
