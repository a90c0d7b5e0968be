"""Each run's state, so a killed run is not left "unfinished" forever and the next run can redo it.

A run records the process that owns it (``host:pid``). When a later run starts, a run still
marked running whose process is gone from this host was killed: it is marked ``interrupted``, and
``fogwatch run`` reads its inputs again (every stage is resumable) and marks it ``resumed``.
A run whose process is on another host is left alone: it may still be running there.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update

from fogwatch.ledger.store import Ledger
from fogwatch.ledger.tables import RunRow

RUNNING, FINISHED, FAILED, INTERRUPTED, RESUMED = "running", "finished", "failed", "interrupted", "resumed"


@dataclass(frozen=True)
class InterruptedRun:
    """A run that stopped before finishing, and the inputs it was given."""

    id: int
    command: str
    inputs: tuple[str, ...]


def this_process() -> str:
    """``host:pid`` of the running process."""
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(owner: str | None) -> bool:
    """Whether the owning process may still be running; unknowable (so True) for another host."""
    if not owner:
        return False  # a run from before owners were recorded, still unfinished: it was killed
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def status_of(run: dict[str, object]) -> str:
    """A run's status as ``Ledger.runs`` lists it, with a running run whose process is gone shown
    as interrupted (the next run marks it so in the ledger)."""
    status = str(run.get("status") or "unfinished")
    owner = run.get("owner")
    if status in (RUNNING, "unfinished") and not _alive(owner if isinstance(owner, str) else None):
        return INTERRUPTED
    return status


class RunBook:
    """Reads and marks the state of a ledger's runs."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    def begin(self, command: str, settings: dict[str, Any], versions: dict[str, str]) -> int:
        """Record the start of a run owned by this process, in one write, so another run never
        sees it without its owner and takes it for a killed one."""
        started = datetime.now(UTC).replace(tzinfo=None)
        with self.ledger.session() as s, s.begin():
            row = RunRow(command=command, started_at=started, settings=settings, versions=versions,
                         stats={}, status=RUNNING, owner=this_process())
            s.add(row)
            s.flush()
            return row.id

    def end(self, run_id: int, status: str) -> None:
        """Mark how a run ended: finished, failed or interrupted."""
        self._set(run_id, status=status)

    def interrupted(self) -> list[InterruptedRun]:
        """Runs that stopped before finishing and were not yet resumed; unfinished runs whose
        process is gone are marked interrupted first."""
        found: list[InterruptedRun] = []
        with self.ledger.session() as s, s.begin():
            rows = s.scalars(select(RunRow).where(RunRow.finished_at.is_(None)).order_by(RunRow.id)).all()
            for row in rows:
                if row.status in (None, RUNNING) and not _alive(row.owner):
                    row.status = INTERRUPTED
                if row.status in (INTERRUPTED, FAILED) and row.resumed_by is None:
                    inputs = (row.settings or {}).get("inputs") or []
                    found.append(InterruptedRun(row.id, row.command, tuple(str(i) for i in inputs)))
        return found

    def mark_resumed(self, run_ids: list[int], by: int) -> None:
        """Record that a later run read these runs' inputs again."""
        if not run_ids:
            return
        with self.ledger.session() as s, s.begin():
            s.execute(update(RunRow).where(RunRow.id.in_(run_ids)).values(status=RESUMED, resumed_by=by))

    def _set(self, run_id: int, **values: str) -> None:
        with self.ledger.session() as s, s.begin():
            s.execute(update(RunRow).where(RunRow.id == run_id).values(**values))
