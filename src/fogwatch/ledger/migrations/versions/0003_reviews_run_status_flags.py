"""Reviewers' corrections, the status and owner of each run, and per-article failure and flags.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NEW_COLUMNS = {
    "runs": [
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("owner", sa.String(length=300), nullable=True),
        sa.Column("resumed_by", sa.Integer(), nullable=True),
    ],
    "articles": [
        sa.Column("extract_failure", sa.Text(), nullable=True),
        sa.Column("flags", sa.JSON(), nullable=True),
    ],
}


def upgrade() -> None:
    """Add the reviews table and the new nullable columns of runs and articles."""
    inspector = sa.inspect(op.get_bind())
    for table, columns in NEW_COLUMNS.items():
        present = {c["name"] for c in inspector.get_columns(table)}
        with op.batch_alter_table(table) as batch:
            for column in columns:
                if column.name not in present:
                    batch.add_column(column)
    if "reviews" not in inspector.get_table_names():
        op.create_table(
            "reviews",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("target", sa.String(length=16), nullable=False),
            sa.Column("target_id", sa.String(length=64), nullable=False),
            sa.Column("article", sa.String(length=32), nullable=True),
            sa.Column("start", sa.Integer(), nullable=True),
            sa.Column("end", sa.Integer(), nullable=True),
            sa.Column("verdict", sa.String(length=16), nullable=False),
            sa.Column("field", sa.String(length=32), nullable=True),
            sa.Column("value", sa.JSON(), nullable=True),
            sa.Column("original", sa.JSON(), nullable=False),
            sa.Column("note", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("undone_at", sa.DateTime(), nullable=True),
            sa.PrimaryKeyConstraint("id"),
        )
        op.create_index("ix_reviews_target_id", "reviews", ["target_id"])
        op.create_index("ix_reviews_article", "reviews", ["article"])


def downgrade() -> None:
    """Drop the reviews table and the columns this revision added."""
    op.drop_index("ix_reviews_article", table_name="reviews")
    op.drop_index("ix_reviews_target_id", table_name="reviews")
    op.drop_table("reviews")
    for table, columns in NEW_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column.name)
