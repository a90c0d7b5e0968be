"""The same text from two outlets is two articles, one the reprint of the other; a re-run adds nothing."""

from __future__ import annotations

import json
from pathlib import Path

from fogwatch import api
from fogwatch.ledger import Ledger

TEXT = "Two people were hurt in a crash on Main Street on Friday, police said.\n"


def _write(folder: Path, name: str, **meta: str) -> None:
    (folder / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_reprint_from_another_outlet_is_kept_as_a_copy(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs, "first", url="https://one.example/crash", outlet="one.example")
    _write(inputs, "second", url="https://two.example/crash", outlet="two.example")
    db = str(tmp_path / "l.db")
    api.run([str(inputs)], db, stages=("ingest",))
    ledger = Ledger(db)
    try:
        articles = ledger.articles()
        assert len(articles) == 2
        assert len({a.content_hash for a in articles}) == 1
        copies = [a for a in articles if a.copy_of]
        assert len(copies) == 1 and copies[0].copy_of in {a.id for a in articles if not a.copy_of}
    finally:
        ledger.close()
    summary = api.run([str(inputs)], db, stages=("ingest",))
    assert not summary.new_articles


def test_same_text_from_the_same_address_is_stored_once(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    _write(inputs, "first", url="https://one.example/crash")
    _write(inputs, "again", url="https://one.example/crash")
    db = str(tmp_path / "l.db")
    summary = api.run([str(inputs)], db, stages=("ingest",))
    assert len(summary.new_articles) == 1
