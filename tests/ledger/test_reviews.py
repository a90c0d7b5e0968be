"""Reviewers' corrections: stored apart, written through to the claim, re-applied after re-extraction,
undone back to what the extractor said, and carried into every export."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from tests.ledger.test_store import make_article, make_claims

from fogwatch.export.claimreview import claimreview_documents
from fogwatch.export.records import export_rows
from fogwatch.export.reviews import Reviews
from fogwatch.ledger import Ledger
from fogwatch.ledger.reviews import ReviewError, check_review, relay_names
from fogwatch.model import Attribution, Conflict, Statement


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    store = Ledger(str(tmp_path / "ledger.db"))
    article = make_article(1)
    store.add_article(article)
    store.replace_claims([make_claims(article)], "x.v1")
    yield store
    store.close()


def _attribution(ledger: Ledger) -> Attribution:
    (claims,) = ledger.claims()
    return claims.attributions[0]


def test_a_corrected_speaker_is_written_through_and_keeps_the_original(ledger: Ledger) -> None:
    review = ledger.add_review("attribution", "art1-a1", "corrected", "speaker", "  Linda   Okafor ",
                               note="the quote is the spokeswoman's")
    assert review is not None
    assert review["value"] == "Linda Okafor" and review["was"] == "John Kirby" and review["active"]
    assert _attribution(ledger).speaker.name == "Linda Okafor"
    (stored,) = ledger.reviews()
    assert stored["original"]["speaker_name"] == "John Kirby" and stored["note"].startswith("the quote")


def test_corrections_survive_re_extraction_even_when_ids_shift(ledger: Ledger) -> None:
    ledger.add_review("attribution", "art1-a1", "corrected", "speaker", "Linda Okafor")
    ledger.add_review("figure", "art1-f1", "corrected", "count", 900)
    fresh = make_claims(make_article(1))
    first = replace(fresh.attributions[0], id="art1-a2", start=9, end=48)  # a new extractor's bounds
    earlier = replace(first, id="art1-a1", text="Earlier words", start=0, end=5)
    ledger.replace_claims([replace(fresh, attributions=(earlier, first))], "x.v2")
    (claims,) = ledger.claims()
    speakers = {a.id: a.speaker.name for a in claims.attributions}
    assert speakers == {"art1-a1": "John Kirby", "art1-a2": "Linda Okafor"}
    assert claims.figures[0].value == 900 and claims.figures[0].low is None
    review = ledger.reviews()[0]
    assert review["target_id"] == "art1-a2" and (review["start"], review["end"]) == (9, 48)


def test_undo_restores_what_the_extractor_said(ledger: Ledger) -> None:
    first = ledger.add_review("attribution", "art1-a1", "corrected", "speaker", "Linda Okafor")
    second = ledger.add_review("attribution", "art1-a1", "corrected", "via", "AFP → Reuters")
    assert first and second
    assert _attribution(ledger).via == ("AFP", "Reuters")
    undone = ledger.undo_review(first["id"])
    assert undone is not None and not undone["active"] and undone["undone_at"]
    attribution = _attribution(ledger)
    assert attribution.speaker.name == "John Kirby" and attribution.via == ("AFP", "Reuters")
    ledger.undo_review(second["id"])
    assert _attribution(ledger) == make_claims(make_article(1)).attributions[0]
    assert len(ledger.reviews()) == 2, "undone reviews stay on record"
    assert ledger.undo_review(999) is None


def test_a_claim_marked_wrong_leaves_the_claims_and_comes_back_on_undo(ledger: Ledger) -> None:
    review = ledger.add_review("attribution", "art1-a1", "wrong", note="not a quotation")
    assert review and review["field"] is None
    (claims,) = ledger.claims()
    assert claims.attributions == ()
    ledger.replace_claims([make_claims(make_article(1))], "x.v2")
    assert ledger.claims()[0].attributions == (), "re-extraction does not bring it back"
    assert ledger.add_review("attribution", "art1-a1", "corrected", "speaker", "X") is None
    ledger.undo_review(review["id"])
    assert _attribution(ledger).speaker.name == "John Kirby"


def test_reviews_of_missing_results_and_bad_values() -> None:
    with pytest.raises(ReviewError):
        check_review("attribution", "corrected", "count", 3)
    with pytest.raises(ReviewError):
        check_review("figure", "corrected", "count", "many")
    with pytest.raises(ReviewError):
        check_review("figure", "corrected", "count", float("nan"))
    with pytest.raises(ReviewError):
        check_review("attribution", "corrected", "speaker", "   ")
    with pytest.raises(ReviewError):
        check_review("article", "wrong", None, None)
    assert check_review("statement", "corrected", "count", "2") == ("count", 2)
    assert check_review("conflict", "wrong", "speaker", "ignored") == (None, None)
    assert relay_names("AFP > Reuters, ") == ["AFP", "Reuters"] and relay_names([]) == []


def test_statement_and_conflict_reviews_show_in_every_export(ledger: Ledger) -> None:
    statement = Statement(id="s-1", what="1,000 soldiers were killed or wounded", origin="John Kirby",
                          members=("art1-a1", "art1-f1"), articles=("art1",))
    conflict = Conflict(id="c-1", kind="figure", members=("art1-f1",), why="1,000 against 900")
    ledger.replace_links([statement], [conflict], [])
    assert ledger.add_review("statement", "missing", "wrong") is None
    ledger.add_review("statement", "s-1", "corrected", "count", 2, note="two ministries said it")
    ledger.add_review("conflict", "c-1", "wrong", note="same figure, two windows")
    ledger.add_review("attribution", "art1-a1", "corrected", "speaker", "Linda Okafor")
    rows = list(export_rows(ledger))
    by_type: dict[str, list[dict]] = {}
    for row in rows:
        by_type.setdefault(row["type"], []).append(row)
    (st,) = by_type["statement"]
    assert st["independent_origins"] == 2 and st["review"][0]["was"] == 1
    assert by_type["conflict"][0]["review"][0]["verdict"] == "wrong"
    (att,) = by_type["attribution"]
    assert att["speaker"]["name_in_article"] == "Linda Okafor" and att["review"][0]["was"] == "John Kirby"
    assert "review" not in by_type["figure"][0]
    assert [r["target"] for r in by_type["review"]] == ["statement", "conflict", "attribution"]
    (doc,) = claimreview_documents(ledger.statements(), ledger.articles(), ledger.claims(),
                                   reviews=Reviews(ledger.reviews()))
    provenance = doc["fogwatch:provenance"]
    assert provenance["independentOrigins"] == 2
    assert {r["targetId"] for r in provenance["reviews"]} == {"s-1", "art1-a1"}
