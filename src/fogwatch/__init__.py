"""Fogwatch: who actually said this, and how many independent sources stand behind it.

    import fogwatch
    fogwatch.run(["examples/demo"], db="fogwatch.db")
    statements = fogwatch.frame("statements", db="fogwatch.db")

The records load at once; the pipeline, ledger and their heavy dependencies (spaCy, SQLAlchemy)
load on first use, so `import fogwatch` stays cheap for tools that only need the data model.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from fogwatch.model import (
    Article,
    ArticleClaims,
    Attribution,
    Conflict,
    Figure,
    Rejected,
    Speaker,
    Statement,
    Tally,
    TimelinePoint,
    Window,
)

__version__ = "0.1.0"

_LAZY = {
    "run": "fogwatch.api", "frames": "fogwatch.api", "frame": "fogwatch.api", "Ledger": "fogwatch.ledger",
}

__all__ = [
    "Article",
    "ArticleClaims",
    "Attribution",
    "Conflict",
    "Figure",
    "Ledger",
    "Rejected",
    "Speaker",
    "Statement",
    "Tally",
    "TimelinePoint",
    "Window",
    "__version__",
    "frame",
    "frames",
    "run",
]


def __getattr__(name: str) -> Any:
    """Load the API's heavier parts on first use."""
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'fogwatch' has no attribute {name!r}")
