"""Reviewers' corrections in the exports: beside each result they touch, and as records of their own.

Claims already carry their corrections (the ledger writes them through), so an exported claim gets a
`review` list saying what a reviewer changed and what the pipeline had (`was`). A statement's
corrected speaker or count is read over the linked one here, since every link rebuilds statements.
Every review, undone ones too, is also exported as a `review` record with the claim as extracted
(`original`), so a claim marked wrong, which leaves the claim tables, still appears in the export.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from fogwatch.model import Statement

SHOWN = ("id", "verdict", "field", "value", "was", "note", "created_at")


class Reviews:
    """The ledger's reviews, looked up by the result they review."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.records = list(records)
        self._active: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in self.records:
            if r["active"]:
                self._active.setdefault((r["target"], r["target_id"]), []).append(r)

    def of(self, target: str, target_id: str) -> list[dict[str, Any]]:
        """The active reviews of one result, oldest first, in their exported form."""
        return [{k: r[k] for k in SHOWN} for r in self._active.get((target, target_id), ())]

    def annotate(self, row: dict[str, Any]) -> dict[str, Any]:
        """An export row with a `review` list when a reviewer has corrected it."""
        found = self.of(row["type"], row["id"])
        return {**row, "review": found} if found else row

    def statement(self, statement: Statement) -> Statement:
        """The statement with a reviewer's origin or independent-origin count in place of the linked one."""
        for r in self._active.get(("statement", statement.id), ()):
            if r["field"] == "speaker":
                statement = replace(statement, origin=r["value"])
            elif r["field"] == "count":
                statement = replace(statement, independent_origins=int(r["value"]))
        return statement

    def about(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """Active reviews of any of these results (a statement and its member claims), for ClaimReview."""
        wanted = set(ids)
        return [{"target": r["target"], "targetId": r["target_id"], "verdict": r["verdict"],
                 "field": r["field"], "value": r["value"], "was": r["was"], "note": r["note"]}
                for r in self.records if r["active"] and r["target_id"] in wanted]

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every review as an export record."""
        for r in self.records:
            yield {"type": "review", **r}
