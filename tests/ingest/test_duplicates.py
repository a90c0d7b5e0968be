"""Syndicated near-copies are found, unrelated stories are not, and the answer never varies."""

from __future__ import annotations

import random

from fogwatch.link.duplicates import NearDuplicateIndex, shingles

VOCABULARY = [
    *("troops", "losses", "front", "border", "officials", "said", "week", "forces", "region", "attack"),
    *("drone", "village", "minister", "reported", "claimed", "army", "soldiers", "killed", "wounded"),
    *("talks", "ceasefire", "statement", "according", "briefing", "council", "spokesperson"),
    *("intelligence", "estimate", "casualties", "artillery", "shelling", "convoy", "supplies"),
]


def story(seed: int, words: int = 300) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(VOCABULARY) for _ in range(words)]


def text(words: list[str]) -> str:
    return " ".join(words)


WIRE = story(1)
REPRINT = ["Headline:", "Partner", "outlet", *WIRE[:-8], *story(2, 8)]  # new headline, trimmed tail
OTHER = story(3)


def test_reprint_is_marked_as_a_copy_of_the_wire_story() -> None:
    index = NearDuplicateIndex()
    assert index.add("wire", text(WIRE)) is None
    assert index.add("other", text(OTHER)) is None
    assert index.add("reprint", text(REPRINT)) == "wire"
    assert index.add("exact", text(WIRE).upper()) == "wire"  # case does not make a story new
    assert len(index) == 4 and "reprint" in index


def test_earliest_copy_wins_and_re_adding_gives_the_first_answer() -> None:
    index = NearDuplicateIndex()
    index.add("first", text(WIRE))
    index.add("second", text(WIRE))
    assert index.add("third", text(REPRINT)) == "first"
    assert index.add("second", "anything at all") == "first"


def test_same_inputs_same_answers() -> None:
    inputs = [("a", WIRE), ("b", OTHER), ("c", REPRINT), ("d", story(4)), ("e", story(4)[5:])]
    answers = []
    for _ in range(2):
        index = NearDuplicateIndex(threshold=0.8, num_perm=128)
        answers.append([index.add(key, text(words)) for key, words in inputs])
    assert answers[0] == answers[1] == [None, None, "a", None, "d"]


def test_empty_and_short_texts() -> None:
    index = NearDuplicateIndex()
    assert index.add("empty", "") is None
    assert index.add("empty-again", "  ") is None
    assert index.add("short", "Kirby said") is None
    assert index.add("short-again", "kirby SAID") == "short"
    assert shingles("a b c d e f") == {b"a b c d e", b"b c d e f"}


def test_an_index_rebuilt_from_stored_signatures_finds_the_same_copies() -> None:
    first = NearDuplicateIndex()
    first.add("wire", text(WIRE))
    first.add("other", text(OTHER))
    first.add("blank", "...")
    rebuilt = NearDuplicateIndex()
    for key in ("wire", "other", "blank"):
        rebuilt.add_stored(key, first.signature_bytes(key))
    assert first.signature_bytes("blank") == b""
    assert rebuilt.scheme == first.scheme
    assert rebuilt.add("reprint", text(REPRINT)) == first.add("reprint", text(REPRINT)) == "wire"
