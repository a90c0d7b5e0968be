"""The local files whose articles are stored, with their size and modification times.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the table; a ledger's files are recorded as the next run that ingests reads them."""
    op.create_table(
        "read_files",
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("stamp", sa.String(length=128), nullable=False),
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("path"),
    )


def downgrade() -> None:
    """Drop the table."""
    op.drop_table("read_files")
