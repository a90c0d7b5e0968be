"""Entities on the pages: every speaker, source and relay by its corpus-wide name, the article's own
spelling kept where its words are shown, and search finding a speaker under any spelling."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogwatch.serve import create_app
from tests.serve import sample_ledger

WRITTEN = '<b>Volodymyr Zelensky</b> <span class="written muted">(written: Wolodymyr Selenskyj)</span>'


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(str(sample_ledger.build(tmp_path_factory.mktemp("names") / "ledger.db"))))


def test_article_names_speaker_and_source_by_entity(client: TestClient) -> None:
    article = client.get("/articles/art-kyiv.json").json()["article"]
    (said,) = article["attributions"]
    both = ("Volodymyr Zelensky", "Wolodymyr Selenskyj")
    assert (said["speaker_name"], said["speaker_name_in_article"]) == both
    (figure,) = article["figures"]
    assert (figure["source"], figure["source_in_article"]) == both
    html = client.get("/articles/art-kyiv").text
    assert html.count(WRITTEN) == 2  # both cards, which the popovers clone
    assert "<dt>named as</dt><dd>Selenskyj</dd>" in html
    reuters = client.get("/articles/art-reuters").text
    cards = reuters[reuters.index('<aside class="claims-side">'):reuters.index("</aside>")]
    assert "<b>John Kirby</b>" in cards and "(written:" not in cards  # spelled as its entity


def test_relays_by_entity(client: TestClient) -> None:
    copy = client.get("/articles/art-copy.json").json()["article"]
    assert {tuple(c["via"]) for c in copy["attributions"] + copy["figures"]} == {("Reuters",)}
    data = client.get("/statements/st-kirby-1000.json").json()
    relays = [n["label"] for n in data["graph"]["nodes"] if n["role"] == "relay"]
    assert relays == ["Reuters"]  # "Reuters News Agency" in the copy is the same relay
    edges = {(e["source"], e["target"]): e["count"] for e in data["graph"]["edges"]}
    assert edges[("origin", "relay:Reuters")] == 4
    assert [a["claims"][0]["via"] for a in data["articles"]["items"]] == [[], ["Reuters"], ["Reuters"]]


def test_conflicts_name_their_speakers(client: TestClient) -> None:
    (conflict,) = client.get("/conflicts.json?kind=figure").json()["conflicts"]["items"]
    assert [(m["speaker"], m["speaker_in_article"]) for m in conflict["claims"]] == [
        ("John Kirby", "John Kirby"), ("Volodymyr Zelensky", "Wolodymyr Selenskyj")]
    assert WRITTEN in client.get("/conflicts/k-figure").text
    for url in ("/statements/st-kirby-1000", "/stories/story-kirby"):  # one row each, linking to its page
        assert 'href="/conflicts/k-figure"' in client.get(url).text, url
    (side_a, side_b) = client.get("/conflicts/k-figure.json").json()["sides"]
    speakers = {m["speaker"] for side in (side_a, side_b) for a in side["articles"] for m in a["claims"]}
    assert speakers == {"John Kirby", "Volodymyr Zelensky"}
    overview = client.get("/index.json").json()["conflicts"]["items"]
    assert {m["speaker"] for c in overview for m in c["claims"]} >= {"Volodymyr Zelensky", "John Kirby"}


def test_search_finds_a_speaker_under_any_spelling(client: TestClient) -> None:
    # The Kyiv report spells him "Wolodymyr Selenskyj"; its words do not name him.
    found = client.get("/search.json?q=Zelensky&in=claims").json()["results"]["claims"]
    assert [(c["id"], c["speaker_name"], c["speaker_name_in_article"]) for c in found["items"]] == [
        ("art-kyiv-a1", "Volodymyr Zelensky", "Wolodymyr Selenskyj")]
    for q in ("Selenskyj", "SÉLENSKYJ", "volodymyr zelensky"):
        speakers = client.get("/search.json", params={"q": q}).json()["results"]["speakers"]["items"]
        assert speakers == [{"name": "Volodymyr Zelensky", "statements": 1, "claims": 1, "articles": 1,
                             "also_written": ["Wolodymyr Selenskyj"]}], q
    html = client.get("/search?q=Zelensky").text
    assert '(also written: Wolodymyr Selenskyj)' in html and WRITTEN in html
    words = client.get("/search.json?q=expendable&in=claims").json()["results"]["claims"]
    assert words["total"] == 3  # words still match as before
    kirby = client.get("/search.json?q=kirby&in=claims").json()["results"]["claims"]
    assert kirby["total"] == 6 and {c["speaker_name"] for c in kirby["items"]} == {"John Kirby"}


def test_hostile_entity_name_is_escaped(client: TestClient) -> None:
    html = client.get("/articles/art-xss").text
    assert "&lt;b&gt;Mallory&lt;/b&gt; the spy</b>" in html and "<b>Mallory" not in html
    assert '(written: &lt;i&gt;Mallory&lt;/i&gt;)' in html
    found = client.get("/search?q=mallory").text
    assert "<b>Mallory" not in found and "<i>Mallory" not in found
    assert "&lt;b&gt;Mallory&lt;/b&gt; the spy" in found


def test_ledger_without_entities_keeps_names_as_extracted(tmp_path: Path) -> None:
    path = sample_ledger.build(tmp_path / "ledger.db")
    with sqlite3.connect(path) as raw:
        raw.execute("DELETE FROM entities")
    client = TestClient(create_app(str(path)))
    (said,) = client.get("/articles/art-kyiv.json").json()["article"]["attributions"]
    assert said["speaker_name"] == said["speaker_name_in_article"] == "Wolodymyr Selenskyj"
    assert "(written:" not in client.get("/articles/art-kyiv").text
    found = client.get("/search.json?q=selenskyj&in=claims").json()["results"]["claims"]["items"]
    assert [c["id"] for c in found] == ["art-kyiv-a1"]  # the speaker's own spelling still finds it
    assert client.get("/search.json?q=Zelensky&in=claims").json()["results"]["claims"]["total"] == 0
