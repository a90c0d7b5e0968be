"""Tally rows to records and back: an article's killed and injured, with the victims they rest on."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy import Row

from fogwatch.ledger.tables import TallyRow
from fogwatch.model import Figure, Tally, Window


def tally_values(t: Tally) -> dict[str, Any]:
    """The row of a tally, as column values; its victims (figures of one) are kept as JSON, read
    only with their tally."""
    return {"article": t.article, "killed": t.killed, "injured": t.injured,
            "victims": [asdict(v) for v in t.victims], "extractor": t.extractor}


def _victim(data: dict[str, Any]) -> Figure:
    window = data.get("window")
    via = tuple(data.get("via") or ())
    return Figure(**{**data, "via": via, "window": Window(**window) if window else None})


def tally(r: TallyRow | Row[Any]) -> Tally:
    """The tally of a row."""
    return Tally(r.article, r.killed, r.injured, tuple(_victim(v) for v in r.victims or []), r.extractor)
