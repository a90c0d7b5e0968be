"""Fogwatch's records to database rows and back, one pair of functions per table."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, ColumnElement, Row, Table, Text, type_coerce

from fogwatch.ledger.tables import (
    ArticleRow,
    ConflictRow,
    StatementMemberRow,
    StatementRow,
    TimelineRow,
)
from fogwatch.model import (
    Article,
    Attribution,
    Conflict,
    Figure,
    Speaker,
    Statement,
    TimelinePoint,
    Window,
)


def article_values(a: Article) -> dict[str, Any]:
    return {
        "id": a.id, "content_hash": a.content_hash, "source": a.source, "url": a.url, "title": a.title,
        "outlet": a.outlet, "published": a.published, "language": a.language, "format": a.format,
        "copy_of": a.copy_of, "text": a.text, "flags": list(a.flags) or None,
    }


def to_article(r: ArticleRow | Row[Any]) -> Article:
    return Article(
        id=r.id, source=r.source, text=r.text, content_hash=r.content_hash, url=r.url, title=r.title,
        outlet=r.outlet, published=r.published, language=r.language, format=r.format, copy_of=r.copy_of,
        flags=tuple(r.flags or ()),
    )


def attribution_values(a: Attribution) -> dict[str, Any]:
    return dict(
        id=a.id, article=a.article, kind=a.kind, text=a.text, start=a.start, end=a.end,
        speaker_name=a.speaker.name, speaker_type=a.speaker.type, speaker_mention=a.speaker.mention,
        speaker_role=a.speaker.role, speaker_organization=a.speaker.organization,
        speaker_description=a.speaker.description, cue=a.cue, cue_start=a.cue_start, cue_end=a.cue_end,
        via=list(a.via), said_on=a.said_on, said_on_text=a.said_on_text, date_flags=list(a.date_flags),
        extractor=a.extractor, source_start=a.source_start, source_end=a.source_end,
    )


# The columns claims are read back with, in the order ``to_attribution`` and ``to_figure`` unpack
# them: every relink reads every claim, and attribute lookups and JSON parsing by name per row were
# most of that read.
ATTRIBUTION_READ = ("id", "article", "kind", "text", "start", "end", "speaker_name", "speaker_type",
                    "speaker_mention", "speaker_role", "speaker_organization", "speaker_description", "cue",
                    "cue_start", "cue_end", "via", "said_on", "said_on_text", "date_flags", "extractor",
                    "source_start", "source_end")
FIGURE_READ = ("id", "article", "text", "start", "end", "value", "low", "high", "counted", "qualifier",
               "vague", "unit", "subject", "place", "window_text", "window_start", "window_end",
               "window_cumulative", "source", "source_type", "via", "attribution", "said_on", "part_of",
               "extractor")


def read_columns(table: Table, names: Sequence[str]) -> list[ColumnElement[Any]]:
    """The named columns, JSON ones as their stored text (``listed`` parses them)."""
    return [type_coerce(table.c[n], Text) if isinstance(table.c[n].type, JSON) else table.c[n] for n in names]


def listed(value: str | list[Any] | None) -> tuple[Any, ...]:
    """A JSON list column read raw: SQLite gives its text, PostgreSQL's driver the parsed list."""
    if not value or value == "[]":
        return ()
    return tuple(json.loads(value) if isinstance(value, str) else value)


def to_attribution(values: Sequence[Any]) -> Attribution:
    """The attribution of a row read with ``ATTRIBUTION_READ``."""
    (id_, article, kind, text, start, end, name, type_, mention, role, organization, description, cue,
     cue_start, cue_end, via, said_on, said_on_text, date_flags, extractor, source_start, source_end) = values
    speaker = Speaker(name=name, type=type_, mention=mention, role=role, organization=organization,
                      description=description)
    return Attribution(
        id=id_, article=article, kind=kind, text=text, start=start, end=end, speaker=speaker, cue=cue,
        cue_start=cue_start, cue_end=cue_end, via=listed(via), said_on=said_on, said_on_text=said_on_text,
        date_flags=listed(date_flags), extractor=extractor, source_start=source_start, source_end=source_end,
    )


def figure_values(f: Figure) -> dict[str, Any]:
    w = f.window
    return dict(
        id=f.id, article=f.article, text=f.text, start=f.start, end=f.end, value=f.value, low=f.low,
        high=f.high, counted=f.counted, qualifier=f.qualifier, vague=f.vague, unit=f.unit, subject=f.subject,
        place=f.place, window_text=w.text if w else None, window_start=w.start if w else None,
        window_end=w.end if w else None, window_cumulative=w.cumulative if w else None, source=f.source,
        source_type=f.source_type, via=list(f.via), attribution=f.attribution, said_on=f.said_on,
        part_of=f.part_of, extractor=f.extractor,
    )


def to_figure(values: Sequence[Any]) -> Figure:
    """The figure of a row read with ``FIGURE_READ``."""
    (id_, article, text, start, end, value, low, high, counted, qualifier, vague, unit, subject, place,
     window_text, window_start, window_end, window_cumulative, source, source_type, via, attribution,
     said_on, part_of, extractor) = values
    window = None if window_text is None else Window(window_text, window_start, window_end, window_cumulative)
    return Figure(
        id=id_, article=article, text=text, start=start, end=end, value=value, low=low, high=high,
        counted=counted, qualifier=qualifier, vague=vague, unit=unit, subject=subject, place=place,
        window=window, source=source, source_type=source_type, via=listed(via), attribution=attribution,
        said_on=said_on, part_of=part_of, extractor=extractor,
    )


def statement_row(st: Statement) -> StatementRow:
    return StatementRow(
        id=st.id, what=st.what, origin=st.origin, said_on=st.said_on, relays=list(st.relays),
        independent_origins=st.independent_origins, first_seen=st.first_seen, explanation=st.explanation,
        article_count=len(st.articles),
    )


def member_rows(st: Statement) -> list[StatementMemberRow]:
    rows = [StatementMemberRow(statement=st.id, member=m, member_type=member_type(m), position=i)
            for i, m in enumerate(st.members)]
    rows += [StatementMemberRow(statement=st.id, member=a, member_type="article", position=i)
             for i, a in enumerate(dict.fromkeys(st.articles))]
    return rows


def member_type(member_id: str) -> str:
    tail = member_id.rsplit("-", 1)[-1]
    return "figure" if tail.startswith("f") else "attribution"


def to_statement(r: StatementRow | Row[Any], members: Sequence[StatementMemberRow | Row[Any]]) -> Statement:
    return Statement(
        id=r.id, what=r.what, origin=r.origin,
        members=tuple(m.member for m in members if m.member_type != "article"),
        articles=tuple(m.member for m in members if m.member_type == "article"),
        relays=tuple(r.relays), independent_origins=r.independent_origins, said_on=r.said_on,
        first_seen=r.first_seen, explanation=r.explanation,
    )


def conflict_row(c: Conflict, reviewed: bool) -> ConflictRow:
    return ConflictRow(
        id=c.id, kind=c.kind, why=c.why, rating=c.rating, statement=c.statement, members=list(c.members),
        detail=[list(pair) for pair in c.detail], reviewed=reviewed,
    )


def to_conflict(r: ConflictRow | Row[Any]) -> Conflict:
    return Conflict(
        id=r.id, kind=r.kind, members=tuple(r.members), why=r.why, rating=r.rating, statement=r.statement,
        detail=tuple((str(k), str(v)) for k, v in r.detail),
    )


def timeline_row(p: TimelinePoint) -> TimelineRow:
    return TimelineRow(
        quantity=p.quantity, party=p.party, date=p.date, low=p.low, best=p.best, high=p.high,
        cumulative=p.cumulative, independent=p.independent, figures=list(p.figures), statement=p.statement,
    )


def to_timeline_point(r: TimelineRow | Row[Any]) -> TimelinePoint:
    return TimelinePoint(
        quantity=r.quantity, party=r.party, date=r.date, low=r.low, best=r.best, high=r.high,
        cumulative=r.cumulative, independent=r.independent, figures=tuple(r.figures), statement=r.statement,
    )
