"""What a re-run costs: nothing new, and 1% new articles, each against a full first run.

Three ledgers of the same corpus, each built by `fogwatch run` in a fresh process with the real
embedding model: (1) a first run over all N articles into a fresh ledger; (2) the same command again
on that ledger, nothing new; (3) a ledger of the first 99% (not timed), then a run that adds the
last 1%. Ratios are against the first run measured here; the targets are 5% or less for both.

    python benchmarks/incremental.py --corpus gva --limit 300
    python benchmarks/incremental.py --corpus mixed --limit 0     # every real article in ../shared
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from end_to_end import fogwatch_run, write_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="gva", choices=("polnear", "gva", "mixed"))
    parser.add_argument("--limit", type=int, default=200, help="N articles (0: the whole corpus)")
    parser.add_argument("--workers", type=int, help="extraction processes (default: every core)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fogwatch-incr-") as tmp:
        root = Path(tmp)
        files = write_corpus(args.corpus, args.limit, root / "all")
        new = max(1, len(files) // 100)
        old = write_corpus(args.corpus, len(files) - new, root / "old")
        added = write_corpus(args.corpus, new, root / "new", skip=len(files) - new)
        first = fogwatch_run([str(root / "all")], root / "full.db", args.workers)
        again = fogwatch_run([str(root / "all")], root / "full.db", args.workers)
        fogwatch_run([str(root / "old")], root / "grown.db", args.workers)
        grow = fogwatch_run([str(root / "old"), str(root / "new")], root / "grown.db", args.workers)
    print(f"{args.corpus}: {len(files)} articles; {len(old)} stored, then {len(added)} added")
    print(f"first run, fresh ledger        {first:7.1f} s")
    print(f"same run again, nothing new    {again:7.1f} s  ratio {again / first:.3f} (target <= 0.05)")
    print(f"run adding {len(added):3d} new articles    {grow:7.1f} s  "
          f"ratio {grow / first:.3f} (target <= 0.05)")


if __name__ == "__main__":
    main()
