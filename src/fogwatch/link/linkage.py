"""Average linkage over a sparse graph of similarity scores, cut where the best mean falls below a threshold.

Neither scipy nor scikit-learn clusters a sparse similarity graph by average linkage (both want every
pair's distance), and a corpus of 100k articles has billions of pairs but a few million scored ones. A
pair never scored counts as similarity 0, so a cluster pair's mean is the sum of its scored edges over
the product of the sizes, and only clusters joined by an edge can ever merge.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

__all__ = ["GroupMap", "Start", "average_linkage"]

T = TypeVar("T")
Clusters = list[list[int]]
# Runs a function over independent jobs (argument tuples) and returns the results in job order; the
# costs (edges per job) let a distributed map share the work out evenly. Ray's executor passes one.
GroupMap = Callable[[Callable[..., Clusters], Sequence[tuple[Any, ...]], Sequence[int]], list[Clusters]]
# Starts a job elsewhere (a forked process beside this one) and returns what waits for its result;
# the local executor passes one where a second core can take an independent half of the work.
Start = Callable[[Callable[[], T]], Callable[[], T]]


def average_linkage(nodes: np.ndarray, pairs: np.ndarray, scores: np.ndarray, link: float,
                    map_groups: GroupMap | None = None) -> Clusters:
    """The clusters of ``nodes`` (sorted ids) that average linkage over the scored edges (``pairs`` of
    node ids, low before high, sorted, and their ``scores``) forms while the best mean is at least ``link``.

    It runs separately on each group of nodes joined by edges of at least ``link``: a cluster pair's
    mean never exceeds its best edge, so clusters with no such edge between them can never merge; the
    groups are independent, and many small linkages keep their tables small where one would not.
    With ``map_groups`` the groups of more than one node are linked through it (on other processes
    or machines); the clusters are the same either way.
    """
    size = int(nodes.max()) + 1 if len(nodes) else 0
    strong = scores >= link
    graph = sparse.coo_matrix((np.ones(int(strong.sum())), (pairs[strong, 0], pairs[strong, 1])),
                              shape=(size, size))
    _, label = csgraph.connected_components(graph, directed=False)
    inside = np.flatnonzero(label[pairs[:, 0]] == label[pairs[:, 1]])
    inside = inside[np.argsort(label[pairs[inside, 0]], kind="stable")]  # by group, sorted within
    edge_bounds = np.searchsorted(label[pairs[inside, 0]], np.arange(size + 1))
    node_order = np.argsort(label[nodes], kind="stable")
    node_bounds = np.flatnonzero(np.diff(label[nodes][node_order])) + 1
    parts = np.split(nodes[node_order], node_bounds)

    def jobs() -> Iterator[tuple[list[int], np.ndarray, np.ndarray, float]]:
        for group in parts:
            if len(group) > 1:
                chosen = inside[edge_bounds[label[group[0]]]:edge_bounds[label[group[0]] + 1]]
                yield group.tolist(), pairs[chosen], scores[chosen], link

    if map_groups is None:
        linked: Iterator[Clusters] = (_linkage(*job) for job in jobs())
    else:
        shipped = list(jobs())
        linked = iter(map_groups(_linkage, shipped, [len(job[1]) for job in shipped]))
    return [cluster for group in parts
            for cluster in ([group.tolist()] if len(group) == 1 else next(linked))]


def _linkage(nodes: Sequence[int], pairs: np.ndarray, scores: np.ndarray, link: float) -> Clusters:
    """Merge the pair of clusters with the best mean pair score while it is at least ``link``.

    Only clusters joined by a scored edge (``pairs``, with their ``scores``) are ever compared; a pair
    never scored counts as 0, so a cluster pair's mean is the sum of its edges over the product of the
    sizes. The side with fewer neighbours moves its edges into the other, and queued pairs are checked
    when they come up: a mean that only fell since it was queued is queued again at its current value,
    one that rose was queued when it rose. So the best current pair always comes out first, as in the
    textbook algorithm, without revisiting every neighbour of a growing cluster at each merge. The
    scored edges wait in one array sorted once, best first, and only the means merges create go
    through a heap: a heap of every edge of a large story outgrows the processor's caches.
    """
    size: dict[int, int] = dict.fromkeys(nodes, 1)  # live clusters, keyed by a member, and their sizes
    into: dict[int, int] = {}  # absorbed cluster -> the one it joined
    sums = _neighbour_sums(nodes, pairs, scores)
    strong = np.flatnonzero(scores >= link)
    strong = strong[np.lexsort((pairs[strong, 1], pairs[strong, 0], -scores[strong]))]
    queued = list(zip((-scores[strong]).tolist(), pairs[strong, 0].tolist(), pairs[strong, 1].tolist(),
                      strict=True))
    heap: list[tuple[float, int, int]] = []
    pop, push = heapq.heappop, heapq.heappush
    next_queued, last = 0, len(queued)
    while next_queued < last or heap:
        if heap and (next_queued == last or heap[0] < queued[next_queued]):
            stored, a, b = pop(heap)
        else:
            stored, a, b = queued[next_queued]
            next_queued += 1
        if a in into or b in into or b not in sums[a]:
            continue  # one side was absorbed since this entry was queued
        current = sums[a][b] / (size[a] * size[b])
        if current < -stored - 1e-12:
            if current >= link:  # the mean fell as a side grew: try again at its current value
                push(heap, (-current, a, b))
            continue
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        into[gone] = keep
        grown = size[keep] = size[keep] + size.pop(gone)
        kept = sums[keep]
        del kept[gone]
        for other, total in sums.pop(gone).items():
            if other == keep:
                continue
            beside = sums[other]
            del beside[gone]
            kept[other] = beside[keep] = kept.get(other, 0.0) + total
            value = kept[other] / (grown * size[other])
            if value >= link:
                push(heap, (-value, keep, other) if keep < other else (-value, other, keep))
    groups: dict[int, list[int]] = {n: [] for n in size}
    for n in nodes:
        root = n
        while root in into:
            root = into[root]
        groups[root].append(n)
    return list(groups.values())


def _neighbour_sums(nodes: Sequence[int], pairs: np.ndarray,
                    scores: np.ndarray) -> dict[int, dict[int, float]]:
    """Each node's scored neighbours and edge scores, built a node at a time from sorted arrays."""
    tail = np.concatenate([pairs[:, 0], pairs[:, 1]])
    head = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.lexsort((head, tail))
    bounds = [*np.searchsorted(tail[order], nodes, side="left").tolist(), len(order)]
    heads, weights = head[order].tolist(), np.concatenate([scores, scores])[order].tolist()
    return {node: dict(zip(heads[lo:hi], weights[lo:hi], strict=True))
            for node, lo, hi in zip(nodes, bounds, bounds[1:], strict=False)}
