"""Provenance of a statement: origin -> relays -> articles, and how many independent origins stand behind it.

Twelve articles repeating one wire report are one source, not twelve. Relays (the ``via`` chains:
wire agencies, think tanks, other outlets) and syndicated copies (``Article.copy_of``) are shown but
never counted as origins; only distinct origins that said the thing themselves add to
``independent_origins``.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fogwatch.link.origins import OriginIndex
from fogwatch.model import Article, ArticleClaims, Attribution, Figure, Statement

if TYPE_CHECKING:  # graphs are drawn on request; linking never loads networkx
    import networkx as nx

Claim = Attribution | Figure
COUNTED_WORDS = {"killed_or_wounded": "killed or wounded", "killed": "killed", "wounded": "wounded",
                 "captured": "captured", "missing": "missing", "deployed": "deployed", "suicide": "suicides",
                 "other": ""}


def claim_records(claims: Iterable[ArticleClaims]) -> dict[str, Claim]:
    """Every attribution and figure of a corpus by id."""
    out: dict[str, Claim] = {}
    for article in claims:
        for att in article.attributions:
            out[att.id] = att
        for fig in article.figures:
            out[fig.id] = fig
    return out


def origin_name(record: Claim, records: Mapping[str, Claim]) -> str | None:
    """Who said it: the attribution's speaker, or a figure's source, else the speaker of its attribution."""
    if isinstance(record, Attribution):
        return record.speaker.name if record.speaker.type != "unnamed" else None
    if record.source:
        return record.source
    parent = records.get(record.attribution or "")
    if isinstance(parent, Attribution) and parent.speaker.type != "unnamed":
        return parent.speaker.name
    return None


def origin_type(record: Claim, records: Mapping[str, Claim]) -> str:
    """person | organization | unnamed, for the ClaimReview author and graph styling."""
    if isinstance(record, Attribution):
        return record.speaker.type
    parent = records.get(record.attribution or "")
    if record.source_type:
        return record.source_type
    if isinstance(parent, Attribution):
        return parent.speaker.type
    return "person" if record.source else "unnamed"


def article_order(articles: Iterable[Article]) -> dict[str, int]:
    """Rank articles by published date, undated last, then by id: "first seen" follows this order."""
    ranked = sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))
    return {a.id: rank for rank, a in enumerate(ranked)}


def article_labels(articles: Iterable[Article]) -> dict[str, str]:
    """A reader's name for each article: its outlet, with the day where the outlet has several
    ("Castellan Press, 2026-03-13"), else its title or file; ids mean nothing to a reader."""
    articles = list(articles)
    per_outlet = Counter(a.outlet for a in articles if a.outlet)
    labels = {}
    for a in articles:
        name = a.outlet or a.title or Path(a.source).name or a.id
        if a.outlet and per_outlet[a.outlet] > 1:
            name = f"{name}, {(a.published or '')[:10] or a.id}"
        labels[a.id] = name
    return labels


def root_article(article_id: str, articles: Mapping[str, Article]) -> str:
    """Follow ``copy_of`` to the earliest original, guarding against cycles."""
    seen = {article_id}
    current = article_id
    while True:
        parent = articles[current].copy_of if current in articles else None
        if not parent or parent in seen or parent not in articles:
            return current
        seen.add(parent)
        current = parent


def statement_id(members: Iterable[str]) -> str:
    """Deterministic id from the sorted member ids."""
    return "s-" + hashlib.sha1("\x1f".join(sorted(members)).encode()).hexdigest()[:12]


def _what(members: Sequence[Claim], origin: str | None) -> str:
    who = origin or "unnamed source"
    figures = [m for m in members if isinstance(m, Figure)]
    if figures:
        fig = figures[0]
        number = f"{fig.value:,.0f}" if float(fig.value).is_integer() else f"{fig.value:,}"
        parts = [fig.qualifier or "", number, fig.subject or "", COUNTED_WORDS.get(fig.counted, fig.counted)]
        window = next((f.window.text for f in figures if f.window and f.window.text), "")
        text = " ".join(p for p in [*parts, window] if p)
        return f"{who}: {text}"
    directs = [m for m in members if isinstance(m, Attribution) and m.kind != "indirect"]
    text = (directs or list(members))[0].text.strip()
    return f"{who}: {text[:157] + '...' if len(text) > 160 else text}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


@dataclass(frozen=True)
class Origins:
    """Who stands behind one statement: independent voices (first = the one shown) and mis-credited relays."""

    independent: tuple[str, ...]  # voice keys that said it themselves, earliest first
    relay_credited: tuple[str, ...]  # voices credited with it that other members show relaying it
    relays: tuple[str, ...]  # relay keys in order of first appearance

    @property
    def primary(self) -> str | None:
        return self.independent[0] if self.independent else None


def statement_origins(members: Sequence[Claim], records: Mapping[str, Claim], index: OriginIndex) -> Origins:
    """Voices and relays of a statement's members (given in article order); the voice that said it
    earliest (then the one seen first) comes first.

    A voice that other members show as a relay of the same claim ("the centre wrote") only
    relayed it, however some outlet credited it; it is not an independent origin.
    """
    said: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    counts: Counter[str] = Counter()
    relays: dict[str, None] = {}
    for position, member in enumerate(members):
        key = index.key(origin_name(member, records))
        for relay in member.via:
            relay_key = index.key(relay)
            if relay_key is not None:
                relays.setdefault(relay_key)
        if key is not None:
            counts[key] += 1
            first.setdefault(key, position)
            said.setdefault(key, [])
            if member.said_on:
                said[key].append(member.said_on[:10])
    credited = [k for k in counts if k in relays]
    if len(credited) == len(counts):
        credited = []
    voices = sorted((k for k in counts if k not in credited),
                    key=lambda k: (min(said[k]) if said[k] else "9999", first[k]))
    return Origins(tuple(voices), tuple(sorted(credited)), tuple(k for k in relays if k not in voices))


def voice_name(voice: str, members: Sequence[Claim], records: Mapping[str, Claim], index: OriginIndex) -> str:
    """The name to show for a voice in one statement: the person who spoke for it most often, else itself.
    An officer who briefs for a department without being named its spokesperson ("Lt. Ann Roe of the
    Harlow Police") is the department's voice, and the department is shown."""
    people: Counter[str] = Counter()
    for member in members:
        name = origin_name(member, records)
        entity = index.entity(name)
        if entity is not None and index.key(name) == voice and index.kind(entity) == "person":
            people[entity] += 1
    if people and all(p in index.briefers for p in people):
        return index.display(voice) or voice
    if people:
        top = max(people, key=lambda e: (people[e], e))
        return index.display(top) or top
    return index.display(voice) or voice


def summarise(members: Sequence[Claim], articles: Mapping[str, Article], index: OriginIndex,
              records: Mapping[str, Claim], order: Mapping[str, int] | None = None) -> Statement:
    """One Statement from its member claims: origin, relays, independence, dates and a plain explanation."""
    order = order if order is not None else article_order(articles.values())
    ranked = sorted(members, key=lambda m: (order.get(m.article, len(order)), m.start, m.id))
    article_ids = list(dict.fromkeys(m.article for m in ranked))
    origins = statement_origins(ranked, records, index)
    names = {k: voice_name(k, ranked, records, index)
             for k in (*origins.independent, *origins.relay_credited)}
    origin = names[origins.primary] if origins.primary else None
    relays = [index.display(k) or k for k in origins.relays]
    said = Counter(day for day, _article in {(m.said_on[:10], m.article) for m in ranked if m.said_on})
    said_on = min(said, key=lambda day: (-said[day], day)) if said else None  # most articles, then earliest
    copies = sum(1 for a in article_ids if a in articles and root_article(a, articles) != a
                 and root_article(a, articles) in article_ids)
    independent = max(1, len(origins.independent))
    shown = ", ".join(_with_voice(names[k], k, index) for k in origins.independent) or "unnamed source"
    carried = _plural(len(article_ids), "article")
    if copies:
        carried += f" ({_plural(copies, 'syndicated copy', 'syndicated copies')})"
    explanation = (f"{carried}, {_plural(len(relays), 'relay')}, "
                   f"{_plural(independent, 'independent origin')}: {shown}"
                   + (f" (said {said_on})" if said_on else ""))
    if origins.relay_credited:
        explanation += "; also credited to " + ", ".join(names[k] for k in origins.relay_credited) + \
            ", which only relayed it"
    return Statement(
        id=statement_id(m.id for m in ranked), what=_what(ranked, origin), origin=origin,
        members=tuple(m.id for m in ranked), articles=tuple(article_ids), relays=tuple(relays),
        independent_origins=independent, said_on=said_on, first_seen=article_ids[0] if article_ids else None,
        explanation=explanation,
    )


def _with_voice(name: str, voice: str, index: OriginIndex) -> str:
    organisation = index.display(voice)
    return f"{name} for {organisation}" if organisation and organisation != name else name


def provenance_graph(statement: Statement, articles: Sequence[Article] | Mapping[str, Article],
                     claims: Sequence[ArticleClaims], index: OriginIndex | None = None,
                     records: Mapping[str, Claim] | None = None) -> nx.DiGraph:
    """Origin -> relay chain -> article for every member; syndicated copies fold into their original.

    Pass ``index`` and ``records`` when drawing many statements, so they are built once.
    """
    import networkx as nx

    from fogwatch.link.voices import origin_index_for

    by_id = articles if isinstance(articles, Mapping) else {a.id: a for a in articles}
    records = records if records is not None else claim_records(claims)
    index = index or origin_index_for(claims, list(by_id.values()))
    members = [records[m] for m in statement.members if m in records]
    origins = statement_origins(members, records, index)
    graph = nx.DiGraph(statement=statement.id, what=statement.what, explanation=statement.explanation,
                       independent_origins=statement.independent_origins)
    for record in members:
        key = index.key(origin_name(record, records))
        source = f"origin:{key}" if key else f"origin:unnamed:{statement.id}"
        if source not in graph:
            graph.add_node(source, kind="origin", type=origin_type(record, records),
                           label=voice_name(key, members, records, index) if key else "unnamed source",
                           independent=key in origins.independent,
                           relay_credited=key in origins.relay_credited)
        chain = [source]
        for relay in record.via:
            relay_key = index.key(relay)
            if relay_key is None or f"origin:{relay_key}" == source:
                continue
            node = f"relay:{relay_key}"
            graph.add_node(node, kind="relay", label=index.display(relay_key) or relay)
            chain.append(node)
        root = root_article(record.article, by_id) if record.article in by_id else record.article
        if root not in statement.articles:
            root = record.article
        node = f"article:{root}"
        if node not in graph:
            art = by_id.get(root)
            graph.add_node(node, kind="article", label=(art.outlet or art.title or root) if art else root,
                           published=art.published if art else None, url=art.url if art else None, copies=[])
        if root != record.article and record.article not in graph.nodes[node]["copies"]:
            graph.nodes[node]["copies"].append(record.article)
        chain.append(node)
        for a, b in itertools.pairwise(chain):
            if graph.has_edge(a, b):
                graph.edges[a, b]["members"].append(record.id)
            else:
                graph.add_edge(a, b, statement=statement.id, members=[record.id])
    return graph


def _scalar_graph(graph: nx.DiGraph) -> nx.DiGraph:
    """GraphML allows only scalars: lists become ';'-joined strings and None values are dropped."""
    import networkx as nx

    def clean(attrs: Mapping[str, Any]) -> dict[str, Any]:
        return {k: ";".join(map(str, v)) if isinstance(v, list | tuple | set) else v
                for k, v in attrs.items() if v is not None}
    out = nx.DiGraph(**clean(graph.graph))
    out.add_nodes_from((n, clean(d)) for n, d in graph.nodes(data=True))
    out.add_edges_from((a, b, clean(d)) for a, b, d in graph.edges(data=True))
    return out


def write_node_link(graph: nx.DiGraph, path: str | Path) -> Path:
    """Node-link JSON, the shape d3 and the web UI read."""
    import networkx as nx

    path = Path(path)
    data = nx.node_link_data(graph, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=list), encoding="utf-8")
    return path


def write_graphml(graph: nx.DiGraph, path: str | Path) -> Path:
    """GraphML for Gephi/yEd."""
    import networkx as nx

    path = Path(path)
    nx.write_graphml(_scalar_graph(graph), str(path))
    return path
