"""The local files a ledger has read in full, so a run given the same folders again skips them.

A feed folder grows by a few files an hour; reading, normalising and hashing every earlier file
again only to find its article stored made each run pay for the whole folder. A file is skipped
while its stamp (size and modification times, its sidecar's included) and the reader (Fogwatch's
version and the ingest settings) are those recorded when all its articles were stored.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete, insert, select

from fogwatch.ledger.bulk import IN_CHUNK
from fogwatch.ledger.store import Ledger
from fogwatch.ledger.tables import ReadFileRow


class ReadFiles:
    """Read and record the files one reader has read in full."""

    def __init__(self, ledger: Ledger, reader: str) -> None:
        self.ledger = ledger
        self.reader = reader

    def unchanged(self, stamps: Mapping[str, str]) -> set[str]:
        """The paths whose stamp is the one recorded by this reader."""
        paths = list(stamps)
        found: set[str] = set()
        with self.ledger.session() as s:
            for lo in range(0, len(paths), IN_CHUNK):
                rows = s.execute(select(ReadFileRow.path, ReadFileRow.stamp, ReadFileRow.reader).where(
                    ReadFileRow.path.in_(paths[lo:lo + IN_CHUNK])))
                found.update(path for path, stamp, reader in rows
                             if stamp == stamps[path] and reader == self.reader)
        return found

    def record(self, stamps: Mapping[str, str]) -> None:
        """Record files read in full, replacing what an earlier read recorded of them."""
        if not stamps:
            return
        paths = list(stamps)
        with self.ledger.session() as s, s.begin():
            for lo in range(0, len(paths), IN_CHUNK):
                s.execute(delete(ReadFileRow).where(ReadFileRow.path.in_(paths[lo:lo + IN_CHUNK])))
            s.execute(insert(ReadFileRow), [{"path": p, "stamp": stamp, "reader": self.reader}
                                            for p, stamp in stamps.items()])
