"""Attribution extraction throughput beside the bare spaCy pipeline on the same texts.

Fogwatch splits sentences cheaply, parses only the candidate ones and then runs its attribution
rules; the baseline runs spaCy's full pipeline (`nlp.pipe`) over the whole texts. Both are
measured in this run, on PolNeAR dev texts (or the seed articles repeated when ../shared is
absent), best of `--repeat` rounds each, after loading the model once. A ratio above 1 means
extraction costs less than parsing everything would.

    python benchmarks/extraction.py [--limit N] [--repeat 2]
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from fogwatch.extract.attribution import extract_attributions
from fogwatch.extract.nlp import (
    MODEL_NAME,
    is_attribution_candidate,
    is_candidate,
    parse_articles,
    split_sentences,
)
from fogwatch.model import Article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus(limit: int | None) -> tuple[str, list[str]]:
    """The texts to time and where they come from."""
    dev = SHARED / "datasets" / "polnear" / "data" / "dev" / "text"
    if dev.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(dev.glob("*.txt"))]
        return "PolNeAR dev", texts[:limit] if limit else texts
    seeds = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))]
    if not seeds:
        seeds = [Path(__file__).read_text(encoding="utf-8")]
    texts = (seeds * 40)[: limit or 80]
    return "seed articles repeated", texts


def articles(texts: list[str]) -> list[Article]:
    """Texts as Articles."""
    return [
        Article(id=f"b{i}", source=f"b{i}.txt", text=t, content_hash=hashlib.sha256(t.encode()).hexdigest())
        for i, t in enumerate(texts)
    ]


def best_of(repeat: int, run: Callable[[], int]) -> tuple[float, int]:
    """The fastest of `repeat` runs and what the run counted."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - started)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N texts")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    source, texts = corpus(args.limit)
    docs = articles(texts)
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(MODEL_NAME)  # the baseline is the model as it ships
    nlp("warm up")

    def bare() -> int:
        return sum(1 for _ in nlp.pipe(texts, batch_size=32))

    def fogwatch(select: Callable[[str], bool]) -> Callable[[], int]:
        def run() -> int:
            return sum(len(extract_attributions(p)) for p in parse_articles(docs, select=select))

        return run

    bare_s, _ = best_of(args.repeat, bare)
    shared_s, found = best_of(args.repeat, fogwatch(is_candidate))
    own_s, own_found = best_of(args.repeat, fogwatch(is_attribution_candidate))
    sentences = [t[s:e] for t in texts for s, e in split_sentences(t)]
    share = {name: sum(1 for s in sentences if pick(s)) / max(len(sentences), 1)
             for name, pick in (("shared", is_candidate), ("own", is_attribution_candidate))}
    print(f"{source}: {len(texts)} articles, {words:,} words, {len(sentences):,} sentences")
    print(f"spaCy full pipeline (nlp.pipe)       {len(texts) / bare_s:6.1f} articles/s "
          f"{words / bare_s:8,.0f} words/s")
    print(
        f"fogwatch, shared selection ({share['shared']:.0%} parsed) {len(texts) / shared_s:6.1f} articles/s "
        f"{words / shared_s:8,.0f} words/s  ratio {bare_s / shared_s:.2f}  ({found:,} attributions)"
    )
    print(f"fogwatch, cue sentences ({share['own']:.0%} parsed)    {len(texts) / own_s:6.1f} articles/s "
          f"{words / own_s:8,.0f} words/s  ratio {bare_s / own_s:.2f}  ({own_found:,} attributions)")
    print(f"ratio (fogwatch attribution extraction / bare spaCy): {bare_s / own_s:.2f}")


if __name__ == "__main__":
    main()
