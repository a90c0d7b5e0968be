"""An embedding function that embeds each text once and reads it back ever after.

Linking asks for vectors block by block; wrapped in ``CachedEmbedder`` it gets stored vectors for
every text a store already holds and runs the model only on the rest, storing those as it goes, so
an interrupted run keeps what it paid for. ``prepare`` embeds a known list of texts up front, in
chunks, so a caller can show honest progress (and a time left) for the slow part of linking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

import numpy as np

from fogwatch.link.embeddings import EmbedFn


class VectorStorage(Protocol):
    """Where vectors live between runs (the ledger's ``VectorStore``)."""

    def get(self, hashes: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored vectors among these hashes."""
        ...

    def missing(self, hashes: Sequence[str]) -> list[str]:
        """Hashes with no stored vector, once each."""
        ...

    def put(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Store vectors."""
        ...


class CachedEmbedder:
    """An ``EmbedFn`` over a store: only texts never seen reach the model."""

    def __init__(self, storage: VectorStorage, embed: EmbedFn, key: Callable[[str], str],
                 chunk: int = 256) -> None:
        self.storage = storage
        self.embed = embed
        self.key = key
        self.chunk = chunk
        self.embedded = 0  # texts this embedder sent to the model
        self.reused = 0  # texts it found stored

    def prepare(self, texts: Sequence[str], advance: Callable[[int], None] | None = None) -> int:
        """Embed and store every text not yet stored, a chunk at a time; returns how many there were."""
        by_key = {self.key(t): t for t in texts}
        todo = self.storage.missing(list(by_key))
        for lo in range(0, len(todo), self.chunk):
            keys = todo[lo:lo + self.chunk]
            self._embed_and_store(keys, [by_key[k] for k in keys])
            if advance is not None:
                advance(len(keys))
        return len(todo)

    def count_missing(self, texts: Sequence[str]) -> int:
        """How many distinct texts the model would still have to embed."""
        return len(self.storage.missing([self.key(t) for t in texts]))

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        keys = [self.key(t) for t in texts]
        found = self.storage.get(keys)
        absent = [k for k in dict.fromkeys(keys) if k not in found]
        self.reused += sum(1 for k in keys if k in found)
        if absent:
            first_text = dict(zip(keys, texts, strict=True))
            found.update(self._embed_and_store(absent, [first_text[k] for k in absent]))
        if not keys:
            return np.asarray(self.embed([]), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32, copy=False)

    def _embed_and_store(self, keys: list[str], texts: list[str]) -> dict[str, np.ndarray]:
        vectors = np.asarray(self.embed(texts), dtype=np.float32)
        fresh = dict(zip(keys, vectors, strict=True))
        self.storage.put(fresh)
        self.embedded += len(keys)
        return fresh
