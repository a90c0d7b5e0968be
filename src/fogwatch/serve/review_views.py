"""Reviewers' corrections beside what they correct, on the article and statement pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def active_by_target(reviews: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Active reviews by (target, id)."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for review in reviews:
        if review["active"]:
            out.setdefault((review["target"], review["target_id"]), []).append(review)
    return out


def attach_reviews(results: Iterable[dict[str, Any]], reviews: Iterable[dict[str, Any]],
                   target: str | None = None) -> None:
    """Give each claim, statement or conflict a `review` list (empty when nobody corrected it)."""
    found = active_by_target(reviews)
    for result in results:
        result["review"] = found.get((target or result["type"], result["id"]), [])


def correct_statement(statement: dict[str, Any]) -> None:
    """A reviewer's origin or independent-origin count in place of the linked one (kept in `review`)."""
    for review in statement["review"]:
        if review["field"] == "speaker":
            statement["origin"] = review["value"]
        elif review["field"] == "count":
            statement["independent_origins"] = int(review["value"])
