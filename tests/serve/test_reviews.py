"""Corrections over HTTP: the token is checked before the body, reviews show on the pages and undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from fogwatch.serve import create_app
from tests.serve import sample_ledger

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SPEAKER = {"target": "attribution", "id": "art-reuters-a1", "verdict": "corrected", "field": "speaker",
           "value": "Linda Okafor", "note": "the spokeswoman said it"}


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(str(sample_ledger.build(tmp_path / "ledger.db")), token=TOKEN))


class ExplodingBody:
    """A request body that fails the test if the server reads any of it."""

    def __iter__(self):  # type: ignore[no-untyped-def]
        raise AssertionError("the body was read before the token was checked")


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}])
def test_no_token_no_write_and_the_body_is_never_read(client: TestClient, headers: dict[str, str]) -> None:
    refused = client.post("/reviews", content=ExplodingBody(),  # type: ignore[arg-type]
                          headers={**headers, "content-type": "application/json",
                                   "accept": "application/json"})
    assert refused.status_code == 403 and "token" in refused.json()["error"]["message"]
    form = client.post("/reviews", data={**SPEAKER, "token": TOKEN})  # a token in the body is not enough
    assert form.status_code == 403
    assert client.post("/reviews/1/undo").status_code == 403
    assert client.get("/reviews.json").json()["reviews"]["total"] == 0


def test_read_only_server_refuses_reviews(tmp_path: Path) -> None:
    app = create_app(str(sample_ledger.build(tmp_path / "ledger.db")))
    answer = TestClient(app).post("/reviews", json=SPEAKER, headers=AUTH)
    assert answer.status_code == 403 and "read-only" in answer.json()["error"]["message"]


def test_correct_a_speaker_then_undo(client: TestClient) -> None:
    made = client.post("/reviews", json=SPEAKER, headers=AUTH)
    assert made.status_code == 201, made.text
    review = made.json()
    assert review["was"] == "John Kirby" and review["value"] == "Linda Okafor"
    article = client.get("/articles/art-reuters.json").json()["article"]
    claim = next(c for c in article["attributions"] if c["id"] == "art-reuters-a1")
    assert claim["speaker_name"] == "Linda Okafor" and claim["review"][0]["id"] == review["id"]
    html = client.get("/articles/art-reuters").text
    assert "speaker set to <b>Linda Okafor</b> (was John Kirby)" in html and "Undo" in html
    assert client.get("/reviews").status_code == 200
    undone = client.post(f"/reviews/{review['id']}/undo", headers=AUTH)
    assert undone.status_code == 200 and undone.json()["active"] is False
    article = client.get("/articles/art-reuters.json").json()["article"]
    claim = next(c for c in article["attributions"] if c["id"] == "art-reuters-a1")
    assert claim["speaker_name"] == "John Kirby" and claim["review"] == []
    assert client.post("/reviews/999/undo", headers=AUTH).status_code == 404


def test_form_fields_bad_values_and_missing_targets(client: TestClient) -> None:
    form = {"ref": "figure:art-kyiv-f1", "change": "count", "value": "2500", "note": "ministry figure"}
    assert client.post("/reviews", data=form, headers=AUTH).status_code == 201
    figure = next(f for f in client.get("/articles/art-kyiv.json").json()["article"]["figures"]
                  if f["id"] == "art-kyiv-f1")
    assert figure["value"] == 2500
    bad = client.post("/reviews", data={**form, "value": "lots"},
                      headers={**AUTH, "accept": "application/json"})
    assert bad.status_code == 422 and "number" in bad.json()["error"]["message"]
    missing = client.post("/reviews", json={**SPEAKER, "id": "nope"}, headers=AUTH)
    assert missing.status_code == 404
    huge = client.post("/reviews", json={**SPEAKER, "note": "x" * 20_000}, headers=AUTH)
    assert huge.status_code == 413


def test_statement_and_conflict_reviews_on_the_statement_page(client: TestClient) -> None:
    count = {"target": "statement", "id": "st-kirby-1000", "verdict": "corrected", "field": "count",
             "value": 2}
    assert client.post("/reviews", json=count, headers=AUTH).status_code == 201
    wrong = {"target": "conflict", "id": "k-figure", "verdict": "wrong", "note": "different windows"}
    assert client.post("/reviews", json=wrong, headers=AUTH).status_code == 201
    data = client.get("/statements/st-kirby-1000.json").json()
    assert data["statement"]["independent_origins"] == 2 and data["statement"]["review"][0]["was"] == 1
    figure = next(c for c in data["conflicts"] if c["id"] == "k-figure")
    assert figure["review"][0]["verdict"] == "wrong"
    html = client.get("/statements/st-kirby-1000").text
    assert "count set to <b>2</b> (was 1)" in html and "marked wrong" in html


def test_review_text_is_escaped(client: TestClient) -> None:
    evil = {**SPEAKER, "value": "<script>alert(1)</script>", "note": "<img src=x onerror=alert(2)>"}
    assert client.post("/reviews", json=evil, headers=AUTH).status_code == 201
    html = client.get("/articles/art-reuters").text + client.get("/reviews").text
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
