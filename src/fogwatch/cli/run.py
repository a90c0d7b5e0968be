"""`fogwatch run` and `fogwatch ingest`: read inputs into the ledger, then extract and link."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from fogwatch.cli.console import DbOption, RichProgress, console, err_console, shown
from fogwatch.ledger import Ledger
from fogwatch.pipeline import STAGES, LocalExecutor, RunSummary
from fogwatch.settings import parse_assignment

InputsArgument = Annotated[
    list[str], typer.Argument(help="Files, directories, feed files, WARC archives or http(s) URLs.")
]


class Executor(StrEnum):
    """Where a run's extraction happens."""

    local = "local"
    ray = "ray"


SetOption = Annotated[
    list[str] | None,
    typer.Option("--set", help="Override a setting, NAME=VALUE (see `fogwatch settings`). Repeatable."),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option("--allow-private", help="Fetch URLs on loopback, private, link-local and multicast "
                 "addresses (refused by default: the URLs may come from anyone)."),
]


def run_command(
    inputs: InputsArgument,
    db: DbOption = None,
    set_: SetOption = None,
    report: Annotated[
        bool, typer.Option("--report/--no-report", help="Print the ledger report after the run.")
    ] = True,
    open_report: Annotated[
        bool, typer.Option("--open-report", help="Open the web UI on the ledger afterwards.")
    ] = False,
    allow_private: AllowPrivateOption = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=0, help="Extraction processes (default: every core).")
    ] = None,
    executor: Annotated[
        Executor, typer.Option("--executor",
                               help="Where reading, extraction and embedding run: here, or a Ray cluster."),
    ] = Executor.local,
    ray_address: Annotated[
        str | None, typer.Option("--ray-address", help="Ray cluster to join (\"auto\", ray://HOST:10001); "
                                 "default: start Ray on this machine.")
    ] = None,
) -> None:
    """Ingest inputs and run every stage: extract attributions and figures, link them across articles.
    Inputs of an earlier run that was interrupted are read again with these."""
    if workers is not None:
        set_ = [*(set_ or []), f"workers={workers}"]
    summary = _execute(inputs, db, set_, STAGES, "run", allow_private, executor, ray_address)
    if report:
        from fogwatch.cli.report import print_report

        print_report(Ledger(db))
    if open_report:
        from fogwatch.serve import serve

        serve(db, open_browser=True)
    raise typer.Exit(summary.exit_code)


def ingest_command(inputs: InputsArgument, db: DbOption = None, set_: SetOption = None,
                   allow_private: AllowPrivateOption = False) -> None:
    """Only store the inputs as articles (no extraction); re-running adds nothing twice."""
    summary = _execute(inputs, db, set_, ("ingest",), "ingest", allow_private)
    raise typer.Exit(summary.exit_code)


def _execute(inputs: list[str], db: str | None, assignments: list[str] | None,
             stages: tuple[str, ...], command: str, allow_private: bool = False,
             executor: Executor = Executor.local, ray_address: str | None = None) -> RunSummary:
    settings = dict(parse_assignment(a) for a in assignments or [])
    if allow_private:
        settings["allow_private"] = True
    ledger = Ledger(db)
    progress = RichProgress()
    try:
        if executor is Executor.ray:
            from fogwatch.pipeline.ray_executor import RayExecutor

            chosen: LocalExecutor = RayExecutor(ledger, settings, progress, address=ray_address)
        else:
            chosen = LocalExecutor(ledger, settings, progress)
        summary = chosen.run(inputs, stages, command=command)
    finally:
        progress.close()
    print_summary(summary, ledger.display_url)
    ledger.close()
    return summary


def print_summary(summary: RunSummary, url: str) -> None:
    """One table of what each stage did, then every rejected input with its reason and fix."""
    table = Table(title=f"Run {summary.run_id} → {url}", show_lines=False)
    for column in ("stage", "seen", "kept", "seconds", "notes"):
        table.add_column(column, justify="right" if column in {"seen", "kept", "seconds"} else "left")
    for name, stats in summary.stats.items():
        notes = ", ".join(f"{k} {v}" for k, v in {**stats.notes, **stats.dropped}.items())
        table.add_row(name, str(stats.seen), str(stats.kept), f"{stats.seconds:.1f}", notes)
    console.print(table)
    if summary.resumed:
        runs = ", ".join(str(run) for run in summary.resumed)
        console.print(f"Resumed interrupted run(s) {runs}: their inputs were read again.")
    if summary.rejected:
        err_console.print(
            f"[bold yellow]{len(summary.rejected)} input(s) rejected[/] (the rest were stored):"
        )
        for item in summary.rejected:
            err_console.print(f"  [yellow]✗[/] {shown(item.input)}: {shown(item.reason)}", soft_wrap=True)
            if item.hint:
                err_console.print(f"      → {shown(item.hint)}")
