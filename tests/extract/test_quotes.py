"""Quotations found at character level: marks, splits, paragraphs, posts and block quotations."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.nlp import split_sentences
from fogwatch.extract.quotes import find_blocks, find_posts, find_quotes


def inner(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_straight_and_curly_marks() -> None:
    text = 'The mayor said "the bridge will open in May." Her deputy said “the budget is fine.”'
    assert inner(text) == ["the bridge will open in May.", "the budget is fine."]


def test_curly_quote_closed_by_a_straight_one() -> None:
    text = '“It is clear that the plan has failed in every district," she said.'
    quotes = find_quotes(text)
    assert len(quotes) == 1 and text[quotes[0].start : quotes[0].end].endswith("every district,")
    assert quotes[0].closed


def test_quote_split_by_its_cue_gives_two_pieces() -> None:
    text = '"The harvest was poor this year," the farmer said. "We will plant earlier next spring."'
    assert inner(text) == ["The harvest was poor this year,", "We will plant earlier next spring."]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The council’s plan wasn't ready, and the workers’ union didn’t agree."
    assert find_quotes(text) == []


def test_quotation_carried_over_paragraphs_shares_a_group() -> None:
    text = (
        "“The first paragraph of the speech ends without a closing mark.\n\n"
        "“The second paragraph goes on and closes here,” the minister said."
    )
    quotes = find_quotes(text)
    assert len(quotes) == 2
    assert quotes[0].group == quotes[1].group
    assert not quotes[0].closed and quotes[1].closed


def test_unclosed_quotation_ends_at_its_paragraph() -> None:
    text = "He wrote “the storm broke the levee near the old mill\n\nThe next paragraph is narration."
    quotes = find_quotes(text)
    assert len(quotes) == 1 and not quotes[0].closed
    assert text[quotes[0].start : quotes[0].end] == "the storm broke the levee near the old mill"


def test_scare_quotes_are_flagged() -> None:
    text = 'The so-called "peace plan" was described as a "complete and total failure of diplomacy".'
    quotes = find_quotes(text)
    assert [q.is_scare(text) for q in quotes] == [True, False]


def test_nested_quotation_stays_inside_the_outer_one() -> None:
    text = "“They called it a ‘tactical pause’ but it was a retreat,” the officer said."
    assert inner(text) == ["They called it a ‘tactical pause’ but it was a retreat,"]


def test_british_single_marks() -> None:
    text = "The chancellor said ‘growth will return by the autumn’ in her speech."
    assert inner(text) == ["growth will return by the autumn"]


def test_post_signed_on_the_next_line() -> None:
    text = (
        "Intro paragraph.\n"
        "The flood reached the station this morning. Stay away from the river. https://t.co/abc123\n"
        "— Jane Doe (@janedoe) March 3, 2024\n"
        "After the post."
    )
    posts = find_posts(text)
    assert len(posts) == 1
    post = posts[0]
    assert (
        text[post.start : post.end] == "The flood reached the station this morning. Stay away from the river."
    )
    assert (post.author, post.handle, post.posted) == ("Jane Doe", "@janedoe", date(2024, 3, 3))


def test_post_signed_on_the_same_line() -> None:
    text = "We are safe and the shelter is open pic.twitter.com/xyz — City Hall (@cityhall) Jan. 5, 2023"
    post = find_posts(text)[0]
    assert text[post.start : post.end] == "We are safe and the shelter is open"
    assert post.posted == date(2023, 1, 5)


def test_block_after_a_sentence_naming_its_source() -> None:
    text = (
        "The Harbour Institute (THI), an independent monitor, mostly quotes official data.\n"
        "Shipping volumes fell sharply in the third quarter amid new port restrictions. "
        "Analysts at the port stated on May 2 that the fall would continue.\n"
        "Closing narration."
    )
    blocks = find_blocks(text, split_sentences(text))
    assert len(blocks) == 1
    assert text[blocks[0].start : blocks[0].end].startswith("Shipping volumes fell")
    assert not blocks[0].by_colon


def test_block_after_a_colon() -> None:
    text = "The ministry said in a statement:\nThe talks will resume next week in Geneva with both sides.\n"
    blocks = find_blocks(text, split_sentences(text))
    assert len(blocks) == 1 and blocks[0].by_colon


def test_no_block_after_plain_narration() -> None:
    text = "The weather was bad.\nThe trucks left the depot late and reached the border after dark."
    assert find_blocks(text, split_sentences(text)) == []


@given(st.text(alphabet=st.sampled_from(list('ab "“”‘’\n.,')), max_size=80))
def test_quote_offsets_are_inside_the_text(text: str) -> None:
    for q in find_quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        if q.open_at is not None:
            assert q.open_at < q.start


def test_two_apostrophes_as_double_marks() -> None:
    text = "''We will win the state,'' Mr. Ryan said. ''It is not close.''"
    assert inner(text) == ["We will win the state,", "It is not close."]


def test_titles_and_numbers_do_not_end_a_sentence() -> None:
    text = "Lt. Col. Anna Petrova said 12 were hurt. They slept in School No. 4, she said."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Lt. Col. Anna Petrova said 12 were hurt.", "They slept in School No. 4, she said."]
