"""What a pipeline step is, and what an executor reports about it.

A step is a generator over typed records: it takes an iterable of one record type and yields
another (inputs -> Article | Rejected, Article -> ArticleClaims). Executors own everything around
that: batching, progress, stats, storage, and where the work runs (in-process or on Ray).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

In = TypeVar("In", contravariant=True)
Out = TypeVar("Out", covariant=True)


class Step(Protocol[In, Out]):
    """A named stage that maps a stream of records to another."""

    name: str

    def run(self, items: Iterable[In]) -> Iterator[Out]:
        """Yield the step's output records, one or more per input (or a Rejected with a reason)."""
        ...


class Progress(Protocol):
    """Where an executor reports progress; the CLI draws it as Rich bars, tests ignore it."""

    def start(self, name: str, total: int | None) -> None:
        """A stage begins, with its number of items when known."""

    def advance(self, name: str, amount: int = 1) -> None:
        """Items of a stage are done."""

    def finish(self, name: str) -> None:
        """A stage ends."""


class SilentProgress:
    """Progress that goes nowhere: for the Python API and tests."""

    def start(self, name: str, total: int | None) -> None:
        """Ignore the start."""

    def advance(self, name: str, amount: int = 1) -> None:
        """Ignore the advance."""

    def finish(self, name: str) -> None:
        """Ignore the end."""


@dataclass
class StepStats:
    """What one stage did: counts and drop reasons, kept in the run's record."""

    name: str
    seen: int = 0
    kept: int = 0
    seconds: float = 0.0
    dropped: Counter[str] = field(default_factory=Counter)
    notes: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready view for the runs table and the run summary."""
        return {
            "seen": self.seen, "kept": self.kept, "seconds": round(self.seconds, 3),
            "dropped": dict(self.dropped), **self.notes,
        }
