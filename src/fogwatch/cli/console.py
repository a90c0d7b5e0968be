"""What the CLI shows: Rich progress bars for the executor, and the shared --db option."""

from __future__ import annotations

import re
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", envvar="FOGWATCH_DB", help="Ledger database: a file path or SQLAlchemy URL "
                 "(default: fogwatch.db in the working directory)."),
]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Stages that finish faster than this never show a bar, so quick runs stay quiet.
_SHOW_AFTER_SECONDS = 1.0


def shown(text: str) -> str:
    """Untrusted text (a file name, a reason quoting one) made safe to print: control characters
    written as escapes, so a name cannot move the cursor or recolour the terminal, and Rich markup
    escaped, so "[red]" in a name stays text."""
    return escape(_CONTROL.sub(lambda m: ascii(m.group())[1:-1], text))


class RichProgress:
    """The executor's Progress drawn as Rich bars, shown only for stages that take more than a second."""

    def __init__(self, console: Console = err_console) -> None:
        self._bars = Progress(
            SpinnerColumn(), TextColumn("[bold]{task.description:<8}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), TimeRemainingColumn(), console=console, transient=False,
        )
        self._tasks: dict[str, int] = {}
        self._started: dict[str, float] = {}
        self._visible = False

    def start(self, name: str, total: int | None) -> None:
        """Create the stage's bar, hidden until the stage has run for a second."""
        self._started[name] = time.monotonic()
        self._tasks[name] = self._bars.add_task(name, total=total, visible=False)

    def advance(self, name: str, amount: int = 1) -> None:
        """Move the stage's bar; reveal it once the stage is slow enough to need one."""
        self._bars.advance(self._tasks[name], amount)
        self._reveal_if_slow(name)

    def finish(self, name: str) -> None:
        """Complete the stage's bar."""
        task = self._tasks[name]
        total = self._bars.tasks[task].total
        if total is None:
            self._bars.update(task, total=self._bars.tasks[task].completed or 1,
                              completed=self._bars.tasks[task].completed or 1)
        self._reveal_if_slow(name)
        self._bars.refresh()

    def _reveal_if_slow(self, name: str) -> None:
        if time.monotonic() - self._started[name] < _SHOW_AFTER_SECONDS:
            return
        if not self._visible:
            self._bars.start()
            self._visible = True
        self._bars.update(self._tasks[name], visible=True)

    def close(self) -> None:
        """Stop drawing."""
        if self._visible:
            self._bars.stop()
