"""Credit lines: the agencies an article names for its whole story relay every statement in it."""

from __future__ import annotations

import pytest

from fogwatch.extract.credits import article_credits
from fogwatch.extract.relays import is_own_outlet
from fogwatch.model import Article
from tests.extract.attribution_support import article, attributions, find

CLAIM = "Senator Mara Quill said the harbour tax would be repealed."


@pytest.mark.parametrize(
    ("text", "via"),
    [
        (f"PORTVILLE (AP) — {CLAIM}", ("AP",)),
        (f"(Reuters) - {CLAIM}", ("Reuters",)),
        (f"PORTVILLE -- (AP) -- {CLAIM}", ("AP",)),
        (f"{CLAIM} [Source: Meridian Wire in English 0812 GMT]", ("Meridian Wire",)),
        (f"{CLAIM}\n\n— AFP", ("AFP",)),
        (f"{CLAIM}\n\n(Copyright 2019 The Associated Press. All rights reserved.)", ("Associated Press",)),
    ],
)
def test_the_story_credit_is_the_last_relay(text: str, via: tuple[str, ...]) -> None:
    a = find(attributions(text, outlet="The Harbour Gazette"), "harbour tax")
    assert a.speaker.name == "Mara Quill"
    assert a.via == via


def test_one_agency_credited_twice_is_one_relay() -> None:
    text = f"PORTVILLE (AP) - {CLAIM}\n\n(Copyright 2019 The Associated Press. All rights reserved.)"
    assert find(attributions(text, outlet="The Harbour Gazette"), "harbour tax").via == ("AP",)


def test_a_relay_beside_the_cue_comes_before_the_agency() -> None:
    text = "PORTVILLE (AP) — Senator Mara Quill told the Harbour Times that the tax would be repealed."
    assert find(attributions(text, outlet="The Harbour Gazette"), "tax").via == ("Harbour Times", "AP")


@pytest.mark.parametrize(
    "credit",
    [
        "With reporting by Reuters.",
        "Some information for this report came from AP and Reuters.",
        "Meridian Wire contributed to this report.",
    ],
)
def test_a_contribution_relays_statements_without_a_closer_relay(credit: str) -> None:
    text = f"{CLAIM} Mayor Ilse Brandt told the Harbour Times that the ferry would run.\n\n{credit}"
    found = attributions(text, outlet="The Harbour Gazette")
    credited = find(found, "harbour tax").via
    assert credited and all(name in credit for name in credited)
    assert find(found, "ferry").via == ("Harbour Times",)


def test_reporting_by_people_names_no_relay() -> None:
    text = f"{CLAIM}\n\nReporting by Jana Novak; editing by Piet Vos."
    assert find(attributions(text, outlet="The Harbour Gazette"), "harbour tax").via == ()


def test_a_publishers_own_credit_is_no_relay() -> None:
    text = f"PORTVILLE (Meridian Wire) - {CLAIM}\n\n— Meridian Wire"
    assert find(attributions(text, outlet="Meridian Wire"), "harbour tax").via == ()


def test_a_place_in_capitals_with_a_parenthesis_that_is_no_outlet_is_no_dateline() -> None:
    assert article_credits(article(f"(Updated) - {CLAIM}")).story == ()


def test_a_short_agency_name_is_not_found_inside_a_web_address() -> None:
    web = Article(id="x", source="x", text="", content_hash="0",
                  url="http://kxyz7.com/news/local/gun-in-his-lap-police-say", outlet="kxyz7.com")
    assert not is_own_outlet("AP", web)
    wire = Article(id="y", source="y", text="", content_hash="0", url="https://apnews.com/article/1")
    assert is_own_outlet("AP", wire)
    station = Article(id="z", source="z", text="", content_hash="0", url="https://www.local12.com/news/1")
    assert is_own_outlet("WKLX Local12.com", station)


def test_a_dateline_naming_a_station_and_an_agency_credits_both() -> None:
    credits = article_credits(article(f"PORTVILLE (KXYZ/AP) — {CLAIM}"))
    assert credits.story == ("KXYZ", "AP")


def test_a_date_in_the_dateline_is_no_agency() -> None:
    assert article_credits(article(f"PORTVILLE (Feb. 4, 2019) — {CLAIM}")).story == ()


def test_a_closing_line_about_a_person_is_no_sign_off() -> None:
    text = f"{CLAIM}\n\n— Digital editor Jana Novak contributed to this report"
    assert article_credits(article(text)).story == ()
