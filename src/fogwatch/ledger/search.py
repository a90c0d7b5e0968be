"""The search sections behind the UI's search page: speakers, outlets, statements, articles and claims.

Article titles and texts and claims' words are matched through the full-text index (`fulltext`:
SQLite FTS5, PostgreSQL tsvector), other text by a LIKE scan; each section runs under a time budget
(as datasette does) and says when it stopped early, and stops counting at MATCH_CAP matches. A
speaker is counted by what it said: "N claims in M articles", under every spelling of its entity, and
is found under any spelling of its entity (`entities.EntityReads.speakers_matching`): "Halvanenko" finds the
claims an article gives to "Timofei Galvanenko", through the index on attributions' speaker names.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Select,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.exc import OperationalError

from fogwatch.ledger.bulk import chunks
from fogwatch.ledger.entities import EntityReads
from fogwatch.ledger.fulltext import PG_DOCUMENTS, fts_query, has_fulltext, query_words
from fogwatch.ledger.reading import ARTICLES, ATTRIBUTIONS, STATEMENTS, Page

SEARCH_SECTIONS = ("speakers", "outlets", "statements", "articles", "claims")
MATCH_CAP = 5000  # matches a text search collects before it stops counting


class Search(EntityReads):
    """The search reads, mixed into `queries.Reader`."""

    def search(self, q: str, section: str, page: int = 1, per_page: int = 10,
               budget_ms: float = 60.0) -> Page:
        """One search section (speakers, outlets, statements, claims), stopping at the time budget."""
        if section not in SEARCH_SECTIONS:
            raise ValueError(f"unknown search section {section!r}; one of {', '.join(SEARCH_SECTIONS)}")
        with self._conn() as c:
            return getattr(self, f"_search_{section}")(c, q, page, per_page, budget_ms)

    def _search_speakers(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        """Statement origins containing q or naming an entity q matches; each with its other spellings."""
        col = STATEMENTS.c.origin
        entities, _ = self.speakers_matching(q)
        match = or_(self._contains(col, q), col.in_(entities)) if entities else self._contains(col, q)
        stmt = (select(col.label("name"), func.count().label("statements"),
                       func.sum(STATEMENTS.c.article_count).label("articles"))
                .where(match).group_by(col))
        found = self._grouped(c, stmt, "statements", page, per, budget)
        for row in found.items:
            row["also_written"] = self.spelled(row["name"]) if row["name"] else []
            row.pop("articles")  # statements' carrying articles, summed: not what the speaker said
            row.update(self._said(c, [row["name"], *row["also_written"]] if row["name"] else []))
        return found

    def _said(self, c: Connection, spellings: list[str]) -> dict[str, int]:
        """How many claims these speaker names are given, and in how many articles."""
        claims, articles = 0, set()
        for chunk in chunks(spellings):
            for article, n in c.execute(select(ATTRIBUTIONS.c.article, func.count())
                                        .where(ATTRIBUTIONS.c.speaker_name.in_(chunk))
                                        .group_by(ATTRIBUTIONS.c.article)):
                claims += n
                articles.add(article)
        return {"claims": claims, "articles": len(articles)}

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
        return self._matched(c, [found], fetch, key, page, per, budget, by_count=True)

    def _search_claims(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        """Claims by a speaker q names (under any spelling), then claims whose words contain q."""
        key = self._order_key(ATTRIBUTIONS)
        _, spoken = self.speakers_matching(q)
        worded = self._words_in(c, ATTRIBUTIONS, q, ATTRIBUTIONS.c.text)
        found = [select(key).select_from(ATTRIBUTIONS).where(key.in_(worded))]
        if spoken:
            by_speaker = select(key).where(ATTRIBUTIONS.c.speaker_name.in_(spoken))  # by index
            found.insert(0, by_speaker)
        fetch = (select(key.label("_key"), ATTRIBUTIONS.c.id, ATTRIBUTIONS.c.article, ATTRIBUTIONS.c.text,
                        ATTRIBUTIONS.c.kind, ATTRIBUTIONS.c.speaker_name, ATTRIBUTIONS.c.said_on,
                        ARTICLES.c.outlet, ARTICLES.c.title)
                 .join(ARTICLES, ARTICLES.c.id == ATTRIBUTIONS.c.article))
        return self._matched(c, found, fetch, key, page, per, budget)

    def _search_articles(self, c: Connection, q: str, page: int, per: int, budget: float) -> Page:
        """Articles whose title or text holds every word of q (the last as a prefix)."""
        key = self._order_key(ARTICLES)
        found = [self._words_in(c, ARTICLES, q, ARTICLES.c.title, ARTICLES.c.text)]
        fetch = select(key.label("_key"), ARTICLES.c.id, ARTICLES.c.title, ARTICLES.c.outlet,
                       ARTICLES.c.published, ARTICLES.c.text)
        return self._matched(c, found, fetch, key, page, per, budget)

    def _words_in(self, c: Connection, source: Any, q: str, *cols: Column[Any]) -> Select[Any]:
        """Keys of rows whose columns hold q's words: the full-text index where there is one."""
        key = self._order_key(source)
        if self.sqlite and has_fulltext(c):
            match = fts_query(q)
            fts = table(f"{source.name}_fts", column("rowid"))
            if match is None:
                return select(key).select_from(source).where(literal_column("0") == 1)
            return select(literal_column("rowid")).select_from(fts).where(
                text(f"{source.name}_fts MATCH :match").bindparams(match=match))
        if c.dialect.name == "postgresql":  # as fulltext.PG_INDEXES index it
            words = " ".join(query_words(q))
            document = literal_column(PG_DOCUMENTS[source.name])
            return select(key).where(document.op("@@")(func.plainto_tsquery("simple", words)))
        return select(key).where(or_(*(self._contains(col, q) for col in cols)))

    def _matched(self, c: Connection, found: Sequence[Select[Any]], fetch: Select[Any],
                 key: ColumnElement[Any], page: int, per: int, budget: float, by_count: bool = False) -> Page:
        """Scans collect the keys of matching rows (up to MATCH_CAP, in turn, sharing the budget, each
        row once), then the page's rows are fetched."""
        matches: list[tuple[Any, ...]] = []
        deadline = time.perf_counter() + budget / 1000
        complete = True
        for stmt in found:
            if len(matches) > MATCH_CAP:
                break
            left = max(1.0, (deadline - time.perf_counter()) * 1000)
            complete = self._collect(c, stmt.limit(MATCH_CAP + 1), matches, left)
            matches = list(dict.fromkeys(matches))
            if not complete:
                break
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
