"""The article and statement lists with filters and sorting, each filter served by an index.

Articles: by outlet (`ix_articles_outlet`), publication dates from/to and newest or oldest first
(`ix_articles_published`), each row with how many claims it holds. Statements: by origin, by story, only those
in a recorded conflict (`ix_conflicts_statement`), said between two dates, most carried
(`ix_statements_count_id`) or most independent origins first; each filtered list is cached until
the ledger changes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, select

from fogwatch.ledger.reading import (
    ARTICLE_BRIEF,
    ARTICLES,
    ATTRIBUTIONS,
    CONFLICTS,
    FIGURES,
    MEMBERS,
    STATEMENTS,
    STORY_MEMBERS,
    Page,
    ReaderBase,
    paged,
    plain,
)

ARTICLE_SORTS = ("newest", "oldest")
STATEMENT_SORTS = ("carried", "origins")


class ListReads(ReaderBase):
    """The filtered lists, mixed into `queries.Reader`."""

    def article_list(self, page: int = 1, per_page: int = 50, outlet: str | None = None,
                     since: str | None = None, until: str | None = None, sort: str = "newest") -> Page:
        """Articles matching the filters, with their claim counts; dates compare as ISO text."""
        where: list[ColumnElement[bool]] = []
        if outlet is not None:
            where.append(ARTICLES.c.outlet == outlet)
        if since:
            where.append(ARTICLES.c.published >= since)
        if until:
            where.append(ARTICLES.c.published <= until + "\uffff")  # the whole last day
        key = self._order_key(ARTICLES)
        order = ((ARTICLES.c.published.asc(), key.asc()) if sort == "oldest"
                 else (ARTICLES.c.published.desc(), key.desc()))
        keys = paged(select(key).select_from(ARTICLES).where(*where).order_by(*order), page, per_page)
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(ARTICLES).where(*where)) or 0)
            rows = [dict(r) for r in c.execute(
                select(*ARTICLE_BRIEF).where(key.in_(keys.scalar_subquery())).order_by(*order)).mappings()]
            ids = [r["id"] for r in rows]
            counts = {}
            for table, name in ((ATTRIBUTIONS, "attributions"), (FIGURES, "figures")):
                counts[name] = dict(c.execute(select(table.c.article, func.count()).where(
                    table.c.article.in_(ids)).group_by(table.c.article)).all()) if ids else {}
        for r in rows:
            r["attributions"] = counts["attributions"].get(r["id"], 0)
            r["figures"] = counts["figures"].get(r["id"], 0)
        return Page(rows, total, page, per_page)

    def statement_list(self, page: int = 1, per_page: int = 50, origin: str | None = None,
                       conflicted: bool = False, sort: str = "carried", since: str | None = None,
                       until: str | None = None, story: str | None = None) -> Page:
        """Statements matching the filters (said between two dates, as ISO text; carried in one
        story's articles), with outlet counts; cached until the ledger changes."""
        return self._cached(  # type: ignore[no-any-return]
            ("statement_list", page, per_page, origin, conflicted, sort, since, until, story),
            lambda: self._statement_list(page, per_page, origin, conflicted, sort, since, until, story))

    def _statement_list(self, page: int, per_page: int, origin: str | None, conflicted: bool,
                        sort: str, since: str | None, until: str | None, story: str | None) -> Page:
        where: list[ColumnElement[bool]] = []
        if story is not None:
            in_story = select(STORY_MEMBERS.c.article).where(STORY_MEMBERS.c.story == story)
            where.append(STATEMENTS.c.id.in_(select(MEMBERS.c.statement).where(
                MEMBERS.c.member_type == "article", MEMBERS.c.member.in_(in_story))))
        if origin is not None:
            where.append(STATEMENTS.c.origin == origin)
        if since:
            where.append(STATEMENTS.c.said_on >= since)
        if until:
            where.append(STATEMENTS.c.said_on <= until + "\uffff")
        if conflicted:
            where.append(STATEMENTS.c.id.in_(select(CONFLICTS.c.statement).where(
                CONFLICTS.c.statement.is_not(None))))
        order: tuple[Any, ...] = (STATEMENTS.c.article_count.desc(), STATEMENTS.c.id.desc())
        if sort == "origins":
            order = (STATEMENTS.c.independent_origins.desc(), *order)
        ids = paged(select(STATEMENTS.c.id).where(*where).order_by(*order), page, per_page)
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(STATEMENTS).where(*where)) or 0)
            rows = [plain(r) for r in c.execute(
                select(STATEMENTS).where(STATEMENTS.c.id.in_(ids.scalar_subquery())).order_by(*order)
            ).mappings()]
            outlets = self._outlet_counts(c, [r["id"] for r in rows])  # type: ignore[attr-defined]
        for r in rows:
            r["outlet_count"] = outlets.get(r["id"], 0)
        return Page(rows, total, page, per_page)
