"""Two `fogwatch run`s at once on one ledger, with overlapping inputs, end with the same export as
the same runs one after the other: every article stored, extracted and linked, nothing overwritten.
On SQLite always; on PostgreSQL where $FOGWATCH_TEST_POSTGRES names a server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

TOWNS = ("Arlen", "Brisk", "Cowden", "Dunmere", "Elsby", "Farrow", "Gilford", "Hexam", "Irwell", "Jarrow")


def write_inputs(root: Path) -> tuple[Path, Path]:
    """Two folders sharing four of their articles (the same files, linked into both)."""
    first, second = root / "first", root / "second"
    first.mkdir()
    second.mkdir()
    for n, town in enumerate(TOWNS):
        text = (f"Mayor {town} Quist said on Monday that {n + 3} roads in {town} would close for repairs.\n\n"
                f"\u201cThe {town} works will take {n + 2} weeks,\u201d Quist told the {town} council.")
        source = root / f"{town.lower()}.txt"
        source.write_text(text, encoding="utf-8")
        if n < 7:
            (first / source.name).symlink_to(source)
        if n >= 3:
            (second / source.name).symlink_to(source)
    return first, second


def start(folder: Path, db: str, cwd: Path) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "fogwatch.cli", "run", str(folder), "--db", db, "--no-report",
               "--set", "embeddings=false"]
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> int:
    _, err = process.communicate(timeout=600)
    assert process.returncode == 0, err[-3000:]
    return process.returncode


def export(db: str, cwd: Path) -> list[dict]:
    out = cwd / "export.jsonl"
    subprocess.run([sys.executable, "-m", "fogwatch.cli", "export", "--db", db, "-o", str(out)], cwd=cwd,
                   check=True, capture_output=True, timeout=300)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["type"] == "article":
            row["source"] = Path(row["source"]).name  # the two folders name one file two ways
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


def fresh_postgres(url: str) -> str:
    from fogwatch.ledger import Ledger
    from fogwatch.ledger.tables import Base

    ledger = Ledger(url)
    Base.metadata.drop_all(ledger.engine)
    ledger.close()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def ledgers(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str]:
    """Two empty ledgers of one backend: one for the concurrent runs, one for the sequential ones."""
    if request.param == "sqlite":
        return str(tmp_path / "together.db"), str(tmp_path / "apart.db")
    url = os.environ.get("FOGWATCH_TEST_POSTGRES")
    if not url:
        pytest.skip("set FOGWATCH_TEST_POSTGRES=postgresql+psycopg://... to test on PostgreSQL")
    return fresh_postgres(url), ""


def test_concurrent_runs_equal_sequential_runs(ledgers: tuple[str, str], tmp_path: Path) -> None:
    together, apart = ledgers
    first, second = write_inputs(tmp_path)
    runs = [start(first, together, tmp_path), start(second, together, tmp_path)]
    for process in runs:
        finish(process)
    concurrent = export(together, tmp_path)
    if not apart:  # PostgreSQL: one server, so the sequential runs reuse it afterwards
        apart = fresh_postgres(together)
    finish(start(first, apart, tmp_path))
    finish(start(second, apart, tmp_path))
    sequential = export(apart, tmp_path)
    kinds = {row["type"] for row in sequential}
    assert {"article", "attribution", "statement", "story"} <= kinds
    assert sum(row["type"] == "article" for row in concurrent) == len(TOWNS)
    assert concurrent == sequential
