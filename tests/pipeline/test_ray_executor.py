"""The Ray executor's export equals the local executor's on the demo corpus (a local Ray, 2 CPUs)."""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch import api
from fogwatch.ledger import Ledger
from fogwatch.link import embeddings as sentence_model
from fogwatch.pipeline import LocalExecutor
from fogwatch.pipeline.ray_executor import RayExecutor, RayGroupMap
from tests.pipeline.test_incremental import demo_inputs, exported

ray = pytest.importorskip("ray")
# Ray's own start-up and shutdown leave files and sockets to the collector; they are Ray's, not ours.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::DeprecationWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[object]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ray.shutdown()


@pytest.mark.parametrize("embeddings", [False, True], ids=["words", "sentence-model"])
def test_ray_and_local_executors_export_the_same_ledger(local_ray: object, tmp_path: Path,
                                                         embeddings: bool,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    local = tmp_path / "local.db"
    api.run(demo_inputs(), str(local), embeddings=embeddings)
    monkeypatch.setattr(sentence_model, "_shared", None)  # the model as if this process never loaded it
    on_ray = tmp_path / "ray.db"
    ledger = Ledger(str(on_ray))
    executor = RayExecutor(ledger, {"embeddings": embeddings, "workers": 2}, chunk=3,
                           linkage_min_work=0, linkage_min_cpus=0)
    try:
        summary = executor.run(demo_inputs())
    finally:
        ledger.close()
    assert summary.stats["extract"].seen == summary.stats["ingest"].kept > 0
    assert executor.linkage.calls == 2  # the stories' linkages and the statements' voices went to Ray
    if embeddings:  # every vector came from the embedding actors: this process never loaded the model
        assert summary.stats["link"].notes["embedded"] > 0
        assert sentence_model._shared is None
    assert exported(on_ray) == exported(local)


def test_ray_reads_a_folder_and_bad_inputs_as_the_local_executor_does(local_ray: object,
                                                                      tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for source in demo_inputs()[:3]:
        (folder / Path(source).name).write_bytes(Path(source).read_bytes())
    (folder / "broken.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "empty").mkdir()
    inputs = [str(folder), str(tmp_path / "empty"), str(tmp_path / "missing.txt")]
    summaries = {}
    for name, executor in (("local", LocalExecutor), ("ray", RayExecutor)):
        ledger = Ledger(str(tmp_path / f"{name}.db"))
        try:
            chosen = executor(ledger, {"embeddings": False, "workers": 2})
            run = chosen.run(inputs, ("ingest",), command="ingest")
            summaries[name] = [(r.input, r.reason) for r in run.rejected], run.new_articles
        finally:
            ledger.close()
    assert summaries["ray"] == summaries["local"]
    assert len(summaries["ray"][0]) == 3 and len(summaries["ray"][1]) == 3
    assert exported(tmp_path / "ray.db") == exported(tmp_path / "local.db")


class _Joined:
    """The executor as RayGroupMap sees it: the joined Ray, two workers, no embedding actors."""

    def joined_ray(self) -> object:
        return ray

    def stop_embedding(self) -> None:
        pass

    def worker_count(self, _ray: object) -> int:
        return 2


def _pairs(nodes: list[int]) -> list[list[int]]:
    return [nodes[i:i + 2] for i in range(0, len(nodes), 2)]


def test_linking_jobs_go_to_ray_tasks_when_there_is_enough_work(local_ray: object) -> None:
    jobs, costs = [([1, 2, 3],), ([4, 5],), ([6],)], [3, 2, 1]
    shipped = RayGroupMap(_Joined(), min_work=6)
    assert shipped(_pairs, jobs, costs) == [[[1, 2], [3]], [[4, 5]], [[6]]]
    assert (shipped.calls, shipped.tasks) == (1, 2)
    kept = RayGroupMap(_Joined(), min_work=7)
    assert kept(_pairs, jobs, costs) == [[[1, 2], [3]], [[4, 5]], [[6]]]
    assert kept.calls == 0


def test_linking_leaves_this_machine_only_for_more_cpus(local_ray: object, tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "ledger.db"))
    try:
        by_default = RayExecutor(ledger)
        assert by_default.linkage_min_cpus == (os.cpu_count() or 1) + 1  # another node
        assert RayExecutor(ledger, linkage_min_cpus=3).group_map() is None  # the local Ray offers 2
        two = RayExecutor(ledger, linkage_min_cpus=2)
        assert two.group_map() is two.linkage
    finally:
        ledger.close()
