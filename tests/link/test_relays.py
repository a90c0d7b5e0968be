"""Origins, relays and provenance graphs: who said it, through whom, in which articles."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from fogwatch.errors import UsageError
from fogwatch.export.graph import corpus_graph, write_graph
from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import build_statements
from fogwatch.link.origins import build_origin_index
from fogwatch.link.relays import provenance_graph, write_graphml, write_node_link
from fogwatch.model import Statement
from tests.link.builders import Doc, corpus


def test_origin_index_resolves_surnames_transliterations_and_acronyms() -> None:
    index = build_origin_index(
        [
            ("John Kirby", "person"),
            ("Kirby", "person"),
            ("Volodymyr Zelensky", "person"),
            ("Zelenskiy", "person"),
            ("Institute for the Study of War", "organization"),
            ("ISW", "organization"),
            ("South Korea's National Intelligence Service", "organization"),
            ("National Intelligence Service", "organization"),
            ("Tymofiy Halvanenko", "person"),
            ("Timofei Galvanenko", "person"),
        ]
    )
    assert index.key("Kirby") == index.key("John Kirby")
    assert index.key("Zelenskiy") == index.key("Volodymyr Zelensky")
    assert index.key("ISW") == index.key("Institute for the Study of War")
    assert index.key("National Intelligence Service") == index.key(
        "South Korea's National Intelligence Service"
    )
    assert index.key("Timofei Galvanenko") == index.key("Tymofiy Halvanenko")
    assert index.display(index.key("Kirby")) == "John Kirby"


def test_a_generic_name_shared_by_two_owners_joins_neither() -> None:
    index = build_origin_index([("Harlow Police Department", "organization"),
                                ("Brill Police Department", "organization"),
                                ("Police Department", "organization"),
                                ("South Kestria's Border Service", "organization"),
                                ("Border Service", "organization")])
    assert index.key("Harlow Police Department") != index.key("Brill Police Department")
    assert index.key("Police Department") not in (index.key("Harlow Police Department"),
                                                  index.key("Brill Police Department"))
    assert index.key("Border Service") == index.key("South Kestria's Border Service")


def test_a_bare_surname_shared_by_two_people_stays_apart() -> None:
    index = build_origin_index([("John Kirby", "person"), ("Jane Kirby", "person"), ("Kirby", "person")])
    assert index.key("John Kirby") != index.key("Jane Kirby")
    assert index.key("Kirby") not in {index.key("John Kirby"), index.key("Jane Kirby")}


def _wire_story() -> tuple[list, list, Statement]:
    sentence = "Kirby said about 1,000 soldiers were killed or wounded in the past week."
    docs = []
    for name, published, via, copy_of in [
        ("wire", "2024-12-28", (), None),
        ("copy", "2024-12-28", ("AP",), "wire"),
        ("paper", "2024-12-29", ("AP",), None),
        ("blog", "2024-12-27", ("Reuters", "ISW"), None),
    ]:
        doc = Doc(name, sentence, published=published, outlet=name.title(), copy_of=copy_of)
        doc.quote(
            f"{name}-a",
            "about 1,000 soldiers were killed or wounded in the past week",
            "John Kirby",
            kind="indirect",
            via=via,
            said_on="2024-12-27" if name == "paper" else None,
        )
        docs.append(doc)
    articles, claims = corpus(*docs)
    statement = next(
        s for s in build_statements(articles, claims, embed=hashed_embed) if "wire-a" in s.members
    )
    return articles, claims, statement


def test_statement_summary_counts_articles_relays_and_one_origin() -> None:
    _articles, _claims, statement = _wire_story()
    assert statement.articles[0] == statement.first_seen == "blog"  # earliest published
    assert statement.relays == ("Reuters", "ISW", "AP")
    assert statement.independent_origins == 1
    assert statement.said_on == "2024-12-27"
    assert statement.explanation == (
        "4 articles (1 syndicated copy), 3 relays, 1 independent origin: John Kirby (said 2024-12-27)"
    )


def test_provenance_graph_chains_relays_and_folds_copies(tmp_path: Path) -> None:
    articles, claims, statement = _wire_story()
    graph = provenance_graph(statement, articles, claims)
    assert next(iter(nx.topological_sort(graph))) == "origin:john kirby"
    assert graph.has_edge("origin:john kirby", "relay:reuters") and graph.has_edge(
        "relay:reuters", "relay:isw"
    )
    assert graph.has_edge("relay:isw", "article:blog")
    assert "article:copy" not in graph and graph.nodes["article:wire"]["copies"] == ["copy"]
    assert graph.edges["relay:ap", "article:wire"]["members"] == ["copy-a"]
    data = json.loads(write_node_link(graph, tmp_path / "g.json").read_text())
    assert {n["id"] for n in data["nodes"]} >= {"origin:john kirby", "article:paper"}
    again = nx.read_graphml(write_graphml(graph, tmp_path / "g.graphml"))
    assert again.nodes["article:wire"]["copies"] == "copy"


def test_corpus_graph_merges_statements_and_writes_both_formats(tmp_path: Path) -> None:
    articles, claims, _statement = _wire_story()
    other = Doc("other", '"We see no end to it," Kirby said.', published="2024-12-30")
    other.quote("other-a", "We see no end to it", "John Kirby")
    articles2, claims2 = corpus(other)
    articles, claims = articles + articles2, claims + claims2
    statements = build_statements(articles, claims, embed=hashed_embed)
    graph = corpus_graph(statements, articles, claims)
    assert graph.out_degree("origin:john kirby") >= 3
    assert write_graph(statements, articles, claims, tmp_path / "all.graphml").stat().st_size > 0
    assert json.loads(write_graph(statements, articles, claims, tmp_path / "all.json").read_text())["nodes"]
    with pytest.raises(UsageError):
        write_graph(statements, articles, claims, tmp_path / "all.dot")


def test_organisation_word_order_and_spelling_variants_are_one_entity() -> None:
    index = build_origin_index(
        [("Kestrian Ministry of Defence", "organization"), ("Kestrian defense ministry", "organization"),
         ("Tarvanian Ministry of Defence", "organization")]
    )
    assert index.key("Kestrian defense ministry") == index.key("Kestrian Ministry of Defence")
    assert index.key("Tarvanian Ministry of Defence") != index.key("Kestrian Ministry of Defence")


def test_an_acronym_without_its_place_word_joins_the_one_name_it_spells() -> None:
    brill = ("Brill Department of Public Safety", "organization")
    index = build_origin_index([brill, ("DPS", "organization")])
    assert index.key("DPS") == index.key("Brill Department of Public Safety")
    two = build_origin_index([brill, ("Harlow Department of Public Safety", "organization"),
                              ("DPS", "organization")])
    assert two.key("Brill Department of Public Safety") != two.key("Harlow Department of Public Safety")
