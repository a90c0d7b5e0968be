"""Denials of harm read from invented sentences: figures of zero, and what they leave alone."""

from __future__ import annotations

import pytest

from fogwatch.extract import extract_claims
from fogwatch.extract.denials import _denials_in
from fogwatch.extract.harm import MINOR, SEVERE, grade, is_denial
from fogwatch.extract.nlp import parse_articles
from fogwatch.model import Article, Figure


@pytest.mark.parametrize(
    ("sentence", "counted", "subject"),
    [
        ("Thankfully nobody's dead, the shop owner said.", "killed", "people"),
        ("None of them died, according to the sheriff.", "killed", "people"),
        ("There were no fatalities at the fairground.", "killed", "people"),
        ("No one was hurt when the bullets struck the bus.", "wounded", "people"),
        ("No injuries were reported after the gunfire on Elm Road.", "wounded", "people"),
        ("Nobody was struck by the gunfire.", "wounded", "people"),
        ("No one was killed or injured in the exchange.", "killed_or_wounded", "people"),
        ("Deputies say the incident was not a homicide.", "killed", "people"),
        ("No deputies were injured during the standoff.", "wounded", "deputies"),
    ],
)
def test_a_denial_is_read_with_the_class_it_denies(sentence: str, counted: str, subject: str) -> None:
    found = _denials_in(sentence)
    assert [(c, s) for _start, _end, c, s in found] == [(counted, subject)]


@pytest.mark.parametrize(
    "sentence",
    [
        "A cashier was shot in the arm; no one else was hurt.",  # the cashier was
        "No other injuries were reported.",
        "Police did not say whether no one was hurt in the second car.",
        "No shots hit the school.",  # things, not people
        "The death was not a homicide, the coroner ruled.",  # someone died
    ],
)
def test_what_is_not_a_denial_of_the_whole_group(sentence: str) -> None:
    assert not _denials_in(sentence)


def test_denials_are_figures_of_zero_with_their_source_and_out_of_the_tally() -> None:
    title = "Shots fired at Maple Street party | Example News"
    body = ("Gunfire broke out at a party on Maple Street on Saturday night. "
            "No one was seriously hurt, police spokesman Dale Okafor said.")
    article = Article(id="t", source="t.txt", text=f"{title}\n{body}", content_hash="h", title=title)
    claims = extract_claims(next(parse_articles([article])))
    denials = [f for f in claims.figures if is_denial(f)]
    assert len(denials) == 1
    denial = denials[0]
    assert (denial.value, denial.low, denial.high, denial.counted) == (0, 0, 0, "wounded")
    assert denial.text == "No one was seriously hurt" and denial.id == "t-z1"
    assert article.text[denial.start:denial.end] == denial.text
    assert denial.source and "Okafor" in denial.source and denial.attribution
    assert grade(denial, article.text) == (SEVERE, True)
    assert claims.tally is not None and claims.tally.injured == 0


def _figure(text: str, sentence: str, counted: str = "wounded") -> Figure:
    start = sentence.index(text)
    return Figure(id="f", article="a", text=text, start=start, end=start + len(text), value=2, low=2, high=2,
                  counted=counted)


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        ("The two people shot on the porch have only minor injuries.", "two people shot", (MINOR, True)),
        ("Two people were taken to a hospital in critical condition.", "Two people", (SEVERE, False)),
        ("Two people were shot, one of them critically.", "Two people were shot", (None, False)),
        ("2 serious 1 minor injuries", "2 serious", (SEVERE, False)),
        ("Two men suffered non-life-threatening wounds.", "Two men", (MINOR, False)),
    ],
)
def test_the_degree_of_harm_is_read_up_to_the_next_count(sentence: str, figure: str,
                                                           expected: tuple[str | None, bool]) -> None:
    assert grade(_figure(figure, sentence), sentence) == expected


def test_only_wounded_figures_have_a_degree() -> None:
    sentence = "Two people were killed in a critical moment."
    assert grade(_figure("Two people were killed", sentence, "killed"), sentence) == (None, False)



def test_the_headline_of_another_story_listed_on_the_page_denies_nothing() -> None:
    title = "Two hurt in Cedar Street shooting | Example News"
    body = ("Two people were hurt in a shooting on Cedar Street on Friday, police said.\n"
            "Gas station robbed overnight - No Injuries - 05/02/26\n"
            "Both victims are expected to recover.")
    article = Article(id="t", source="t.txt", text=f"{title}\n{body}", content_hash="h", title=title)
    claims = extract_claims(next(parse_articles([article])))
    assert not [f for f in claims.figures if is_denial(f)]
