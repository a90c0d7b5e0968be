"""CSV export: one file per record type, nested fields flattened, so each loads in pandas or a sheet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fogwatch.export.records import plural


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    """Nested objects become prefixed columns (speaker_name), lists become JSON text."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                flat[f"{key}_{sub}"] = json.dumps(subvalue) if isinstance(subvalue, list | dict) else subvalue
        elif isinstance(value, list | tuple):
            flat[key] = json.dumps(list(value), ensure_ascii=False)
        else:
            flat[key] = value
    return flat


def flat_tables(rows: Iterable[dict[str, Any]]) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """Flattened records by type, each type with the union of its records' columns in first-seen order:
    the tables every one-file-per-type export writes."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["type"], []).append(flatten(row))
    return {kind: (list(dict.fromkeys(k for r in records for k in r)), records)
            for kind, records in grouped.items()}


def write_csv_dir(rows: Iterable[dict[str, Any]], directory: Path) -> dict[str, Path]:
    """Write one `<types>.csv` per record type (`figures.csv`, `tallies.csv`); returns the files by type."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for record_type, (columns, records) in flat_tables(rows).items():
        path = directory / f"{plural(record_type)}.csv"
        with path.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
            writer.writerows(records)
        written[record_type] = path
    return written
