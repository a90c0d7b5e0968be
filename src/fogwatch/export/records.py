"""The export contract: one flat, JSON-ready dict per ledger record, each with a `type`.

JSON Lines, CSV and the pandas API all come from these rows, so the three never disagree.
Field names follow the published export contract (see the README's "Export" section).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from fogwatch.export.reviews import Reviews
from fogwatch.extract.harm import is_denial
from fogwatch.ledger import Ledger
from fogwatch.link.origins import EntityNames
from fogwatch.model import (
    Article,
    Attribution,
    Conflict,
    Figure,
    Rejected,
    SpeechAct,
    Statement,
    Story,
    Tally,
    TimelinePoint,
)
from fogwatch.reconcile.conflicts import contract_kind

RECORD_TYPES = (
    "article", "story", "attribution", "speech_act", "figure", "denial", "tally", "statement", "conflict",
    "timeline", "rejected", "review",
)
PLURALS = {"tally": "tallies", "story": "stories"}


def plural(record_type: str) -> str:
    """A record type's plural, for CSV file and DataFrame names ("figures", "tallies", "stories")."""
    return PLURALS.get(record_type, f"{record_type}s")


def article_row(a: Article, include_text: bool = False) -> dict[str, Any]:
    """An article without its text unless asked (the text can be large)."""
    row: dict[str, Any] = {
        "type": "article", "id": a.id, "source": a.source, "url": a.url, "outlet": a.outlet,
        "published": a.published, "title": a.title, "language": a.language, "format": a.format,
        "copy_of": a.copy_of, "content_hash": a.content_hash,
    }
    if include_text:
        row["text"] = a.text
    return row


def attribution_row(a: Attribution, names: EntityNames | None = None) -> dict[str, Any]:
    """An attribution with its speaker as a nested object; `speaker.name` is the corpus-wide name
    of the entity and `speaker.name_in_article` the name as the article gives it."""
    names = names or EntityNames()
    row = asdict(a)
    row["speaker"]["name_in_article"] = a.speaker.name
    row["speaker"]["name"] = names(a.speaker.name)
    row["via"] = [names(v) for v in a.via]
    row["date_flags"] = list(a.date_flags)
    return {"type": "attribution", **row}


def speech_act_row(act: SpeechAct, names: EntityNames | None = None) -> dict[str, Any]:
    """A speech act mentioned without content ("the unions' criticism"), its speaker and relays named
    as in `attribution_row`; not an attribution, so no statement, origin or conflict holds it."""
    names = names or EntityNames()
    row = asdict(act)
    row["speaker"]["name_in_article"] = act.speaker.name
    row["speaker"]["name"] = names(act.speaker.name)
    row["via"] = [names(v) for v in act.via]
    return {"type": "speech_act", **row}


def figure_row(f: Figure, names: EntityNames | None = None) -> dict[str, Any]:
    """A figure with its window as a nested object or null, its source named as in `attribution_row`.
    A denial ("nobody was hurt") has the same fields, but the export types it `denial`: the contract's
    figures are numbers printed in the text."""
    names = names or EntityNames()
    row = asdict(f)
    row["source"] = names(f.source)
    row["source_in_article"] = f.source
    row["via"] = [names(v) for v in f.via]
    return {"type": "figure", **row}


def tally_row(t: Tally) -> dict[str, Any]:
    """An article's implied count of killed and injured people (id `<article>-tally`), with the victims
    it describes without a number as figure objects (`text`, `start`, `end`, `value`, `counted`, …)."""
    row = asdict(t)
    for victim in row["victims"]:
        victim["via"] = list(victim["via"])
    return {"type": "tally", "id": f"{t.article}-tally", **row}


def story_row(s: Story) -> dict[str, Any]:
    """A story: the articles about one event, its label and the names its members share."""
    return {"type": "story", "id": s.id, "label": s.label, "articles": list(s.articles),
            "entities": list(s.entities)}


def statement_row(s: Statement) -> dict[str, Any]:
    """A statement with its members and carrying articles."""
    row = asdict(s)
    for key in ("members", "articles", "relays"):
        row[key] = list(row[key])
    return {"type": "statement", **row}


def conflict_row(c: Conflict) -> dict[str, Any]:
    """A conflict; `detail` becomes an object."""
    row = asdict(c)
    row["members"] = list(c.members)
    row["detail"] = dict(c.detail)
    row["kind"] = contract_kind(c.kind)
    row["subkind"] = c.kind
    return {"type": "conflict", **row}


def timeline_row(p: TimelinePoint) -> dict[str, Any]:
    """One low/best/high point of a quantity's timeline."""
    row = asdict(p)
    row["figures"] = list(p.figures)
    return {"type": "timeline", **row}


def rejected_row(r: Rejected) -> dict[str, Any]:
    """An input that was not stored, with the reason."""
    return {"type": "rejected", **asdict(r)}


def export_rows(ledger: Ledger, include_text: bool = False) -> Iterator[dict[str, Any]]:
    """Every record of the ledger in export form, articles first so references resolve in order;
    reviewed results carry a `review` list and every review follows as a `review` record."""
    for article in ledger.articles():
        yield article_row(article, include_text)
    yield from (story_row(s) for s in ledger.stories())
    names = EntityNames.of((e.name, e.spellings) for e in ledger.entities())
    reviews = Reviews(ledger.reviews())
    for claims in ledger.claims():
        yield from (reviews.annotate(attribution_row(a, names)) for a in claims.attributions)
        yield from (speech_act_row(act, names) for act in claims.speech_acts)
        for figure in claims.figures:  # reviews know a denial as the figure it is in the ledger
            row = reviews.annotate(figure_row(figure, names))
            yield {**row, "type": "denial"} if is_denial(figure) else row
        if claims.tally is not None:
            yield tally_row(claims.tally)
    yield from (reviews.annotate(statement_row(reviews.statement(s))) for s in ledger.statements())
    yield from (reviews.annotate(conflict_row(c)) for c in ledger.conflicts())
    yield from (timeline_row(p) for p in ledger.timeline())
    yield from (rejected_row(r) for r in ledger.rejected())
    yield from reviews.rows()
