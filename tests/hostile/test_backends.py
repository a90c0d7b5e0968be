"""Text with NUL and other control characters stores on every backend: an SQLite and a PostgreSQL
ledger built from the same input export the same records (PostgreSQL where
$FOGWATCH_TEST_POSTGRES names a server)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fogwatch.export import export_rows
from fogwatch.ledger import Ledger
from fogwatch.ledger.tables import Base
from fogwatch.pipeline import LocalExecutor

LINES = [
    {"text": "The port authority said\u0000 on Monday that 40 ships were delayed by fog.",
     "outlet": "Dock\u0000 News"},
    {"text": "Harbour master Ida Voss said\u0007 the fog had lifted by noon on Monday.\u001b[2J"},
    {"text": "Pilot Oren Hale said the channel would reopen on Tuesday."},
]


def build(db: str, inputs: Path) -> list[dict]:
    ledger = Ledger(db)
    summary = LocalExecutor(ledger, {"embeddings": False}).run([str(inputs)])
    assert summary.exit_code == 0, summary.rejected
    rows = sorted(json.dumps(row, sort_keys=True) for row in export_rows(ledger, include_text=True))
    ledger.close()
    return [json.loads(row) for row in rows]


def test_sqlite_and_postgresql_export_the_same_records(tmp_path: Path) -> None:
    url = os.environ.get("FOGWATCH_TEST_POSTGRES")
    if not url:
        pytest.skip("set FOGWATCH_TEST_POSTGRES=postgresql+psycopg://... to test on PostgreSQL")
    inputs = tmp_path / "lines.jsonl"
    inputs.write_text("\n".join(json.dumps(line) for line in LINES), encoding="utf-8")
    postgres = Ledger(url)
    Base.metadata.drop_all(postgres.engine)
    postgres.close()
    on_sqlite = build(str(tmp_path / "l.db"), inputs)
    on_postgres = build(url, inputs)
    assert on_sqlite == on_postgres
    texts = [row["text"] for row in on_sqlite if row["type"] == "article"]
    assert len(texts) == 3 and not any(ch in text for text in texts for ch in "\x00\x07\x1b")


def test_control_characters_are_flagged(tmp_path: Path) -> None:
    inputs = tmp_path / "lines.jsonl"
    inputs.write_text("\n".join(json.dumps(line) for line in LINES), encoding="utf-8")
    ledger = Ledger(str(tmp_path / "l.db"))
    LocalExecutor(ledger, {"embeddings": False}).run([str(inputs)], stages=("ingest",))
    flags = {article.source.rsplit("#", 1)[1]: article.flags for article in ledger.articles()}
    assert flags == {"line 1": ("control_characters_removed",), "line 2": ("control_characters_removed",),
                     "line 3": ()}
    assert {article.outlet for article in ledger.articles()} == {"Dock News", None}
