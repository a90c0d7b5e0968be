"""fogwatch's MinHash and LSH bands are datasketch's, value for value, so stored signatures and every
near-copy and story candidate stay as they were."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from fogwatch.link.minhash import BandIndex, bands, signature, similarity


def random_values(draw: random.Random) -> list[bytes]:
    count = draw.randint(0, 80)
    return [bytes(draw.getrandbits(8) for _ in range(draw.randint(1, 20))) for _ in range(count)]


@pytest.mark.parametrize(("num_perm", "seed"), [(128, 1), (64, 7)])
def test_signatures_are_datasketch_signatures(num_perm: int, seed: int) -> None:
    draw = random.Random(seed)
    for _ in range(100):
        values = random_values(draw)
        reference = MinHash(num_perm=num_perm, seed=seed)
        reference.update_batch(values)
        assert np.array_equal(signature(values, num_perm, seed), reference.hashvalues)


def test_bands_are_the_ones_datasketch_chooses() -> None:
    for threshold in np.linspace(0.05, 0.95, 19):
        for num_perm in (64, 128):
            reference = MinHashLSH(threshold=float(threshold), num_perm=num_perm)
            assert bands(float(threshold), num_perm) == (reference.b, reference.r)


def test_band_index_finds_the_candidates_datasketch_finds() -> None:
    draw = random.Random(3)
    base = [random_values(draw) for _ in range(40)]
    sets = [*base, *([*s[: len(s) * 3 // 4], b"x"] for s in base)]  # near-copies of the first 40
    ours, reference = BandIndex(0.5, 64), MinHashLSH(threshold=0.5, num_perm=64)
    for key, values in enumerate(sets):
        ours_signature = signature(values, 64, 7)
        minhash = MinHash(num_perm=64, seed=7)
        minhash.update_batch(values)
        assert ours.query(ours_signature) == set(reference.query(minhash))
        ours.insert(key, ours_signature)
        reference.insert(key, minhash)
    assert similarity(signature(sets[0], 64, 7), signature(sets[0], 64, 7)) == 1.0
