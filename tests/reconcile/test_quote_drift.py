"""Word-level quotation drift and its rating."""

from __future__ import annotations

from fogwatch.reconcile.quote_drift import compare_quotes, tokenize, worse

EVIDENT = (
    "It is evident that the commanders in both capitals see these units as spare, "
    "sending them on pointless attacks across the frozen fields"
)
CLEAR = (
    "It is clear that the leaders in both capitals are treating these troops as spare "
    "and sending them on pointless assaults across the frozen fields"
)


def test_reworded_quotation_is_wording_with_each_change_located() -> None:
    drift = compare_quotes(EVIDENT, CLEAR)
    assert drift.rating == "wording"
    assert "evident/clear" in drift.changes() and "attacks/assaults" in drift.changes()
    assert "“evident” → “clear”" in drift.changes(for_readers=True)
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
    assert number.rating == "meaning" and number.reasons[0] == "number changed: 1,000 → 1,200"
    assert compare_quotes("we will win this war", "prices rose sharply in the capital").rating == "meaning"
    assert compare_quotes("they do not come back", "they never come back").rating == "wording"


def test_tokens_keep_numbers_and_contractions_whole() -> None:
    assert [t.text for t in tokenize("We've lost 1,000 men.")] == ["We've", "lost", "1,000", "men", "."]
    assert worse("wording", "meaning") == "meaning" and worse("excerpt", "punctuation") == "excerpt"


def test_dates_and_spans_of_time_are_not_counts() -> None:
    base = "About 1,500 Varnish sailors were killed or wounded near the Tolm estuary in the past week"
    assert compare_quotes(base, "around 1,500 Varnish sailors had been killed or wounded over the previous "
                                "seven days").rating == "wording"
    dated = compare_quotes(base, "around 1,500 Varnish sailors were killed or wounded in the week to June 9")
    assert dated.rating == "wording" and dated.reasons == ()
    assert compare_quotes("1,500 sailors", "1500 sailors").rating in ("identical", "punctuation")
    fewer = compare_quotes(base, "more than 1,100 Varnish sailors were killed or wounded in seven days")
    assert fewer.reasons == ("number changed: 1,500 → 1,100",)


def test_a_change_of_what_is_counted_is_meaning() -> None:
    drift = compare_quotes("about 800 marines were killed or wounded", "about 800 marines were killed")
    assert drift.rating == "meaning"
    assert drift.reasons == ("what is counted changed: killed or wounded → killed",)
    casualties = compare_quotes("the army reported 300 casualties in the hills on Tuesday",
                                "the army reported 300 killed or injured in the hills on Tuesday")
    assert casualties.rating == "wording"


def test_negation_comes_from_the_words_not_from_bounds() -> None:
    assert compare_quotes("no more than 200 wounded", "at most 200 wounded").reasons == ()
    assert compare_quotes("they marched on foot", "they marched on foot without armour").reasons == ()
    assert "negation added" in compare_quotes("the bridge was held", "the bridge was not held").reasons
