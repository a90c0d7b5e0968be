"""Reads behind the story pages: the articles the link stage grouped into one real-world event.

A story's statements and conflicts are found from its articles through indexes only: statements
through the articles that carry them (`statement_members` by member); conflicts through those
statements (a conflict tied to a statement compares that statement's claims, as reconcile makes
them) plus the conflicts tied to no statement (figure conflicts span statements), each kept when one
of its claims is printed in the story's articles. Each story's lists are worked out once per ledger
change and then paged from the cache: the first visit to a story of thousands of articles takes
a few hundred milliseconds, every later page a few.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, func, select

from fogwatch.ledger.reading import (
    ARTICLE_BRIEF,
    ARTICLES,
    ATTRIBUTIONS,
    CONFLICTS,
    FIGURES,
    MEMBERS,
    STATEMENTS,
    STORIES,
    STORY_MEMBERS,
    Page,
    ReaderBase,
    chunks,
    paged,
    plain,
)

STATEMENT_BRIEF = (STATEMENTS.c.id, STATEMENTS.c.what, STATEMENTS.c.origin, STATEMENTS.c.said_on,
                   STATEMENTS.c.article_count, STATEMENTS.c.independent_origins)


class StoryReads(ReaderBase):
    """The story reads, mixed into `queries.Reader`."""

    def stories(self, page: int = 1, per_page: int = 20) -> Page:
        """Stories, largest first, with how many outlets their articles come from (cached)."""
        return self._cached(("stories", page, per_page),  # type: ignore[no-any-return]
                            lambda: self._stories(page, per_page))

    def _stories(self, page: int, per_page: int) -> Page:
        order = (STORIES.c.article_count.desc(), STORIES.c.id.desc())  # ix_stories_count_id, backwards
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(STORIES)) or 0)
            rows = [plain(r) for r in c.execute(paged(select(STORIES).order_by(*order), page, per_page))
                    .mappings()]
            outlets = self._story_outlets(c, [r["id"] for r in rows])
        for r in rows:
            r["outlet_count"] = outlets.get(r["id"], 0)
        return Page(rows, total, page, per_page)

    def _story_outlets(self, c: Connection, story_ids: Sequence[str]) -> dict[str, int]:
        if not story_ids:
            return {}
        stmt = (select(STORY_MEMBERS.c.story, func.count(ARTICLES.c.outlet.distinct()))
                .join(ARTICLES, ARTICLES.c.id == STORY_MEMBERS.c.article)
                .where(STORY_MEMBERS.c.story.in_(story_ids)).group_by(STORY_MEMBERS.c.story))
        return {s: int(n) for s, n in c.execute(stmt)}

    def story(self, story_id: str) -> dict[str, Any] | None:
        """A story with its outlet count and the publication dates its articles span (cached)."""
        return self._cached(("story", story_id),  # type: ignore[no-any-return]
                            lambda: self._story(story_id))

    def _story(self, story_id: str) -> dict[str, Any] | None:
        span = (select(func.count(ARTICLES.c.outlet.distinct()), func.min(ARTICLES.c.published),
                       func.max(ARTICLES.c.published))
                .select_from(STORY_MEMBERS).join(ARTICLES, ARTICLES.c.id == STORY_MEMBERS.c.article)
                .where(STORY_MEMBERS.c.story == story_id))
        with self._conn() as c:
            row = c.execute(select(STORIES).where(STORIES.c.id == story_id)).mappings().first()
            if row is None:
                return None
            outlets, first, last = c.execute(span).one()
        return {**plain(row), "outlet_count": int(outlets or 0), "first": first, "last": last}

    def story_articles(self, story_id: str, page: int = 1, per_page: int = 50) -> Page:
        """A story's articles in order of publication."""
        where = STORY_MEMBERS.c.story == story_id
        stmt = (select(*ARTICLE_BRIEF).join(STORY_MEMBERS, STORY_MEMBERS.c.article == ARTICLES.c.id)
                .where(where).order_by(STORY_MEMBERS.c.position))  # ix_story_members_story_position
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(STORY_MEMBERS).where(where)) or 0)
            rows = [dict(r) for r in c.execute(paged(stmt, page, per_page)).mappings()]
        return Page(rows, total, page, per_page)

    def story_statements(self, story_id: str, page: int = 1, per_page: int = 25) -> Page:
        """Statements its articles carry, most carried within the story first; `in_story` counts them."""
        ranked = self._story_statement_ids(story_id)
        chosen = dict(ranked[(page - 1) * per_page:page * per_page])
        rows: dict[str, dict[str, Any]] = {}
        if chosen:
            with self._conn() as c:
                stmt = select(*STATEMENT_BRIEF).where(STATEMENTS.c.id.in_(list(chosen)))
                rows = {r["id"]: dict(r) for r in c.execute(stmt).mappings()}
        items = [{**rows[s], "in_story": n} for s, n in chosen.items() if s in rows]
        return Page(items, len(ranked), page, per_page)

    def _story_statement_ids(self, story_id: str) -> list[tuple[str, int]]:
        """(statement, articles of the story carrying it), ranked; shared with the cache, read only."""
        def compute() -> list[tuple[str, int]]:
            # No join with statements here: on a story of thousands of articles it doubles the time.
            stmt = (select(MEMBERS.c.statement, func.count())
                    .select_from(STORY_MEMBERS)
                    .join(MEMBERS, MEMBERS.c.member == STORY_MEMBERS.c.article)
                    .where(STORY_MEMBERS.c.story == story_id, MEMBERS.c.member_type == "article")
                    .group_by(MEMBERS.c.statement))
            with self._conn() as c:
                found = [(s, int(k)) for s, k in c.execute(stmt)]
            found.sort(key=lambda f: (-f[1], f[0]))
            return found

        return self._cached(("story_statements", story_id), compute,  # type: ignore[no-any-return]
                            fresh_copy=False)

    def story_conflicts(self, story_id: str, page: int = 1, per_page: int = 10) -> Page:
        """Conflicts with a claim printed in the story's articles, latest recorded first, with claims."""
        keys = self._story_conflict_keys(story_id)
        chosen = keys[(page - 1) * per_page:page * per_page]
        key = self._order_key(CONFLICTS)
        rows: list[dict[str, Any]] = []
        if chosen:
            with self._conn() as c:
                rows = self._conflict_rows(c, select(CONFLICTS).where(key.in_(chosen)).order_by(key.desc()))
        return Page(rows, len(keys), page, per_page)

    def _story_conflict_keys(self, story_id: str) -> list[Any]:
        """Order keys of the story's conflicts, newest first; shared with the cache, read only."""
        def compute() -> list[Any]:
            key = self._order_key(CONFLICTS)
            articles = select(STORY_MEMBERS.c.article).where(STORY_MEMBERS.c.story == story_id)
            statements = (select(MEMBERS.c.statement).where(MEMBERS.c.member.in_(articles),
                                                            MEMBERS.c.member_type == "article"))
            attached = select(key, CONFLICTS.c.members).where(CONFLICTS.c.statement.in_(statements))
            with self._conn() as c:
                claims = {i for table in (ATTRIBUTIONS, FIGURES)
                          for i in c.scalars(select(table.c.id).where(table.c.article.in_(articles)))}
                candidates = [(k, members) for k, members in c.execute(attached)]
            candidates += self._unattached_conflicts()
            return sorted({k for k, members in candidates if not claims.isdisjoint(members)}, reverse=True)

        return self._cached(("story_conflicts", story_id), compute,  # type: ignore[no-any-return]
                            fresh_copy=False)

    def _unattached_conflicts(self) -> list[tuple[Any, list[str]]]:
        """(order key, members) of the conflicts tied to no statement (cached, read only)."""
        def compute() -> list[tuple[Any, list[str]]]:
            key = self._order_key(CONFLICTS)
            with self._conn() as c:  # ix_conflicts_statement holds the NULLs together
                return [(k, list(m)) for k, m in c.execute(
                    select(key, CONFLICTS.c.members).where(CONFLICTS.c.statement.is_(None)))]

        return self._cached(("unattached_conflicts",), compute,  # type: ignore[no-any-return]
                            fresh_copy=False)

    def story_statement_ids(self, story_id: str) -> set[str]:
        """The statements a story's articles carry (from the cached ranking)."""
        return {s for s, _n in self._story_statement_ids(story_id)}

    def stories_of_statements(self, statement_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The stories whose articles carry these statements, with how many of them each carries,
        most first: the choice of stories for one quantity's timeline."""
        counts: dict[str, set[str]] = {}
        with self._conn() as c:
            for chunk in chunks(sorted(set(statement_ids))):
                stmt = (select(STORY_MEMBERS.c.story, MEMBERS.c.statement)
                        .join(MEMBERS, MEMBERS.c.member == STORY_MEMBERS.c.article)
                        .where(MEMBERS.c.statement.in_(chunk), MEMBERS.c.member_type == "article"))
                for story, statement in c.execute(stmt):
                    counts.setdefault(story, set()).add(statement)
            named = select(STORIES.c.id, STORIES.c.label)
            labels = {r.id: r.label for chunk in chunks(sorted(counts))
                      for r in c.execute(named.where(STORIES.c.id.in_(chunk)))}
        ranked = sorted(counts, key=lambda k: (-len(counts[k]), k))
        return [{"id": k, "label": labels.get(k), "statements": len(counts[k])} for k in ranked]

    def _stories_of(self, c: Connection, article_id: str) -> list[dict[str, Any]]:
        """The stories an article belongs to (one, as clustering goes), for the article page."""
        stmt = (select(STORIES.c.id, STORIES.c.label, STORIES.c.article_count)
                .join(STORY_MEMBERS, STORY_MEMBERS.c.story == STORIES.c.id)
                .where(STORY_MEMBERS.c.article == article_id).order_by(STORIES.c.id))
        return [dict(r) for r in c.execute(stmt).mappings()]
