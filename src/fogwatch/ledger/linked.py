"""Writes of the corpus-wide stages, each with a fingerprint of the ledger it was computed from.

Linking and reconciliation look at the whole ledger, so their results are replaced wholesale;
the fingerprint (articles, their extraction, their claims) recorded in the same transaction lets
a run that finds the ledger unchanged skip the stage, and a run killed between the two stages
redo only the second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from fogwatch.ledger.store import Ledger, _conflict_row, _member_rows, _statement_row, _timeline_row
from fogwatch.ledger.tables import (
    ArticleRow,
    AttributionRow,
    ConflictRow,
    EntityRow,
    FigureRow,
    StageStateRow,
    StatementMemberRow,
    StatementRow,
    StoryMemberRow,
    StoryRow,
    TimelineRow,
)
from fogwatch.model import Conflict, Entity, Statement, Story, TimelinePoint


def corpus_fingerprint(ledger: Ledger, *extra: str) -> str:
    """A digest of everything linking reads: each article's identity and extraction, and a summary of
    the stored claims (counts, offsets, id range), plus ``extra`` (settings, versions). Reads no text."""
    digest = hashlib.sha256("\x1f".join(extra).encode("utf-8"))
    columns = (ArticleRow.id, ArticleRow.content_hash, ArticleRow.copy_of, ArticleRow.published,
               ArticleRow.title, ArticleRow.outlet, ArticleRow.language, ArticleRow.extracted_with)
    with ledger.session() as s:
        for row in s.execute(select(*columns).order_by(ArticleRow.id)):
            digest.update(repr(tuple(row)).encode("utf-8"))
        for table in (AttributionRow, FigureRow):
            summary = s.execute(select(func.count(), func.sum(table.start), func.sum(table.end),
                                       func.min(table.id), func.max(table.id))).one()
            digest.update(repr(tuple(summary)).encode("utf-8"))
    return digest.hexdigest()


def stage_inputs(ledger: Ledger, stage: str) -> str | None:
    """The fingerprint a stage's stored results were computed from, if it ever ran."""
    with ledger.session() as s:
        return s.scalar(select(StageStateRow.inputs).where(StageStateRow.stage == stage))


def _record(s: Session, stage: str, inputs: str, run_id: int | None) -> None:
    s.execute(delete(StageStateRow).where(StageStateRow.stage == stage))
    s.add(StageStateRow(stage=stage, inputs=inputs, run_id=run_id))


def replace_linked(ledger: Ledger, statements: Sequence[Statement], entities: Sequence[Entity],
                   stories: Sequence[Story], inputs: str, run_id: int | None = None) -> None:
    """Replace the statements, entities and stories, and record what they were computed from."""
    with ledger.session() as s, s.begin():
        for table in (StatementMemberRow, StatementRow, EntityRow, StoryMemberRow, StoryRow):
            s.execute(delete(table))
        s.add_all(StoryRow(id=st.id, label=st.label, entities=list(st.entities),
                           article_count=len(st.articles)) for st in stories)
        s.flush()  # stories before the member rows that reference them
        s.add_all(StoryMemberRow(story=st.id, article=a, position=i)
                  for st in stories for i, a in enumerate(st.articles))
        s.add_all(EntityRow(key=e.key, name=e.name, kind=e.kind, voice=e.voice, spellings=list(e.spellings))
                  for e in entities)
        s.add_all(_statement_row(st) for st in statements)
        s.flush()  # statements before the member rows that reference them
        s.add_all(row for st in statements for row in _member_rows(st))
        _record(s, "link", inputs, run_id)


def replace_reconciled(ledger: Ledger, conflicts: Sequence[Conflict], timeline: Sequence[TimelinePoint],
                       inputs: str, run_id: int | None = None) -> None:
    """Replace the conflicts and the timeline; reviews of conflicts that are found again survive."""
    with ledger.session() as s, s.begin():
        reviewed = set(s.scalars(select(ConflictRow.id).where(ConflictRow.reviewed.is_(True))))
        s.execute(delete(ConflictRow))
        s.execute(delete(TimelineRow))
        s.add_all(_conflict_row(c, c.id in reviewed) for c in conflicts)
        s.add_all(_timeline_row(p) for p in timeline)
        _record(s, "reconcile", inputs, run_id)
