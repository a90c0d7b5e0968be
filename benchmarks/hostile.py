"""Peak memory and time of a run over the hostile corpus, beside a run over the demo corpus.

The hostile corpus (built by ``tests/hostile/corpus.py`` in a temporary folder) holds a gzip bomb,
a run-on paragraph and sentence, NUL text, markup nested 100,000 deep, XML entity tricks, a
symlink loop and ordinary articles. Each run is a separate `fogwatch run` process, so its peak
resident memory is its own; both are measured in this run and printed with their ratio. The issue
this answers asked for a peak under 2 GB.

    python benchmarks/hostile.py [--bomb-megabytes 5000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.hostile import corpus  # noqa: E402  (the corpus builder the tests use)

DEMO = REPO / "examples" / "demo"


def measured_run(inputs: Path, db: Path) -> tuple[float, float, int]:
    """Seconds, peak resident MiB and exit code of one `fogwatch run` in its own process."""
    command = [sys.executable, "-m", "fogwatch.cli", "run", str(inputs), "--db", str(db), "--no-report"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-megabytes", type=int, default=5000,
                        help="what the gzip bomb inflates to (default 5000, as reported)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_started = time.perf_counter()
        expected = corpus.build(root / "hostile", bomb_megabytes=args.bomb_megabytes)
        built = time.perf_counter() - build_started
        files = [p for p in (root / "hostile").rglob("*") if p.is_file() and not p.is_symlink()]
        size = sum(p.stat().st_size for p in files)
        print(f"hostile corpus: {len(expected)} items, {size / 1e6:.1f} MB on disk "
              f"(bomb inflates to {args.bomb_megabytes:,} MB), built in {built:.1f} s")
        demo = measured_run(DEMO, root / "demo.db")
        hostile = measured_run(root / "hostile", root / "hostile.db")
    print(f"{'run':<10}{'seconds':>10}{'peak MiB':>11}{'exit':>6}")
    for name, (seconds, peak, code) in (("demo", demo), ("hostile", hostile)):
        print(f"{name:<10}{seconds:>10.1f}{peak:>11.0f}{code:>6}")
    print(f"ratio hostile/demo: time {hostile[0] / demo[0]:.2f}x, peak memory {hostile[1] / demo[1]:.2f}x; "
          f"hostile peak {'under' if hostile[1] < 2048 else 'OVER'} 2 GiB")


if __name__ == "__main__":
    main()
