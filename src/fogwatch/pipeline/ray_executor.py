"""Run reading, extraction and sentence embedding on a Ray cluster: Ray tasks read the inputs, and
one actor per worker, loading its model (spaCy, or the sentence model) once, extracts or embeds.

These need nothing but an input, an article or a text, and are nearly all of a first run's cost, so
they are what goes to Ray. Story clustering's average linkage, which runs on independent groups of
articles, sends the groups of a large corpus to Ray tasks too; storing, statement linking and
reconciliation stay in this process and write the same ledger, which is why the export equals the
local executor's (the sentence model gives a text the same vector whatever batch it comes in, and a
group links the same wherever it runs). Each chunk of articles goes to whichever actor has
room, two queued per actor so none sits idle while its last result travels back, and the results
are handed on in the order the chunks went out, so storage, batching and resuming after a crash
are the local executor's own. (Ray's ``ActorPool.map`` frees an actor only when its result is the
next one in order, which left actors idle behind a slower chunk.) ``address`` joins an existing
cluster ("auto", or "ray://head:10001"); without it a Ray is started on this machine.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

import numpy as np

from fogwatch.errors import UsageError
from fogwatch.ingest import IngestStep, readable_units
from fogwatch.ledger import Ledger
from fogwatch.link.linkage import Clusters
from fogwatch.model import Article, ArticleClaims, Rejected
from fogwatch.pipeline.local import STAGES, LocalExecutor, RunSummary
from fogwatch.pipeline.step import Progress
from fogwatch.pipeline.workers import in_input_order


class ChunkExtractor:
    """A Ray actor's state: the extraction step, its model loaded once when the actor starts."""

    def __init__(self, parse_all: bool, learned_cues: bool = False) -> None:
        from fogwatch.extract import ExtractStep
        from fogwatch.extract.nlp import full_pipeline

        self.step = ExtractStep(parse_all=parse_all, learned_cues=learned_cues)
        full_pipeline()

    def extract(self, articles: list[Article]) -> list[ArticleClaims]:
        """Each article's claims, in the order given."""
        return in_input_order(articles, self.step.run(articles))


def read_part(step: IngestStep, units: list[str]) -> list[Article | Rejected]:
    """A Ray task: read some inputs (files, URLs) as the local ingest reads them."""
    return list(step.run(units))


class TextEmbedder:
    """A Ray actor's state: the sentence model, loaded once, on the one core the actor holds."""

    def __init__(self) -> None:
        from fogwatch.link.embeddings import Embedder

        self.model = Embedder(threads=1)

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors, one row per text."""
        return self.model.encode(texts)


class RayEmbedding:
    """An embedding function whose texts are shared out among Ray actors, started on first use
    and kept until :meth:`close`."""

    def __init__(self, executor: RayExecutor) -> None:
        self.executor = executor
        self.ray: Any = None
        self.actors: list[Any] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        from fogwatch.link.embeddings import DIMENSION

        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        if not self.actors:
            self.ray = self.executor.joined_ray()
            remote = self.ray.remote(num_cpus=1)(TextEmbedder)
            self.actors = [remote.remote() for _ in range(self.executor.worker_count(self.ray))]
        by_length = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        shares = [share for k in range(len(self.actors)) if (share := by_length[k::len(self.actors)])]
        results = self.ray.get([actor.embed.remote([texts[i] for i in share])  # alike work for each
                                for actor, share in zip(self.actors, shares, strict=False)])
        for share, vectors in zip(shares, results, strict=True):
            out[share] = vectors
        return out

    def close(self) -> None:
        """Stop the actors."""
        for actor in self.actors:
            self.ray.kill(actor)
        self.actors = []


def link_groups(link: Callable[..., Clusters], jobs: list[tuple[Any, ...]]) -> list[Clusters]:
    """A Ray task: link several independent jobs (groups of articles, parts of the voices)."""
    return [link(*job) for job in jobs]


class RayGroupMap:
    """Linking's independent jobs (story clustering's linkages, statement linking's voices) shared out
    as Ray tasks, one per worker, each given about the same work (scored edges, claims); where the
    jobs of one call hold less than ``min_work`` in all they stay in this process, where shipping
    them would cost more than linking them."""

    def __init__(self, executor: RayExecutor, min_work: int) -> None:
        self.executor = executor
        self.min_work = min_work
        self.calls = 0  # calls whose jobs went to Ray
        self.tasks = 0  # Ray tasks started, over every call

    def __call__(self, link: Callable[..., Clusters], jobs: Sequence[tuple[Any, ...]],
                 costs: Sequence[int]) -> list[Clusters]:
        if not jobs or sum(costs) < self.min_work:
            return [link(*job) for job in jobs]
        ray = self.executor.joined_ray()
        self.executor.stop_embedding()  # its actors hold the CPUs these tasks need; restarted if asked
        shares: list[list[int]] = [[] for _ in range(min(len(jobs), self.executor.worker_count(ray)))]
        loads = [0] * len(shares)
        for i in sorted(range(len(jobs)), key=lambda i: -costs[i]):  # largest first, to the lightest share
            lightest = loads.index(min(loads))
            shares[lightest].append(i)
            loads[lightest] += costs[i]
        task = ray.remote(num_cpus=1)(link_groups)
        refs = [task.remote(link, [jobs[i] for i in share]) for share in shares]
        self.calls += 1
        self.tasks += len(refs)
        out: list[Clusters] = [[] for _ in jobs]
        for share, results in zip(shares, ray.get(refs), strict=True):
            for i, clusters in zip(share, results, strict=True):
                out[i] = clusters
        return out


class RayExecutor(LocalExecutor):
    """The local executor with reading on Ray tasks, extraction and embedding on Ray actors, and
    linking's independent stories and voices on Ray tasks."""

    fork_aside = False  # a Ray driver holds gRPC threads and connections: it is not forked
    embeds_here = False  # Ray actors embed

    def __init__(self, ledger: Ledger, settings: dict[str, Any] | None = None,
                 progress: Progress | None = None, address: str | None = None, chunk: int = 4,
                 linkage_min_work: int = 50_000, linkage_min_cpus: int | None = None) -> None:
        super().__init__(ledger, settings, progress)
        self.address = address
        self.chunk = chunk
        self._embedding: RayEmbedding | None = None
        self.linkage = RayGroupMap(self, linkage_min_work)
        self.linkage_min_cpus = (os.cpu_count() or 1) + 1 if linkage_min_cpus is None else linkage_min_cpus

    def run(self, inputs: Sequence[str], stages: Iterable[str] = STAGES, command: str = "run") -> RunSummary:
        """The local executor's run; the embedding actors stop when it ends."""
        try:
            return super().run(inputs, stages, command)
        finally:
            self.stop_embedding()
            self._embedding = None

    def stop_embedding(self) -> None:
        """Stop the embedding actors, if any; the next text to embed starts them again."""
        if self._embedding is not None:
            self._embedding.close()

    def sentence_model(self) -> RayEmbedding:
        """Embedding on one actor per worker, started when there is a text to embed."""
        self._embedding = RayEmbedding(self)
        return self._embedding

    def group_map(self) -> RayGroupMap | None:
        """Linking's independent stories and voices as Ray tasks, when the corpus is large enough and
        Ray offers at least ``linkage_min_cpus`` CPUs (by default more than this machine has: another
        node). On one machine the tasks only share its cores with this process and add the cost of
        shipping the jobs: at 100k benchmark articles on a 2-CPU local Ray (`benchmarks/ray_linking.py`)
        story clustering ran at 0.92-1.06x and statement linking at 0.65-0.77x the speed it has here.
        None: linking here."""
        offered = self.joined_ray().cluster_resources().get("CPU", 0)
        return self.linkage if offered >= self.linkage_min_cpus else None

    def read(self, step: IngestStep, inputs: Sequence[str]) -> Iterator[Article | Rejected]:
        """Inputs read by Ray tasks, a few files or URLs each, at most two per CPU at a time; the
        records come back in input order. Folders are listed here, so their files must be readable
        at the same path on every node (one machine, or a shared file system)."""
        ray = self.joined_ray()
        task = ray.remote(num_cpus=1)(read_part)
        ahead = 2 * self.worker_count(ray)
        running: deque[Any] = deque()  # in input order: listing problems as they are, task result refs
        tasks = 0
        for part in _parts(readable_units(inputs), self.chunk):
            running.append(part if isinstance(part, Rejected) else task.remote(step, part))
            tasks += not isinstance(part, Rejected)
            while running and (tasks > ahead or isinstance(running[0], Rejected)):
                head = running.popleft()
                tasks -= not isinstance(head, Rejected)
                yield from _records(ray, head)
        for head in running:
            yield from _records(ray, head)

    def extracted(self, articles: Sequence[Article]) -> Iterator[ArticleClaims]:
        """Claims of each article, in input order, from a pool of Ray actors."""
        ray = self.joined_ray()
        workers = self.worker_count(ray)
        chunks = [list(articles[lo:lo + self.chunk]) for lo in range(0, len(articles), self.chunk)]
        remote = ray.remote(num_cpus=1)(ChunkExtractor)
        options = (self.settings["parse_all"], self.settings["learned_cues"])
        actors = [remote.remote(*options) for _ in range(max(1, min(workers, len(chunks))))]
        try:
            for claims in _in_order(ray, actors, chunks):
                yield from claims
        finally:
            for actor in actors:
                ray.kill(actor)

    def joined_ray(self) -> Any:
        """Ray, joined (or started here) on first use."""
        ray = _ray()
        if not ray.is_initialized():
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False)
        return ray

    def worker_count(self, ray: Any) -> int:
        """Actors per stage: the setting, else every CPU of the cluster."""
        return int(self.settings["workers"] or ray.available_resources().get("CPU", 1))


def _parts(units: Iterable[str | Rejected], size: int) -> Iterator[list[str] | Rejected]:
    """Runs of up to ``size`` inputs to read, and the rejections between them, in order."""
    run: list[str] = []
    for unit in units:
        if isinstance(unit, Rejected):
            if run:
                yield run
                run = []
            yield unit
        else:
            run.append(unit)
            if len(run) == size:
                yield run
                run = []
    if run:
        yield run


def _records(ray: Any, part: Any) -> list[Article | Rejected]:
    """A part's records: a rejection as it is, a task's once it is done."""
    return [part] if isinstance(part, Rejected) else ray.get(part)


def _in_order(ray: Any, actors: list[Any], chunks: list[list[Article]],
              queued_per_actor: int = 2) -> Iterator[list[ArticleClaims]]:
    """Each chunk's claims, in the order of the chunks, extracted by whichever actor has room."""
    waiting = deque(enumerate(chunks))
    running: dict[Any, tuple[int, int]] = {}  # result ref -> (chunk number, actor number)
    queued = [0] * len(actors)
    finished: dict[int, list[ArticleClaims]] = {}
    next_out = 0

    def hand_out() -> None:
        for number, actor in enumerate(actors):
            while queued[number] < queued_per_actor and waiting:
                position, chunk = waiting.popleft()
                running[actor.extract.remote(chunk)] = (position, number)
                queued[number] += 1

    hand_out()
    while running:
        [ready], _ = ray.wait(list(running), num_returns=1)
        position, number = running.pop(ready)
        queued[number] -= 1
        finished[position] = ray.get(ready)
        hand_out()
        while next_out in finished:
            yield finished.pop(next_out)
            next_out += 1


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise UsageError("the Ray executor needs Ray",
                         "install it with: pip install 'fogwatch[ray]'") from exc
    return ray
