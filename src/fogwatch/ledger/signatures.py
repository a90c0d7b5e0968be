"""Near-duplicate signatures kept in the ledger, one per article and signature scheme.

Marking a new article as a reprint needs the signature of every stored article; hashing every stored
text again made each run that adds a few articles pay for the whole ledger. A signature is stored as
its bytes (empty for a text with no words); a new scheme simply starts its own set of rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import insert, select

from fogwatch.ledger.bulk import IN_CHUNK
from fogwatch.ledger.store import Ledger
from fogwatch.ledger.tables import ArticleRow, SignatureRow


class SignatureStore:
    """Read and write one scheme's signatures in a ledger."""

    def __init__(self, ledger: Ledger, scheme: str) -> None:
        self.ledger = ledger
        self.scheme = scheme

    def stored(self) -> list[tuple[str, bytes | None, str | None]]:
        """(article id, signature, None) for every article with a signature, and (id, None, text) for
        the others (stored before signatures were kept), in article id order."""
        signature = select(SignatureRow.hashvalues).where(
            SignatureRow.scheme == self.scheme, SignatureRow.article == ArticleRow.id).scalar_subquery()
        texts: dict[str, str] = {}
        with self.ledger.session() as s:
            rows = s.execute(select(ArticleRow.id, signature).order_by(ArticleRow.id)).all()
            unsigned = [a for a, value in rows if value is None]
            for lo in range(0, len(unsigned), IN_CHUNK):
                texts.update(s.execute(select(ArticleRow.id, ArticleRow.text).where(
                    ArticleRow.id.in_(unsigned[lo:lo + IN_CHUNK]))).all())
        return [(a, value, texts.get(a)) for a, value in rows]

    def put(self, signatures: Mapping[str, bytes]) -> None:
        """Store signatures in one transaction; an article already signed keeps its signature."""
        if not signatures:
            return
        wanted = list(signatures)
        with self.ledger.session() as s, s.begin():
            present: set[str] = set()
            for lo in range(0, len(wanted), IN_CHUNK):
                present.update(s.scalars(select(SignatureRow.article).where(
                    SignatureRow.scheme == self.scheme, SignatureRow.article.in_(wanted[lo:lo + IN_CHUNK]))))
            rows = [{"scheme": self.scheme, "article": a, "hashvalues": v}
                    for a, v in signatures.items() if a not in present]
            if rows:
                s.execute(insert(SignatureRow), rows)
