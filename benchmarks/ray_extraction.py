"""Extraction on Ray: one worker against two, in the same run, over the same stored articles.

The texts are ingested once; each round copies that ledger and times only the extract stage of
`RayExecutor` with 1 and then 2 actors (actor start and model load included, as a user pays them),
on one local Ray started for the whole run with every core. Rounds alternate the order (1, 2, then
2, 1, ...) so a neighbour's load on a shared machine falls on both sides; the best round of each
is compared. A ratio near the number of physical cores means extraction scales across workers.

    python benchmarks/ray_extraction.py --corpus polnear               # 84 PolNeAR dev texts
    python benchmarks/ray_extraction.py --corpus gva --limit 200 --rounds 2
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
import warnings
from pathlib import Path

from end_to_end import write_corpus

from fogwatch.ledger import Ledger
from fogwatch.pipeline import LocalExecutor
from fogwatch.pipeline.ray_executor import RayExecutor


def ingested(inputs: Path, db: Path) -> int:
    """Store the texts once (no extraction); returns how many articles were stored."""
    ledger = Ledger(str(db))
    try:
        return LocalExecutor(ledger).run([str(inputs)], ("ingest",), command="ingest").stats["ingest"].kept
    finally:
        ledger.close()


def ray_extract_seconds(stored: Path, workers: int, scratch: Path) -> tuple[float, int]:
    """Wall seconds of the extract stage on a copy of the stored ledger, and the articles it extracted."""
    db = scratch / f"ray-{workers}-{time.monotonic_ns()}.db"
    shutil.copyfile(stored, db)
    ledger = Ledger(str(db))
    try:
        executor = RayExecutor(ledger, {"workers": workers, "embeddings": False})
        started = time.perf_counter()
        stats = executor.extract()
        return time.perf_counter() - started, stats.seen
    finally:
        ledger.close()
        db.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="polnear", choices=("polnear", "gva"))
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of (1 worker, 2 workers)")
    args = parser.parse_args()
    import ray

    with tempfile.TemporaryDirectory(prefix="fogwatch-ray-") as tmp:
        folder = Path(tmp)
        files = write_corpus(args.corpus, args.limit, folder / "in")
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in files)
        stored = folder / "ingested.db"
        articles = ingested(folder / "in", stored)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False)
        best: dict[int, float] = {1: float("inf"), 2: float("inf")}
        try:
            for round_ in range(args.rounds):
                for workers in (1, 2) if round_ % 2 == 0 else (2, 1):
                    seconds, seen = ray_extract_seconds(stored, workers, folder)
                    assert seen == articles, f"extracted {seen} of {articles} articles"
                    best[workers] = min(best[workers], seconds)
                    print(f"round {round_ + 1}: {workers} worker(s) {seconds:6.1f} s", flush=True)
        finally:
            ray.shutdown()
    print(f"{args.corpus}: {articles} articles, {words:,} words, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    for workers, seconds in best.items():
        print(f"ray extraction, {workers} worker(s), best of {args.rounds}  {seconds:6.1f} s  "
              f"{words / seconds:8,.0f} words/s")
    print(f"ratio (1 worker time / 2 workers time): {best[1] / best[2]:.2f}")


if __name__ == "__main__":
    main()
