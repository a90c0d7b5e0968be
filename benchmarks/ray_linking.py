"""Linking's independent jobs on Ray tasks against linking in this process, same corpus, same run.

Story clustering (groups of articles) and statement linking (parts of the voices) each run twice per
round over the synthetic corpus of `benchmarks/linking.py` with hashed embeddings: in this process,
and with their jobs shipped to a local Ray (every job, whatever its size) through the executor's
`RayGroupMap`. Each round checks that both give the same stories and statements. A ratio below 1
means shipping costs more than the tasks save, which is why `RayExecutor` ships only where Ray
offers more CPUs than this machine has.

    python benchmarks/ray_linking.py --size 100000 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from collections.abc import Callable
from typing import Any

from linking import make_corpus

from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import build_statements
from fogwatch.link.stories import cluster_stories
from fogwatch.link.voices import origin_index_for
from fogwatch.pipeline.ray_executor import RayGroupMap


class LocalRay:
    """What `RayGroupMap` asks of its executor: a joined Ray with one worker per CPU."""

    def __init__(self, ray: Any) -> None:
        self.ray = ray

    def joined_ray(self) -> Any:
        return self.ray

    def stop_embedding(self) -> None:
        """No embedding actors here."""

    def worker_count(self, ray: Any) -> int:
        return int(ray.cluster_resources().get("CPU", 1))


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="articles in the synthetic corpus")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    import ray

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
    articles, claims = make_corpus(args.size)
    index = origin_index_for(claims, articles)
    print(f"{args.size:,} articles, {sum(len(c.attributions) + len(c.figures) for c in claims):,} claims, "
          f"local Ray with {os.cpu_count()} CPUs")
    for round_number in range(1, args.rounds + 1):
        for name, link in (
            ("stories", lambda groups: cluster_stories(articles, embed=hashed_embed, map_groups=groups)),
            ("statements", lambda groups: build_statements(articles, claims, embed=hashed_embed, index=index,
                                                           map_groups=groups)),
        ):
            here_s, here = timed(lambda link=link: link(None))
            shipped = RayGroupMap(LocalRay(ray), min_work=0)
            ray_s, on_ray = timed(lambda link=link, shipped=shipped: link(shipped))
            same = "same" if here == on_ray else "DIFFERENT"
            print(f"round {round_number} {name:10} here {here_s:6.1f} s  on Ray {ray_s:6.1f} s "
                  f"({shipped.tasks} tasks)  ratio {here_s / ray_s:.2f}  {same}")
    ray.shutdown()


if __name__ == "__main__":
    main()
