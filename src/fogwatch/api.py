"""The Python API: the same jobs as the CLI, returning records and pandas DataFrames."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from fogwatch.export.records import RECORD_TYPES, export_rows, plural
from fogwatch.ledger import Ledger
from fogwatch.pipeline import STAGES, LocalExecutor, Progress, RunSummary

if TYPE_CHECKING:
    import pandas as pd


def run(
    inputs: Sequence[str],
    db: str | None = None,
    *,
    stages: Sequence[str] = STAGES,
    progress: Progress | None = None,
    **settings: Any,
) -> RunSummary:
    """Ingest inputs (paths, URLs, feeds, archives) and run every stage into the ledger at `db`."""
    ledger = Ledger(db)
    try:
        return LocalExecutor(ledger, settings, progress).run(list(inputs), stages, command="run")
    finally:
        ledger.close()


def frames(db: str | None = None, include_text: bool = False) -> dict[str, pd.DataFrame]:
    """Every record type of the ledger as a DataFrame, with the columns of the CSV export."""
    import pandas as pd

    from fogwatch.export.csv import flatten

    ledger = Ledger(db)
    try:
        grouped: dict[str, list[dict[str, Any]]] = {t: [] for t in RECORD_TYPES}
        for row in export_rows(ledger, include_text):
            grouped[row["type"]].append(flatten(row))
    finally:
        ledger.close()
    return {plural(t): pd.DataFrame.from_records(rows) for t, rows in grouped.items()}


def frame(record_type: str, db: str | None = None) -> pd.DataFrame:
    """One record type ("attributions", "figures", "statements", ...) as a DataFrame."""
    tables = frames(db)
    if record_type not in tables:
        raise KeyError(f"no record type {record_type!r}; choose from {', '.join(tables)}")
    return tables[record_type]
