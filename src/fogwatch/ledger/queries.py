"""Read-only, paginated queries behind the web UI, each backed by an index so pages stay fast on 1M claims.

`Reader` never writes: its connections run with SQLite's ``query_only`` pragma (see `reading`, which
also holds `ensure_indexes` for the few indexes the pages need beyond those in tables.py). Whole-ledger
aggregates (counts, kinds, the most-repeated list) are cached until the SQLite file or its WAL changes.
The search sections live in `search`, the story pages' reads in `stories` and the conflict pages' in
`conflict_reads`; `Reader` mixes them in.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    Text,
    func,
    literal_column,
    null,
    select,
    text,
    type_coerce,
    union_all,
)
from sqlalchemy.exc import OperationalError

from fogwatch.ledger.conflict_reads import ConflictReads
from fogwatch.ledger.lists import ListReads
from fogwatch.ledger.reading import (
    ARTICLE_BRIEF,
    ARTICLES,
    ATTRIBUTIONS,
    CONFLICTS,
    FIGURES,
    MEMBERS,
    REJECTED,
    RUNS,
    SPEECH_ACTS,
    STATEMENTS,
    STORIES,
    TIMELINE,
    Page,
    chunks,
    ensure_indexes,
    paged,
    plain,
    read_engine,
)
from fogwatch.ledger.review_reads import ReviewReads
from fogwatch.ledger.search import SEARCH_SECTIONS, Search

__all__ = ["SEARCH_SECTIONS", "Page", "Reader", "ensure_indexes", "read_engine"]


class Reader(Search, ConflictReads, ReviewReads, ListReads):
    """Every read the UI makes; each method is one page's worth of data, as plain dicts."""

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
                "attributions": n(ATTRIBUTIONS),
                "figures": n(FIGURES), "statements": n(STATEMENTS),
                "conflicts": n(CONFLICTS), "open_conflicts": n(CONFLICTS, CONFLICTS.c.reviewed.is_(False)),
                "rejected": n(REJECTED), "stories": n(STORIES),
            }

    def last_run(self) -> dict[str, Any] | None:
        """The newest run, for the ingest status box."""
        with self._conn() as c:
            row = c.execute(select(RUNS).order_by(RUNS.c.id.desc()).limit(1)).mappings().first()
        return plain(row) if row else None

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
            rows = c.execute(paged(stmt, page, per_page)).mappings().all()
        return Page([dict(r) for r in rows], total, page, per_page)

    def statements(self, page: int = 1, per_page: int = 20, origin: str | None = None) -> Page:
        """Statements, most-carried first, with outlet counts beside independent-origin counts."""
        return self._cached(("statements", page, per_page, origin),  # type: ignore[no-any-return]
                            lambda: self._statements(page, per_page, origin))

    def _statements(self, page: int, per_page: int, origin: str | None) -> Page:
        where = [STATEMENTS.c.origin == origin] if origin is not None else []
        order = (STATEMENTS.c.article_count.desc(), STATEMENTS.c.id.desc())
        ids = paged(select(STATEMENTS.c.id).where(*where).order_by(*order), page, per_page)  # index only
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(STATEMENTS).where(*where)) or 0)
            rows = [plain(r) for r in c.execute(
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
        keys = paged(select(key).select_from(CONFLICTS).where(*where).order_by(key.desc()), page, per_page)
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(CONFLICTS).where(*where)) or 0)
            rows = self._conflict_rows(
                c, select(CONFLICTS).where(key.in_(keys.scalar_subquery())).order_by(key.desc()))
        return Page(rows, total, page, per_page)

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
            rows = [plain(r) for r in c.execute(paged(stmt, page, per_page)).mappings()]
        return Page(rows, total, page, per_page)

    # one statement ----------------------------------------------------------------------------
    def statement(self, statement_id: str) -> dict[str, Any] | None:
        """A statement, the article it was first seen in, and the conflicts it is part of."""
        with self._conn() as c:
            row = c.execute(select(STATEMENTS).where(STATEMENTS.c.id == statement_id)).mappings().first()
            if row is None:
                return None
            out = plain(row)
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
        """A statement's claims, light (no article text): relays by entity name, wording, article; and each
        article's outlet.

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
        name = self.naming()
        chains: dict[str | None, list[str]] = {}  # few distinct chains: decode and name each once
        for claim in claims:
            raw = claim["via"]
            if raw not in chains:
                chains[raw] = [name(relay) or relay for relay in json.loads(raw)] if raw else []
            claim["via"] = chains[raw]
        return {"claims": claims[:cap], "truncated": len(claims) > cap, "outlets": outlets}

    def statement_articles(self, statement_id: str, page: int = 1, per_page: int = 50) -> Page:
        """The articles carrying a statement, in order of first appearance."""
        where = (MEMBERS.c.statement == statement_id, MEMBERS.c.member_type == "article")
        stmt = (select(*ARTICLE_BRIEF).join(MEMBERS, MEMBERS.c.member == ARTICLES.c.id)
                .where(*where).order_by(MEMBERS.c.position))
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(MEMBERS).where(*where)) or 0)
            rows = [dict(r) for r in c.execute(paged(stmt, page, per_page)).mappings()]
        return Page(rows, total, page, per_page)

    # one article ------------------------------------------------------------------------------
    def article(self, article_id: str) -> dict[str, Any] | None:
        """An article's text with every attribution and figure in it, each with its statement."""
        with self._conn() as c:
            row = c.execute(select(ARTICLES).where(ARTICLES.c.id == article_id)).mappings().first()
            if row is None:
                return None
            out = plain(row)
            out["attributions"] = [_attribution(r) for r in c.execute(
                select(ATTRIBUTIONS).where(ATTRIBUTIONS.c.article == article_id)
                .order_by(ATTRIBUTIONS.c.start)).mappings()]
            out["speech_acts"] = [{**plain(r), "type": "speech_act"} for r in c.execute(
                select(SPEECH_ACTS).where(SPEECH_ACTS.c.article == article_id)
                .order_by(SPEECH_ACTS.c.start)).mappings()]
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
            out["stories"] = self._stories_of(c, article_id)
        return out

    def articles(self, page: int = 1, per_page: int = 50, outlet: str | None = None) -> Page:
        """Articles, newest first, optionally from one outlet."""
        where = [ARTICLES.c.outlet == outlet] if outlet is not None else []
        key = self._order_key(ARTICLES)
        order = (ARTICLES.c.published.desc(), key.desc())  # within ix_articles_published's own order
        keys = paged(select(key).select_from(ARTICLES).where(*where).order_by(*order), page, per_page)
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
            rows = [plain(r) for r in c.execute(stmt).mappings()]
        return {"quantity": quantity, "points": rows[:cap], "truncated": len(rows) > cap}

    # shared lookups ---------------------------------------------------------------------------
    def _articles_brief(self, c: Connection, ids: set[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(sorted(ids)):
            out.update((r["id"], dict(r)) for r in
                       c.execute(select(*ARTICLE_BRIEF).where(ARTICLES.c.id.in_(chunk))).mappings())
        return out

    def _statements_of(self, c: Connection, member_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(member_ids):
            stmt = (select(MEMBERS.c.member, STATEMENTS.c.id, STATEMENTS.c.what, STATEMENTS.c.origin,
                           STATEMENTS.c.article_count, STATEMENTS.c.independent_origins)
                    .join(STATEMENTS, STATEMENTS.c.id == MEMBERS.c.statement)
                    .where(MEMBERS.c.member.in_(chunk), MEMBERS.c.member_type != "article"))
            out.update((r["member"], {k: v for k, v in r.items() if k != "member"})
                       for r in c.execute(stmt).mappings())
        return out


def _attribution(r: Any) -> dict[str, Any]:
    out = plain(r)
    out["type"] = "attribution"
    return out


def _figure(r: Any) -> dict[str, Any]:
    out = plain(r)
    out["type"] = "figure"
    return out
