"""The `fogwatch` command: thin Typer commands over importable functions.

Errors become messages and exit codes only here: 0 all inputs stored, 1 some inputs rejected,
2 a usage error (bad option, unknown setting, unreadable ledger).
"""

from __future__ import annotations

import os
import sys

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
    """Entry point: run the app, turning Fogwatch errors into a message and exit code 2."""
    try:
        app()
    except FogwatchError as exc:
        from fogwatch.cli.console import err_console

        err_console.print(f"[bold red]error:[/] {exc}")
        sys.exit(2)
