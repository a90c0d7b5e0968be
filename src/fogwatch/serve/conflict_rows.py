"""Conflicts as one-line rows, for every list that shows them (the conflicts list, the overview, a
story, a statement, an article): what differs in a sentence, the sides' outlets, who is involved."""

from __future__ import annotations

from typing import Any

from fogwatch.ledger.queries import Reader
from fogwatch.serve.names import name_conflicts
from fogwatch.serve.plain import KIND_NAMES
from fogwatch.serve.sides import conflict_view


def summaries(r: Reader, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflict rows as the lists give them (each claim in brief, speakers by entity name) with what the
    one-line rows show: the verdict, the sides' outlets, the speakers."""
    name = r.naming()
    name_conflicts(rows, name)
    out = []
    for row, data in zip(rows, r.explain(rows), strict=True):
        view = conflict_view(data, name)
        c = view["conflict"]
        sides = [{"label": s["label"], "dissent": s["dissent"], "outlets": s["outlets"],
                  "articles": len(s["articles"])} for s in view["sides"]]
        speakers = {claim["speaker"] for s in view["sides"] for a in s["articles"] for claim in a["claims"]}
        out.append({**row, "kind_name": KIND_NAMES.get(c["kind"], c["kind"].replace("_", " ")),
                    "verdict": view["verdict"], "label": view["label"], "sides": sides,
                    "speakers": sorted(s for s in speakers if s),
                    "articles": len(view["articles"])})
    return out
