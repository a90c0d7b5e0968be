"""Stored sentence vectors, and what each corpus-wide stage was last computed from.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add the vectors and stage_state tables."""
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "vectors" not in present:
        op.create_table(
            "vectors",
            sa.Column("model", sa.String(length=128), nullable=False),
            sa.Column("text_hash", sa.String(length=40), nullable=False),
            sa.Column("vector", sa.LargeBinary(), nullable=False),
            sa.PrimaryKeyConstraint("model", "text_hash"),
        )
    if "stage_state" not in present:
        op.create_table(
            "stage_state",
            sa.Column("stage", sa.String(length=32), nullable=False),
            sa.Column("inputs", sa.String(length=64), nullable=False),
            sa.Column("run_id", sa.Integer(), nullable=True),
            sa.PrimaryKeyConstraint("stage"),
        )


def downgrade() -> None:
    """Drop the vectors and stage_state tables."""
    op.drop_table("stage_state")
    op.drop_table("vectors")
