"""Full-text search over article titles and texts and over quotations: SQLite FTS5, PostgreSQL tsvector.

On SQLite two external-content FTS5 tables index what the ledger already stores (no second copy of
the text): `articles_fts` (title, text) and `attributions_fts` (the quoted or reported words).
Triggers keep them in step with every insert, delete and change, so no write path has to know about
them; a ledger made before they existed is indexed once, when it is next opened. On PostgreSQL the
same searches match ``to_tsvector('simple', ...)`` against the query (with GIN expression indexes);
elsewhere, and on a SQLite built without FTS5, they fall back to a LIKE scan.

A query is reduced to its words, each quoted, the last one a prefix ("cease" finds "ceasefire"), so
no character a reader types can change the query's syntax.
"""

from __future__ import annotations

import logging
import re

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError

log = logging.getLogger(__name__)
WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8

# (fts table, content table, indexed columns: a change to one re-indexes the row)
INDEXED = (
    ("articles_fts", "articles", ("title", "text")),
    ("attributions_fts", "attributions", ("text",)),
)
PG_DOCUMENTS = {  # what is searched on PostgreSQL, written as the GIN indexes below index it
    "articles": "to_tsvector('simple', coalesce(articles.title, '') || ' ' || articles.text)",
    "attributions": "to_tsvector('simple', attributions.text)",
}
PG_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_articles_fulltext ON articles "
    "USING gin (to_tsvector('simple', coalesce(title, '') || ' ' || text))",
    "CREATE INDEX IF NOT EXISTS ix_attributions_fulltext ON attributions "
    "USING gin (to_tsvector('simple', text))",
)


def query_words(q: str) -> list[str]:
    """The words of a reader's query, at most MAX_WORDS."""
    return WORD.findall(q)[:MAX_WORDS]


def fts_query(q: str) -> str | None:
    """An FTS5 MATCH expression: every word, quoted; the last a prefix. None when q has no words."""
    words = query_words(q)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def ensure_fulltext(engine: Engine) -> bool:
    """Create the full-text tables, triggers (SQLite) or indexes (PostgreSQL) where missing, indexing
    what the ledger already holds; False where neither is available."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for statement in PG_INDEXES:
                conn.execute(text(statement))
        return True
    if engine.dialect.name != "sqlite":
        return False
    try:
        with engine.begin() as conn:
            for fts, table, columns in INDEXED:
                _sqlite_fts(conn, fts, table, columns)
        return True
    except OperationalError as exc:  # a SQLite without FTS5, or a read-only file
        log.warning("full-text search is not available on this ledger: %s", exc)
        return False


def has_fulltext(conn: Connection) -> bool:
    """Whether this SQLite ledger has its full-text tables."""
    found = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE name IN ('articles_fts', "
                              "'attributions_fts')")).scalar()
    return found == len(INDEXED)


def _sqlite_fts(conn: Connection, fts: str, table: str, columns: tuple[str, ...]) -> None:
    exists = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": fts}).first()
    cols, new, old = ", ".join(columns), ", ".join(f"new.{c}" for c in columns), \
        ", ".join(f"old.{c}" for c in columns)
    conn.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='{table}', "
                      "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"))
    remove = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    add = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
    conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN {add} END"))
    conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN {remove} END"))
    conn.execute(text(f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON {table} "
                      f"BEGIN {remove} {add} END"))
    if not exists:
        conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')"))
