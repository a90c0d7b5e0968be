"""Candidate pairs of similar vectors without comparing all pairs.

Small blocks get an exact top-k by matrix product, in row chunks so memory stays flat. Large blocks
are split by random-hyperplane signatures (SimHash LSH) into buckets of a bounded size, several
independent tables deep, and the exact top-k runs inside each bucket: the work grows with the block
size, not its square. A pair at cosine 0.9 shares a bucket in one table with probability
``(1 - acos(0.9)/pi) ** bits``; six tables bring recall above 0.99 for near-copies and about 0.9 for
loose paraphrases (cosine 0.7), which is the documented price of scale.
"""

from __future__ import annotations

import math

import numpy as np

Pair = tuple[int, int, float]


def candidate_pairs(vectors: np.ndarray, k: int = 8, min_sim: float = 0.5, *, exact_limit: int = 512,
                    bucket_size: int = 256, tables: int = 6, seed: int = 13) -> list[Pair]:
    """Pairs (i, j, cosine) with i < j among each row's k nearest rows at or above min_sim.

    Rows must be L2-normalised. Deterministic for a given seed. With LSH every table proposes
    neighbours; a pair is kept when it is among the k best of either of its rows.
    """
    low, high, sims = candidate_arrays(vectors, k, min_sim, exact_limit=exact_limit, bucket_size=bucket_size,
                                       tables=tables, seed=seed)
    return list(zip(low.tolist(), high.tolist(), sims.tolist(), strict=True))


def candidate_arrays(vectors: np.ndarray, k: int = 8, min_sim: float = 0.5, *, exact_limit: int = 512,
                     bucket_size: int = 256, tables: int = 6, seed: int = 13,
                     groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``candidate_pairs`` as three arrays (rows i, rows j > i, cosines), for callers that stay in numpy.

    ``groups`` (one label per row, at most ``exact_limit`` rows) searches many small blocks in one
    matrix product: rows only pair within their own group.
    """
    n = len(vectors)
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))
    if n < 2:
        return empty
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    if groups is not None and n > exact_limit:
        raise ValueError(f"grouped search takes at most exact_limit={exact_limit} rows, got {n}")
    if n <= exact_limit:
        parts.append(_exact(vectors, np.arange(n), k, min_sim, groups=groups))
    else:
        rng = np.random.default_rng(seed)
        bits = max(1, math.ceil(math.log2(n / bucket_size)) + 1)
        for _ in range(tables):
            _bucketed(vectors, np.arange(n), bits, k, min_sim, exact_limit, rng, parts, depth=0)
    if not parts:
        return empty
    first, second, sims = (np.concatenate(p) for p in zip(*parts, strict=True))
    if not len(first):
        return empty
    pair = np.minimum(first, second) * n + np.maximum(first, second)  # one integer per pair sorts fastest
    order = np.argsort(pair)
    pair, sims = pair[order], sims[order]
    starts = np.r_[0, np.flatnonzero(np.diff(pair)) + 1]
    pair, sims = pair[starts], np.maximum.reduceat(sims, starts)  # each pair once, at its best similarity
    low, high = pair // n, pair % n
    if n > exact_limit:
        keep = (_rank_within(low, sims) < k) | (_rank_within(high, sims) < k)
        low, high, sims = low[keep], high[keep], sims[keep]
    return low, high, sims


def _rank_within(endpoint: np.ndarray, sims: np.ndarray) -> np.ndarray:
    """For each pair, how many pairs of the same row are more similar (0 = its row's best)."""
    if len(endpoint) and endpoint.max() < 1 << 22:
        # one float key, row + (1 - similarity) / 4, sorts by row and then best first in one pass: a
        # similarity in [-1, 1] keeps it inside its row's unit, and below 2**22 rows float64 still
        # tells apart any two different float32 similarities (ties keep their order, as in lexsort)
        order = np.argsort(endpoint + (1.0 - sims) / 4, kind="stable")
    else:
        order = np.lexsort((-sims, endpoint))
    grouped = endpoint[order]
    starts = np.r_[0, np.flatnonzero(np.diff(grouped)) + 1]
    group_start = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order)) - group_start
    return rank


def _bucketed(vectors: np.ndarray, rows: np.ndarray, bits: int, k: int, min_sim: float, exact_limit: int,
              rng: np.random.Generator, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
              depth: int) -> None:
    planes = rng.standard_normal((vectors.shape[1], bits)).astype(np.float32)
    signs = (vectors[rows] @ planes) > 0
    codes = signs.astype(np.int64) @ (1 << np.arange(bits, dtype=np.int64))
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1
    for bucket in np.split(rows[order], bounds):
        if len(bucket) < 2:
            continue
        if len(bucket) > exact_limit and depth < 4:  # a skewed bucket: split it again with fresh planes
            sub_bits = max(1, math.ceil(math.log2(len(bucket) / (exact_limit / 4))))
            _bucketed(vectors, bucket, sub_bits, k, min_sim, exact_limit, rng, parts, depth + 1)
        else:
            parts.append(_exact(vectors, bucket, k, min_sim))


def _exact(vectors: np.ndarray, rows: np.ndarray, k: int, min_sim: float, chunk: int = 512,
           groups: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k most similar rows within ``rows`` at or above min_sim, as index and score arrays."""
    block = vectors[rows]
    kk = min(k, len(rows) - 1)
    found_i, found_j, found_s = [], [], []
    for lo in range(0, len(rows) if kk >= 1 else 0, chunk):
        sims = block[lo:lo + chunk] @ block.T
        local = np.arange(lo, min(lo + chunk, len(rows)))
        sims[np.arange(len(local)), local] = -np.inf
        if groups is not None:
            sims[groups[rows[local]][:, None] != groups[rows][None, :]] = -np.inf
        top = np.argpartition(-sims, kk - 1, axis=1)[:, :kk]
        top_sims = np.take_along_axis(sims, top, axis=1)
        keep_r, keep_c = np.nonzero(top_sims >= min_sim)
        found_i.append(rows[local[keep_r]])
        found_j.append(rows[top[keep_r, keep_c]])
        found_s.append(top_sims[keep_r, keep_c].astype(np.float64))
    if not found_i:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    return np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)
