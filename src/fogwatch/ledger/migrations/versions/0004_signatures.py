"""Each article's MinHash signature, so a run that adds articles does not re-hash every stored text.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the signatures table; a ledger's signatures are computed on the next run that ingests."""
    if "signatures" not in sa.inspect(op.get_bind()).get_table_names():
        op.create_table(
            "signatures",
            sa.Column("scheme", sa.String(length=64), nullable=False),
            sa.Column("article", sa.String(length=32), nullable=False),
            sa.Column("hashvalues", sa.LargeBinary(), nullable=False),
            sa.PrimaryKeyConstraint("scheme", "article"),
        )


def downgrade() -> None:
    """Drop the signatures table."""
    op.drop_table("signatures")
