"""schema.org ClaimReview JSON-LD: the claim, its author and appearances, provenance, and no verdict."""

from __future__ import annotations

import json
from pathlib import Path

from fogwatch.export.claimreview import EXTENSION, claimreview_documents, write_claimreview
from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import build_statements
from fogwatch.reconcile.conflicts import find_conflicts
from tests.link.builders import Doc, corpus


def _corpus() -> tuple:
    docs = []
    for name, words, published, via in [
        ("a", "It is evident the units are expendable", "2024-12-28", ("Reuters",)),
        ("b", "It is clear the troops are expendable", "2024-12-27", ()),
    ]:
        doc = Doc(name, f'"{words}," Kirby said.', published=published, outlet=f"Outlet {name.upper()}")
        doc.quote(f"{name}1", words, "John Kirby", via=via)
        docs.append(doc)
    org = Doc("c", "The ministry said the bridge was destroyed overnight.", published="2024-12-29")
    org.quote(
        "c1", "the bridge was destroyed overnight", "Defence Ministry", kind="indirect", type="organization"
    )
    articles, claims = corpus(*docs, org)
    statements = build_statements(articles, claims, embed=hashed_embed)
    return statements, articles, claims, find_conflicts(articles, claims, statements)


def test_claim_review_carries_claim_author_appearances_and_provenance() -> None:
    statements, articles, claims, conflicts = _corpus()
    reviews = {
        r[EXTENSION]["members"][0]: r for r in claimreview_documents(statements, articles, claims, conflicts)
    }
    quoted = reviews["b1"]
    assert quoted["@type"] == "ClaimReview" and "https://schema.org" in quoted["@context"]
    assert "reviewRating" not in quoted  # Fogwatch traces provenance; it never rates truth
    claim = quoted["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["author"] == {"@type": "Person", "name": "John Kirby"}
    assert [w["publisher"]["name"] for w in claim["appearance"]] == ["Outlet B", "Outlet A"]
    assert claim["firstAppearance"]["datePublished"] == "2024-12-27"
    provenance = quoted[EXTENSION]
    assert provenance["independentOrigins"] == 1 and provenance["relays"] == ["Reuters"]
    assert [c["kind"] for c in provenance["conflicts"]] == ["quote_drift"]
    assert reviews["c1"]["itemReviewed"]["author"]["@type"] == "Organization"


def test_written_as_json_array_or_json_lines(tmp_path: Path) -> None:
    statements, articles, claims, conflicts = _corpus()
    array = json.loads(
        write_claimreview(statements, articles, claims, tmp_path / "r.json", conflicts).read_text()
    )
    lines = write_claimreview(statements, articles, claims, tmp_path / "r.jsonl").read_text().splitlines()
    assert len(array) == len(lines) == len(statements)
    assert json.loads(lines[0])["claimReviewed"] == array[0]["claimReviewed"]
