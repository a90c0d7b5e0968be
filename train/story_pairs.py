#!/usr/bin/env python3
"""Fit the story pair model and linkage threshold (`fogwatch.link.stories.StorySettings`) on ECB+.

Usage:
    python train/story_pairs.py [--lead-words N] [--cross-topic N] [--seed N] [--hashed] [--data DIR]

Only the train topics of `eval/ecbplus.py` are read (by `eval/ecbplus_reader.py`); dev topics are
never seen. The documents are ingested into a scratch ledger as `eval/ecbplus.py` ingests them, and
its articles (stored text, syndicated copies marked, in the ledger's order) are what the link stage
would cluster. They are profiled together by the product's own `profiles`, so name weights are
the rarities of that corpus, and each pair's features are `pair_features`, the very columns
`pair_scores` weighs. Pairs: every two documents of one topic, 1 when they share its sub-topic and
0 when one reports the topic's similar event, plus a seeded sample of pairs from different
topics, 0. A logistic regression (L-BFGS-B, a light L2 penalty on the weights, not the
bias) fits the weights; the two year features may only penalise (upper bound 0): ECB+ would reward
"same year", which merges every same-year pair of a real news stream (see StorySettings).

Then `link` is the threshold on a small grid at which `cluster_stories` over all train documents
scores the best B-cubed F1 against (topic, sub-topic). Prints the fitted settings and the grid.
ECB+ stories are large, so its best threshold is lower than a stream of small stories wants
(`StorySettings.link` is higher); read the grid beside `eval/gva.py` before moving it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import fields, replace
from itertools import combinations
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from fogwatch.api import run
from fogwatch.ledger import Ledger
from fogwatch.ledger.vectors import VectorStore, text_hash
from fogwatch.link.embeddings import MODEL_NAME, EmbedFn, embed, hashed_embed
from fogwatch.link.stories import PAIR_FEATURES, StorySettings, cluster_stories, pair_features, profiles
from fogwatch.link.vector_cache import CachedEmbedder
from fogwatch.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from ecbplus import DEFAULT_DATA, TRAIN, cluster_scores, write_inputs
from ecbplus_reader import Document, read_topics

L2 = 1.0
PENALTIES = ("other_years", "other_era")  # features that may only lower the score
LINK_GRID = tuple(round(0.20 + 0.05 * i, 2) for i in range(13))  # 0.20 ... 0.80


def ingest_train(data: Path, ledger_path: Path) -> dict[str, Document]:
    """Store the train documents in a fresh ledger as `eval/ecbplus.py` does (a document whose text
    an earlier one already brought is stored once); returns them by input file name."""
    docs = {d.name: d for d in read_topics(data, TRAIN)}
    write_inputs(docs.values(), ledger_path.parent / "articles")
    run([str(ledger_path.parent / "articles")], str(ledger_path), stages=("ingest",))
    return docs


def labelled_pairs(gold: Sequence[tuple[int, str]], cross_topic: int,
                   seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs and labels: all pairs within a topic (1 = same sub-topic), then ``cross_topic``
    pairs drawn without replacement from different topics (0)."""
    within = [(i, j) for i, j in combinations(range(len(gold)), 2) if gold[i][0] == gold[j][0]]
    labels = [int(gold[i] == gold[j]) for i, j in within]
    rng = np.random.default_rng(seed)
    drawn: set[tuple[int, int]] = set()
    while len(drawn) < cross_topic:
        i, j = sorted(int(k) for k in rng.choice(len(gold), size=2, replace=False))
        if gold[i][0] != gold[j][0]:
            drawn.add((i, j))
    pairs = within + sorted(drawn)
    return np.array(pairs, dtype=np.int64), np.array(labels + [0] * len(drawn), dtype=np.float64)


def fit_logistic(features: np.ndarray, labels: np.ndarray, names: Sequence[str]) -> dict[str, float]:
    """Weights per feature name and ``bias`` minimising log loss + L2/2 |w|^2; penalties bounded at 0."""
    x = np.column_stack([features, np.ones(len(features))])
    penalty = np.r_[np.full(features.shape[1], L2), 0.0]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - labels * z) + 0.5 * np.sum(penalty * w * w)
        return float(value), x.T @ (p - labels) + penalty * w

    bounds = [(None, 0.0) if name in PENALTIES else (None, None) for name in names] + [(None, None)]
    found = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", bounds=bounds)
    return {**dict(zip(names, found.x[:-1].tolist(), strict=True)), "bias": float(found.x[-1])}


def b3_by_link(articles: Sequence[Article], gold: Sequence[tuple[int, str]], settings: StorySettings,
               embed_fn: EmbedFn) -> dict[float, float]:
    """B-cubed F1 of ``cluster_stories`` over the articles at each linkage threshold of the grid."""
    truth = {a.id: f"{topic}{subtopic}" for a, (topic, subtopic) in zip(articles, gold, strict=True)}
    scores = {}
    for link in LINK_GRID:
        stories = cluster_stories(articles, embed_fn, replace(settings, link=link))
        predicted = {a: s.id for s in stories for a in s.articles}
        scores[link] = cluster_scores(truth, predicted)["b3_f1"]
    return scores


def fitted_settings(articles: Sequence[Article], gold: Sequence[tuple[int, str]], embed_fn: EmbedFn,
                    args: argparse.Namespace) -> StorySettings:
    """StorySettings with the weights fitted on the labelled pairs and the grid's best threshold."""
    settings = StorySettings(lead_words=args.lead_words)
    pairs, labels = labelled_pairs(gold, args.cross_topic, args.seed)
    features = pair_features(profiles(articles, embed_fn, settings), pairs)
    print(f"{len(articles)} train articles; {len(pairs)} pairs, {int(labels.sum())} same sub-topic")
    weights = fit_logistic(features, labels, PAIR_FEATURES)
    settings = replace(settings, **{k: round(v, 1) for k, v in weights.items()})
    scores = b3_by_link(articles, gold, settings, embed_fn)
    print("B3 F1 by link: " + "  ".join(f"{k:.2f} {v:.3f}" for k, v in scores.items()))
    return replace(settings, link=max(scores, key=scores.__getitem__))  # the lowest threshold among equals


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--lead-words", type=int, default=StorySettings.lead_words)
    parser.add_argument("--cross-topic", type=int, default=5000, help="pairs sampled across topics")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hashed", action="store_true", help="hashed words instead of the MiniLM model")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="story-pairs-") as scratch:
        ledger_path = Path(scratch) / "ledger.db"
        docs = ingest_train(args.data, ledger_path)
        ledger = Ledger(str(ledger_path))
        try:  # the ledger's vector store embeds each lead once: the threshold grid clusters them again
            articles = ledger.articles()
            gold = [(docs[Path(a.source).stem].topic, docs[Path(a.source).stem].subtopic) for a in articles]
            model = ("hashed", hashed_embed) if args.hashed else (MODEL_NAME, embed)
            embed_fn = CachedEmbedder(VectorStore(ledger, model[0]), model[1], text_hash)
            settings = fitted_settings(articles, gold, embed_fn, args)
        finally:
            ledger.close()
    fitted = ("lead_words", *PAIR_FEATURES, "bias", "link")
    print("fitted StorySettings: " + ", ".join(f"{f.name}={getattr(settings, f.name)}"
                                              for f in fields(settings) if f.name in fitted))
    print(f"wall time {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
