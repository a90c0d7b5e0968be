"""The ledger stores, reads back and replaces records without losing what it already holds."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from fogwatch.errors import StorageError
from fogwatch.ledger import Ledger, resolve_url
from fogwatch.ledger.tables import ArticleRow, Base
from fogwatch.model import (
    Article,
    ArticleClaims,
    Attribution,
    Conflict,
    Entity,
    Figure,
    Rejected,
    Speaker,
    Statement,
    Story,
    Tally,
    TimelinePoint,
    Window,
)


def make_article(n: int, text: str = "Kirby said 1,000 soldiers were killed or wounded.") -> Article:
    return Article(id=f"art{n}", source=f"a{n}.txt", text=text, content_hash=f"hash{n}", outlet=f"Outlet {n}",
                   published=f"2024-12-2{n}")


def make_claims(article: Article) -> ArticleClaims:
    attribution = Attribution(
        id=f"{article.id}-a1", article=article.id, kind="indirect",
        text="1,000 soldiers were killed or wounded", start=11, end=48,
        speaker=Speaker("John Kirby", "person", mention="Kirby"), cue="said", cue_start=6,
        cue_end=10, via=("Reuters",), said_on="2024-12-27", date_flags=("weekday mismatch",),
    )
    figure = Figure(
        id=f"{article.id}-f1", article=article.id, text="1,000 soldiers were killed or wounded",
        start=11, end=48,
        value=1000, low=1000, high=1000, counted="killed_or_wounded", subject="soldiers",
        window=Window("in the past week", "2024-12-20", "2024-12-27", False), source="John Kirby",
        via=("Reuters",), attribution=attribution.id,
    )
    return ArticleClaims(article.id, (attribution,), (figure,))


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    """The same tests on SQLite and, where $FOGWATCH_TEST_POSTGRES names a server, on PostgreSQL."""
    if request.param == "sqlite":
        store = Ledger(str(tmp_path / "ledger.db"))
    else:
        url = os.environ.get("FOGWATCH_TEST_POSTGRES")
        if not url:
            pytest.skip("set FOGWATCH_TEST_POSTGRES=postgresql+psycopg://... to test on PostgreSQL")
        store = Ledger(url)
        Base.metadata.drop_all(store.engine)
        Base.metadata.create_all(store.engine)
    yield store
    store.close()


def test_article_round_trip_and_hash_dedup(ledger: Ledger) -> None:
    article = make_article(1)
    assert ledger.add_article(article)
    assert not ledger.add_article(article), "the same content hash is stored once"
    assert ledger.article("art1") == article
    assert ledger.counts()["articles"] == 1


def test_claims_replace_previous_extraction(ledger: Ledger) -> None:
    article = make_article(1)
    ledger.add_article(article)
    claims = make_claims(article)
    ledger.replace_claims([claims], "x.v1")
    ledger.replace_claims([claims], "x.v1")
    (stored,) = ledger.claims()
    assert stored == claims
    assert ledger.articles_to_extract("x.v1") == []
    assert [a.id for a in ledger.articles_to_extract("x.v2")] == ["art1"]


def test_a_batch_of_claims_replaces_only_its_own_articles(ledger: Ledger) -> None:
    """Claims are written a batch at a time: re-extracting one article of the batch replaces its rows
    alone, and each article keeps its own extractor, language and failure (a language the extraction
    did not detect leaves the stored one as it was)."""
    articles = [replace(make_article(1), language="en"), make_article(2), make_article(3)]
    for article in articles:
        ledger.add_article(article)
    first = [make_claims(a) for a in articles]
    ledger.replace_claims(first, "x.v1")
    again = ArticleClaims("art2", figures=(first[1].figures[0],), language="fr", failure="parse failed: boom")
    ledger.replace_claims([again], "x.v2")
    assert ledger.claims() == [first[0], ArticleClaims("art2", figures=(first[1].figures[0],)), first[2]]
    with ledger.session() as s:
        rows = s.execute(select(ArticleRow.id, ArticleRow.extracted_with, ArticleRow.language,
                                ArticleRow.extract_failure).order_by(ArticleRow.id)).all()
    assert [tuple(r) for r in rows] == [("art1", "x.v1", "en", None),
                                        ("art2", "x.v2", "fr", "parse failed: boom"),
                                        ("art3", "x.v1", None, None)]


def test_every_claim_field_reads_back_in_its_own_place(ledger: Ledger) -> None:
    """Claims are read back by column position: each field holds a value no other field holds, so a
    column read into the wrong field shows."""
    article = make_article(1)
    ledger.add_article(article)
    speaker = Speaker("Name", "organization", mention="Mention", role="Role", organization="Org",
                      description="Description")
    attribution = Attribution(
        id="a-id", article=article.id, kind="direct", text="Text", start=1, end=20, speaker=speaker,
        cue="cue", cue_start=3, cue_end=4, via=("Via A", "Via B"), said_on="2024-12-01",
        said_on_text="on Sunday", date_flags=("flag",), extractor="extractor-a", source_start=5, source_end=6,
    )
    figure = Figure(
        id="f-id", article=article.id, text="Figure text", start=7, end=30, value=1000.0, low=900.0,
        high=1100.0, counted="captured", qualifier="about", vague=True, unit="people", subject="subject",
        place="place", window=Window("window", "2024-11-01", "2024-11-30", True), source="source",
        source_type="person", via=("Via C",), attribution="a-id", said_on="2024-12-02", part_of="f-other",
        extractor="extractor-f",
    )
    claims = ArticleClaims(article.id, (attribution,), (figure,))
    ledger.replace_claims([claims], "x.v1")
    (stored,) = ledger.claims()
    assert stored.attributions == (attribution,)
    assert stored.figures == (figure,)


def test_tally_and_its_victims_round_trip_and_are_replaced(ledger: Ledger) -> None:
    article = make_article(1, "A man was shot and killed, police said.")
    ledger.add_article(article)
    victim = Figure(id="art1-v1", article="art1", text="A man was shot and killed", start=0, end=25, value=1,
                    low=1, high=1, counted="killed", subject="man", source="police", via=("Wire",),
                    extractor="fogwatch.victims.v1")
    claims = ArticleClaims("art1", tally=Tally("art1", killed=1, injured=0, victims=(victim,)))
    ledger.replace_claims([claims], "x.v1")
    (stored,) = ledger.claims()
    assert stored.tally == claims.tally
    ledger.replace_claims([ArticleClaims("art1", tally=Tally("art1", 2, 1))], "x.v2")
    (stored,) = ledger.claims()
    assert stored.tally == Tally("art1", 2, 1)


def test_links_replace_but_keep_reviews(ledger: Ledger) -> None:
    for n in (1, 2):
        ledger.add_article(make_article(n, text=f"text {n}"))
    statement = Statement(id="s1", what="Kirby's figure", origin="John Kirby", members=("art1-a1", "art2-f1"),
                          articles=("art1", "art2"), relays=("Reuters",), said_on="2024-12-27")
    conflict = Conflict(id="k1", kind="figure", members=("art1-f1", "art2-f1"), why="1,000 vs 3,000",
                        detail=(("a", "b"),))
    point = TimelinePoint("killed_or_wounded | soldiers", "John Kirby", "2024-12-27", 1000, 1000, 1000, False,
                          True, ("art1-f1",))
    ledger.replace_links([statement], [conflict], [point])
    assert ledger.mark_reviewed("k1")
    assert not ledger.mark_reviewed("nope")
    ledger.replace_links([statement], [conflict], [point])
    assert ledger.statements() == [statement]
    assert ledger.conflicts() == [conflict]
    assert ledger.timeline() == [point]
    assert ledger.reviewed_conflicts() == {"k1"}


def test_entities_are_replaced_with_each_link(ledger: Ledger) -> None:
    first = Entity("tymofiy halvanenko", "Tymofiy Halvanenko", "person",
                   ("timofei galvanenko", "tymofiy halvanenko"), "kestrian ministry of defence")
    ledger.replace_links([], [], [], [first])
    assert ledger.entities() == [first]
    second = Entity("reuters", "Reuters", "organization", ("reuters",))
    ledger.replace_links([], [], [], [second])
    assert ledger.entities() == [second]


def test_stories_keep_their_articles_in_order(ledger: Ledger) -> None:
    for n in (1, 2, 3):
        ledger.add_article(make_article(n, text=f"text {n}"))
    big = Story("story-a", ("art2", "art1"), "Flood in the north", ("Portville",))
    small = Story("story-b", ("art3",), "Bridge reopens")
    ledger.replace_links([], [], [], [], [small, big])
    assert ledger.stories() == [big, small]
    assert ledger.counts()["stories"] == 2


def test_rejected_kept_once_per_input_and_reason(ledger: Ledger) -> None:
    item = Rejected("bad.bin", "binary file, not text", "convert it")
    ledger.add_rejected(item)
    ledger.add_rejected(item)
    assert ledger.rejected() == [item]


def test_runs_record_settings_and_versions(ledger: Ledger) -> None:
    run_id = ledger.begin_run("run", {"max_bytes": 10}, {"fogwatch": "0"})
    ledger.finish_run(run_id, {"ingest": {"seen": 1}})
    (run,) = ledger.runs()
    assert run["settings"] == {"max_bytes": 10} and run["stats"] == {"ingest": {"seen": 1}}
    assert run["finished_at"] is not None


def test_sqlite_uses_wal(ledger: Ledger) -> None:
    if ledger.engine.dialect.name != "sqlite":
        pytest.skip("WAL is SQLite's")
    with ledger.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_resolve_url(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FOGWATCH_DB", raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / 'fogwatch.db'}"
    monkeypatch.setenv("FOGWATCH_DB", "postgresql+psycopg://u@localhost/fw")
    assert resolve_url() == "postgresql+psycopg://u@localhost/fw"
    assert resolve_url("x.db") == f"sqlite:///{tmp_path / 'x.db'}"


def test_unopenable_ledger_names_the_url(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="cannot open the ledger"):
        Ledger(str(tmp_path / "missing-folder" / "ledger.db"))
