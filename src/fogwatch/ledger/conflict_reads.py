"""Reads behind the conflict pages: one conflict with everything needed to set its sides apart, and
the conflicts list filtered by kind, review state, story and speaker.

A conflict's page shows each claim in its article's sentence, so the member claims come back whole
(offsets, relays, dates, values) with the text of their articles, capped so that a conflict drawing
in thousands of claims still answers quickly. The story and speaker filters work on order keys
cached until the ledger changes, as the story pages do.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, select

from fogwatch.ledger.entities import EntityReads
from fogwatch.ledger.reading import (
    ARTICLE_BRIEF,
    ARTICLES,
    ATTRIBUTIONS,
    CONFLICTS,
    FIGURES,
    MEMBERS,
    STATEMENTS,
    TIMELINE,
    Page,
    chunks,
    plain,
)
from fogwatch.ledger.stories import StoryReads

CLAIM_CAP = 400  # member claims read for one conflict's page
ARTICLE_TEXT_CAP = 120  # articles whose text is read to show each claim in its sentence
SPEAKER_OPTIONS = 40  # speakers suggested in the conflicts list's filter
SPEAKER_SCAN = 2000  # most-carried statements whose origins are suggested


class ConflictReads(StoryReads, EntityReads):
    """The conflict reads, mixed into `queries.Reader`."""

    def conflict(self, conflict_id: str) -> dict[str, Any] | None:
        """A conflict, its member claims in full (with article, statement and the articles' text, to
        quote each claim's sentence) and, for a figure conflict, each statement's range on the
        disputed quantity from the timeline."""
        with self._conn() as c:
            row = c.execute(select(CONFLICTS).where(CONFLICTS.c.id == conflict_id)).mappings().first()
            if row is None:
                return None
            return self._bundles(c, [plain(row)], with_text=True)[0]

    def explain(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Conflict rows (as the lists give them) with what `conflict` adds, less the articles' text:
        enough to say in one line what each disagreement is."""
        with self._conn() as c:
            return self._bundles(c, [dict(r) for r in rows], with_text=False)

    def _bundles(self, c: Connection, rows: list[dict[str, Any]], with_text: bool) -> list[dict[str, Any]]:
        members = {r["id"]: list(dict.fromkeys(r["members"]))[:CLAIM_CAP] for r in rows}
        claims = self._full_claims(c, [m for ms in members.values() for m in ms])
        # a figure's sentence is its attribution's: read those too, to fold each figure into it
        hosts = {f["attribution"] for f in claims.values() if f["type"] == "figure" and f.get("attribution")}
        parents = self._full_claims(c, sorted(hosts - set(claims)))
        articles = {a["id"]: a for a in self._article_rows(
            c, {x["article"] for x in (*claims.values(), *parents.values())}, with_text)}
        statements = self._member_statements(c, [*claims, *parents])
        for r in rows:
            mine = [claims[m] for m in members[r["id"]] if m in claims]
            wanted = {f.get("attribution") for f in mine}
            r["claims"] = mine
            r["parents"] = [parents[p] for p in sorted(wanted & set(parents))]
            r["truncated"] = len(r["members"]) > CLAIM_CAP
            ids = {x["article"] for x in (*mine, *r["parents"])}
            r["articles"] = {a: articles[a] for a in sorted(ids) if a in articles}
            r["statements"] = {x["id"]: statements[x["id"]] for x in (*mine, *r["parents"])
                               if x["id"] in statements}
            detail = dict(tuple(pair) for pair in r["detail"] if len(pair) == 2)
            quantity = detail.get("quantity")
            r["ranges"] = self._ranges(c, quantity, [s for s in detail if s.startswith("s-")]) \
                if quantity else []
        return rows

    def _full_claims(self, c: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(list(ids)):
            for table, kind in ((ATTRIBUTIONS, "attribution"), (FIGURES, "figure")):
                for r in c.execute(select(table).where(table.c.id.in_(chunk))).mappings():
                    out[r["id"]] = {**plain(r), "type": kind}
        return out

    def _article_rows(self, c: Connection, ids: set[str], text: bool) -> list[dict[str, Any]]:
        """Articles in brief, with their text when asked (then the first ARTICLE_TEXT_CAP by id only)."""
        ordered = sorted(ids)
        cap = ARTICLE_TEXT_CAP if text else 0
        with_text, without = ordered[:cap], ordered[cap:]
        rows = []
        for chunk in chunks(with_text):
            rows += [dict(r) for r in c.execute(
                select(*ARTICLE_BRIEF, ARTICLES.c.text).where(ARTICLES.c.id.in_(chunk))).mappings()]
        for chunk in chunks(without):
            rows += [{**r, "text": None} for r in c.execute(
                select(*ARTICLE_BRIEF).where(ARTICLES.c.id.in_(chunk))).mappings()]
        return rows

    def _member_statements(self, c: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Each claim's statement (id, what, origin)."""
        out: dict[str, dict[str, Any]] = {}
        for chunk in chunks(list(ids)):
            stmt = (select(MEMBERS.c.member, STATEMENTS.c.id, STATEMENTS.c.what, STATEMENTS.c.origin)
                    .join(STATEMENTS, STATEMENTS.c.id == MEMBERS.c.statement)
                    .where(MEMBERS.c.member.in_(chunk), MEMBERS.c.member_type != "article"))
            out.update((r["member"], {k: v for k, v in r.items() if k != "member"})
                       for r in c.execute(stmt).mappings())
        return out

    def _ranges(self, c: Connection, quantity: str, statements: Sequence[str]) -> list[dict[str, Any]]:
        """The timeline's point per statement on one quantity: party, low, best, high, date."""
        if not statements:
            return []
        stmt = select(TIMELINE).where(TIMELINE.c.quantity == quantity, TIMELINE.c.statement.in_(statements))
        return [plain(r) for r in c.execute(stmt).mappings()]

    # the list -----------------------------------------------------------------------------------
    def conflicts_filtered(self, kind: str | None = None, reviewed: bool | None = None,
                           story: str | None = None, speaker: str | None = None,
                           page: int = 1, per_page: int = 25) -> Page:
        """Conflicts as `conflicts` gives them, narrowed to one story's and/or one speaker's."""
        keys: set[Any] | None = None
        if story:
            keys = set(self._story_conflict_keys(story))
        if speaker:
            spoken = set(self._speaker_conflict_keys(speaker))
            keys = spoken if keys is None else keys & spoken
        assert keys is not None
        key = self._order_key(CONFLICTS)
        where: list[ColumnElement[bool]] = []
        if kind:
            where.append(CONFLICTS.c.kind == kind)
        if reviewed is not None:
            where.append(CONFLICTS.c.reviewed.is_(reviewed))
        with self._conn() as c:
            kept = sorted((k for chunk in chunks(sorted(keys)) for k in c.scalars(
                select(key).select_from(CONFLICTS).where(key.in_(chunk), *where))), reverse=True)
            chosen = kept[(page - 1) * per_page:page * per_page]
            rows = self._conflict_rows(
                c, select(CONFLICTS).where(key.in_(chosen)).order_by(key.desc())) if chosen else []
        return Page(rows, len(kept), page, per_page)

    def _speaker_conflict_keys(self, speaker: str) -> list[Any]:
        """Order keys of the conflicts over a speaker's words: their statement's origin, or (for the
        conflicts tied to no statement) a member claim's speaker or source by entity name."""
        def compute() -> list[Any]:
            key = self._order_key(CONFLICTS)
            theirs = select(STATEMENTS.c.id).where(STATEMENTS.c.origin == speaker)
            name = self.naming()
            with self._conn() as c:
                found = set(c.scalars(select(key).where(CONFLICTS.c.statement.in_(theirs))))
                loose = self._unattached_conflicts()
                voices = self._claim_voices(c, [m for _k, ms in loose for m in ms])
            found |= {k for k, ms in loose if any(name(voices.get(m)) == speaker for m in ms)}
            return sorted(found, reverse=True)

        return self._cached(("speaker_conflicts", speaker), compute,  # type: ignore[no-any-return]
                            fresh_copy=False)

    def _claim_voices(self, c: Connection, ids: Sequence[str]) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        for chunk in chunks(list(dict.fromkeys(ids))):
            for table, who in ((ATTRIBUTIONS, ATTRIBUTIONS.c.speaker_name), (FIGURES, FIGURES.c.source)):
                out.update((i, v) for i, v in c.execute(select(table.c.id, who).where(table.c.id.in_(chunk))))
        return out

    def conflict_speakers(self) -> list[str]:
        """Speakers to suggest in the conflicts list's filter, most conflicts first: the origins of the
        most-carried statements in conflict, and the voices of the conflicts tied to no statement.
        (Counting every conflict by speaker would read the whole table on every first visit.)"""
        def compute() -> list[str]:
            top = (select(STATEMENTS.c.id).order_by(STATEMENTS.c.article_count.desc())
                   .limit(SPEAKER_SCAN).scalar_subquery())
            n = func.count().label("n")
            stmt = (select(STATEMENTS.c.origin, n).join(CONFLICTS, CONFLICTS.c.statement == STATEMENTS.c.id)
                    .where(STATEMENTS.c.id.in_(top), STATEMENTS.c.origin.is_not(None))
                    .group_by(STATEMENTS.c.origin))
            name = self.naming()
            with self._conn() as c:
                counts = {o: int(k) for o, k in c.execute(stmt)}
                loose = self._unattached_conflicts()[:2000]
                voices = self._claim_voices(c, [m for _k, ms in loose for m in ms])
            for _k, ms in loose:
                for who in {name(voices.get(m)) for m in ms} - {None}:
                    assert who is not None
                    counts[who] = counts.get(who, 0) + 1
            return sorted(counts, key=lambda s: (-counts[s], s))[:SPEAKER_OPTIONS]

        return self._cached(("conflict_speakers",), compute)  # type: ignore[no-any-return]
