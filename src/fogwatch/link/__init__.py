"""Link stage: claims across articles -> stories, and statements with origins, relays and independence.

``link_corpus`` loads on first use: the modules that only need a link helper (exports, the ledger)
should not pay for story clustering and the neighbour search at import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fogwatch.link.corpus import LinkResult, link_corpus

__all__ = ["LinkResult", "link_corpus"]


def __getattr__(name: str) -> Any:
    """Load the link stage on first use."""
    if name in __all__:
        return getattr(import_module("fogwatch.link.corpus"), name)
    raise AttributeError(f"module 'fogwatch.link' has no attribute {name!r}")
