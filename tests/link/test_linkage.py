"""Average linkage over a sparse graph, against the algorithm as defined."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from fogwatch.link.linkage import average_linkage


def _textbook_average_linkage(n: int, scores: dict[tuple[int, int], float],
                              link: float) -> set[frozenset[int]]:
    """Average linkage by definition: recompute every cluster pair's mean, merge the best, repeat."""
    clusters = [{i} for i in range(n)]
    while True:
        best, pair = link, None
        for x, y in combinations(range(len(clusters)), 2):
            total = sum(scores.get((min(a, b), max(a, b)), 0.0) for a in clusters[x] for b in clusters[y])
            mean = total / (len(clusters[x]) * len(clusters[y]))
            if mean >= best:
                best, pair = mean, (x, y)
        if pair is None:
            return {frozenset(c) for c in clusters}
        x, y = pair
        clusters[x] |= clusters.pop(y)


@pytest.mark.parametrize("seed", range(6))
def test_linkage_merges_exactly_as_the_textbook_algorithm(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = 40
    chosen = rng.random((n, n)) < 0.25
    pairs = np.array([(i, j) for i in range(n) for j in range(i + 1, n) if chosen[i, j]], dtype=np.int64)
    scores = rng.random(len(pairs)) ** 0.5  # many edges above the threshold, so clusters grow and chain
    found = average_linkage(np.arange(n), pairs, scores, link=0.55)
    scored = dict(zip(map(tuple, pairs.tolist()), scores.tolist(), strict=True))
    expected = _textbook_average_linkage(n, scored, 0.55)
    assert {frozenset(g) for g in found} == expected
    assert sorted(i for g in found for i in g) == list(range(n))
