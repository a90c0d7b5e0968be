"""The `fogwatch` command: thin Typer commands over importable functions.

Errors become messages and exit codes only here: 0 all inputs stored, 1 some inputs rejected,
2 a usage error (bad option, unknown setting, unreadable ledger), 3 a run that failed (one line on
screen, the traceback in a log file).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path
from typing import NoReturn

# Linking multiplies many small matrices; on a few cores, BLAS worker threads only spin.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import typer

from fogwatch.cli.evaluate import eval_command
from fogwatch.cli.export import export_command
from fogwatch.cli.report import report_command
from fogwatch.cli.run import ingest_command, run_command
from fogwatch.cli.serve import serve_command
from fogwatch.cli.settings import settings_command
from fogwatch.cli.stats import stats_command
from fogwatch.cli.timeline import timeline_command
from fogwatch.errors import FogwatchError

app = typer.Typer(
    name="fogwatch",
    help="Who actually said this, and how many independent sources stand behind it?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command("run")(run_command)
app.command("ingest")(ingest_command)
app.command("export")(export_command)
app.command("report")(report_command)
app.command("stats")(stats_command)
app.command("settings")(settings_command)
app.command("eval")(eval_command)
app.command("serve")(serve_command)
app.command("timeline")(timeline_command)


def main() -> None:
    """Entry point: run the app, turning Fogwatch errors into a message and exit code 2, and any
    other failure into one line naming the log file with its traceback, and exit code 3."""
    from fogwatch.cli.console import err_console, shown

    try:
        app()
    except FogwatchError as exc:
        err_console.print(f"[bold red]error:[/] {shown(str(exc))}")
        sys.exit(2)
    except Exception as exc:
        log = write_crash_log()
        err_console.print(f"[bold red]failed:[/] {shown(type(exc).__name__)}: {shown(str(exc)[:200])} "
                          f"(traceback in {shown(str(log))})", soft_wrap=True)
        sys.exit(3)
    except SystemExit as done:  # every command that ran its course ends here, its code set by Typer
        if done.code is None or isinstance(done.code, int):
            leave(done.code or 0)
        raise


def leave(code: int) -> NoReturn:
    """End the process now that the command is done: every exit handler runs and the output is
    flushed, but the interpreter does not free the run's objects one by one (half a second after
    relinking a few thousand articles) before the memory goes back to the system anyway."""
    for thread in threading.enumerate():  # as a normal exit does: threads that are not daemons finish
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # then what a normal exit runs (Ray's shutdown, pools, temporary files)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def write_crash_log() -> Path:
    """Write the current exception's traceback to a log file ($FOGWATCH_LOG_DIR, else the temp
    folder) and return its path."""
    folder = Path(os.environ.get("FOGWATCH_LOG_DIR") or tempfile.gettempdir())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"fogwatch-failure-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    path.write_text(f"fogwatch {' '.join(sys.argv[1:])}\n\n{traceback.format_exc()}", encoding="utf-8")
    return path
