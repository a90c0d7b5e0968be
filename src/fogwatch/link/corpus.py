"""The whole cross-article stage in one call: statements, then conflicts and the timeline over them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fogwatch.link.embeddings import EmbedFn, hashed_embed
from fogwatch.link.matching import LinkSettings, build_statements
from fogwatch.link.stories import cluster_stories
from fogwatch.link.voices import origin_index_for
from fogwatch.model import Article, ArticleClaims, Conflict, Entity, Statement, Story, TimelinePoint
from fogwatch.reconcile.conflicts import find_conflicts
from fogwatch.reconcile.timeline import build_timeline


@dataclass(frozen=True)
class LinkResult:
    """What the link stage hands the ledger."""

    statements: list[Statement]
    conflicts: list[Conflict]
    timeline: list[TimelinePoint]
    entities: list[Entity]
    stories: list[Story]


def link_corpus(articles: Sequence[Article], claims: Sequence[ArticleClaims], *, embeddings: bool = True,
                embed: EmbedFn | None = None, settings: LinkSettings | None = None) -> LinkResult:
    """Group articles into stories, link every claim into statements and reconcile them inside their
    stories; ``embeddings=False`` compares by shared words only (no model load), for machines without
    the ONNX model or for speed."""
    articles, claims = list(articles), list(claims)
    index = origin_index_for(claims, articles)
    chosen = embed if embed is not None else (None if embeddings else hashed_embed)
    stories = cluster_stories(articles, embed=chosen)
    statements = build_statements(articles, claims, embed=chosen, settings=settings, index=index)
    conflicts = find_conflicts(articles, claims, statements, index, stories)
    timeline = build_timeline(articles, claims, statements, index)
    return LinkResult(statements, conflicts, timeline, index.entities(), stories)
