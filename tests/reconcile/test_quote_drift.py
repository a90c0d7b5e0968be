"""Word-level quotation drift and its rating."""

from __future__ import annotations

from fogwatch.reconcile.quote_drift import compare_quotes, tokenize, worse

EVIDENT = (
    "It is evident that Russian and North Korean military commanders see these units as expendable, "
    "ordering them into hopeless attacks against Ukrainian defenses"
)
CLEAR = (
    "It is clear that Russian and North Korean military leaders are treating these troops as expendable "
    "and ordering hopeless assaults against Ukrainian defenses"
)


def test_reworded_quotation_is_wording_with_each_change_located() -> None:
    drift = compare_quotes(EVIDENT, CLEAR)
    assert drift.rating == "wording"
    assert "evident/clear" in drift.changes() and "attacks/assaults" in drift.changes()
    for op in drift.ops:
        assert EVIDENT[op.a_start : op.a_end] == op.a_text
        assert CLEAR[op.b_start : op.b_end] == op.b_text


def test_quote_marks_case_and_commas_are_punctuation_only() -> None:
    assert (
        compare_quotes(
            "“They have many losses, a great deal.”", '"they have many losses a great deal"'
        ).rating
        == "punctuation"
    )
    assert compare_quotes("We're here.", "We’re here.").rating == "punctuation"
    assert compare_quotes("same", "same").rating == "identical"


def test_a_clean_cut_is_an_excerpt_unless_it_cuts_a_negation() -> None:
    assert (
        compare_quotes("They send them forward across open ground, in waves", "across open ground").rating
        == "excerpt"
    )
    assert compare_quotes("we will never surrender", "surrender").rating == "meaning"


def test_negation_numbers_and_low_overlap_change_meaning() -> None:
    negated = compare_quotes("these tactics have been effective", "these tactics haven't been effective")
    assert negated.rating == "meaning" and "negation added" in negated.reasons
    number = compare_quotes("about 1,000 were killed", "about 1,200 were killed")
    assert number.rating == "meaning" and number.reasons[0].startswith("numbers changed")
    assert compare_quotes("we will win this war", "prices rose sharply in the capital").rating == "meaning"
    assert compare_quotes("they do not come back", "they never come back").rating == "wording"


def test_tokens_keep_numbers_and_contractions_whole() -> None:
    assert [t.text for t in tokenize("We've lost 1,000 men.")] == ["We've", "lost", "1,000", "men", "."]
    assert worse("wording", "meaning") == "meaning" and worse("excerpt", "punctuation") == "excerpt"
