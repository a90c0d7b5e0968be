"""Read-only, paginated queries behind the web UI, each backed by an index so pages stay fast on 1M claims.

`Reader` never writes: its connections run with SQLite's ``query_only`` pragma. `ensure_indexes` adds
the few indexes the pages need beyond those in tables.py; it is idempotent and runs once at startup.
Search runs under a time budget (as datasette does) and says when it stopped early. Whole-ledger
aggregates (counts, kinds, the most-repeated list) are cached until the SQLite file or its WAL changes.
"""

from __future__ import annotations

import copy
import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    Index,
    Select,
    Table,
    Text,
    create_engine,
    event,
    func,
    inspect,
    literal_column,
    null,
    or_,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.exc import OperationalError

from fogwatch.ledger.tables import (
    ArticleRow,
    AttributionRow,
    ConflictRow,
    FigureRow,
    RejectedRow,
    RunRow,
    StatementMemberRow,
    StatementRow,
    TimelineRow,
)

ARTICLES = cast(Table, ArticleRow.__table__)
ATTRIBUTIONS = cast(Table, AttributionRow.__table__)
FIGURES = cast(Table, FigureRow.__table__)
STATEMENTS = cast(Table, StatementRow.__table__)
MEMBERS = cast(Table, StatementMemberRow.__table__)
CONFLICTS = cast(Table, ConflictRow.__table__)
TIMELINE = cast(Table, TimelineRow.__table__)
REJECTED = cast(Table, RejectedRow.__table__)
RUNS = cast(Table, RunRow.__table__)

# Indexes the pages need that tables.py does not declare (yet): name -> columns.
EXTRA_INDEXES: tuple[Index, ...] = (
    Index("ix_articles_copy_of", ARTICLES.c.copy_of),  # overview "copies" count, article page's copies
    Index("ix_statements_count_id", STATEMENTS.c.article_count, STATEMENTS.c.id),  # most-repeated, paged
    Index("ix_conflicts_kind_reviewed", CONFLICTS.c.kind, CONFLICTS.c.reviewed),  # filter tabs and counts
    Index("ix_conflicts_reviewed", CONFLICTS.c.reviewed),  # open/reviewed filter without a kind
    Index("ix_timeline_quantity_date", TIMELINE.c.quantity, TIMELINE.c.date),  # one quantity's chart
)
# SQLite only: a LIKE '%words%' scan over this covering index reads ~1/4 of the table's pages. (On
# PostgreSQL a B-tree cannot hold long texts; use pg_trgm there.)
SQLITE_INDEXES: tuple[Index, ...] = (Index("ix_attributions_text", ATTRIBUTIONS.c.text),)

ARTICLE_BRIEF = (ARTICLES.c.id, ARTICLES.c.title, ARTICLES.c.outlet, ARTICLES.c.published,
                 ARTICLES.c.url, ARTICLES.c.copy_of)
IN_CHUNK = 500  # ids per IN (...) list, under SQLite's variable limit
SEARCH_SECTIONS = ("speakers", "outlets", "statements", "claims")
MATCH_CAP = 5000  # matches a text search collects before it stops counting


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


class Reader:
    """Every read the UI makes; each method is one page's worth of data, as plain dicts."""

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

    # overview ---------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """How many of each record the ledger holds (cached until the ledger changes)."""
        return self._cached(("counts",), self._count)  # type: ignore[no-any-return]

    def _count(self) -> dict[str, int]:
        with self._conn() as c:
            def n(table: Table, *where: ColumnElement[bool]) -> int:
                if self.sqlite and not where and table in (ATTRIBUTIONS, FIGURES):
                    # SQLite counts a table on the index it guesses narrowest, which can be the text index
                    # (its guess goes by declared types); name the narrow article index instead.
                    narrow = text(f"{table.name} INDEXED BY ix_{table.name}_article")
                    named = select(func.count()).select_from(narrow)
                    try:
                        return int(c.scalar(named) or 0)
                    except OperationalError:
                        c.rollback()
                return int(c.scalar(select(func.count()).select_from(table).where(*where)) or 0)

            return {
                "articles": n(ARTICLES), "copies": n(ARTICLES, ARTICLES.c.copy_of.is_not(None)),
                "attributions": n(ATTRIBUTIONS), "figures": n(FIGURES), "statements": n(STATEMENTS),
                "conflicts": n(CONFLICTS), "open_conflicts": n(CONFLICTS, CONFLICTS.c.reviewed.is_(False)),
                "rejected": n(REJECTED),
            }

    def last_run(self) -> dict[str, Any] | None:
        """The newest run, for the ingest status box."""
        with self._conn() as c:
            row = c.execute(select(RUNS).order_by(RUNS.c.id.desc()).limit(1)).mappings().first()
        return _plain(row) if row else None

    def quantities(self, page: int = 1, per_page: int = 20) -> Page:
        """Quantities (stories) with how many timeline points each has, most points first."""
        return self._cached(("quantities", page, per_page),  # type: ignore[no-any-return]
                            lambda: self._quantities(page, per_page))

    def _quantities(self, page: int, per_page: int) -> Page:
        n = func.count().label("points")
        stmt = (select(TIMELINE.c.quantity, n, func.min(TIMELINE.c.date).label("first"),
                       func.max(TIMELINE.c.date).label("last"))
                .group_by(TIMELINE.c.quantity).order_by(n.desc(), TIMELINE.c.quantity))
        with self._conn() as c:
            total = int(c.scalar(select(func.count(TIMELINE.c.quantity.distinct()))) or 0)
            rows = c.execute(_paged(stmt, page, per_page)).mappings().all()
        return Page([dict(r) for r in rows], total, page, per_page)

    def statements(self, page: int = 1, per_page: int = 20, origin: str | None = None) -> Page:
        """Statements, most-carried first, with outlet counts beside independent-origin counts."""
        return self._cached(("statements", page, per_page, origin),  # type: ignore[no-any-return]
                            lambda: self._statements(page, per_page, origin))

    def _statements(self, page: int, per_page: int, origin: str | None) -> Page:
        where = [STATEMENTS.c.origin == origin] if origin is not None else []
        order = (STATEMENTS.c.article_count.desc(), STATEMENTS.c.id.desc())
        ids = _paged(select(STATEMENTS.c.id).where(*where).order_by(*order), page, per_page)  # index only
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(STATEMENTS).where(*where)) or 0)
            rows = [_plain(r) for r in c.execute(
                select(STATEMENTS).where(STATEMENTS.c.id.in_(ids.scalar_subquery())).order_by(*order)).mappings()]
            outlets = self._outlet_counts(c, [r["id"] for r in rows])
        for r in rows:
            r["outlet_count"] = outlets.get(r["id"], 0)
        return Page(rows, total, page, per_page)

    def _outlet_counts(self, c: Connection, statement_ids: Sequence[str]) -> dict[str, int]:
        if not statement_ids:
            return {}
        stmt = (select(MEMBERS.c.statement, func.count(ARTICLES.c.outlet.distinct()))
                .join(ARTICLES, ARTICLES.c.id == MEMBERS.c.member)
                .where(MEMBERS.c.statement.in_(statement_ids), MEMBERS.c.member_type == "article")
                .group_by(MEMBERS.c.statement))
        return {s: int(n) for s, n in c.execute(stmt)}

    def conflicts(self, kind: str | None = None, reviewed: bool | None = None,
                  page: int = 1, per_page: int = 20) -> Page:
        """Conflicts, latest recorded first, filtered by kind and review state, with their claims."""
        where: list[ColumnElement[bool]] = []
        if kind:
            where.append(CONFLICTS.c.kind == kind)
        if reviewed is not None:
            where.append(CONFLICTS.c.reviewed.is_(reviewed))
        key = self._order_key(CONFLICTS)
        keys = _paged(select(key).select_from(CONFLICTS).where(*where).order_by(key.desc()), page, per_page)
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(CONFLICTS).where(*where)) or 0)
            rows = self._conflict_rows(
                c, select(CONFLICTS).where(key.in_(keys.scalar_subquery())).order_by(key.desc()))
        return Page(rows, total, page, per_page)

    def _conflict_rows(self, c: Connection, stmt: Select[Any]) -> list[dict[str, Any]]:
        """Conflicts with their member claims' words, speaker and article."""
        rows = [_plain(r) for r in c.execute(stmt).mappings()]
        claims = self._claims_brief(c, [m for r in rows for m in r["members"]])
        for r in rows:
            r["claims"] = [claims[m] for m in r["members"] if m in claims]
        return rows

    def conflict_kinds(self) -> list[dict[str, Any]]:
        """Each conflict kind with its total and open counts, for the filter tabs (cached like counts)."""
        return self._cached(("conflict_kinds",), self._conflict_kinds)  # type: ignore[no-any-return]

    def _conflict_kinds(self) -> list[dict[str, Any]]:
        stmt = (select(CONFLICTS.c.kind, CONFLICTS.c.reviewed, func.count())
                .group_by(CONFLICTS.c.kind, CONFLICTS.c.reviewed))
        kinds: dict[str, dict[str, Any]] = {}
        with self._conn() as c:
            for kind, reviewed, n in c.execute(stmt):
                entry = kinds.setdefault(kind, {"kind": kind, "total": 0, "open": 0})
                entry["total"] += n
                entry["open"] += 0 if reviewed else n
        return sorted(kinds.values(), key=lambda k: k["kind"])

    def rejected(self, page: int = 1, per_page: int = 20) -> Page:
        """Rejected inputs, latest first, with reason and hint."""
        stmt = select(REJECTED).order_by(REJECTED.c.id.desc())
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(REJECTED)) or 0)
            rows = [_plain(r) for r in c.execute(_paged(stmt, page, per_page)).mappings()]
        return Page(rows, total, page, per_page)

    # one statement ----------------------------------------------------------------------------
    def statement(self, statement_id: str) -> dict[str, Any] | None:
        """A statement, the article it was first seen in, and the conflicts it is part of."""
        with self._conn() as c:
            row = c.execute(select(STATEMENTS).where(STATEMENTS.c.id == statement_id)).mappings().first()
            if row is None:
                return None
            out = _plain(row)
            out["first_seen_article"] = (self._articles_brief(c, {out["first_seen"]}).get(out["first_seen"])
                                         if out["first_seen"] else None)
            out["conflicts"] = self._conflict_rows(
                c, select(CONFLICTS).where(CONFLICTS.c.statement == statement_id).order_by(CONFLICTS.c.kind))
        return out

    def _members(self, table: Table, statement_id: str, *columns: Any, articles: bool = False) -> Select[Any]:
        """Select columns of a statement's claims in `table` (joined with their articles if asked)."""
        kind = "attribution" if table is ATTRIBUTIONS else "figure"
        stmt = select(*columns).select_from(MEMBERS).join(table, table.c.id == MEMBERS.c.member)
        if articles:
            stmt = stmt.join(ARTICLES, ARTICLES.c.id == table.c.article)
        return stmt.where(MEMBERS.c.statement == statement_id, MEMBERS.c.member_type == kind)

    def statement_claims(self, statement_id: str, cap: int = 20_000) -> dict[str, Any]:
        """A statement's claims, light (no article text): relays, wording, article; and each article's outlet.

        Enough to draw the relay graph and set the wordings side by side, in two index-driven queries;
        cached until the ledger changes, so paging through a much-carried statement's articles is quick.
        The result is shared: read it, do not change it.
        """
        return self._cached(("statement_claims", statement_id, cap),  # type: ignore[no-any-return]
                            lambda: self._statement_claims(statement_id, cap), fresh_copy=False)

    def _statement_claims(self, statement_id: str, cap: int) -> dict[str, Any]:
        a, f = ATTRIBUTIONS, FIGURES
        nothing = null()
        light = [
            self._members(a, statement_id, literal_column("'attribution'").label("type"), a.c.id, a.c.article,
                          type_coerce(a.c.via, Text).label("via"), a.c.text, a.c.kind, nothing.label("value"),
                          nothing.label("low"), nothing.label("high"), nothing.label("counted"),
                          nothing.label("window_text")),
            self._members(f, statement_id, literal_column("'figure'").label("type"), f.c.id, f.c.article,
                          type_coerce(f.c.via, Text).label("via"), f.c.text, nothing.label("kind"), f.c.value,
                          f.c.low, f.c.high, f.c.counted, f.c.window_text),
        ]
        articles = (select(ARTICLES.c.id, ARTICLES.c.outlet, ARTICLES.c.copy_of)
                    .join(MEMBERS, MEMBERS.c.member == ARTICLES.c.id)
                    .where(MEMBERS.c.statement == statement_id, MEMBERS.c.member_type == "article"))
        with self._conn() as c:
            claims = [dict(r) for r in c.execute(union_all(*light).limit(cap + 1)).mappings()]
            outlets = {r.id: {"outlet": r.outlet, "copy": r.copy_of is not None} for r in c.execute(articles)}
        chains: dict[str | None, list[str]] = {}  # few distinct chains: decode each once
        for claim in claims:
            raw = claim["via"]
            if raw not in chains:
                chains[raw] = json.loads(raw) if raw else []
            claim["via"] = chains[raw]
        return {"claims": claims[:cap], "truncated": len(claims) > cap, "outlets": outlets}

    def statement_articles(self, statement_id: str, page: int = 1, per_page: int = 50) -> Page:
        """The articles carrying a statement, in order of first appearance."""
        where = (MEMBERS.c.statement == statement_id, MEMBERS.c.member_type == "article")
        stmt = (select(*ARTICLE_BRIEF).join(MEMBERS, MEMBERS.c.member == ARTICLES.c.id)
                .where(*where).order_by(MEMBERS.c.position))
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(MEMBERS).where(*where)) or 0)
            rows = [dict(r) for r in c.execute(_paged(stmt, page, per_page)).mappings()]
        return Page(rows, total, page, per_page)

    # one article ------------------------------------------------------------------------------
    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article's text with every attribution and figure in it, each with its statement."""
        with self._conn() as c:
            row = c.execute(select(ARTICLES).where(ARTICLES.c.id == article_id)).mappings().first()
            if row is None:
                return None
            out = _plain(row)
            out["attributions"] = [_attribution(r) for r in c.execute(
                select(ATTRIBUTIONS).where(ATTRIBUTIONS.c.article == article_id)
                .order_by(ATTRIBUTIONS.c.start)).mappings()]
            out["figures"] = [_figure(r) for r in c.execute(
                select(FIGURES).where(FIGURES.c.article == article_id).order_by(FIGURES.c.start)).mappings()]
            ids = [x["id"] for x in out["attributions"] + out["figures"]]
            statements = self._statements_of(c, ids)
            for x in out["attributions"] + out["figures"]:
                x["statement"] = statements.get(x["id"])
            related = {s["id"] for s in statements.values()}
            out["conflicts"] = self._conflict_rows(
                c, select(CONFLICTS).where(CONFLICTS.c.statement.in_(sorted(related)))
                .order_by(CONFLICTS.c.kind)) if related else []
            out["copies"] = [dict(r) for r in c.execute(
                select(*ARTICLE_BRIEF).where(ARTICLES.c.copy_of == article_id).order_by(ARTICLES.c.id)
                .limit(100)).mappings()]
            out["copy_of_article"] = (self._articles_brief(c, {out["copy_of"]}).get(out["copy_of"])
                                      if out["copy_of"] else None)
        return out

    def articles(self, page: int = 1, per_page: int = 50, outlet: str | None = None) -> Page:
        """Articles, newest first, optionally from one outlet."""
        where = [ARTICLES.c.outlet == outlet] if outlet is not None else []
        key = self._order_key(ARTICLES)
        order = (ARTICLES.c.published.desc(), key.desc())  # within ix_articles_published's own order
        keys = _paged(select(key).select_from(ARTICLES).where(*where).order_by(*order), page, per_page)
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(ARTICLES).where(*where)) or 0)
            rows = [dict(r) for r in c.execute(
                select(*ARTICLE_BRIEF).where(key.in_(keys.scalar_subquery())).order_by(*order)).mappings()]
        return Page(rows, total, page, per_page)

    # timeline ---------------------------------------------------------------------------------
    def timeline(self, quantity: str, cap: int = 5000) -> dict[str, Any]:
        """One quantity's points by date (undated last), capped for the chart."""
        stmt = (select(TIMELINE).where(TIMELINE.c.quantity == quantity)
                .order_by(TIMELINE.c.date, TIMELINE.c.id).limit(cap + 1))
        with self._conn() as c:
            rows = [_plain(r) for r in c.execute(stmt).mappings()]
        return {"quantity": quantity, "points": rows[:cap], "truncated": len(rows) > cap}

    # search -----------------------------------------------------------------------------------
    def search(self, q: str, section: str, page: int = 1, per_page: int = 10,
               budget_ms: float = 60.0) -> Page:
        """One search section (speakers, outlets, statements, claims), stopping at the time budget."""
        if section not in SEARCH_SECTIONS:
            raise ValueError(f"unknown search section {section!r}; one of {', '.join(SEARCH_SECTIONS)}")
        with self._conn() as c:
            return getattr(self, f"_search_{section}")(c, q, page, per_page, budget_ms)

    def _search_speakers(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        col = STATEMENTS.c.origin
        stmt = (select(col.label("name"), func.count().label("statements"),
                       func.sum(STATEMENTS.c.article_count).label("articles"))
                .where(self._contains(col, q)).group_by(col))
        return self._grouped(c, stmt, "statements", page, per, budget)

    def _search_outlets(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        col = ARTICLES.c.outlet
        stmt = (select(col.label("name"), func.count().label("articles"))
                .where(self._contains(col, q)).group_by(col))
        return self._grouped(c, stmt, "articles", page, per, budget)

    def _grouped(self, c: Connection, stmt: Select[Any], by: str, page: int, per: int, budget: float) -> Page:
        found: list[tuple[Any, ...]] = []
        complete = self._collect(c, stmt, found, budget)
        names = [col.name for col in stmt.selected_columns]
        rows = [dict(zip(names, r, strict=True)) for r in found]
        rows.sort(key=lambda r: (-r[by], r["name"] or ""))
        start = (page - 1) * per
        return Page(rows[start:start + per], len(rows) if complete else None, page, per, complete)

    def _search_statements(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        key = self._order_key(STATEMENTS)
        found = (select(key, STATEMENTS.c.article_count)
                 .where(or_(self._contains(STATEMENTS.c.what, q), self._contains(STATEMENTS.c.origin, q))))
        fetch = select(key.label("_key"), STATEMENTS.c.id, STATEMENTS.c.what, STATEMENTS.c.origin,
                       STATEMENTS.c.said_on, STATEMENTS.c.article_count, STATEMENTS.c.independent_origins)
        return self._matched(c, found, fetch, key, page, per, budget, by_count=True)

    def _search_claims(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        key = self._order_key(ATTRIBUTIONS)
        found = select(key).where(self._contains(ATTRIBUTIONS.c.text, q))  # a scan of ix_attributions_text
        fetch = (select(key.label("_key"), ATTRIBUTIONS.c.id, ATTRIBUTIONS.c.article, ATTRIBUTIONS.c.text,
                        ATTRIBUTIONS.c.kind, ATTRIBUTIONS.c.speaker_name, ATTRIBUTIONS.c.said_on,
                        ARTICLES.c.outlet, ARTICLES.c.title)
                 .join(ARTICLES, ARTICLES.c.id == ATTRIBUTIONS.c.article))
        return self._matched(c, found, fetch, key, page, per, budget)

    def _matched(self, c: Connection, found: Select[Any], fetch: Select[Any], key: ColumnElement[Any],
                 page: int, per: int, budget: float, by_count: bool = False) -> Page:
        """One scan collects the keys of matching rows (up to MATCH_CAP), then the page's rows are fetched."""
        matches: list[tuple[Any, ...]] = []
        complete = self._collect(c, found.limit(MATCH_CAP + 1), matches, budget)
        capped = len(matches) > MATCH_CAP
        if by_count:
            matches.sort(key=lambda m: -m[1])
        keys = [m[0] for m in matches[(page - 1) * per:page * per]]
        rows = {r["_key"]: r for r in c.execute(fetch.where(key.in_(keys))).mappings()} if keys else {}
        items = [{k: v for k, v in rows[k_].items() if k != "_key"} for k_ in keys if k_ in rows]
        total = len(matches) if complete and not capped else None
        return Page(items, total, page, per, complete, at_least=MATCH_CAP if capped else None)

    def _collect(self, c: Connection, stmt: Select[Any], into: list[Any], budget_ms: float) -> bool:
        """Run stmt, appending rows until the budget runs out; True if it finished."""
        try:
            with self._time_limit(c, budget_ms):
                for row in c.execute(stmt):
                    into.append(tuple(row))
            return True
        except OperationalError as exc:
            if "interrupted" in str(exc).lower():
                return False
            raise

    @contextmanager
    def _time_limit(self, c: Connection, budget_ms: float) -> Iterator[None]:
        if not self.sqlite:
            yield
            return
        raw = c.connection.dbapi_connection
        deadline = time.perf_counter() + budget_ms / 1000
        raw.set_progress_handler(lambda: time.perf_counter() > deadline, 2000)  # type: ignore[union-attr]
        try:
            yield
        finally:
            raw.set_progress_handler(None, 0)  # type: ignore[union-attr]

    def _contains(self, col: Column[Any], q: str) -> ColumnElement[bool]:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        # SQLite's LIKE already ignores ASCII case; elsewhere ask for ILIKE.
        return col.like(pattern, escape="\\") if self.sqlite else col.ilike(pattern, escape="\\")

    # shared lookups ---------------------------------------------------------------------------
    def _claims_brief(self, c: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            for table, who in ((ATTRIBUTIONS, ATTRIBUTIONS.c.speaker_name), (FIGURES, FIGURES.c.source)):
                stmt = (select(table.c.id, table.c.article, table.c.text, who.label("speaker"),
                               ARTICLES.c.outlet, ARTICLES.c.title, ARTICLES.c.published)
                        .join(ARTICLES, ARTICLES.c.id == table.c.article).where(table.c.id.in_(chunk)))
                claim_type = "attribution" if table is ATTRIBUTIONS else "figure"
                out.update((r["id"], {**r, "type": claim_type}) for r in c.execute(stmt).mappings())
        return out

    def _articles_brief(self, c: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(ids)):
            out.update((r["id"], dict(r)) for r in
                       c.execute(select(*ARTICLE_BRIEF).where(ARTICLES.c.id.in_(chunk))).mappings())
        return out

    def _statements_of(self, c: Connection, member_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(member_ids):
            stmt = (select(MEMBERS.c.member, STATEMENTS.c.id, STATEMENTS.c.what, STATEMENTS.c.origin,
                           STATEMENTS.c.article_count, STATEMENTS.c.independent_origins)
                    .join(STATEMENTS, STATEMENTS.c.id == MEMBERS.c.statement)
                    .where(MEMBERS.c.member.in_(chunk), MEMBERS.c.member_type != "article"))
            out.update((r["member"], {k: v for k, v in r.items() if k != "member"})
                       for r in c.execute(stmt).mappings())
        return out


def _paged(stmt: Select[Any], page: int, per_page: int) -> Select[Any]:
    return stmt.limit(per_page).offset((page - 1) * per_page)


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    ids = list(ids)
    for i in range(0, len(ids), IN_CHUNK):
        yield ids[i:i + IN_CHUNK]


def _plain(row: Any) -> dict[str, Any]:
    """A row as JSON-ready data: datetimes become ISO strings."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in dict(row).items()}


def _attribution(r: Any) -> dict[str, Any]:
    out = _plain(r)
    out["type"] = "attribution"
    return out


def _figure(r: Any) -> dict[str, Any]:
    out = _plain(r)
    out["type"] = "figure"
    return out
