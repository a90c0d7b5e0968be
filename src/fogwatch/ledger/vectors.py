"""Sentence vectors kept in the ledger, keyed by the hash of the text and the model's version.

Embedding is most of what linking costs, and a ledger fed a few new articles every hour holds the
same texts run after run; keeping each vector makes a run pay only for text it has never seen.
A vector is stored as float32 bytes; a new model version simply starts its own set of rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from sqlalchemy import func, select

from fogwatch.ledger.bulk import chunks, insert_values
from fogwatch.ledger.store import Ledger
from fogwatch.ledger.tables import VectorRow


def text_hash(text: str) -> str:
    """The key of a text's vector: SHA-1 of its UTF-8 bytes (collisions are not a concern here)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class VectorStore:
    """Read and write one model's vectors in a ledger."""

    def __init__(self, ledger: Ledger, model: str) -> None:
        self.ledger = ledger
        self.model = model

    def get(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors among these hashes; the others are simply absent."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, np.ndarray] = {}
        with self.ledger.session() as s:
            for part in chunks(wanted):
                query = select(VectorRow.text_hash, VectorRow.vector).where(
                    VectorRow.model == self.model, VectorRow.text_hash.in_(part))
                for key, blob in s.execute(query):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def missing(self, hashes: Sequence[str]) -> list[str]:
        """The hashes (once each, in first-seen order) that have no stored vector yet."""
        wanted = list(dict.fromkeys(hashes))
        present: set[str] = set()
        with self.ledger.session() as s:
            for part in chunks(wanted):
                present.update(s.scalars(select(VectorRow.text_hash).where(
                    VectorRow.model == self.model, VectorRow.text_hash.in_(part))))
        return [h for h in wanted if h not in present]

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors in one transaction; a hash stored meanwhile (another run) is kept as it was."""
        new = self.missing(list(vectors))
        if not new:
            return
        rows = [{"model": self.model, "text_hash": h,
                 "vector": np.asarray(vectors[h], dtype=np.float32).tobytes()} for h in new]
        with self.ledger.session() as s, s.begin():
            insert_values(s, VectorRow, rows)

    def count(self) -> int:
        """How many vectors this model has in the ledger."""
        with self.ledger.session() as s:
            query = select(func.count()).select_from(VectorRow).where(VectorRow.model == self.model)
            return s.scalar(query) or 0
