"""A correction that sticks: set an attribution's speaker with the token, run `fogwatch run` again (and
extract again with a new extractor version), and the correction holds on the page and in every export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.cli.test_cli import DEMO
from tests.cli.test_cli import fogwatch as run_cli

import fogwatch
from fogwatch.serve import create_app

TOKEN = "review-token"
RIGHT = "Lidiya Marosh"


def _exported(work: Path, db: Path) -> list[dict]:
    out = work / "ledger.jsonl"
    assert run_cli("export", "--db", str(db), "-o", str(out), cwd=work).returncode == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def _claim(client: TestClient, article: str, start: int, end: int) -> dict:
    claims = client.get(f"/articles/{article}.json").json()["article"]["attributions"]
    return next(c for c in claims if (c["start"], c["end"]) == (start, end))


def test_speaker_correction_survives_runs_and_reaches_the_exports(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "demo.db"
    assert run_cli("run", str(DEMO), "--db", str(db), cwd=tmp_path).returncode in (0, 1)
    rows = _exported(tmp_path, db)
    target = next(r for r in rows if r["type"] == "attribution" and r["speaker"]["name_in_article"]
                  and r["speaker"]["name_in_article"] != RIGHT)
    client = TestClient(create_app(str(db), token=TOKEN))
    made = client.post("/reviews", headers={"Authorization": f"Bearer {TOKEN}"}, json={
        "target": "attribution", "id": target["id"], "verdict": "corrected", "field": "speaker",
        "value": RIGHT, "note": "the quote is hers"})
    assert made.status_code == 201, made.text
    client.close()

    assert run_cli("run", str(DEMO), "--db", str(db), cwd=tmp_path).returncode in (0, 1)  # re-links
    monkeypatch.setattr("fogwatch.pipeline.local.EXTRACTOR_VERSION", "re-extract-for-test")
    fogwatch.run([str(DEMO)], db=str(db), embeddings=False)  # every article extracted again

    with TestClient(create_app(str(db), token=TOKEN)) as client:
        claim = _claim(client, target["article"], target["start"], target["end"])
        assert claim["speaker_name_in_article"] == RIGHT
        assert claim["review"][0]["was"] == target["speaker"]["name_in_article"]
        html = client.get(f"/articles/{target['article']}").text
        assert f"speaker set to <b>{RIGHT}</b>" in html
    rows = _exported(tmp_path, db)
    exported = next(r for r in rows if r["type"] == "attribution" and r["article"] == target["article"]
                    and (r["start"], r["end"]) == (target["start"], target["end"]))
    assert exported["speaker"]["name_in_article"] == RIGHT
    assert exported["review"][0]["was"] == target["speaker"]["name_in_article"]
    assert [r["note"] for r in rows if r["type"] == "review"] == ["the quote is hers"]
    out = tmp_path / "claims.jsonl"
    assert run_cli("export", "--db", str(db), "-f", "claimreview", "-o", str(out),
                   cwd=tmp_path).returncode == 0
    documents = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["value"] == RIGHT for d in documents for r in d["fogwatch:provenance"]["reviews"])
    assert run_cli("export", "--db", str(db), "-f", "csv", "-o", str(tmp_path / "csv"),
                   cwd=tmp_path).returncode == 0
    assert RIGHT in (tmp_path / "csv" / "reviews.csv").read_text(encoding="utf-8")
    assert "review" in (tmp_path / "csv" / "attributions.csv").read_text(encoding="utf-8").splitlines()[0]
