"""Stories in the web UI: the overview's list, the story pages and their JSON twins, paging and escaping."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogwatch.ledger import Ledger
from fogwatch.serve import create_app
from tests.serve import sample_ledger


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_ledger.build(tmp_path_factory.mktemp("stories") / "ledger.db")


@pytest.fixture(scope="module")
def client(ledger_path: Path) -> TestClient:
    return TestClient(create_app(str(ledger_path)))


def test_overview_lists_stories_largest_first(client: TestClient) -> None:
    stories = client.get("/index.json").json()["stories"]
    assert [s["id"] for s in stories["items"]] == ["story-kirby", "story-xss", "story-kyiv"]
    kirby = stories["items"][0]
    assert kirby["article_count"] == 3 and kirby["outlet_count"] == 3
    assert kirby["label"] == "North Korean troops suffer heavy losses, White House says"
    assert kirby["entities"] == ["John Kirby", "Kursk", "Reuters"]
    html = client.get("/").text
    assert '<a class="clamp" href="/stories/story-kirby">North Korean troops suffer heavy losses' in html
    assert "John Kirby, Kursk, Reuters" in html
    listing = client.get("/stories.json").json()["stories"]
    assert listing["total"] == 3 and [s["id"] for s in listing["items"]] == ["story-kirby", "story-xss",
                                                                             "story-kyiv"]


def test_story_page_lists_articles_statements_and_conflicts(client: TestClient) -> None:
    data = client.get("/stories/story-kirby.json").json()
    story = data["story"]
    assert (story["article_count"], story["outlet_count"]) == (3, 3)
    assert (story["first"], story["last"]) == ("2024-12-27", "2024-12-29")
    articles = data["articles"]["items"]
    assert [(a["id"], a["outlet"], a["published"]) for a in articles] == [
        ("art-reuters", "Reuters", "2024-12-27"), ("art-yonhap", "Yonhap", "2024-12-28"),
        ("art-copy", "Daily Relay", "2024-12-29")]
    statements = data["statements"]["items"]
    assert [(s["id"], s["in_story"], s["article_count"]) for s in statements] == [
        ("st-kirby-1000", 3, 3), ("st-kirby-expendable", 3, 3)]
    conflicts = data["conflicts"]
    assert conflicts["total"] == 3
    assert {c["id"] for c in conflicts["items"]} == {"k-figure", "k-date", "k-drift"}
    figure = next(c for c in conflicts["items"] if c["id"] == "k-figure")
    assert [m["outlet"] for m in figure["claims"]] == ["Reuters", "Kyiv Independent"]

    html = client.get("/stories/story-kirby").text
    assert '<a href="/articles/art-yonhap">Kirby: 1,000 North Korean casualties in a week</a>' in html
    assert '<a href="/articles?outlet=Daily%20Relay">Daily Relay</a> <span class="tag copy">' in html
    assert '<a href="/statements/st-kirby-expendable">' in html
    assert 'id="conflict-c-k-drift"' in html and "the same quotation in two wordings" in html
    assert '<a href="/stories" class="on">Stories</a>' in html


def test_a_story_holds_only_its_own_claims(client: TestClient) -> None:
    data = client.get("/stories/story-xss.json").json()
    assert [a["id"] for a in data["articles"]["items"]] == ["art-xss"]
    assert [s["id"] for s in data["statements"]["items"]] == ["st-xss"]
    assert [c["id"] for c in data["conflicts"]["items"]] == ["k-xss"]
    kyiv = client.get("/stories/story-kyiv.json").json()
    assert [s["id"] for s in kyiv["statements"]["items"]] == ["st-zelensky-3000"]


def test_story_lists_page_separately(client: TestClient, ledger_path: Path) -> None:
    reader = client.app.state.reader  # type: ignore[attr-defined]
    first, second = reader.story_statements("story-kirby", 1, 1), reader.story_statements("story-kirby", 2, 1)
    assert [s["id"] for s in first.items + second.items] == ["st-kirby-1000", "st-kirby-expendable"]
    assert first.pages == 2 and reader.story_conflicts("story-kirby", 3, 1).total == 3
    assert [a["id"] for a in reader.story_articles("story-kirby", 2, 2).items] == ["art-copy"]
    later = client.get("/stories/story-kirby.json?statements_page=2&conflicts_page=2").json()
    assert later["statements"]["items"] == [] and later["statements"]["total"] == 2
    assert later["conflicts"]["items"] == [] and later["articles"]["items"][0]["id"] == "art-reuters"
    with sqlite3.connect(ledger_path) as raw:
        names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_stories_count_id", "ix_story_members_story_position"} <= names


def test_story_label_renders_inert(client: TestClient) -> None:
    for url in ("/stories/story-xss", "/stories", "/", "/articles/art-xss"):
        html = client.get(url).text
        assert "<script>alert('story')" not in html and "<b>week" not in html, url
        assert "<i>Mallory" not in html, url
        assert ("&lt;script&gt;alert(&#39;story&#39;)&lt;/script&gt; Mallory&#39;s &lt;b&gt;week&lt;/b&gt;"
                in html), url
    page = client.get("/stories/story-xss").text
    assert "<title>&lt;script&gt;alert(&#39;story&#39;)" in page and "&lt;i&gt;Mallory&lt;/i&gt;" in page
    assert client.get("/stories/story-xss.json").json()["story"]["label"] == sample_ledger.XSS_STORY


def test_article_page_names_its_story(client: TestClient) -> None:
    article = client.get("/articles/art-kyiv.json").json()["article"]
    assert article["stories"] == [{"id": "story-kyiv", "label": "Zelensky: North Korean losses pass 3,000",
                                   "article_count": 1}]
    assert 'Story: <a href="/stories/story-kyiv">Zelensky: North Korean losses pass 3,000</a>' in \
        client.get("/articles/art-kyiv").text


def test_ledger_without_stories(tmp_path: Path) -> None:
    Ledger(str(tmp_path / "empty.db")).close()
    client = TestClient(create_app(str(tmp_path / "empty.db")))
    assert client.get("/index.json").json()["stories"]["total"] == 0
    assert "No stories yet" in client.get("/").text and "No stories yet" in client.get("/stories").text
    missing = client.get("/stories/story-kirby.json")
    assert missing.status_code == 404 and "no story" in missing.json()["error"]["message"]
