"""Work computed aside in a forked child comes back as if computed here."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from fogwatch.pipeline import aside as aside_module
from fogwatch.pipeline.aside import Aside, Done, aside, can_fork, room_for_a_copy

needs_fork = pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")


def _pid_and_sum(*numbers: int, extra: int = 0) -> tuple[int, int]:
    return os.getpid(), sum(numbers) + extra


@needs_fork
def test_the_result_is_computed_in_another_process_and_read_back() -> None:
    job = aside(_pid_and_sum, 1, 2, 3, extra=4)
    assert isinstance(job, Aside)
    pid, total = job.result()
    assert pid != os.getpid() and total == 10
    assert job.result() == (pid, total)  # asked again, the same answer without a second child


def test_without_fork_the_work_is_done_here_at_once() -> None:
    job = aside(_pid_and_sum, 5, fork=False)
    assert isinstance(job, Done)
    assert job.result() == (os.getpid(), 5)


def _fails() -> None:
    raise ValueError("no such quantity")


@needs_fork
def test_an_error_in_the_child_is_raised_where_the_result_is_asked() -> None:
    job = aside(_fails)
    with pytest.raises(ValueError, match="no such quantity"):
        job.result()


def _unpicklable() -> object:
    return lambda: None  # a value the pipe cannot carry


@needs_fork
def test_a_result_that_cannot_be_sent_back_is_an_error_that_says_so() -> None:
    with pytest.raises(Exception, match="pickle"):
        aside(_unpicklable).result()


def _killed_in_child(parent: int) -> int:
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    return 42


@needs_fork
def test_a_child_killed_before_answering_leaves_the_work_to_this_process() -> None:
    assert aside(_killed_in_child, os.getpid()).result() == 42


@needs_fork
def test_a_child_that_hangs_after_answering_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    def answer_then_hang(send: Connection, fn: Callable[..., object], args: tuple[object, ...],
                         kwargs: dict[str, object]) -> None:
        send.send(("value", fn(*args, **kwargs)))
        time.sleep(60)

    monkeypatch.setattr(aside_module, "_answer", answer_then_hang)
    monkeypatch.setattr(aside_module, "EXIT_WAIT", 0.2)
    started = time.monotonic()
    job = aside_module.aside(_pid_and_sum, 7)
    assert job.result()[1] == 7
    assert time.monotonic() - started < 30
    assert isinstance(job, Aside) and not job._process.is_alive()


def test_there_is_room_for_a_copy_only_when_more_memory_is_available_than_this_process_holds(
        tmp_path: Path) -> None:
    plenty, scarce = tmp_path / "plenty", tmp_path / "scarce"
    plenty.write_text("MemTotal: 99999999 kB\nMemAvailable: 99999999 kB\n", encoding="ascii")
    scarce.write_text("MemTotal: 99999999 kB\nMemAvailable: 1 kB\n", encoding="ascii")
    assert room_for_a_copy(str(plenty)) and not room_for_a_copy(str(scarce))
    assert room_for_a_copy(str(tmp_path / "missing"))  # unknown: assume there is room
