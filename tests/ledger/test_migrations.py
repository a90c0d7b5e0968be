"""Ledgers outlive versions: one built by the previous schema opens, migrated, with its rows kept."""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from fogwatch.ledger import Ledger
from fogwatch.ledger.fulltext import INDEXED
from fogwatch.ledger.migrate import HEAD, MIGRATIONS, alembic_config, current_revision
from fogwatch.ledger.reading import EXTRA_INDEXES, SQLITE_INDEXES
from fogwatch.ledger.tables import Base

UI_INDEXES = {index.name for index in (*EXTRA_INDEXES, *SQLITE_INDEXES)}
baseline = importlib.import_module("fogwatch.ledger.migrations.versions.0001_baseline")


def previous_schema_ledger(path: Path) -> None:
    """A ledger as Fogwatch wrote it before migrations: the baseline tables, no revision, some rows."""
    engine = create_engine(f"sqlite:///{path}")
    baseline.BASELINE.create_all(engine)
    with engine.begin() as c:
        c.execute(text("INSERT INTO runs (command, started_at, settings, versions, stats) "
                       "VALUES ('run', '2026-01-01 00:00:00', '{}', '{}', '{}')"))
        c.execute(text("INSERT INTO articles (id, content_hash, source, format, text, extracted_with) "
                       "VALUES ('a1', 'h1', 'old.txt', 'txt', 'The mayor said it.', 'x')"))
        c.execute(text("INSERT INTO rejected (input, reason, hint, seen_at) VALUES ('x.bin', 'binary', '', "
                       "'2026-01-01 00:00:00')"))
    engine.dispose()


def test_a_ledger_of_the_previous_schema_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    previous_schema_ledger(path)
    ledger = Ledger(str(path))
    try:
        tables = set(inspect(ledger.engine).get_table_names())
        assert {"vectors", "stage_state"} <= tables
        with ledger.engine.connect() as c:
            assert current_revision(c) == HEAD
        assert [a.id for a in ledger.articles()] == ["a1"]
        assert [r.input for r in ledger.rejected()] == ["x.bin"]
        assert len(ledger.runs()) == 1
    finally:
        ledger.close()


def test_an_older_ledger_without_a_later_nullable_column_gains_it_empty(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    previous_schema_ledger(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(text("ALTER TABLE attributions DROP COLUMN source_end"))
    engine.dispose()
    ledger = Ledger(str(path))
    try:
        assert "source_end" in {col["name"] for col in inspect(ledger.engine).get_columns("attributions")}
        assert [a.id for a in ledger.articles()] == ["a1"]
    finally:
        ledger.close()


def test_migrations_build_exactly_the_schema_of_the_tables(tmp_path: Path) -> None:
    """A change to tables.py without a migration fails here: upgraded ledgers would lack it."""
    path = tmp_path / "migrated.db"
    previous_schema_ledger(path)
    Ledger(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as c:
        context = MigrationContext.configure(c, opts={"include_object": _declared_in_tables})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


FULLTEXT_TABLES = tuple(fts for fts, _table, _columns in INDEXED)


def _declared_in_tables(_object: object, name: str | None, type_: str, _reflected: bool,
                        _compare_to: object) -> bool:
    """The web UI adds its own indexes on demand (``ensure_indexes``), and the full-text index its
    virtual tables (``ensure_fulltext``); they are no migration's."""
    full_text = type_ == "table" and name is not None and name.startswith(FULLTEXT_TABLES)
    return not (type_ == "index" and name in UI_INDEXES) and not full_text


def test_head_names_the_newest_revision() -> None:
    with create_engine("sqlite://").connect() as c:
        assert ScriptDirectory.from_config(alembic_config(c)).get_current_head() == HEAD
    assert (MIGRATIONS / "env.py").is_file()


def test_a_revision_left_behind_without_tables_gets_a_fresh_schema(tmp_path: Path) -> None:
    """Tables dropped by hand leave `alembic_version` behind; opening must build them again."""
    path = tmp_path / "ledger.db"
    Ledger(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.drop_all(engine)
    engine.dispose()
    ledger = Ledger(str(path))
    try:
        assert ledger.articles() == [] and ledger.runs() == []
    finally:
        ledger.close()
