"""Bring a ledger's schema to this version of Fogwatch when it is opened (Alembic).

A ledger users fill for months must open after an upgrade. A new ledger is made from the current
tables at once and marked with the newest revision; an existing one is migrated from its revision
(a ledger from before migrations, which has none, starts from the baseline, which also adds the
nullable columns it lacks). Opening a ledger that is already current costs one small query.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from fogwatch.ledger.tables import Base

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0006"  # the newest revision in migrations/versions (a test checks they agree)
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection) -> Config:
    """An Alembic configuration that runs the bundled migrations on this connection."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    """The revision a ledger is at, None for one made before migrations (or an empty database).
    Read with plain SQL, so opening a current ledger never loads Alembic."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_schema(engine: Engine) -> None:
    """Create or migrate the ledger's tables to ``HEAD``."""
    with engine.begin() as connection:
        fresh = not inspect(connection).has_table("articles")  # a revision left behind holds no tables
        if not fresh and current_revision(connection) == HEAD:
            return
        from alembic import command

        if fresh:
            Base.metadata.create_all(connection)
            command.stamp(alembic_config(connection), "head")
        else:
            command.upgrade(alembic_config(connection), "head")
