"""The corpus fingerprint moves with anything linking reads, and the stage state records it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.ledger.test_store import make_article, make_claims

from fogwatch.ledger import Ledger
from fogwatch.ledger.linked import corpus_fingerprint, replace_linked, replace_reconciled, stage_inputs


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
