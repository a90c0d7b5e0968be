"""A ledger fed in batches equals one built in a single run; a run that adds nothing does nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fogwatch import api
from fogwatch.export.records import export_rows
from fogwatch.ledger import Ledger
from fogwatch.ledger.signatures import SignatureStore
from fogwatch.ledger.vectors import VectorStore
from fogwatch.link.duplicates import NearDuplicateIndex
from fogwatch.link.embeddings import MODEL_NAME
from fogwatch.pipeline import corpus as corpus_stages
from fogwatch.pipeline.aside import Aside, aside, can_fork

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def exported(db: Path) -> list[str]:
    """The export, one JSON line per record, sorted: ids are content hashes, so runs compare."""
    ledger = Ledger(str(db))
    try:
        return sorted(json.dumps(row, sort_keys=True) for row in export_rows(ledger))
    finally:
        ledger.close()


def demo_inputs() -> list[str]:
    skipped = (".meta.json", "README.md")
    return sorted(str(p) for p in DEMO.iterdir() if not p.name.endswith(skipped))


@pytest.fixture(scope="module")
def single_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("single") / "one.db"
    api.run(demo_inputs(), str(db))
    return db


def test_three_batches_give_the_export_of_one_run(single_run: Path, tmp_path: Path) -> None:
    inputs = demo_inputs()
    db = tmp_path / "batches.db"
    third = len(inputs) // 3
    for batch in (inputs[:third], inputs[third:2 * third], inputs[2 * third:]):
        api.run(batch, str(db))
    assert exported(db) == exported(single_run)


def forcing_forks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forking on at any ledger size (the demo is smaller than where it pays); the names of the
    functions that went to a forked child, in order."""
    forked: list[str] = []

    def recorded(fn: Any, *args: Any, **kwargs: Any) -> Any:
        job = aside(fn, *args, **kwargs)
        if isinstance(job, Aside):
            forked.append(getattr(fn, "__name__", ""))
        return job

    monkeypatch.setattr(corpus_stages, "ASIDE_FROM", 0)
    monkeypatch.setattr(corpus_stages, "aside", recorded)
    return forked


@pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")
def test_stories_and_conflicts_found_in_forked_children_are_those_found_in_one_process(
        single_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linking clusters the stories in a forked child beside the statements and summarises half the
    statements in another; once statements are linked each article's conflicts are found in a third
    while the links are stored. The ledger is the one a single process builds."""
    forked = forcing_forks(monkeypatch)
    db = tmp_path / "forked.db"
    api.run(demo_inputs(), str(db))
    assert forked == ["cluster_stories", "second_half", "article_conflicts"]
    assert exported(db) == exported(single_run)


@pytest.mark.skipif(not can_fork(), reason="needs fork and a second core")
def test_reconciling_stored_links_finds_each_articles_conflicts_in_a_forked_child(
        single_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconcile on its own, over links an earlier run stored, forks its per-article half itself."""
    forked = forcing_forks(monkeypatch)
    db = tmp_path / "apart.db"
    api.run(demo_inputs(), str(db), stages=("ingest", "extract", "link"))
    api.run([], str(db), stages=("reconcile",))
    assert forked == ["cluster_stories", "second_half", "per_article"]
    assert exported(db) == exported(single_run)


def test_a_run_that_adds_nothing_skips_every_corpus_stage(single_run: Path) -> None:
    summary = api.run(demo_inputs(), str(single_run))
    assert summary.stats["ingest"].kept == 0
    assert summary.stats["extract"].seen == 0
    assert summary.stats["link"].notes == {"unchanged": 1}
    assert summary.stats["reconcile"].notes == {"unchanged": 1}


def test_vectors_are_stored_once_and_reused(single_run: Path, tmp_path: Path) -> None:
    ledger = Ledger(str(single_run))
    try:
        stored = VectorStore(ledger, MODEL_NAME).count()
    finally:
        ledger.close()
    assert stored > 0
    db = tmp_path / "again.db"
    first = api.run(demo_inputs()[:3], str(db))
    second = api.run(demo_inputs(), str(db))
    assert first.stats["link"].notes["embedded"] > 0
    assert second.stats["link"].notes["embedded"] < stored  # what the first batch embedded is not redone


def test_reconcile_alone_rebuilds_what_link_and_reconcile_build_together(single_run: Path,
                                                                         tmp_path: Path) -> None:
    db = tmp_path / "split.db"
    api.run(demo_inputs(), str(db), stages=("ingest", "extract", "link"))
    assert not [row for row in exported(db) if '"type": "conflict"' in row]
    api.run([], str(db), stages=("reconcile",))
    assert exported(db) == exported(single_run)


class RecordingProgress:
    """Every bar's total and how far it was advanced."""

    def __init__(self) -> None:
        self.totals: dict[str, int | None] = {}
        self.done: dict[str, int] = {}

    def start(self, name: str, total: int | None) -> None:
        self.totals[name] = total
        self.done[name] = 0

    def advance(self, name: str, amount: int = 1) -> None:
        self.done[name] += amount

    def finish(self, name: str) -> None:
        """Nothing to record."""


def test_linking_reports_counted_progress(tmp_path: Path) -> None:
    progress = RecordingProgress()
    api.run(demo_inputs(), str(tmp_path / "p.db"), progress=progress)
    assert progress.totals["embed"] == progress.done["embed"] > 0  # texts embedded, counted
    assert progress.totals["link"] == progress.done["link"] == 3  # stories, statements, stored
    assert progress.totals["extract"] == progress.done["extract"]


def test_signatures_are_stored_so_a_later_run_marks_reprints_without_rehashing(tmp_path: Path) -> None:
    wire = " ".join(f"Officials in the northern district said word{i % 37} was reported." for i in range(60))
    (tmp_path / "wire.txt").write_text(wire, encoding="utf-8")
    (tmp_path / "reprint.txt").write_text("Partner headline\n\n" + wire[:-40], encoding="utf-8")
    db = str(tmp_path / "s.db")
    api.run([str(tmp_path / "wire.txt")], db, stages=("ingest",))
    ledger = Ledger(db)
    try:
        scheme = NearDuplicateIndex().scheme
        assert [a for a, signature, _text in SignatureStore(ledger, scheme).stored() if signature]
    finally:
        ledger.close()
    api.run([str(tmp_path / "reprint.txt")], db, stages=("ingest",))
    ledger = Ledger(db)
    try:
        copies = [a.copy_of for a in ledger.articles() if a.copy_of]
        stored = SignatureStore(ledger, scheme).stored()
        assert len(copies) == 1 and len(stored) == 2 and all(signature for _a, signature, _t in stored)
    finally:
        ledger.close()


def gva_sample(shared: Path, folder: Path, incidents: int = 6) -> list[Path]:
    """Articles of the first few GVA long-tail incidents that several articles report, written as
    the files (text and metadata sidecar) a user would give; in incident order."""
    by_incident: dict[str, list[dict]] = {}
    with (shared / "datasets" / "gva_longtail" / "dev.docs.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            doc = json.loads(line)
            if doc.get("content", "").strip():
                by_incident.setdefault(doc["incident_id"], []).append(doc)
    chosen = [docs for docs in by_incident.values() if len(docs) >= 2][:incidents]
    written = []
    for docs in chosen:
        for doc in docs[:3]:
            path = folder / f"gva_{doc['doc_id']}.txt"
            path.write_text(doc["content"], encoding="utf-8")
            meta = {"title": doc.get("title"), "published": doc.get("dct"), "url": doc.get("uri")}
            path.with_suffix(".meta.json").write_text(json.dumps(meta), encoding="utf-8")
            written.append(path)
    return written


@pytest.mark.shared
def test_gva_articles_added_to_a_ledger_give_the_export_of_one_run(shared_dir: Path, tmp_path: Path) -> None:
    """Real reports of the same incidents, the last article of two incidents added in a second run:
    they join stories and statements already stored, and the ledger ends as one run builds it."""
    files = gva_sample(shared_dir, tmp_path)
    later = {str(files[2]), str(files[-1])}
    single = tmp_path / "one.db"
    api.run([str(f) for f in files], str(single))
    grown = tmp_path / "grown.db"
    api.run([str(f) for f in files if str(f) not in later], str(grown))
    second = api.run(sorted(later), str(grown))
    assert second.stats["ingest"].kept == 2 and second.stats["link"].notes.get("unchanged") is None
    assert exported(grown) == exported(single)
