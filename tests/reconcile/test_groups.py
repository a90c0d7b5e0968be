"""Conflicts are the connected groups of their disagreeing pairs."""

from __future__ import annotations

from fogwatch.reconcile.groups import connected_groups


def test_a_chain_of_pairs_is_one_group_and_strangers_stay_apart() -> None:
    items = ["a", "b", "c", "d", "e"]
    groups = connected_groups(items, [("a", "b"), ("c", "b"), ("d", "e")], key=str)
    assert groups == [["a", "b", "c"], ["d", "e"]]


def test_an_item_without_links_is_a_group_of_its_own_in_first_seen_order() -> None:
    assert connected_groups([3, 1, 2], [(1, 2)], key=int) == [[3], [1, 2]]
