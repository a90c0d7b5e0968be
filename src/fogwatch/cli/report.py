"""`fogwatch report`: the story of the ledger on one screen, for a reader in a terminal.

What a careful reader asks, in order: what was said most often and how many independent origins
stand behind it, where the reports disagree, what each party claims for each quantity, and who is
speaking. Every name is the entity's one name across the corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from fogwatch.cli.console import DbOption, console, shown
from fogwatch.ledger import Ledger
from fogwatch.model import TimelinePoint

COUNTED = {"killed_or_wounded": "killed or wounded"}


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
    from fogwatch.link.origins import EntityNames  # loaded only when a report is printed
    from fogwatch.reconcile.conflicts import KIND_ORDER

    counts = ledger.counts()  # the whole ledger is counted, not read: a report follows every run
    statements = ledger.statements(limit)
    conflicts = sorted(ledger.conflicts(), key=lambda c: KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER
                       else len(KIND_ORDER))
    rejected = ledger.rejected()
    names = EntityNames.of((e.name, e.spellings) for e in ledger.entities())
    console.print(Panel.fit(
        f"[bold]{counts['articles']}[/] articles from [bold]{ledger.outlet_count()}[/] outlets "
        f"({counts['copies']} syndicated copies) · [bold]{counts['attributions']}[/] attributions · "
        f"[bold]{counts['figures']}[/] figures · [bold]{counts['statements']}[/] statements · "
        f"[bold]{len(conflicts)}[/] conflicts · [bold]{len(rejected)}[/] rejected inputs",
        title="Fogwatch ledger",
    ))

    shared = [s for s in statements if len(s.articles) > 1] or statements
    if shared:
        table = Table(title="Most repeated statements: articles vs independent origins", title_justify="left")
        for column in ("statement", "said", "articles", "origins", "via"):
            table.add_column(column, justify="right" if column in {"articles", "origins"} else "left",
                             no_wrap=column == "said")
        for st in shared[:limit]:
            table.add_row(shown(_short(st.what, 80)), st.said_on or "?", str(len(st.articles)),
                          str(st.independent_origins), ", ".join(st.relays) or "direct")
        console.print(table)

    if conflicts:
        table = Table(title="Conflicts", title_justify="left")
        table.add_column("kind", no_wrap=True)
        table.add_column("why")
        for conflict in conflicts[: limit * 2]:
            kind = conflict.kind.replace("_", " ") + (f" ({conflict.rating})" if conflict.rating else "")
            table.add_row(kind, shown(_short(conflict.why, 220)))
        console.print(table)

    party_counts = ledger.parties_per_quantity()  # the points of the quantities shown are read, not all
    disputed_keys = [q for q, n in party_counts.items() if n >= 2]
    most_disputed = sorted(disputed_keys, key=lambda q: (-party_counts[q], q))
    disputed = _disputed_quantities(ledger.timeline(most_disputed[:limit]))
    if disputed:
        table = Table(title="Quantities with more than one party: what each claims (lowest – highest)",
                      title_justify="left")
        for column in ("quantity", "party", "claimed", "last said"):
            table.add_column(column, no_wrap=column in {"claimed", "last said"})
        for quantity, parties in list(disputed.items())[:limit]:
            ranked = list(parties.items())  # a quantity can have hundreds of parties: the highest claims
            for i, (party, (low, high, last)) in enumerate(ranked[:limit]):
                claimed = f"{_num(low)} – {_num(high)}" if low != high else _num(low)
                table.add_row(_quantity(quantity) if i == 0 else "", party, claimed, last or "?")
            if len(ranked) > limit:
                hidden = len(ranked) - limit
                table.add_row("", f"… {hidden} more {'party' if hidden == 1 else 'parties'}", "", "")
        console.print(table)

    speakers: Counter[str] = Counter()
    for name, count in ledger.speaker_counts().items():
        speakers[names(name) or "unnamed sources"] += count
    if speakers:
        quoted = " · ".join(f"{name} [bold]{count}[/]" for name, count in speakers.most_common(limit))
        console.print(f"[bold]Who is quoted[/] (attributions): {quoted}")

    if rejected:
        table = Table(title="Rejected inputs", title_justify="left")
        table.add_column("input")
        table.add_column("reason")
        for item in rejected[:limit]:
            table.add_row(shown(item.input), shown(item.reason))
        console.print(table)


def _disputed_quantities(
    points: list[TimelinePoint],
) -> dict[str, dict[str, tuple[float | None, float | None, str | None]]]:
    """Quantities that more than one party gives a figure for, each party as lowest, highest and
    latest date; quantities with most parties first."""
    grouped: dict[str, dict[str, list[TimelinePoint]]] = defaultdict(lambda: defaultdict(list))
    for point in points:
        grouped[point.quantity][point.party or "unnamed"].append(point)
    out = {}
    for quantity, parties in sorted(grouped.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        if len(parties) < 2:
            continue
        summary = {}
        for party, group in parties.items():
            lows = [v for v in (p.low if p.low is not None else p.best for p in group) if v is not None]
            highs = [v for v in (p.high if p.high is not None else p.best for p in group) if v is not None]
            summary[party] = (min(lows) if lows else None, max(highs) if highs else None,
                              max((p.date for p in group if p.date), default=None))
        out[quantity] = dict(sorted(summary.items(), key=lambda kv: -(kv[1][1] or kv[1][0] or 0)))
    return out


def _quantity(key: str) -> str:
    """"killed_or_wounded | tarvanian soldiers | selka valley" as a reader writes it."""
    parts = [p.strip() for p in key.split("|")]
    parts[0] = COUNTED.get(parts[0], parts[0])
    return " · ".join(p for p in parts if p and p != "unspecified")


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"
