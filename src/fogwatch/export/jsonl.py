"""JSON Lines export: one record per line, the format the scorer and most tools read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any


def write_jsonl(rows: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write rows as JSON Lines; returns how many were written."""
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=False))
        out.write("\n")
        count += 1
    return count


def write_jsonl_file(rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write rows to a JSON Lines file (UTF-8)."""
    with path.open("w", encoding="utf-8") as out:
        return write_jsonl(rows, out)
