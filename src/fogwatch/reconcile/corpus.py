"""The reconcile stage in one call: conflicts inside stories, and the timeline of each quantity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fogwatch.link.origins import OriginIndex
from fogwatch.model import Article, ArticleClaims, Conflict, Statement, Story, TimelinePoint
from fogwatch.reconcile.conflicts import find_conflicts
from fogwatch.reconcile.timeline import build_timeline


@dataclass(frozen=True)
class Reconciled:
    """What the reconcile stage hands the ledger."""

    conflicts: list[Conflict]
    timeline: list[TimelinePoint]


def reconcile_corpus(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                     statements: Sequence[Statement], index: OriginIndex,
                     stories: Sequence[Story]) -> Reconciled:
    """Conflicts between the linked statements and the timeline over them."""
    articles, claims, statements = list(articles), list(claims), list(statements)
    conflicts = find_conflicts(articles, claims, statements, index, list(stories))
    timeline = build_timeline(articles, claims, statements, index)
    return Reconciled(conflicts, timeline)
