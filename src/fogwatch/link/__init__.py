"""Link stage: claims across articles -> statements with origins, relays and independence.

``link_corpus`` runs linking and reconciliation together; it loads lazily because ``reconcile``
itself builds on the link modules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fogwatch.link.corpus import LinkResult
    from fogwatch.model import Article, ArticleClaims

__all__ = ["link_corpus"]


def link_corpus(articles: Sequence[Article], claims: Sequence[ArticleClaims], **options: Any) -> LinkResult:
    """Statements, conflicts and timeline for a corpus; see ``fogwatch.link.corpus.link_corpus``."""
    from fogwatch.link.corpus import link_corpus as run

    return run(articles, claims, **options)
