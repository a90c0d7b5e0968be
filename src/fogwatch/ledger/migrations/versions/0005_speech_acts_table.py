"""Speech acts move from the attributions table (kind `speech_act`) to a table of their own.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_COLUMNS = ("id, article, text, start, \"end\", speaker_name, speaker_type, speaker_mention, speaker_role, "
            "speaker_organization, speaker_description, cue, cue_start, cue_end, via, extractor, "
            "source_start, source_end")


def upgrade() -> None:
    """Create the table and move every stored speech act into it, unchanged."""
    op.create_table(
        "speech_acts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("article", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        sa.Column("speaker_type", sa.String(length=16), nullable=False),
        sa.Column("speaker_mention", sa.Text(), nullable=False),
        sa.Column("speaker_role", sa.Text(), nullable=True),
        sa.Column("speaker_organization", sa.Text(), nullable=True),
        sa.Column("speaker_description", sa.Text(), nullable=True),
        sa.Column("cue", sa.Text(), nullable=False),
        sa.Column("cue_start", sa.Integer(), nullable=False),
        sa.Column("cue_end", sa.Integer(), nullable=False),
        sa.Column("via", sa.JSON(), nullable=False),
        sa.Column("extractor", sa.String(length=64), nullable=False),
        sa.Column("source_start", sa.Integer(), nullable=True),
        sa.Column("source_end", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["article"], ["articles.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_speech_acts_article", "speech_acts", ["article"])
    moved = ("id, article, text, start, \"end\", speaker_name, speaker_type, speaker_mention, speaker_role, "
             "speaker_organization, speaker_description, COALESCE(cue, ''), COALESCE(cue_start, start), "
             "COALESCE(cue_end, start), via, extractor, source_start, source_end")
    op.execute(f"INSERT INTO speech_acts ({_COLUMNS}) SELECT {moved} FROM attributions "
               "WHERE kind = 'speech_act'")
    op.execute("DELETE FROM attributions WHERE kind = 'speech_act'")


def downgrade() -> None:
    """Move the speech acts back into the attributions table and drop theirs."""
    op.execute(f"INSERT INTO attributions ({_COLUMNS}, kind, said_on, said_on_text, date_flags) "
               f"SELECT {_COLUMNS}, 'speech_act', NULL, NULL, '[]' FROM speech_acts")
    op.drop_index("ix_speech_acts_article", table_name="speech_acts")
    op.drop_table("speech_acts")
