"""Writes of the corpus-wide stages, each with a fingerprint of the ledger it was computed from.

Linking and reconciliation look at the whole ledger, so each stage's results replace the last ones
(linking writes only the rows that changed: a few new articles change few statements). The
fingerprint (articles, their extraction, their claims) recorded in the same transaction lets a run
that finds the ledger unchanged skip the stage, and a run killed between the two stages redo only
the second.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, delete, func, select
from sqlalchemy.orm import DeclarativeBase, Session

from fogwatch.ledger.bulk import delete_where_in, insert_values
from fogwatch.ledger.rows import listed, member_type, read_columns
from fogwatch.ledger.store import Ledger
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


# The columns relinking compares, in the order the tuples below give them.
_STATEMENT = ("id", "what", "origin", "said_on", "relays", "independent_origins", "first_seen", "explanation",
              "article_count")
_STORY = ("id", "label", "entities", "article_count")
_ENTITY = ("key", "name", "kind", "voice", "spellings")


def _statement_values(st: Statement) -> tuple[Any, ...]:
    return (st.id, st.what, st.origin, st.said_on, tuple(st.relays), st.independent_origins, st.first_seen,
            st.explanation, len(st.articles))


def _member_values(st: Statement) -> list[dict[str, Any]]:
    rows = [{"statement": st.id, "member": m, "member_type": member_type(m), "position": i}
            for i, m in enumerate(st.members)]
    rows += [{"statement": st.id, "member": a, "member_type": "article", "position": i}
             for i, a in enumerate(dict.fromkeys(st.articles))]
    return rows


def _conflict_values(c: Conflict, reviewed: bool) -> dict[str, Any]:
    return {"id": c.id, "kind": c.kind, "why": c.why, "rating": c.rating, "statement": c.statement,
            "members": list(c.members), "detail": [list(pair) for pair in c.detail], "reviewed": reviewed}


def _timeline_values(p: TimelinePoint) -> dict[str, Any]:
    return {"quantity": p.quantity, "party": p.party, "date": p.date, "low": p.low, "best": p.best,
            "high": p.high, "cumulative": p.cumulative, "independent": p.independent,
            "figures": list(p.figures), "statement": p.statement}


def replace_linked(ledger: Ledger, statements: Sequence[Statement], entities: Sequence[Entity],
                   stories: Sequence[Story], inputs: str, run_id: int | None = None) -> None:
    """Make the stored statements, entities and stories these, and record what they were computed
    from. Only rows that changed are written: a few new articles change a few statements and
    stories, and rewriting thousands of unchanged rows was most of what storing a relink cost."""
    story_rows = {st.id: (st.id, st.label, tuple(st.entities), len(st.articles)) for st in stories}
    statement_rows = {st.id: _statement_values(st) for st in statements}
    entity_rows = {e.key: (e.key, e.name, e.kind, e.voice, tuple(e.spellings)) for e in entities}
    with ledger.session() as s, s.begin():
        gone, fresh = _changed(s, StatementRow, _STATEMENT, statement_rows)
        delete_where_in(s, StatementMemberRow, StatementMemberRow.statement, gone)
        delete_where_in(s, StatementRow, StatementRow.id, gone)
        gone_stories, fresh_stories = _changed(s, StoryRow, _STORY, story_rows)
        delete_where_in(s, StoryMemberRow, StoryMemberRow.story, gone_stories)
        delete_where_in(s, StoryRow, StoryRow.id, gone_stories)
        gone_entities, fresh_entities = _changed(s, EntityRow, _ENTITY, entity_rows)
        delete_where_in(s, EntityRow, EntityRow.key, gone_entities)
        new_stories = [st for st in stories if st.id in fresh_stories]
        insert_values(s, StoryRow, [dict(zip(_STORY, story_rows[st.id], strict=True)) for st in new_stories])
        insert_values(s, StoryMemberRow, [{"story": st.id, "article": a, "position": i}
                                    for st in new_stories for i, a in enumerate(st.articles)])
        insert_values(s, EntityRow, [dict(zip(_ENTITY, entity_rows[e.key], strict=True))
                               for e in entities if e.key in fresh_entities])
        new_statements = [st for st in statements if st.id in fresh]
        insert_values(s, StatementRow, [dict(zip(_STATEMENT, statement_rows[st.id], strict=True))
                                  for st in new_statements])
        insert_values(s, StatementMemberRow, [row for st in new_statements for row in _member_values(st)])
        _record(s, "link", inputs, run_id)


def _changed(s: Session, row_type: type[DeclarativeBase], names: tuple[str, ...],
             wanted: dict[str, tuple[Any, ...]]) -> tuple[list[str], set[str]]:
    """Keys of stored rows that are not wanted as they are (to delete), and keys of wanted rows that
    are not stored as they are (to insert); a row whose values changed is in both. Rows are
    ``names``' values, the key first and JSON lists as tuples: they compare as tuples, read back
    without a mapping per row or parsing the empty lists most are."""
    table = row_type.__table__  # type: ignore[attr-defined]
    lists = [n for n, name in enumerate(names) if isinstance(table.c[name].type, JSON)]
    stored = {}
    for row in s.execute(select(*read_columns(table, names))):
        values = list(row)
        for n in lists:
            values[n] = listed(values[n])
        stored[values[0]] = tuple(values)
    gone = [k for k, row in stored.items() if wanted.get(k) != row]
    return gone, {k for k, row in wanted.items() if stored.get(k) != row}


def replace_reconciled(ledger: Ledger, conflicts: Sequence[Conflict], timeline: Sequence[TimelinePoint],
                       inputs: str, run_id: int | None = None) -> None:
    """Replace the conflicts and the timeline; reviews of conflicts that are found again survive."""
    with ledger.session() as s, s.begin():
        reviewed = set(s.scalars(select(ConflictRow.id).where(ConflictRow.reviewed.is_(True))))
        s.execute(delete(ConflictRow))
        s.execute(delete(TimelineRow))
        insert_values(s, ConflictRow, [_conflict_values(c, c.id in reviewed) for c in conflicts])
        insert_values(s, TimelineRow, [_timeline_values(p) for p in timeline])
        _record(s, "reconcile", inputs, run_id)
