"""Reviewers' corrections: stored as records of their own, applied to the claims they correct, undoable.

A correction of a claim (its speaker, relays or count, or "this is wrong") is written through to the
claim's row, so every page, search and the next link see the corrected claim; a claim marked wrong
leaves the claim tables. The review keeps the claim as the extractor wrote it (`original`), and each
time the article is extracted again `apply_claim_reviews` finds the claim by article and character
span, refreshes that original and applies the review again, so corrections outlive `fogwatch run`.
An undo replays the remaining reviews of the claim over the original. Statements and conflicts are
rebuilt by every link, so their reviews are read beside them by id rather than written into them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fogwatch.ledger.tables import AttributionRow, Base, ConflictRow, FigureRow, ReviewRow, StatementRow

CLAIM_TABLES: dict[str, type[AttributionRow] | type[FigureRow]] = {
    "attribution": AttributionRow, "figure": FigureRow}
OTHER_TABLES: dict[str, type[StatementRow] | type[ConflictRow]] = {
    "statement": StatementRow, "conflict": ConflictRow}
# What a reviewer may set on each kind of result, and the column that holds it.
FIELDS: dict[str, dict[str, str]] = {
    "attribution": {"speaker": "speaker_name", "via": "via"},
    "figure": {"speaker": "source", "via": "via", "count": "value"},
    "statement": {"speaker": "origin", "count": "independent_origins"},
    "conflict": {},
}
VERDICTS = ("wrong", "corrected")
MAX_NOTE = 2000
MAX_NAME = 200


class ReviewError(ValueError):
    """A review that cannot be recorded as asked (unknown field, value of the wrong shape)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class ReviewStore:
    """The review writes and reads of `Ledger` (mixed in; uses its `session()`)."""

    if TYPE_CHECKING:
        def session(self) -> Session:
            """A new session (Ledger's)."""

    def add_review(self, target: str, target_id: str, verdict: str, field: str | None = None,
                   value: Any = None, note: str = "") -> dict[str, Any] | None:
        """Record a review and apply it; None when the ledger holds no such result."""
        field, value = check_review(target, verdict, field, value)
        note = note.strip()[:MAX_NOTE]
        with self.session() as s, s.begin():
            if target in CLAIM_TABLES:
                row = s.get(CLAIM_TABLES[target], target_id)
                if row is None:
                    return None
                earlier = _active(s, target, row.article, row.start, row.end)
                original = earlier[0].original if earlier else _columns(row)
                review = ReviewRow(target=target, target_id=row.id, article=row.article, start=row.start,
                                   end=row.end, original=original)
            else:
                other = s.get(OTHER_TABLES[target], target_id)
                if other is None:
                    return None
                review = ReviewRow(target=target, target_id=target_id, article=None, start=None, end=None,
                                   original=_columns(other))
            review.verdict, review.field, review.value, review.note = verdict, field, value, note
            review.created_at = _now()
            s.add(review)
            s.flush()
            if target in CLAIM_TABLES:
                _replay(s, CLAIM_TABLES[target], review.original,
                        _active(s, target, review.article, review.start, review.end))
            return review_record(review)

    def undo_review(self, review_id: int) -> dict[str, Any] | None:
        """Withdraw a review (it stays on record, marked undone); None when there is no such review."""
        with self.session() as s, s.begin():
            review = s.get(ReviewRow, review_id)
            if review is None:
                return None
            if review.undone_at is None:
                review.undone_at = _now()
                s.flush()
                if review.target in CLAIM_TABLES:
                    _replay(s, CLAIM_TABLES[review.target], review.original,
                            _active(s, review.target, review.article, review.start, review.end))
            return review_record(review)

    def reviews(self) -> list[dict[str, Any]]:
        """Every review ever made, undone ones included, oldest first, each with the result as the
        pipeline gave it (`original`)."""
        with self.session() as s:
            return [{**review_record(r), "original": r.original}
                    for r in s.scalars(select(ReviewRow).order_by(ReviewRow.id))]


def check_review(target: str, verdict: str, field: str | None, value: Any) -> tuple[str | None, Any]:
    """The field and value in stored form, or ReviewError saying what is wrong with them."""
    if target not in FIELDS:
        raise ReviewError(f"cannot review a {target!r}; one of {', '.join(FIELDS)}")
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict must be one of {', '.join(VERDICTS)}")
    if verdict == "wrong":
        return None, None
    if field not in FIELDS[target]:
        allowed = ", ".join(FIELDS[target]) or "nothing (mark it wrong instead)"
        raise ReviewError(f"on a {target} a reviewer can set: {allowed}")
    if field == "speaker":
        name = " ".join(str(value or "").split())
        if not name or len(name) > MAX_NAME:
            raise ReviewError(f"the speaker must be a name of 1 to {MAX_NAME} characters")
        return field, name
    if field == "via":
        return field, relay_names(value)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ReviewError("the count must be a number") from None
    if not math.isfinite(number) or number < 0:
        raise ReviewError("the count must be a number of zero or more")
    return field, int(number) if target == "statement" else number


def relay_names(value: Any) -> list[str]:
    """Relays nearest the origin first, from a list or from "A → B" / "A > B" / "A, B" text."""
    if isinstance(value, list | tuple):
        parts = [str(v) for v in value]
    else:
        text = str(value or "")
        for mark in ("→", ">"):
            text = text.replace(mark, ",")
        parts = text.split(",")
    names = [" ".join(p.split()) for p in parts]
    if any(len(n) > MAX_NAME for n in names):
        raise ReviewError(f"each relay must be a name of at most {MAX_NAME} characters")
    return [n for n in names if n]


def apply_claim_reviews(s: Session, article_ids: Sequence[str]) -> None:
    """Re-apply the reviews of these articles' claims to their freshly extracted rows (in s's transaction)."""
    if not article_ids:
        return
    s.flush()
    found = s.scalars(select(ReviewRow).where(ReviewRow.article.in_(list(article_ids)),
                                              ReviewRow.undone_at.is_(None)).order_by(ReviewRow.id)).all()
    groups: dict[tuple[Any, ...], list[ReviewRow]] = {}
    for review in found:
        groups.setdefault((review.target, review.article, review.start, review.end), []).append(review)
    for (target, article, start, end), group in groups.items():
        model = CLAIM_TABLES[target]
        row = _find_claim(s, model, article, start, end)
        if row is None:  # the extractor no longer finds this claim: the review waits, applied to nothing
            continue
        original = _columns(row)
        for review in group:
            review.original, review.target_id, review.start, review.end = original, row.id, row.start, row.end
        _replay(s, model, original, group)


def _find_claim(s: Session, model: type[AttributionRow] | type[FigureRow], article: str, start: int,
                end: int) -> AttributionRow | FigureRow | None:
    """The claim at exactly this span, else the one overlapping it most (a new extractor's bounds)."""
    rows = list(s.scalars(select(model).where(model.article == article)))
    best, overlap = None, 0
    for row in rows:
        if row.start == start and row.end == end:
            return row
        shared = min(row.end, end) - max(row.start, start)
        if shared > overlap:
            best, overlap = row, shared
    return best


def _active(s: Session, target: str, article: str | None, start: int | None,
            end: int | None) -> list[ReviewRow]:
    return list(s.scalars(select(ReviewRow).where(
        ReviewRow.target == target, ReviewRow.article == article, ReviewRow.start == start,
        ReviewRow.end == end, ReviewRow.undone_at.is_(None)).order_by(ReviewRow.id)))


def _replay(s: Session, model: type[AttributionRow] | type[FigureRow], original: dict[str, Any],
            reviews: Iterable[ReviewRow]) -> None:
    """Make the claim's row the original with these reviews applied in order (none: gone if wrong)."""
    values = dict(original)
    wrong = False
    for review in reviews:
        if review.verdict == "wrong":
            wrong = True
        elif review.field is not None:
            values.update(_changes(model, review.field, review.value))
    row = s.get(model, original["id"])
    if wrong:
        if row is not None:
            s.delete(row)
        return
    if row is None:
        s.add(model(**values))
        return
    for key, value in values.items():
        setattr(row, key, value)


def _changes(model: type[AttributionRow] | type[FigureRow], field: str, value: Any) -> dict[str, Any]:
    target = "attribution" if model is AttributionRow else "figure"
    changes = {FIELDS[target][field]: value}
    if field == "count":  # a corrected count is exact: drop the range the extractor read
        changes.update(low=None, high=None)
    return changes


def _columns(row: Base) -> dict[str, Any]:
    """A row's columns as JSON-ready data (datetimes as ISO text)."""
    out = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        out[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return out


def review_record(r: ReviewRow) -> dict[str, Any]:
    """A review as plain data, with `was`: the field as the pipeline gave it."""
    column = FIELDS[r.target].get(r.field or "")
    original = r.original or {}
    return {
        "id": r.id, "target": r.target, "target_id": r.target_id, "article": r.article, "start": r.start,
        "end": r.end, "verdict": r.verdict, "field": r.field, "value": r.value,
        "was": original.get(column) if column else None,
        "text": original.get("text") or original.get("what") or original.get("why"),
        "note": r.note, "created_at": r.created_at.isoformat() if r.created_at else None,
        "undone_at": r.undone_at.isoformat() if r.undone_at else None, "active": r.undone_at is None,
    }
