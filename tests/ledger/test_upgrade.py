"""A ledger written before a field existed opens, gains the field empty, and keeps its rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from fogwatch.ledger import Ledger
from fogwatch.ledger.tables import Base
from fogwatch.ledger.upgrade import add_missing_columns


def test_old_ledger_gains_new_nullable_columns_and_keeps_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Ledger(str(path)).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(text("ALTER TABLE attributions DROP COLUMN source_end"))
        c.execute(text("INSERT INTO rejected (input, reason, hint, seen_at) VALUES ('x.bin', 'binary', '', "
                       "'2026-01-01 00:00:00')"))
    assert "source_end" not in {col["name"] for col in inspect(engine).get_columns("attributions")}
    engine.dispose()
    ledger = Ledger(str(path))
    try:
        assert "source_end" in {col["name"] for col in inspect(ledger.engine).get_columns("attributions")}
        assert [r.input for r in ledger.rejected()] == ["x.bin"]
        assert add_missing_columns(ledger.engine, Base.metadata) == []  # nothing left to add
    finally:
        ledger.close()
