"""`fogwatch timeline`: one quantity's claims per party over time, as low/best/high, with a chart."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from fogwatch.cli.console import DbOption, console, err_console
from fogwatch.errors import UsageError
from fogwatch.ledger import Ledger


def timeline_command(
    quantity: Annotated[
        str | None,
        typer.Argument(help="A quantity key, or words that pick one "
                            "(e.g. 'killed_or_wounded tarvanian'); omit to list them."),
    ] = None,
    db: DbOption = None,
    chart: Annotated[Path | None, typer.Option(help="Write a chart: .png or .svg.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write the points as JSON Lines.")] = None,
) -> None:
    """Print (and optionally chart and export) the timeline of one quantity."""
    from fogwatch.export.records import timeline_row  # loaded by this command only
    from fogwatch.reconcile.timeline import plot_timeline, quantities

    ledger = Ledger(db)
    points = ledger.timeline()
    ledger.close()
    keys = quantities(points)
    if quantity is None:
        table = Table(title="Quantities")
        table.add_column("quantity")
        table.add_column("claims", justify="right")
        for key, count in keys:
            table.add_row(key, str(count))
        console.print(table)
        return
    words = quantity.lower().split()
    chosen = [k for k, _ in keys if k == quantity]
    chosen = chosen or [k for k, _ in keys if all(w in k.lower() for w in words)]
    if not chosen:
        raise UsageError(
            f"no quantity matches {quantity!r}", "run `fogwatch timeline` to list the quantities"
        )
    key = chosen[0]
    selected = [p for p in points if p.quantity == key]
    table = Table(title=f"Timeline: {key}")
    for column in ("date", "party", "low", "best", "high", "kind", "independent"):
        table.add_column(column)
    for p in selected:
        table.add_row(p.date or "?", p.party or "unnamed", _num(p.low), _num(p.best), _num(p.high),
                      "cumulative" if p.cumulative else "period" if p.cumulative is False else "",
                      "yes" if p.independent else "relay")
    console.print(table)
    if chart:
        err_console.print(f"chart written to {plot_timeline(selected, key, chart)}")
    if out:
        with out.open("w", encoding="utf-8") as handle:
            for p in selected:
                handle.write(json.dumps(timeline_row(p), ensure_ascii=False) + "\n")
        err_console.print(f"{len(selected)} points written to {out}")


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"
