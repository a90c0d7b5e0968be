"""Full-text search: article titles and texts and quotations through FTS5, hits marked and escaped,
the index kept in step with the ledger, any typed characters safe, speakers counted by what they said."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogwatch.ledger import Ledger
from fogwatch.ledger.fulltext import fts_query
from fogwatch.ledger.queries import Reader, read_engine
from fogwatch.serve import create_app
from fogwatch.serve.hits import hit_pattern, hit_segments
from tests.serve import sample_ledger


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return sample_ledger.build(tmp_path / "ledger.db")


@pytest.fixture
def client(db: Path) -> TestClient:
    return TestClient(create_app(str(db)))


def test_article_text_and_titles_are_searched_with_hits_marked(client: TestClient) -> None:
    found = client.get("/search.json?q=kursk region&in=articles").json()["results"]["articles"]
    ids = [a["id"] for a in found["items"]]
    assert "art-reuters" in ids and "art-kyiv" not in ids, "every word must appear"
    reuters = found["items"][ids.index("art-reuters")]
    assert ("Kursk", True) in [tuple(s) for s in reuters["snippet"]] and "text" not in reuters
    titles = client.get("/search.json?q=losses&in=articles").json()["results"]["articles"]["items"]
    assert {a["id"] for a in titles} >= {"art-reuters", "art-kyiv"}
    prefix = client.get("/search.json?q=Selensk&in=articles").json()["results"]["articles"]["items"]
    assert [a["id"] for a in prefix] == ["art-kyiv"], "the last word is a prefix"
    html = client.get("/search?q=kursk+region").text
    assert "<mark>Kursk</mark>" in html and "<mark>region</mark>" in html


def test_quotations_are_searched_through_the_index(client: TestClient) -> None:
    claims = client.get("/search.json?q=expendable&in=claims").json()["results"]["claims"]["items"]
    assert claims and all(any(hit for _, hit in c["marked"]) for c in claims)


def test_hostile_text_stays_escaped_in_hits(client: TestClient) -> None:
    html = client.get("/search?q=alert&in=articles").text + client.get("/search?q=alert&in=claims").text
    assert "<mark>alert</mark>" in html
    assert "<script>alert" not in html and "<img src=x" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize("q", ['"', 'NEAR(a b', "kursk AND OR NOT", "*", "a:b", "^x", "' OR 1=1 --"])
def test_typed_characters_never_break_the_query(client: TestClient, q: str) -> None:
    for section in ("articles", "claims"):
        assert client.get("/search.json", params={"q": q, "in": section}).status_code == 200


def test_the_index_follows_the_ledger(db: Path) -> None:
    ledger = Ledger(str(db))
    (kyiv,) = [c for c in ledger.claims() if c.article == "art-kyiv"]
    ledger.replace_claims([kyiv.__class__(kyiv.article, (), kyiv.figures)], "x.v2")
    reader = Reader(read_engine(ledger.url))
    claims = reader.search("Selenskyj arrival", "claims").items + reader.search("3,000", "claims").items
    assert all(c["article"] != "art-kyiv" for c in claims), "deleted claims leave the index"
    ledger.close()


def test_speakers_are_counted_by_claims_and_articles(client: TestClient) -> None:
    kirby = client.get("/search.json?q=kirby&in=speakers").json()["results"]["speakers"]["items"][0]
    assert (kirby["name"], kirby["claims"], kirby["articles"], kirby["statements"]) == ("John Kirby", 6, 3, 2)
    assert "6 claims in 3 articles" in client.get("/search?q=kirby").text


def test_query_and_marks_helpers() -> None:
    assert fts_query('kursk "region') == '"kursk" "region"*'
    assert fts_query("?!") is None
    pattern = hit_pattern("kurs")
    assert hit_segments("In Kursk, kursk-region.", pattern) == [
        ("In ", False), ("Kursk", True), (", ", False), ("kursk", True), ("-region.", False)]
    long = "word " * 60 + "target " + "word " * 60
    snippet = hit_segments(long, hit_pattern("target"), around=20)
    assert snippet[0][0].startswith("…") and snippet[-1][0].endswith("…") and ("target", True) in snippet
