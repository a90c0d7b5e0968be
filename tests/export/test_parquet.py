"""Parquet export: one file per record type, the CSV's columns, values and types kept."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fogwatch.export.csv import write_csv_dir
from fogwatch.export.parquet import write_parquet_dir

ROWS = [
    {"type": "figure", "id": "a1-f0", "value": 12.0, "counted": "injured", "via": ["Wire Service"],
     "window": {"text": "on Tuesday", "start": "2026-03-03", "cumulative": None}},
    {"type": "figure", "id": "a2-f0", "value": 7.5, "counted": "killed", "via": [], "window": None},
    {"type": "statement", "id": "s1", "what": "The bridge will reopen.", "members": ["a1-q0", "a2-q1"],
     "independent_origins": 2},
]


def test_parquet_holds_the_csv_columns_with_types(tmp_path: Path) -> None:
    written = write_parquet_dir(ROWS, tmp_path / "pq")
    assert sorted(p.name for p in written.values()) == ["figures.parquet", "statements.parquet"]
    figures = pd.read_parquet(written["figure"])
    as_csv = pd.read_csv(write_csv_dir(ROWS, tmp_path / "csv")["figure"])
    assert list(figures.columns) == list(as_csv.columns)
    assert figures["value"].tolist() == [12.0, 7.5] and figures["value"].dtype == "float64"
    assert figures["window_start"].tolist()[0] == "2026-03-03"
    statements = pd.read_parquet(written["statement"])
    assert json.loads(statements["members"][0]) == ["a1-q0", "a2-q1"]
    assert int(statements["independent_origins"][0]) == 2
