"""Filters and sorting on the article and statement lists, and counts that say what they count."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from fogwatch.serve import create_app
from tests.serve import sample_ledger


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(str(sample_ledger.build(tmp_path_factory.mktemp("lists") / "l.db"))))


def _ids(client: TestClient, url: str, key: str) -> list[str]:
    return [r["id"] for r in client.get(url).json()[key]["items"]]


def test_articles_by_dates_and_order_with_claim_counts(client: TestClient) -> None:
    assert _ids(client, "/articles.json?since=2024-12-27&until=2024-12-28", "articles") == [
        "art-yonhap", "art-reuters"]
    assert _ids(client, "/articles.json?sort=oldest", "articles")[0] == "art-kyiv"
    assert _ids(client, "/articles.json?until=2024-12", "articles")[-1] == "art-kyiv"
    kyiv = client.get("/articles.json?outlet=Kyiv Independent").json()["articles"]["items"][0]
    assert (kyiv["attributions"], kyiv["figures"]) == (1, 1)
    html = client.get("/articles?since=2024-12-27&sort=oldest").text
    assert "4 articles" in html and 'value="2024-12-27"' in html
    assert client.get("/articles.json?since=not-a-date").status_code == 422


def test_statements_in_a_conflict_and_by_independent_origins(client: TestClient) -> None:
    conflicted = _ids(client, "/statements.json?conflicted=true", "statements")
    assert "st-zelensky-3000" not in conflicted and "st-kirby-1000" in conflicted
    assert len(_ids(client, "/statements.json?sort=origins", "statements")) == 4
    assert client.get("/statements?conflicted=true").status_code == 200
    assert set(_ids(client, "/statements.json?since=2024-12-24&until=2024-12-27", "statements")) == {
        "st-kirby-1000", "st-kirby-expendable"}
    assert _ids(client, "/statements.json?until=2024-12-23", "statements") == ["st-zelensky-3000"]
    assert client.get("/statements.json?sort=sideways").status_code == 422


def test_statements_of_one_story(client: TestClient) -> None:
    assert set(_ids(client, "/statements.json?story=story-kirby", "statements")) == {
        "st-kirby-1000", "st-kirby-expendable"}
    assert _ids(client, "/statements.json?story=story-kyiv", "statements") == ["st-zelensky-3000"]
    page = client.get("/statements?story=story-kyiv").text
    assert "Zelensky: North Korean losses pass 3,000" in page and "Show every story" in page
    assert 'href="/statements?story=story-kirby"' in client.get("/stories/story-kirby").text
