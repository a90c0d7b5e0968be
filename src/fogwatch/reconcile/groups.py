"""Things joined pair by pair into groups: a figure that disagrees with two others puts all three
sides in one conflict, so conflicts are the connected groups of their disagreeing pairs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


def connected_groups(items: Sequence[T], links: Iterable[tuple[K, K]],
                     key: Callable[[T], K]) -> list[list[T]]:
    """The items grouped by the links between their keys, groups and members in first-seen order."""
    parent: dict[K, K] = {}

    def root(x: K) -> K:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]  # halve the path as we go
            x = parent[x]
        return x

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[K, list[T]] = defaultdict(list)
    for item in items:
        groups[root(key(item))].append(item)
    return list(groups.values())
