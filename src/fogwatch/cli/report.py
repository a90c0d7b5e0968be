"""`fogwatch report`: the story of the ledger on one screen, for a reader in a terminal."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from fogwatch.cli.console import DbOption, console
from fogwatch.ledger import Ledger


def report_command(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="Rows per section.")] = 8,
) -> None:
    """Who said what, how many independent origins stand behind it, and where reports disagree."""
    ledger = Ledger(db)
    print_report(ledger, limit)
    ledger.close()


def print_report(ledger: Ledger, limit: int = 8) -> None:
    """Print the report sections for a ledger."""
    articles = ledger.articles()
    claims = ledger.claims()
    statements = ledger.statements()
    conflicts = ledger.conflicts()
    rejected = ledger.rejected()
    outlets = {a.outlet or a.source for a in articles}
    copies = sum(1 for a in articles if a.copy_of)
    n_attr = sum(len(c.attributions) for c in claims)
    n_fig = sum(len(c.figures) for c in claims)
    console.print(Panel.fit(
        f"[bold]{len(articles)}[/] articles from [bold]{len(outlets)}[/] outlets "
        f"({copies} syndicated copies) · [bold]{n_attr}[/] attributions · [bold]{n_fig}[/] figures · "
        f"[bold]{len(statements)}[/] statements · [bold]{len(conflicts)}[/] conflicts · "
        f"[bold]{len(rejected)}[/] rejected inputs",
        title="Fogwatch ledger",
    ))

    speakers = Counter(a.speaker.name or f"unnamed: {a.speaker.description or a.cue or '?'}"
                       for c in claims for a in c.attributions)
    if speakers:
        table = Table(title="Who is quoted", title_justify="left")
        table.add_column("speaker")
        table.add_column("attributions", justify="right")
        for name, count in speakers.most_common(limit):
            table.add_row(name, str(count))
        console.print(table)

    shared = [s for s in statements if len(s.articles) > 1] or statements
    if shared:
        table = Table(title="Most repeated statements: articles vs independent origins", title_justify="left")
        for column in ("statement", "origin", "said", "articles", "origins", "via"):
            table.add_column(column, justify="right" if column in {"articles", "origins"} else "left")
        for st in shared[:limit]:
            table.add_row(_short(st.what, 70), st.origin or "unnamed", st.said_on or "?", str(len(st.articles)),
                          str(st.independent_origins), " → ".join(st.relays) or "direct")
        console.print(table)

    if conflicts:
        table = Table(title="Conflicts", title_justify="left")
        table.add_column("kind")
        table.add_column("rating")
        table.add_column("why")
        for conflict in conflicts[: limit * 2]:
            table.add_row(conflict.kind, conflict.rating or "", _short(conflict.why, 110))
        console.print(table)

    points = ledger.timeline()
    if points:
        table = Table(title="Figures over time (low / best / high)", title_justify="left")
        for column in ("quantity", "party", "date", "low", "best", "high", "kind"):
            table.add_column(column)
        for p in points[: limit * 2]:
            table.add_row(p.quantity, p.party or "unnamed", p.date or "?", _num(p.low), _num(p.best), _num(p.high),
                          "cumulative" if p.cumulative else "period" if p.cumulative is False else "")
        console.print(table)

    if rejected:
        table = Table(title="Rejected inputs", title_justify="left")
        table.add_column("input")
        table.add_column("reason")
        for item in rejected[:limit]:
            table.add_row(item.input, item.reason)
        console.print(table)


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"
