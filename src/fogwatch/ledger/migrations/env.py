"""Alembic's environment: migrations run on the connection the ledger opened, never from a config file."""

from alembic import context

from fogwatch.ledger.tables import Base

context.configure(connection=context.config.attributes["connection"], target_metadata=Base.metadata,
                  render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
