"""A ledger-wide lock for the link stage, so two runs never overwrite each other's links.

Linking reads the whole ledger and replaces every statement and story in one write. Two runs
linking at once would each write what they read, and the slower one would drop the articles
only the faster one had seen. Holding this lock from the read to the write makes the last linker
see everything the others stored. PostgreSQL has advisory locks for this; an SQLite ledger is a
file, so a lock file beside it serves, released by the kernel even when a run is killed.
"""

from __future__ import annotations

import fcntl
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

LINK_LOCK_NAME = "fogwatch.link"


@contextmanager
def link_lock(engine: Engine) -> Iterator[None]:
    """Hold the ledger's link lock for the duration of the block (waits for another holder)."""
    dialect = engine.dialect.name
    if dialect == "postgresql":
        key = zlib.crc32(LINK_LOCK_NAME.encode())
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": key})
            connection.commit()
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": key})
                connection.commit()
        return
    database = engine.url.database if dialect == "sqlite" else None
    if not database or database == ":memory:":
        yield  # one process only: nothing to share a lock with
        return
    with Path(f"{database}.link-lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
