"""The review endpoint refuses a large body without reading it, and without a token reads nothing."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from fogwatch.serve.app import create_app
from fogwatch.serve.pages import MAX_REVIEW_BODY

from ..serve import sample_ledger

TOKEN = "s3cret-token"


def test_review_body_is_capped_and_token_checked_first(tmp_path: Path) -> None:
    client = TestClient(create_app(str(sample_ledger.build(tmp_path / "ledger.db")), token=TOKEN))
    url = "/conflicts/k-drift/review"
    big = b"x" * (MAX_REVIEW_BODY + 1)
    headers = {"Authorization": "Bearer nope", "Accept": "application/json"}
    wrong = client.post(url, content=big, headers=headers)
    assert wrong.status_code == 403
    assert client.post(url, content=big, headers={"Accept": "application/json"}).status_code == 413

    def chunks():  # no Content-Length: the cap applies while reading
        for _ in range(100):
            yield b"token=" + b"y" * 1000

    assert client.post(url, content=chunks(), headers={"Accept": "application/json"}).status_code == 413
    ok = client.post(url, data={"token": TOKEN}, headers={"Accept": "application/json"})
    assert ok.status_code == 200


def test_read_only_server_refuses_without_reading(tmp_path: Path) -> None:
    client = TestClient(create_app(str(sample_ledger.build(tmp_path / "ledger.db"))))
    big = b"x" * (MAX_REVIEW_BODY * 10)
    assert client.post("/conflicts/k-drift/review", content=big,
                       headers={"Accept": "application/json"}).status_code == 403
