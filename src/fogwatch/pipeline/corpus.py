"""The corpus-wide stages as the executor runs them: link, then reconcile.

Both look at the whole ledger, since a new article may join any story or statement. Re-runs stay
cheap in two ways: each stage records a fingerprint of the ledger it was computed from and is
skipped when the ledger still matches (a run that adds nothing does next to nothing), and sentence
vectors live in the ledger, so relinking after new articles embeds only their text. The embedding,
the slow part, is done ahead with a progress bar that counts texts.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from fogwatch import __version__
from fogwatch.extract import extractor_version
from fogwatch.ledger import Ledger
from fogwatch.ledger.linked import corpus_fingerprint, replace_linked, replace_reconciled, stage_inputs
from fogwatch.link.embeddings import MODEL_NAME, EmbedFn
from fogwatch.model import Article, ArticleClaims, Statement
from fogwatch.pipeline.step import Progress, StepStats

if TYPE_CHECKING:
    from fogwatch.link.corpus import LinkResult
    from fogwatch.link.linkage import GroupMap


class CorpusStages:
    """Link and reconcile over a ledger; the link result stays in memory for reconcile to use."""

    def __init__(self, ledger: Ledger, settings: dict[str, Any], progress: Progress,
                 model: EmbedFn | None = None, map_groups: GroupMap | None = None) -> None:
        self.ledger = ledger
        self.settings = settings
        self.progress = progress
        self.model = model  # what embeds the texts the ledger has no vector for; None: the model here
        self.map_groups = map_groups  # where linking's independent jobs run (stories, voices); None: here
        self._linked: tuple[list[Article], list[ArticleClaims], LinkResult] | None = None

    def fingerprint(self) -> str:
        """What linking reads: the ledger's articles and claims, the versions and settings that shape it."""
        embedding = MODEL_NAME if self.settings["embeddings"] else "hashed"
        return corpus_fingerprint(self.ledger, __version__, extractor_version(self.settings), embedding)

    def link(self, run_id: int | None = None) -> StepStats:
        """Stories, statements and entities over the whole ledger, unless it is unchanged since last time."""
        stats = StepStats("link")
        started = time.perf_counter()
        inputs = self.fingerprint()
        if stage_inputs(self.ledger, "link") == inputs:
            stats.notes["unchanged"] = 1
            stats.seconds = time.perf_counter() - started
            return stats
        from fogwatch.link.corpus import link_corpus  # loaded only when there is linking to do
        from fogwatch.link.voices import origin_index_for

        articles, claims = self.ledger.articles(), self.ledger.claims()
        index = origin_index_for(claims, articles)
        embed = self._embedder(articles, claims, index, stats)
        self.progress.start("link", 3)
        result = link_corpus(articles, claims, embeddings=self.settings["embeddings"], embed=embed,
                             index=index, progress=lambda: self.progress.advance("link"),
                             map_groups=self.map_groups)
        replace_linked(self.ledger, result.statements, result.entities, result.stories, inputs, run_id)
        self.progress.advance("link")
        self.progress.finish("link")
        self._linked = (articles, claims, result)
        stats.seen = len(articles)
        stats.kept = len(result.statements)
        stats.notes["stories"] = len(result.stories)
        stats.seconds = time.perf_counter() - started
        return stats

    def _embedder(self, articles: list[Article], claims: list[ArticleClaims], index: Any,
                  stats: StepStats) -> EmbedFn | None:
        """The model behind the ledger's vector store, with every missing vector embedded ahead
        (counted on the "embed" bar); None with embeddings off (linking then compares words)."""
        if not self.settings["embeddings"]:
            return None
        from fogwatch.ledger.vectors import VectorStore, text_hash
        from fogwatch.link.corpus import texts_to_embed
        from fogwatch.link.embeddings import embed as model_embed
        from fogwatch.link.vector_cache import CachedEmbedder

        cached = CachedEmbedder(VectorStore(self.ledger, MODEL_NAME), self.model or model_embed, text_hash)
        texts = texts_to_embed(articles, claims, index)
        missing = cached.count_missing(texts)
        if missing:
            self.progress.start("embed", missing)
            cached.prepare(texts, lambda n: self.progress.advance("embed", n))
            self.progress.finish("embed")
        stats.notes["embedded"] = missing
        return cached

    def reconcile(self, run_id: int | None = None) -> StepStats:
        """Conflicts and the timeline over the stored statements, unless they already match them."""
        stats = StepStats("reconcile")
        started = time.perf_counter()
        inputs = stage_inputs(self.ledger, "link")
        if self._linked is None and inputs is not None and stage_inputs(self.ledger, "reconcile") == inputs:
            stats.notes["unchanged"] = 1
            stats.seconds = time.perf_counter() - started
            return stats
        from fogwatch.reconcile.corpus import reconcile_corpus

        self.progress.start("reconcile", None)
        articles, claims, result = self._linked or self._stored_links()
        reconciled = reconcile_corpus(articles, claims, result.statements, result.index, result.stories)
        replace_reconciled(self.ledger, reconciled.conflicts, reconciled.timeline, inputs or "", run_id)
        self.progress.finish("reconcile")
        stats.seen = len(result.statements)
        stats.kept = len(reconciled.conflicts)
        stats.notes["timeline"] = len(reconciled.timeline)
        stats.seconds = time.perf_counter() - started
        return stats

    def _stored_links(self) -> tuple[list[Article], list[ArticleClaims], LinkResult]:
        """The last link's results read back, statements in the order linking made them."""
        from fogwatch.link.corpus import LinkResult
        from fogwatch.link.voices import origin_index_for

        articles, claims = self.ledger.articles(), self.ledger.claims()
        index = origin_index_for(claims, articles)
        statements = in_link_order(self.ledger.statements(), articles, claims)
        return articles, claims, LinkResult(statements, index.entities(), self.ledger.stories(), index)


def in_link_order(statements: list[Statement], articles: list[Article],
                  claims: list[ArticleClaims]) -> list[Statement]:
    """Statements sorted as ``build_statements`` returns them: by first article, first offset, id."""
    from fogwatch.link.relays import article_order, claim_records

    order = article_order(articles)
    records = claim_records(claims)

    def key(s: Statement) -> tuple[int, int, str]:
        first = records.get(s.members[0]) if s.members else None
        return order.get(s.first_seen or "", len(order)), first.start if first else 0, s.id

    return sorted(statements, key=key)
