"""Syndicated near-duplicates: the same wire story reprinted with a new headline or a trimmed tail.

A reprint is not an independent source, so the pipeline marks it ``Article.copy_of`` rather than
dropping it (its outlet and date still matter). MinHash over word 5-shingles with LSH keeps the
check sub-linear; a fixed seed and insertion-ordered tie-breaking keep it deterministic.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

SHINGLE_WORDS = 5
SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Overlapping runs of ``size`` lower-cased words; a text shorter than that is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """Articles seen so far; ``add`` says which earlier one a new text nearly copies."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, LeanMinHash] = {}
        self._order: dict[str, int] = {}
        self._answers: dict[str, str | None] = {}
        empty = LeanMinHash(MinHash(num_perm=num_perm, seed=SEED))
        self._hashing: str = empty.scheme  # datasketch's hash family, part of what a signature means
        self._dtype = empty.hashvalues.dtype.newbyteorder("<")

    def __len__(self) -> int:
        return len(self._answers)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._answers

    @property
    def scheme(self) -> str:
        """What a stored signature depends on: a signature of another scheme cannot be compared."""
        return f"minhash-{self._hashing}-w{SHINGLE_WORDS}-p{self.num_perm}-s{SEED}-{self._dtype.str}"

    def signature_bytes(self, article_id: str) -> bytes:
        """An indexed article's signature as stored (empty for a text with no words)."""
        signature = self._signatures.get(article_id)
        return b"" if signature is None else signature.hashvalues.astype(self._dtype, copy=False).tobytes()

    def add_stored(self, article_id: str, stored: bytes) -> None:
        """Index an article by its stored signature, without asking what it copies (it was asked when
        the article was new)."""
        if article_id in self._answers:
            return
        self._answers[article_id] = None
        if stored:
            signature = LeanMinHash(seed=SEED, hashvalues=np.frombuffer(stored, dtype=self._dtype),
                                    scheme=self._hashing)
            self._insert(article_id, signature)

    def add(self, article_id: str, text: str) -> str | None:
        """Index the text; return the earliest indexed article it nearly copies, or None.

        Adding an id again returns its first answer, so a re-run gives the same marks.
        """
        if article_id in self._answers:
            return self._answers[article_id]
        grams = shingles(text)
        answer = None
        if grams:  # an empty text resembles nothing
            signature = self._signature(grams)
            answer = self._earliest_match(signature)
            self._insert(article_id, signature)
        self._answers[article_id] = answer
        return answer

    def _insert(self, article_id: str, signature: LeanMinHash) -> None:
        self._lsh.insert(article_id, signature)
        self._signatures[article_id] = signature
        self._order[article_id] = len(self._order)

    def _signature(self, grams: set[bytes]) -> LeanMinHash:
        """The MinHash of a shingle set, with the fixed seed every signature shares."""
        minhash = MinHash(num_perm=self.num_perm, seed=SEED)
        minhash.update_batch(sorted(grams))
        return LeanMinHash(minhash)

    def _earliest_match(self, signature: LeanMinHash) -> str | None:
        """LSH candidates confirmed by estimated Jaccard, earliest indexed first."""
        candidates = sorted(self._lsh.query(signature), key=self._order.__getitem__)
        for candidate in candidates:
            if self._signatures[candidate].jaccard(signature) >= self.threshold:
                return candidate
        return None
