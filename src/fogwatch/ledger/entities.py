"""Entities in the UI's reads: one corpus-wide name per speaker, source and relay, with every spelling
that resolves to it (the `entities` table the link stage writes).

Pages name a claim's speaker by its entity ("Tymofiy Halvanenko") and keep the article's own spelling
("Timofei Galvanenko") beside it, as the exports do; search finds a speaker under any spelling. The
table stores spellings folded (`fogwatch.link.origins.fold`), so a name is folded the same way before
it is looked up. Both lookups cover the whole ledger and are cached until the ledger changes.
"""

from __future__ import annotations

from sqlalchemy import select

from fogwatch.ledger.bulk import IN_CHUNK
from fogwatch.ledger.reading import ATTRIBUTIONS, ENTITIES, ReaderBase
from fogwatch.link.origins import EntityNames, fold


class EntityReads(ReaderBase):
    """Entity lookups shared by the pages and the search, mixed into `queries.Reader`."""

    def naming(self) -> EntityNames:
        """The ledger's entity names (cached; shared, read only)."""
        return self._cached(("naming",), self._naming, fresh_copy=False)  # type: ignore[no-any-return]

    def _naming(self) -> EntityNames:
        with self._conn() as c:
            return EntityNames.of(c.execute(select(ENTITIES.c.name, ENTITIES.c.spellings)
                                            .order_by(ENTITIES.c.key)))

    def _spoken(self) -> dict[str, list[str]]:
        """Every speaker name attributions give, grouped by folded form (cached; shared, read only)."""
        def compute() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            stmt = select(ATTRIBUTIONS.c.speaker_name).distinct()
            with self._conn() as c:
                for name in c.scalars(stmt):
                    if name:
                        out.setdefault(fold(name), []).append(name)
            return out

        return self._cached(("spoken",), compute, fresh_copy=False)  # type: ignore[no-any-return]

    def speakers_matching(self, q: str) -> tuple[list[str], list[str]]:
        """Entities with a spelling containing q, and every speaker name as extracted that belongs to
        them or itself contains q (folded, so case and accents do not matter); at most IN_CHUNK each."""
        folded = fold(q)
        if not folded:
            return [], []
        naming, spoken = self.naming(), self._spoken()
        hits = {f for f in spoken if folded in f} | {s for s in naming.by_spelling if folded in s}
        entities = sorted({naming.by_spelling[f] for f in hits if f in naming.by_spelling})
        hits.update(s for e in entities for s in naming.spellings[e])
        raw = sorted({name for f in hits for name in spoken.get(f, ())})
        return entities[:IN_CHUNK], raw[:IN_CHUNK]

    def spelled(self, entity: str) -> list[str]:
        """The names as extracted under which articles give an entity, besides its own name."""
        spoken = self._spoken()
        folded = self.naming().spellings.get(entity, (fold(entity),))
        return sorted({name for f in folded for name in spoken.get(f, ()) if name != entity})
