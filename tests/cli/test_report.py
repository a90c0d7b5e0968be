"""`fogwatch report` reads counts and the few rows it shows, and shows what the whole ledger holds."""

from __future__ import annotations

from pathlib import Path

from fogwatch.cli.console import console
from fogwatch.cli.report import print_report
from fogwatch.ledger import Ledger
from fogwatch.model import TimelinePoint


def point(quantity: str, party: str | None, best: float, day: str) -> TimelinePoint:
    return TimelinePoint(quantity=quantity, party=party, date=day, low=None, best=best, high=None,
                         cumulative=None, independent=True, figures=())


def test_the_quantities_most_parties_dispute_are_shown_with_each_partys_range(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "r.db"))
    timeline = [
        point("killed | soldiers | north", "Ministry", 120, "2026-03-01"),
        point("killed | soldiers | north", "Ministry", 150, "2026-03-04"),
        point("killed | soldiers | north", "Rebels", 40, "2026-03-02"),
        point("killed | soldiers | north", None, 90, "2026-03-03"),
        point("killed | soldiers | north", "", 95, "2026-03-05"),  # unnamed, the same party as None
        point("wounded | civilians | port", "Mayor", 12, "2026-03-01"),
        point("wounded | civilians | port", "Hospital", 15, "2026-03-02"),
        point("captured | crew | strait", "Navy", 3, "2026-03-01"),  # one party: no dispute
    ]
    ledger.replace_links([], [], timeline)
    assert ledger.parties_per_quantity() == {"killed | soldiers | north": 3, "wounded | civilians | port": 2,
                                             "captured | crew | strait": 1}
    with console.capture() as captured:
        print_report(ledger, limit=1)
    one = captured.get()
    with console.capture() as captured:
        print_report(ledger, limit=2)
    two = captured.get()
    ledger.close()
    assert "killed · soldiers · north" in one and "wounded" not in one  # the most disputed, up to limit
    assert "120 – 150" in one and "… 2 more parties" in one  # the highest claim first, the rest counted
    assert "wounded · civilians · port" in two and "90 – 95" in two and "… 1 more party" in two
    assert "Rebels" not in two and "captured" not in two  # the lowest claim, and a quantity of one party
