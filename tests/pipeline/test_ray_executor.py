"""The Ray executor's export equals the local executor's on the demo corpus (a local Ray, 2 CPUs)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from fogwatch import api
from fogwatch.ledger import Ledger
from fogwatch.pipeline.ray_executor import RayExecutor
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


def test_ray_and_local_executors_export_the_same_ledger(local_ray: object, tmp_path: Path) -> None:
    local = tmp_path / "local.db"
    api.run(demo_inputs(), str(local), embeddings=False)
    on_ray = tmp_path / "ray.db"
    ledger = Ledger(str(on_ray))
    try:
        summary = RayExecutor(ledger, {"embeddings": False, "workers": 2}, chunk=3).run(demo_inputs())
    finally:
        ledger.close()
    assert summary.stats["extract"].seen == summary.stats["ingest"].kept > 0
    assert exported(on_ray) == exported(local)
