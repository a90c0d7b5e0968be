"""Reads of reviewers' corrections for the pages: an article's, a statement's and conflicts', and all."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, and_, func, or_, select

from fogwatch.ledger.reading import Page, ReaderBase, paged
from fogwatch.ledger.reviews import review_record
from fogwatch.ledger.tables import ReviewRow

REVIEWS = cast(Table, ReviewRow.__table__)


class ReviewReads(ReaderBase):
    """The review reads, mixed into `queries.Reader`."""

    def article_reviews(self, article_id: str) -> list[dict[str, Any]]:
        """Every review of a claim in this article, undone ones too, oldest first."""
        return self._reviews(REVIEWS.c.article == article_id)

    def reviews_of(self, targets: Iterable[tuple[str, str]]) -> list[dict[str, Any]]:
        """Every review of these (target, id) results, oldest first."""
        wanted = [and_(REVIEWS.c.target == t, REVIEWS.c.target_id == i) for t, i in targets]
        return self._reviews(or_(*wanted)) if wanted else []

    def all_reviews(self, page: int = 1, per_page: int = 50) -> Page:
        """Every review, newest first."""
        with self._conn() as c:
            total = int(c.scalar(select(func.count()).select_from(REVIEWS)) or 0)
        rows = self._reviews(None, paged(select(REVIEWS).order_by(REVIEWS.c.id.desc()), page, per_page))
        return Page(rows, total, page, per_page)

    def _reviews(self, where: Any, stmt: Any = None) -> list[dict[str, Any]]:
        stmt = stmt if stmt is not None else select(REVIEWS).where(where).order_by(REVIEWS.c.id)
        with self._conn() as c:
            return [review_record(ReviewRow(**dict(r))) for r in c.execute(stmt).mappings()]
