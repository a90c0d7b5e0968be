"""`fogwatch report`: the story of the ledger on one screen, for a reader in a terminal."""

from __future__ import annotations

from collections import Counter
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from fogwatch.cli.console import DbOption, console
from fogwatch.ledger import Ledger
from fogwatch.model import TimelinePoint


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

    ranges = _quantity_ranges(ledger.timeline())
    if ranges:
        table = Table(title="Figures per quantity and party (lowest – highest claimed)", title_justify="left")
        for column in ("quantity", "party", "range", "claims", "last said"):
            table.add_column(column, justify="right" if column in {"claims"} else "left")
        for (quantity, party), (low, high, count, last) in list(ranges.items())[: limit * 2]:
            table.add_row(quantity, party, f"{_num(low)} – {_num(high)}" if low != high else _num(low),
                          str(count), last or "?")
        console.print(table)

    if rejected:
        table = Table(title="Rejected inputs", title_justify="left")
        table.add_column("input")
        table.add_column("reason")
        for item in rejected[:limit]:
            table.add_row(item.input, item.reason)
        console.print(table)


def _quantity_ranges(points: list[TimelinePoint]) -> dict[tuple[str, str], tuple[float | None, float | None, int, str | None]]:
    """Each (quantity, party) summarised as its lowest and highest claim, count and latest date."""
    grouped: dict[tuple[str, str], list[TimelinePoint]] = {}
    for point in points:
        grouped.setdefault((point.quantity, point.party or "unnamed"), []).append(point)
    summary = {}
    for key, group in sorted(grouped.items(), key=lambda item: (item[0][0], -len(item[1]))):
        lows = [p.low if p.low is not None else p.best for p in group]
        highs = [p.high if p.high is not None else p.best for p in group]
        known_lows = [v for v in lows if v is not None]
        known_highs = [v for v in highs if v is not None]
        summary[key] = (min(known_lows) if known_lows else None, max(known_highs) if known_highs else None,
                        len(group), max((p.date for p in group if p.date), default=None))
    return summary


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"
