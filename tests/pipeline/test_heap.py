"""The corpus stages' data is left out of garbage collections while a stage runs, and only then."""

from __future__ import annotations

import gc
import weakref

import pytest

from fogwatch.pipeline.heap import long_lived


def test_what_lives_on_entry_and_at_settle_is_frozen_until_the_stage_ends() -> None:
    assert gc.get_freeze_count() == 0
    with long_lived() as settle:
        on_entry = gc.get_freeze_count()
        assert on_entry > 0
        built = [[n] for n in range(10_000)]  # lists are tracked by the collector
        assert gc.get_freeze_count() == on_entry
        settle()
        assert gc.get_freeze_count() >= on_entry + len(built)
    assert gc.get_freeze_count() == 0


def test_a_failing_stage_thaws_the_heap_too() -> None:
    with pytest.raises(RuntimeError), long_lived():
        raise RuntimeError("stage failed")
    assert gc.get_freeze_count() == 0


def test_frozen_garbage_is_still_freed_by_reference_counting() -> None:
    class Record:
        pass

    freed: list[str] = []
    with long_lived() as settle:
        record = Record()
        settle()
        weakref.finalize(record, freed.append, "freed")
        del record
        assert freed == ["freed"]
