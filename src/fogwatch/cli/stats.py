"""`fogwatch stats`: how much the ledger holds and what the runs did."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from fogwatch.cli.console import DbOption, console
from fogwatch.ledger import Ledger
from fogwatch.ledger.runs import status_of


def stats_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Counts per record type and the latest runs with their settings and component versions."""
    ledger = Ledger(db)
    counts, runs = ledger.counts(), ledger.runs()[:5]
    ledger.close()
    if as_json:
        console.print_json(json.dumps({"counts": counts, "runs": runs}))
        return
    table = Table(title=f"Ledger {ledger.display_url}")
    table.add_column("records")
    table.add_column("count", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    console.print(table)
    runs_table = Table(title="Latest runs")
    for column in ("id", "command", "started", "status", "stages"):
        runs_table.add_column(column)
    for run in runs:
        stages = "; ".join(f"{k}: {v.get('kept', 0)}/{v.get('seen', 0)}" for k, v in run["stats"].items())
        status = status_of(run) + (f" by {run['resumed_by']}" if run["resumed_by"] else "")
        runs_table.add_row(str(run["id"]), run["command"], run["started_at"][:19], status, stages)
    console.print(runs_table)
