"""The corpus fingerprint moves with anything linking reads, and the stage state records it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import event
from tests.ledger.test_store import make_article, make_claims

from fogwatch.ledger import Ledger
from fogwatch.ledger.linked import corpus_fingerprint, replace_linked, replace_reconciled, stage_inputs
from fogwatch.model import Entity, Statement, Story


def test_fingerprint_changes_with_articles_and_claims_only(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "f.db"))
    try:
        first = make_article(1)
        ledger.add_article(first)
        empty = corpus_fingerprint(ledger, "v1")
        assert corpus_fingerprint(ledger, "v1") == empty
        assert corpus_fingerprint(ledger, "v2") != empty  # versions and settings count
        ledger.replace_claims([make_claims(first)], "x1")
        extracted = corpus_fingerprint(ledger, "v1")
        assert extracted != empty
        claims = make_claims(first)
        moved = replace(claims.attributions[0], start=12)
        ledger.replace_claims([replace(claims, attributions=(moved,))], "x1")
        assert corpus_fingerprint(ledger, "v1") != extracted  # same version, other claims
        ledger.add_article(make_article(2))
        assert corpus_fingerprint(ledger, "v1") not in {empty, extracted}
    finally:
        ledger.close()


def test_each_stage_records_what_it_was_computed_from(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "s.db"))
    try:
        assert stage_inputs(ledger, "link") is None
        replace_linked(ledger, [], [], [], "abc", run_id=None)
        replace_reconciled(ledger, [], [], "abc")
        replace_linked(ledger, [], [], [], "def")
        assert (stage_inputs(ledger, "link"), stage_inputs(ledger, "reconcile")) == ("def", "abc")
    finally:
        ledger.close()


def test_a_relink_leaves_exactly_its_results_whichever_rows_it_rewrote(tmp_path: Path) -> None:
    ledger = Ledger(str(tmp_path / "d.db"))
    try:
        articles = [make_article(n) for n in (1, 2, 3)]
        for article in articles:
            ledger.add_article(article)
        ledger.replace_claims([make_claims(a) for a in articles], "x1")

        def statement(n: int, what: str = "1,000 killed or wounded", *articles: str) -> Statement:
            members = tuple(f"{a}-a1" for a in articles or (f"art{n}",))
            return Statement(id=f"st{n}", what=what, origin="John Kirby", members=members,
                             articles=articles or (f"art{n}",), relays=("Reuters",), explanation="e")

        kirby = Entity(key="john kirby", name="John Kirby", kind="person", spellings=("john kirby", "kirby"))
        first = [statement(1), statement(2), statement(3)]
        stories = [Story(id="s1", articles=("art1", "art2"), label="One"), Story(id="s2", articles=("art3",),
                                                                                  label="Two")]
        replace_linked(ledger, first, [kirby], stories, "a")
        # one statement kept, one changed in place, one gone, one new; a story regrouped; an entity renamed
        second = [statement(1), statement(2, "1,000 soldiers"), statement(4, "x", "art3", "art2")]
        regrouped = [Story(id="s3", articles=("art1", "art2", "art3"), label="One")]
        replace_linked(ledger, second, [replace(kirby, name="J. Kirby")], regrouped, "b")
        assert sorted(ledger.statements(), key=lambda s: s.id) == second
        assert ledger.stories() == regrouped
        assert [e.name for e in ledger.entities()] == ["J. Kirby"]
        written: list[str] = []

        def note_writes(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
            if sql.lstrip().upper().startswith(("INSERT", "DELETE")) and "stage_state" not in sql:
                written.append(sql)

        event.listen(ledger.engine, "before_cursor_execute", note_writes)
        replace_linked(ledger, second, [replace(kirby, name="J. Kirby")], regrouped, "c")  # nothing changed
        event.remove(ledger.engine, "before_cursor_execute", note_writes)
        assert written == []  # stored rows, JSON lists included, compare equal to the same results
        assert sorted(ledger.statements(), key=lambda s: s.id) == second
        assert stage_inputs(ledger, "link") == "c"
    finally:
        ledger.close()
