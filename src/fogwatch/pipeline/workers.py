"""Extraction on several processes, each loading spaCy once, results in input order.

spaCy holds the GIL while it parses, so threads would not help; worker processes do. Where the
platform can fork, the model is loaded once here and the workers share it (copy-on-write), so a
worker costs no second load; elsewhere each spawned worker loads it once. Articles go out in small
chunks (so short and long articles even out across workers) and come back in the order they went
out, so the executor stores them exactly as one process would; everything stored before a crash
stays stored, and the next run extracts only what is left.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence

from fogwatch.extract import ExtractStep
from fogwatch.model import Article, ArticleClaims
from fogwatch.pipeline.heap import long_lived

_step: ExtractStep | None = None  # each worker's step, its model loaded once by ``_load``


def worker_count(requested: int) -> int:
    """``requested`` processes, or every core when it is 0 (or less)."""
    return requested if requested > 0 else os.cpu_count() or 1


def _load(parse_all: bool, learned_cues: bool = False) -> None:
    from fogwatch.extract.nlp import full_pipeline

    global _step
    _step = ExtractStep(parse_all=parse_all, learned_cues=learned_cues)
    full_pipeline()


def _extract_chunk(articles: list[Article]) -> list[ArticleClaims]:
    assert _step is not None, "worker started without _load"
    return in_input_order(articles, _step.run(articles))


def in_input_order(articles: Sequence[Article], claims: Iterator[ArticleClaims]) -> list[ArticleClaims]:
    """The step yields skipped languages first; put every article's claims back in input order."""
    by_id = {c.article: c for c in claims}
    return [by_id[a.id] for a in articles]


def extract_articles(articles: Sequence[Article], *, parse_all: bool = False, workers: int = 0,
                     chunk: int = 4, per_worker: int | None = None, learned_cues: bool = False,
                     meanwhile: Callable[[], object] | None = None) -> Iterator[ArticleClaims]:
    """Each article's claims, in input order, from ``workers`` processes (0: every core), started
    only for every ``per_worker`` articles (default: 8 where workers fork and share the loaded model,
    a second worker already pays for a ledger's hourly few dozen new articles; 32 where each must
    load its own); one worker runs in this process and starts nothing. ``meanwhile`` runs on a
    thread while the model loads (and, in this process, while it parses), for work that leaves the
    GIL free (loading the embedding model); the thread ends before any worker is forked."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    per_worker = per_worker or (8 if method == "fork" else 32)
    count = min(worker_count(workers), len(articles) // per_worker)
    beside = _thread_for(meanwhile)
    try:
        if count <= 1:
            yield from in_input_order(articles, ExtractStep(parse_all, learned_cues).run(articles))
            return
        chunks = [list(articles[lo:lo + chunk]) for lo in range(0, len(articles), chunk)]
        if method == "fork":
            _load(parse_all, learned_cues)  # before the fork: the workers inherit the loaded model
        if beside is not None:
            beside.join()  # a thread running while this process forks may leave its locks held in the workers
        context = multiprocessing.get_context(method)
        with long_lived(), context.Pool(count, initializer=_load, initargs=(parse_all, learned_cues)) as pool:
            for claims in pool.imap(_extract_chunk, chunks):
                yield from claims
    finally:
        if beside is not None:
            beside.join()


def _thread_for(work: Callable[[], object] | None) -> threading.Thread | None:
    """``work`` started on a thread; what it raises is left for whoever needs its result to meet."""
    if work is None:
        return None

    def quietly() -> None:
        with contextlib.suppress(Exception):
            work()

    thread = threading.Thread(target=quietly, name="fogwatch-meanwhile", daemon=True)
    thread.start()
    return thread
