"""Parquet export: one file per record type, the CSV's columns with their types kept.

For ledgers too large to open as CSV: columnar, compressed, read by pandas, DuckDB, Spark or Polars
without parsing text. Columns are those of the CSV export (nested objects flattened, lists as JSON
text), so both exports read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fogwatch.export.csv import flat_tables
from fogwatch.export.records import plural


def write_parquet_dir(rows: Iterable[dict[str, Any]], directory: Path) -> dict[str, Path]:
    """Write one `<types>.parquet` per record type; returns the files by type."""
    import pyarrow as pa  # imported here: a second of start-up that only this export needs
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for record_type, (columns, records) in flat_tables(rows).items():
        table = pa.Table.from_pylist([{c: r.get(c) for c in columns} for r in records])
        path = directory / f"{plural(record_type)}.parquet"
        pq.write_table(table, path, compression="zstd")
        written[record_type] = path
    return written
