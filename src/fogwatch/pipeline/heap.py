"""The corpus stages' data and the cyclic garbage collector.

Linking holds the whole ledger in memory (articles, every claim, the index, then the statements) and
keeps it until the stage ends. Each full collection walks every live object, so at a few thousand
articles the collections that ordinary work triggers cost a second per run, most of it re-walking data
that cannot be garbage yet. Frozen objects (``gc.freeze``) are skipped by collections; they are still
freed when their last reference goes, and thawed when the stage ends. Freezing before a fork also keeps
a child's collections off the pages it shares with this process.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def long_lived() -> Iterator[Callable[[], None]]:
    """Within it, what is alive on entry, and whenever the yielded ``settle`` is called, is left out
    of collections; on leaving, everything is collectable again."""
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
