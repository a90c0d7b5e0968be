"""The schema as Fogwatch 0.1 made it without migrations, and any older ledger brought up to it.

Ledgers from before migrations carry no revision. This revision creates the tables such a ledger
lacks and adds, empty, the nullable columns added since it was made (every new field was nullable),
so every ledger Fogwatch ever wrote leaves here with the same schema and its rows intact.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BASELINE = sa.MetaData()


def _index(name: str, table: str, *columns: str) -> None:
    sa.Index(name, *(BASELINE.tables[table].c[c] for c in columns))


sa.Table("conflicts", BASELINE,
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("kind", sa.String(length=32), nullable=False),
    sa.Column("why", sa.Text(), nullable=False),
    sa.Column("rating", sa.String(length=32), nullable=True),
    sa.Column("statement", sa.String(length=64), nullable=True),
    sa.Column("members", sa.JSON(), nullable=False),
    sa.Column("detail", sa.JSON(), nullable=False),
    sa.Column("reviewed", sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_conflicts_kind", "conflicts", "kind")
_index("ix_conflicts_statement", "conflicts", "statement")
sa.Table("entities", BASELINE,
    sa.Column("key", sa.String(length=256), nullable=False),
    sa.Column("name", sa.Text(), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("voice", sa.String(length=256), nullable=True),
    sa.Column("spellings", sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint("key")
)
_index("ix_entities_name", "entities", "name")
sa.Table("runs", BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("command", sa.String(length=64), nullable=False),
    sa.Column("started_at", sa.DateTime(), nullable=False),
    sa.Column("finished_at", sa.DateTime(), nullable=True),
    sa.Column("settings", sa.JSON(), nullable=False),
    sa.Column("versions", sa.JSON(), nullable=False),
    sa.Column("stats", sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint("id")
)
sa.Table("statements", BASELINE,
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("what", sa.Text(), nullable=False),
    sa.Column("origin", sa.Text(), nullable=True),
    sa.Column("said_on", sa.String(length=32), nullable=True),
    sa.Column("relays", sa.JSON(), nullable=False),
    sa.Column("independent_origins", sa.Integer(), nullable=False),
    sa.Column("first_seen", sa.String(length=32), nullable=True),
    sa.Column("explanation", sa.Text(), nullable=False),
    sa.Column("article_count", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_statements_article_count", "statements", "article_count")
_index("ix_statements_origin", "statements", "origin")
sa.Table("stories", BASELINE,
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("label", sa.Text(), nullable=False),
    sa.Column("entities", sa.JSON(), nullable=False),
    sa.Column("article_count", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_stories_article_count", "stories", "article_count")
sa.Table("timeline", BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("quantity", sa.Text(), nullable=False),
    sa.Column("party", sa.Text(), nullable=True),
    sa.Column("date", sa.String(length=32), nullable=True),
    sa.Column("low", sa.Float(), nullable=True),
    sa.Column("best", sa.Float(), nullable=True),
    sa.Column("high", sa.Float(), nullable=True),
    sa.Column("cumulative", sa.Boolean(), nullable=True),
    sa.Column("independent", sa.Boolean(), nullable=False),
    sa.Column("figures", sa.JSON(), nullable=False),
    sa.Column("statement", sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_timeline_quantity", "timeline", "quantity")
sa.Table("articles", BASELINE,
    sa.Column("id", sa.String(length=32), nullable=False),
    sa.Column("content_hash", sa.String(length=64), nullable=False),
    sa.Column("source", sa.Text(), nullable=False),
    sa.Column("url", sa.Text(), nullable=True),
    sa.Column("title", sa.Text(), nullable=True),
    sa.Column("outlet", sa.Text(), nullable=True),
    sa.Column("published", sa.String(length=32), nullable=True),
    sa.Column("language", sa.String(length=8), nullable=True),
    sa.Column("format", sa.String(length=16), nullable=False),
    sa.Column("copy_of", sa.String(length=32), nullable=True),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("run_id", sa.Integer(), nullable=True),
    sa.Column("extracted_with", sa.String(length=128), nullable=True),
    sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_articles_content_hash", "articles", "content_hash")
_index("ix_articles_outlet", "articles", "outlet")
_index("ix_articles_published", "articles", "published")
sa.Table("rejected", BASELINE,
    sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
    sa.Column("input", sa.Text(), nullable=False),
    sa.Column("reason", sa.Text(), nullable=False),
    sa.Column("hint", sa.Text(), nullable=False),
    sa.Column("run_id", sa.Integer(), nullable=True),
    sa.Column("seen_at", sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_rejected_input", "rejected", "input")
sa.Table("statement_members", BASELINE,
    sa.Column("statement", sa.String(length=64), nullable=False),
    sa.Column("member", sa.String(length=64), nullable=False),
    sa.Column("member_type", sa.String(length=16), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["statement"], ["statements.id"], ),
    sa.PrimaryKeyConstraint("statement", "member")
)
_index("ix_statement_members_member", "statement_members", "member")
sa.Table("story_members", BASELINE,
    sa.Column("story", sa.String(length=64), nullable=False),
    sa.Column("article", sa.String(length=32), nullable=False),
    sa.Column("position", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["story"], ["stories.id"], ),
    sa.PrimaryKeyConstraint("story", "article")
)
_index("ix_story_members_article", "story_members", "article")
sa.Table("attributions", BASELINE,
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("article", sa.String(length=32), nullable=False),
    sa.Column("kind", sa.String(length=16), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("speaker_name", sa.Text(), nullable=True),
    sa.Column("speaker_type", sa.String(length=16), nullable=False),
    sa.Column("speaker_mention", sa.Text(), nullable=False),
    sa.Column("speaker_role", sa.Text(), nullable=True),
    sa.Column("speaker_organization", sa.Text(), nullable=True),
    sa.Column("speaker_description", sa.Text(), nullable=True),
    sa.Column("cue", sa.Text(), nullable=True),
    sa.Column("cue_start", sa.Integer(), nullable=True),
    sa.Column("cue_end", sa.Integer(), nullable=True),
    sa.Column("via", sa.JSON(), nullable=False),
    sa.Column("said_on", sa.String(length=32), nullable=True),
    sa.Column("said_on_text", sa.Text(), nullable=True),
    sa.Column("date_flags", sa.JSON(), nullable=False),
    sa.Column("extractor", sa.String(length=64), nullable=False),
    sa.Column("source_start", sa.Integer(), nullable=True),
    sa.Column("source_end", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["article"], ["articles.id"], ),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_attributions_article", "attributions", "article")
_index("ix_attributions_speaker_name", "attributions", "speaker_name")
sa.Table("figures", BASELINE,
    sa.Column("id", sa.String(length=64), nullable=False),
    sa.Column("article", sa.String(length=32), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("start", sa.Integer(), nullable=False),
    sa.Column("end", sa.Integer(), nullable=False),
    sa.Column("value", sa.Float(), nullable=False),
    sa.Column("low", sa.Float(), nullable=True),
    sa.Column("high", sa.Float(), nullable=True),
    sa.Column("counted", sa.String(length=32), nullable=False),
    sa.Column("qualifier", sa.String(length=64), nullable=True),
    sa.Column("vague", sa.Boolean(), nullable=False),
    sa.Column("unit", sa.String(length=16), nullable=False),
    sa.Column("subject", sa.Text(), nullable=True),
    sa.Column("place", sa.Text(), nullable=True),
    sa.Column("window_text", sa.Text(), nullable=True),
    sa.Column("window_start", sa.String(length=32), nullable=True),
    sa.Column("window_end", sa.String(length=32), nullable=True),
    sa.Column("window_cumulative", sa.Boolean(), nullable=True),
    sa.Column("source", sa.Text(), nullable=True),
    sa.Column("source_type", sa.String(length=16), nullable=True),
    sa.Column("via", sa.JSON(), nullable=False),
    sa.Column("attribution", sa.String(length=64), nullable=True),
    sa.Column("said_on", sa.String(length=32), nullable=True),
    sa.Column("part_of", sa.String(length=64), nullable=True),
    sa.Column("extractor", sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(["article"], ["articles.id"], ),
    sa.PrimaryKeyConstraint("id")
)
_index("ix_figures_article", "figures", "article")
_index("ix_figures_counted", "figures", "counted")
_index("ix_figures_source", "figures", "source")
sa.Table("tallies", BASELINE,
    sa.Column("article", sa.String(length=32), nullable=False),
    sa.Column("killed", sa.Integer(), nullable=False),
    sa.Column("injured", sa.Integer(), nullable=False),
    sa.Column("victims", sa.JSON(), nullable=False),
    sa.Column("extractor", sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(["article"], ["articles.id"], ),
    sa.PrimaryKeyConstraint("article")
)

def upgrade() -> None:
    """Create the tables a ledger lacks, then the nullable columns its tables lack."""
    bind = op.get_bind()
    BASELINE.create_all(bind, checkfirst=True)
    inspector = sa.inspect(bind)
    for table in BASELINE.sorted_tables:
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name not in present and column.nullable:
                op.add_column(table.name, sa.Column(column.name, column.type, nullable=True))


def downgrade() -> None:
    """Drop every table of the baseline."""
    BASELINE.drop_all(op.get_bind())
