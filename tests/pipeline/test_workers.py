"""Extraction on worker processes: what one process finds, in input order; resumable after kill -9."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fogwatch.extract import ExtractStep
from fogwatch.model import Article
from fogwatch.pipeline.workers import extract_articles, in_input_order
from tests.pipeline.test_incremental import exported

TOWNS = ["Marrowby", "Clendon", "Pethwick", "Ossary", "Tallow Cross", "Brenmoor"]


def invented_text(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    return (
        f"Police in {town} said {n + 2} people were injured when a delivery van struck a bus shelter on "
        f"Tuesday. \"We are asking anyone who saw the crash to call us,\" said Sergeant Ada Quill, a "
        f"spokeswoman for the {town} police. The mayor, Tom Reeve, said the shelter would be rebuilt. "
        f"Officials said {n % 3 + 1} of the injured were taken to hospital."
    )


def invented_articles(count: int) -> list[Article]:
    return [Article(id=f"art{n:03d}", source=f"invented-{n}.txt", text=invented_text(n), content_hash=f"h{n}",
                    language="en" if n % 7 else "fr") for n in range(count)]


def test_workers_find_what_one_process_finds_in_input_order() -> None:
    articles = invented_articles(12)[::-1]
    alone = in_input_order(articles, ExtractStep().run(articles))
    shared = list(extract_articles(articles, workers=2, chunk=3, per_worker=4))
    assert [c.article for c in shared] == [a.id for a in articles]
    assert shared == alone


@pytest.mark.slow
def test_a_run_killed_during_extraction_resumes_to_the_same_export(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(48):
        (inputs / f"story-{n:02d}.txt").write_text(invented_text(n), encoding="utf-8")
    command = [sys.executable, "-m", "fogwatch.cli", "run", str(inputs), "--no-report", "--workers", "2",
               "--set", "batch_size=2", "--set", "embeddings=false"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    killed = tmp_path / "killed.db"
    process = subprocess.Popen([*command, "--db", str(killed)], env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None and _extracted(killed) < 4:
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert 0 < _extracted(killed) < 48, "the run was not caught during extraction"
    subprocess.run([*command, "--db", str(killed)], env=env, check=False, capture_output=True)
    fresh = tmp_path / "fresh.db"
    alone = [*command, "--db", str(fresh), "--workers", "1"]
    subprocess.run(alone, env=env, check=False, capture_output=True)
    assert exported(killed) == exported(fresh)
    assert len([r for r in exported(fresh) if json.loads(r)["type"] == "attribution"]) >= 48


def _extracted(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as connection:
            query = "SELECT count(*) FROM articles WHERE extracted_with IS NOT NULL"
            return int(connection.execute(query).fetchone()[0])
    except sqlite3.Error:
        return 0
