"""The link stage in one call: stories, then statements with their origins and entities.

Conflicts and the timeline are built over these by ``fogwatch.reconcile`` as a stage of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fogwatch.link.embeddings import EmbedFn, hashed_embed
from fogwatch.link.linkage import GroupMap, Start
from fogwatch.link.matching import LinkSettings, StatementInputs, build_statements
from fogwatch.link.origins import OriginIndex
from fogwatch.link.stories import StorySettings, cluster_stories, lead
from fogwatch.link.voices import origin_index_for
from fogwatch.model import Article, ArticleClaims, Entity, Statement, Story


@dataclass(frozen=True)
class LinkResult:
    """What the link stage hands the ledger, and the origin index reconciliation reads it with."""

    statements: list[Statement]
    entities: list[Entity]
    stories: list[Story]
    index: OriginIndex


def chosen_embed(embeddings: bool, embed: EmbedFn | None) -> EmbedFn | None:
    """The embedding function linking uses: the one given, else the model (None) or, with
    ``embeddings=False``, shared words only (no model load)."""
    return embed if embed is not None else (None if embeddings else hashed_embed)


def story_leads(articles: Sequence[Article]) -> list[str]:
    """The texts story clustering embeds: each article's title and lead."""
    return [lead(a, StorySettings().lead_words) for a in articles]


def link_corpus(articles: Sequence[Article], claims: Sequence[ArticleClaims], *, embeddings: bool = True,
                embed: EmbedFn | None = None, settings: LinkSettings | None = None,
                index: OriginIndex | None = None, progress: Callable[[], None] | None = None,
                map_groups: GroupMap | None = None, stories: Callable[[], list[Story]] | None = None,
                statement_inputs: StatementInputs | None = None,
                start: Start[list[Statement]] | None = None) -> LinkResult:
    """Group articles into stories and link every claim into statements; ``embeddings=False``
    compares by shared words only, for machines without the ONNX model or for speed. ``progress``
    is called after each of the two parts; ``map_groups`` runs the stories' independent linkages
    and the statements' independent voices elsewhere (Ray). ``stories`` gives the stories of these
    articles clustered elsewhere meanwhile (another process); it is asked once statements are built.
    ``statement_inputs`` are these claims already prepared for statement linking; ``start`` runs
    half the statements' summaries elsewhere (another process) meanwhile."""
    articles, claims = list(articles), list(claims)
    index = index or origin_index_for(claims, articles)
    chosen = chosen_embed(embeddings, embed)
    if stories is None:
        clustered = cluster_stories(articles, embed=chosen, map_groups=map_groups)
        if progress is not None:
            progress()
    statements = build_statements(articles, claims, embed=chosen, settings=settings, index=index,
                                  map_groups=map_groups, inputs=statement_inputs, start=start)
    if stories is not None:
        clustered = stories()
        if progress is not None:
            progress()
    if progress is not None:
        progress()
    return LinkResult(statements, index.entities(), clustered, index)
