"""One function computed in a forked process while this one goes on, its result read back when needed.

Linking's two halves are independent: stories need only the articles and their lead vectors,
statements the claims (and reconciling's: what each article shows, what each statement shows). Where
the platform forks and there is a second core, the stories are clustered in a child forked from this
process, which inherits the articles and vectors (nothing is shipped to it) and sends back only its
result, while this process reads the claims and builds the statements. The child must not touch
what it shares with the parent (the ledger's connections, the embedding model): callers give it
in-memory inputs only.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")
EXIT_WAIT = 10.0  # seconds a child that has answered gets to exit


def can_fork() -> bool:
    """Whether a second core, ``fork`` and the memory for a full copy of this process are there to
    compute something aside: a child shares this process's pages until it touches them, and reading
    every article touches many."""
    forks = "fork" in multiprocessing.get_all_start_methods()
    return (os.cpu_count() or 1) > 1 and forks and room_for_a_copy()


def room_for_a_copy(meminfo: str = "/proc/meminfo") -> bool:
    """Whether the memory available (Linux's estimate) exceeds this process's peak resident size;
    where that cannot be read, assume there is room."""
    try:
        import resource  # where there is fork there is resource

        with open(meminfo, encoding="ascii") as lines:
            available = next(int(line.split()[1]) for line in lines if line.startswith("MemAvailable:"))
    except (ImportError, OSError, StopIteration, ValueError, IndexError):
        return True
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, as MemAvailable
    return available > peak


class Aside(Generic[T]):
    """``fn(*args, **kwargs)`` under way in a forked child; ``result()`` waits for it."""

    def __init__(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> None:
        self._call = (fn, args, kwargs)
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_answer, args=(send, fn, args, kwargs), daemon=True)
        self._process.start()
        send.close()  # the child holds the only sending end: its exit ends the pipe
        self._outcome: tuple[str, Any] | None = None

    def result(self) -> T:
        """The function's value, or its exception raised here. A child that died without answering
        (killed, out of memory) leaves the work to this process."""
        if self._outcome is None:
            try:
                self._outcome = self._receive.recv()  # read before joining: a large answer fills the pipe
            except EOFError:
                fn, args, kwargs = self._call
                self._outcome = ("value", fn(*args, **kwargs))
            finally:
                self._receive.close()
                self._stop_child()
        kind, value = self._outcome
        if kind == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def _stop_child(self) -> None:
        """Wait for the child to exit once it has answered; one that hangs on its way out (a lock
        another thread held when it was forked) is killed, since its answer is already here."""
        self._process.join(timeout=EXIT_WAIT)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


class Done(Generic[T]):
    """A result computed here already, behind the same ``result()``."""

    def __init__(self, value: T) -> None:
        self._value = value

    def result(self) -> T:
        """The value."""
        return self._value


def aside(fn: Callable[..., T], *args: Any, fork: bool = True, **kwargs: Any) -> Aside[T] | Done[T]:
    """``fn(*args, **kwargs)`` computed in a forked child when ``fork`` and ``can_fork()``, else here now."""
    if fork and can_fork():
        return Aside(fn, *args, **kwargs)
    return Done(fn(*args, **kwargs))


def _answer(send: Connection, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """The child: compute, send the value or the exception (as text when it does not pickle), and
    leave at once: it wrote nothing to flush, and flushing a stream whose lock another thread of the
    parent held at the fork (a progress bar drawing) would hang it."""
    try:
        send.send(("value", fn(*args, **kwargs)))
    except BaseException as error:  # the parent decides what an error means, even an interrupt
        try:
            send.send(("error", error))
        except Exception:
            send.send(("error", RuntimeError(f"{type(error).__name__}: {error}")))
    finally:
        send.close()
        os._exit(0)
