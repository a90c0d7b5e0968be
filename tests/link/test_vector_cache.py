"""Each text reaches the model once: later calls, and later runs on the same ledger, read it back."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from fogwatch.ledger import Ledger
from fogwatch.ledger.vectors import VectorStore, text_hash
from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.vector_cache import CachedEmbedder


class CountingEmbed:
    """The hashed stand-in, counting the texts it is asked for."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        return hashed_embed(texts)


def test_vectors_are_embedded_once_per_text_and_come_back_in_input_order(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "v.db"))
    try:
        model = CountingEmbed()
        cached = CachedEmbedder(VectorStore(ledger, "test-model"), model, text_hash, chunk=2)
        bridge = "the mayor said the bridge will reopen"
        texts = [bridge, "five people were hurt", bridge]
        assert cached.prepare(texts) == 2
        assert sorted(model.seen) == sorted(set(texts))
        vectors = cached([*texts[::-1], "a text never seen"])
        assert np.allclose(vectors, hashed_embed([*texts[::-1], "a text never seen"]))
        assert model.seen[-1] == "a text never seen" and len(model.seen) == 3
        again = CachedEmbedder(VectorStore(ledger, "test-model"), CountingEmbed(), text_hash)
        assert again.count_missing([*texts, "a text never seen"]) == 0
        other_model = CachedEmbedder(VectorStore(ledger, "test-model-v2"), CountingEmbed(), text_hash)
        assert other_model.count_missing(texts) == 2  # a new model version keeps its own vectors
        assert cached(()).shape[0] == 0
    finally:
        ledger.close()
