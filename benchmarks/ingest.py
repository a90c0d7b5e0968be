"""Ingest throughput on a generated corpus, beside trafilatura alone on the same HTML.

Prints articles/s for Fogwatch's ingest stage (read, extract text with trafilatura, hash, near-
duplicate check, store in SQLite) and for the bare baseline (trafilatura.bare_extraction over the
same pages), both measured in this run, and their ratio. A ratio near 1 means the rest of ingest
costs little beside HTML extraction itself.

    python benchmarks/ingest.py [--articles 300]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import trafilatura

from fogwatch.ledger import Ledger
from fogwatch.pipeline import LocalExecutor

WORDS = [
    "officials", "said", "the", "ministry", "forces", "region", "briefing", "soldiers", "attack", "villages",
    "week", "spokesperson", "reported", "according", "agency", "troops", "defence", "line", "river", "bridge",
    "convoy", "estimate", "losses", "statement", "analysts", "monitoring", "displaced", "residents",
    "shelling", "night", "morning", "border", "command",
]


def make_page(n: int, rng: random.Random) -> str:
    """A news page with boilerplate around a few paragraphs of generated copy."""
    paragraphs = "".join(
        f"<p>{' '.join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize()}, "
        f"the spokesperson said on Monday, giving a figure of {rng.randint(10, 5000):,}.</p>"
        for _ in range(rng.randint(5, 10))
    )
    return (
        f"<html><head><title>Report {n}</title><meta property='og:site_name' content='Outlet {n % 7}'>"
        f"<meta property='article:published_time' content='2026-03-{1 + n % 28:02d}'></head><body>"
        "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/about'>About</a></nav>"
        f"<article><h1>Report {n}</h1>{paragraphs}</article>"
        "<aside>Related: other stories</aside><footer>© Outlet. All rights reserved.</footer></body></html>"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        pages = [make_page(n, rng) for n in range(args.articles)]
        for n, page in enumerate(pages):
            (corpus / f"page{n:05d}.html").write_text(page, encoding="utf-8")

        started = time.perf_counter()
        for page in pages:
            trafilatura.bare_extraction(page, with_metadata=True)
        baseline = time.perf_counter() - started

        ledger = Ledger(str(Path(tmp) / "bench.db"))
        started = time.perf_counter()
        summary = LocalExecutor(ledger).run([str(corpus)], stages=("ingest",), command="bench")
        fogwatch_seconds = time.perf_counter() - started
        stored = summary.stats["ingest"].kept

    print(f"articles: {args.articles} generated HTML pages, {stored} stored")
    print(f"baseline  trafilatura.bare_extraction: {args.articles / baseline:8.1f} articles/s")
    print(f"fogwatch  ingest stage (to SQLite):    {args.articles / fogwatch_seconds:8.1f} articles/s")
    print(f"ratio fogwatch/baseline throughput:    {baseline / fogwatch_seconds:8.2f}")


if __name__ == "__main__":
    main()
