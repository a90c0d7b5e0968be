"""All statements' provenance graphs as one file: node-link JSON (web UI, d3) or GraphML (Gephi, yEd).

Origins, relays and articles shared by several statements become one node each; an edge lists
every statement and member claim that travelled along it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import networkx as nx

from fogwatch.errors import UsageError
from fogwatch.link.origins import OriginIndex
from fogwatch.link.relays import claim_records, provenance_graph, write_graphml, write_node_link
from fogwatch.link.voices import origin_index_for
from fogwatch.model import Article, ArticleClaims, Statement

FORMATS = ("json", "graphml")


def corpus_graph(statements: Sequence[Statement], articles: Sequence[Article],
                 claims: Sequence[ArticleClaims], index: OriginIndex | None = None) -> nx.DiGraph:
    """The union of every statement's provenance graph, with edges listing their statements."""
    index = index or origin_index_for(claims, articles)
    records = claim_records(claims)
    by_id = {a.id: a for a in articles}
    merged = nx.DiGraph(statements=len(statements))
    for statement in statements:
        graph = provenance_graph(statement, by_id, claims, index, records)
        for node, data in graph.nodes(data=True):
            if node in merged:
                copies = merged.nodes[node].get("copies")
                if copies is not None:
                    copies.extend(c for c in data.get("copies", []) if c not in copies)
            else:
                merged.add_node(node, **{k: (list(v) if isinstance(v, list) else v) for k, v in data.items()})
        for a, b, data in graph.edges(data=True):
            if merged.has_edge(a, b):
                edge = merged.edges[a, b]
                edge["statements"].append(statement.id)
                edge["members"].extend(data["members"])
            else:
                merged.add_edge(a, b, statements=[statement.id], members=list(data["members"]))
    return merged


def write_graph(statements: Sequence[Statement], articles: Sequence[Article], claims: Sequence[ArticleClaims],
                path: str | Path, fmt: str | None = None) -> Path:
    """Write the corpus graph; the format comes from ``fmt`` or the file suffix (.json / .graphml)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "json").lower()
    if fmt not in FORMATS:
        raise UsageError(f"unknown graph format {fmt!r}", f"choose one of: {', '.join(FORMATS)}")
    graph = corpus_graph(statements, articles, claims)
    return write_graphml(graph, path) if fmt == "graphml" else write_node_link(graph, path)
