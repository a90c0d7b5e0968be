"""Alembic migrations of the ledger's schema, applied when a ledger is opened (see ``ledger/migrate.py``)."""
