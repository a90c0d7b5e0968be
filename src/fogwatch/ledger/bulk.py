"""Writes of many rows at once: one executemany per table, deletes by key in bounded IN lists.

ORM objects (or an ORM bulk insert, which goes row by row where a table numbers its rows) cost
seconds per few thousand rows; the ledger writes every article's claims and every relink's rows,
so both go through plain values on the table itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, delete, insert
from sqlalchemy.orm import DeclarativeBase, Session

IN_CHUNK = 500  # keys per IN (...), well under every database's parameter limit


def chunks(keys: Sequence[Any]) -> Iterator[list[Any]]:
    """The keys in lists short enough for one IN (...)."""
    keys = list(keys)
    for lo in range(0, len(keys), IN_CHUNK):
        yield keys[lo:lo + IN_CHUNK]


def insert_values(s: Session, row_type: type[DeclarativeBase], values: list[dict[str, Any]]) -> None:
    """Insert one table's rows, given as plain values, in one executemany."""
    if values:
        s.execute(insert(row_type.__table__), values)  # type: ignore[attr-defined]


def delete_where_in(s: Session, row_type: type[DeclarativeBase], key: ColumnElement[Any],
                    keys: Sequence[Any]) -> None:
    """Delete the rows whose ``key`` is one of ``keys``."""
    for part in chunks(keys):
        s.execute(delete(row_type).where(key.in_(part)))
