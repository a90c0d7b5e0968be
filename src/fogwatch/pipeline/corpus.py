"""The corpus-wide stages as the executor runs them: link, then reconcile.

Both look at the whole ledger, since a new article may join any story or statement. Re-runs stay
cheap in two ways: each stage records a fingerprint of the ledger it was computed from and is
skipped when the ledger still matches (a run that adds nothing does next to nothing), and sentence
vectors live in the ledger, so relinking after new articles embeds only their text. The embedding,
the slow part, is done ahead with progress bars that count texts (leads, then claims). Stories and
statements are independent, so on a machine with a second core the stories are clustered in a
forked child (``aside``) while this process builds the statements; half the statements' summaries,
and reconciling's per-article half, go to children the same way. What the stages keep in memory is
frozen out of the garbage collector's walks while they run (``heap``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from fogwatch import __version__
from fogwatch.extract import extractor_version
from fogwatch.ledger import Ledger
from fogwatch.ledger.linked import corpus_fingerprint, replace_linked, replace_reconciled, stage_inputs
from fogwatch.link.embeddings import MODEL_NAME, EmbedFn, known_vectors
from fogwatch.model import Article, ArticleClaims, Conflict, Statement
from fogwatch.pipeline.aside import aside
from fogwatch.pipeline.heap import long_lived
from fogwatch.pipeline.step import Progress, StepStats

if TYPE_CHECKING:
    from fogwatch.link.corpus import LinkResult
    from fogwatch.link.linkage import GroupMap
    from fogwatch.link.vector_cache import CachedEmbedder


T = TypeVar("T")
ASIDE_FROM = 200  # articles from which stories are clustered in a forked child beside statements


def _start_aside(job: Callable[[], T]) -> Callable[[], T]:
    """A job started in a forked child; what is returned waits for its result."""
    return aside(job).result


class CorpusStages:
    """Link and reconcile over a ledger; the link result stays in memory for reconcile to use."""

    def __init__(self, ledger: Ledger, settings: dict[str, Any], progress: Progress,
                 model: EmbedFn | None = None, map_groups: GroupMap | None = None,
                 fork: bool = False) -> None:
        self.ledger = ledger
        self.settings = settings
        self.progress = progress
        self.model = model  # what embeds the texts the ledger has no vector for; None: the model here
        self.map_groups = map_groups  # where linking's independent jobs run (stories, voices); None: here
        self._linked: tuple[list[Article], list[ArticleClaims], LinkResult] | None = None
        self.fork = fork  # whether independent halves may run in a forked child (see ``aside``)
        self.aside_from = ASIDE_FROM
        self._per_article: Callable[[], list[Conflict]] | None = None  # reconcile's half started by link

    def fingerprint(self) -> str:
        """What linking reads: the ledger's articles and claims, the versions and settings that shape it."""
        embedding = MODEL_NAME if self.settings["embeddings"] else "hashed"
        return corpus_fingerprint(self.ledger, __version__, extractor_version(self.settings), embedding)

    def link(self, run_id: int | None = None, reconcile_next: bool = False) -> StepStats:
        """Stories, statements and entities over the whole ledger, unless it is unchanged since last
        time. With ``reconcile_next`` (the executor reconciles right after) and a second core, the half
        of reconciling that needs only statements starts in a forked child while the links are stored."""
        stats = StepStats("link")
        started = time.perf_counter()
        inputs = self.fingerprint()
        if stage_inputs(self.ledger, "link") == inputs:
            stats.notes["unchanged"] = 1
            stats.seconds = time.perf_counter() - started
            return stats
        from fogwatch.link.corpus import chosen_embed, link_corpus, story_leads  # loaded only to link
        from fogwatch.link.matching import StatementInputs
        from fogwatch.link.stories import cluster_stories
        from fogwatch.link.voices import origin_index_for

        with long_lived() as settle:  # the ledger read here, and what is built from it, outlive the stage
            articles = self.ledger.articles()
            cached = self._cached_embedder()
            leads = story_leads(articles)
            embedded = self._embed_ahead(cached, leads, "leads")
            # Stories need only the articles and their lead vectors: clustered aside (a forked child,
            # given the vectors in memory) while this process reads the claims and builds statements.
            # Ray links the stories' groups itself.
            fork = self._forks(articles) and self.map_groups is None
            if cached is None:
                lead_embed = chosen_embed(False, None)
            else:
                lead_embed = known_vectors(leads, cached(leads)) if fork else cached
            settle()
            stories = aside(cluster_stories, articles, fork=fork, embed=lead_embed,
                            map_groups=self.map_groups)
            claims = self.ledger.claims()
            index = origin_index_for(claims, articles)
            prepared = StatementInputs.of(articles, claims, index)
            settle()
            embedded += self._embed_ahead(cached, prepared.paraphrase_texts(), "embed")
            stats.notes["embedded"] = embedded
            self.progress.start("link", 3)
            result = link_corpus(articles, claims, embeddings=self.settings["embeddings"], embed=cached,
                                 index=index, progress=lambda: self.progress.advance("link"),
                                 map_groups=self.map_groups, stories=stories.result,
                                 statement_inputs=prepared, start=_start_aside if fork else None)
            settle()
            if reconcile_next and fork:
                from fogwatch.reconcile.corpus import article_conflicts

                self._per_article = aside(article_conflicts, articles, claims, result.statements,
                                          result.index).result
            replace_linked(self.ledger, result.statements, result.entities, result.stories, inputs, run_id)
        self.progress.advance("link")
        self.progress.finish("link")
        self._linked = (articles, claims, result)
        stats.seen = len(articles)
        stats.kept = len(result.statements)
        stats.notes["stories"] = len(result.stories)
        stats.seconds = time.perf_counter() - started
        return stats

    def _forks(self, articles: Sequence[Article]) -> bool:
        """Whether a stage's independent halves run in two processes: only where the executor allows
        forking and the ledger is large enough for it to pay."""
        return self.fork and len(articles) >= self.aside_from

    def _cached_embedder(self) -> CachedEmbedder | None:
        """The model behind the ledger's vector store; None with embeddings off (linking then
        compares words)."""
        if not self.settings["embeddings"]:
            return None
        from fogwatch.ledger.vectors import VectorStore, text_hash
        from fogwatch.link.embeddings import embed as model_embed
        from fogwatch.link.vector_cache import CachedEmbedder

        return CachedEmbedder(VectorStore(self.ledger, MODEL_NAME), self.model or model_embed, text_hash)

    def _embed_ahead(self, cached: CachedEmbedder | None, texts: list[str], bar: str) -> int:
        """Embed and store every text the store lacks, counted on its own bar; how many there were."""
        if cached is None:
            return 0
        missing = cached.count_missing(texts)
        if missing:
            self.progress.start(bar, missing)
            cached.prepare(texts, lambda n: self.progress.advance(bar, n))
            self.progress.finish(bar)
        return missing

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
        start = _start_aside if self._forks(articles) else None
        per_article, self._per_article = self._per_article, None
        with long_lived():  # the linked corpus outlives the stage
            reconciled = reconcile_corpus(articles, claims, result.statements, result.index, result.stories,
                                          start, per_article)
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
