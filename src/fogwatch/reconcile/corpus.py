"""The reconcile stage in one call: conflicts inside stories, and the timeline of each quantity."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fogwatch.link.linkage import Start
from fogwatch.link.matching import bulk_allocation
from fogwatch.link.origins import OriginIndex
from fogwatch.model import Article, ArticleClaims, Conflict, Statement, Story, TimelinePoint
from fogwatch.reconcile.conflicts import ConflictFinder
from fogwatch.reconcile.timeline import build_timeline


@dataclass(frozen=True)
class Reconciled:
    """What the reconcile stage hands the ledger."""

    conflicts: list[Conflict]
    timeline: list[TimelinePoint]


def reconcile_corpus(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                     statements: Sequence[Statement], index: OriginIndex,
                     stories: Sequence[Story], start: Start[list[Conflict]] | None = None,
                     per_article: Callable[[], list[Conflict]] | None = None) -> Reconciled:
    """Conflicts between the linked statements and the timeline over them. ``start`` finds the
    conflicts each article shows elsewhere (a forked process) while this one finds the rest and
    builds the timeline; ``per_article`` waits for those conflicts found elsewhere already (see
    ``article_conflicts``). They are the same either way."""
    articles, claims, statements = list(articles), list(claims), list(statements)
    finder = ConflictFinder(articles, claims, statements, index, list(stories))
    with bulk_allocation():
        if per_article is None:
            per_article = start(finder.per_article) if start is not None else finder.per_article
        per_statement = finder.per_statement()
        timeline = build_timeline(articles, claims, statements, index, finder.figure_basis)
        conflicts = finder.merged(per_statement, per_article())
    return Reconciled(conflicts, timeline)


def article_conflicts(articles: Sequence[Article], claims: Sequence[ArticleClaims],
                      statements: Sequence[Statement], index: OriginIndex) -> list[Conflict]:
    """The conflicts each article shows: the half of reconciling that needs no stories, so it can
    start as soon as statements are linked."""
    with bulk_allocation():
        return ConflictFinder(list(articles), list(claims), list(statements), index, []).per_article()
