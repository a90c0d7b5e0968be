"""MinHash signatures and LSH buckets: datasketch's results without its start-up cost.

Importing datasketch loads SciPy's integration routines (to size LSH bands), a quarter of a second
at the start of every run that ingests or links articles, more than the hashing itself costs
there. The signatures here are datasketch's "affine32" ones (the first four bytes of SHA-1, the
MurmurHash3 finalizer, then ``a * h + b`` modulo 2**32 with the permutations its seed draws) and the
bands are the ones it would choose, so stored signatures stay valid and no result changes; tests
compare both against datasketch.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Hashable, Iterable
from functools import lru_cache

import numpy as np

SCHEME = "affine32"  # datasketch's name for this hash family
_EMPTY = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of each permutation, drawn as datasketch draws them for this seed (a is odd, so
    each permutation is a bijection)."""
    draw = np.random.RandomState(seed)
    a = draw.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _premix(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer: spreads the input hashes before the affine permutations."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(values: Iterable[bytes], num_perm: int, seed: int) -> np.ndarray:
    """Each permutation's minimum over the values' hashes, as uint32 (all 2**32 - 1 for no values)."""
    hashed = np.array([int.from_bytes(hashlib.sha1(v).digest()[:4], "little") for v in values],
                      dtype=np.uint32)
    if not len(hashed):
        return np.full(num_perm, _EMPTY, dtype=np.uint32)
    a, b = permutations(num_perm, seed)
    with np.errstate(over="ignore"):  # wrapping around is the modulo 2**32
        return (_premix(hashed)[:, None] * a + b).min(axis=0)


def similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Estimated Jaccard similarity: the share of permutations whose minimums agree."""
    return float(np.count_nonzero(first == second)) / len(first)


@lru_cache(maxsize=32)
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the even mix of false positive and false negative
    probability around ``threshold``, as datasketch chooses them. Its integrals are of polynomials
    of degree at most ``num_perm``, which Gauss-Legendre quadrature with more than ``num_perm / 2``
    nodes computes exactly; every candidate is evaluated at once."""
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)],
                     dtype=np.float64)
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 8)

    def integral(lo: float, hi: float, proposed: bool) -> np.ndarray:
        s = (hi - lo) / 2 * nodes + (hi + lo) / 2
        missed = (1 - s[None, :] ** pairs[:, 1:2]) ** pairs[:, 0:1]  # no band of the pair agrees
        return (hi - lo) / 2 * ((1 - missed if proposed else missed) @ weights)

    error = integral(0.0, threshold, True) * 0.5 + integral(threshold, 1.0, False) * 0.5
    b, r = pairs[int(np.argmin(error))]  # the first minimum, as datasketch's strict comparison keeps
    return int(b), int(r)


class BandIndex:
    """LSH over signatures: keys whose signatures agree on a whole band are candidates."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        count, rows = bands(threshold, num_perm)
        self._ranges = [(i * rows, (i + 1) * rows) for i in range(count)]
        self._buckets: list[defaultdict[bytes, list[Hashable]]] = [defaultdict(list) for _ in self._ranges]

    def _keys(self, signature: np.ndarray) -> list[bytes]:
        return [signature[lo:hi].tobytes() for lo, hi in self._ranges]

    def insert(self, key: Hashable, signature: np.ndarray) -> None:
        """Index a signature under a key."""
        for band, bucket in zip(self._keys(signature), self._buckets, strict=True):
            bucket[band].append(key)

    def query(self, signature: np.ndarray) -> set[Hashable]:
        """Keys sharing at least one band with the signature."""
        return {key for band, bucket in zip(self._keys(signature), self._buckets, strict=True)
                for key in bucket.get(band, ())}
