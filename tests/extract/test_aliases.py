"""Institutions named without their names resolve to one entity through the shipped alias table."""

from __future__ import annotations

import pytest

from fogwatch.extract.aliases import aliases
from tests.extract.attribution_support import attributions, find


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Pentagon said 300 engineers were sent north.", "US Department of Defense"),
        ("The Kremlin denied that the convoy was hit.", "Russian Presidency"),
        ("Ankara said the talks had failed.", "Government of Turkey"),
        ("Britain's spy agency said the plan was years old.", "MI6"),
        ("Russia's defence ministry said 40 drones were downed.", "Russian Defence Ministry"),
    ],
)
def test_descriptions_and_metonyms_name_the_institution(sentence: str, speaker: str) -> None:
    a = attributions(sentence)[0]
    assert a.speaker.name == speaker and a.speaker.type == "organization"


def test_two_countries_defence_ministries_stay_two() -> None:
    found = attributions("Russia's defence ministry said the bridge held. "
                         "Ukraine's defence ministry said the bridge fell.\n")
    assert find(found, "held").speaker.name != find(found, "fell").speaker.name


def test_a_proper_name_is_not_rewritten() -> None:
    assert aliases().owned("the U.S. Army", "U.S. Army") == "US Army"
    assert aliases().owned("the Institute for the Study of War", "Institute for the Study of War") is None


def test_a_city_that_is_no_capital_stays_a_place() -> None:
    assert aliases().government_of("Kharkiv") is None
    assert aliases().government_of("Kyiv") == "Government of Ukraine"


def test_a_bare_role_is_the_person_the_article_gives_it_later() -> None:
    found = attributions("Interior Minister reported that 12 people died in the blast. "
                         "Ann Voss, the interior minister, said rescuers were still at work.\n")
    assert find(found, "12 people died").speaker.name == "Ann Voss"


def test_a_role_held_by_two_people_names_neither() -> None:
    found = attributions("Mayor Ann Holt said the road was open. The mayor said the bridge was closed. "
                         "Mayor Ben Ruiz of the next town said nothing changed.\n")
    assert find(found, "the bridge was closed").speaker.name != "Ben Ruiz"


def test_an_undefined_acronym_joins_the_one_organisation_it_spells() -> None:
    found = attributions("Two men were found dead, said Texas Department of Public Safety Lt. Bryan Holt.\n"
                         "DPS said the probe goes on. NATO said nothing.\n")
    assert find(found, "the probe goes on").speaker.name == "Texas Department of Public Safety"


def test_a_definite_description_points_back_at_the_person_just_named() -> None:
    found = attributions("Station commander Rhea Tolland waited for the shuttle. The retired fighter pilot "
                         "said she felt isolated. The pilot's brother said the family was proud.\n")
    assert find(found, "she felt isolated").speaker.name == "Rhea Tolland"
    assert find(found, "the family was proud").speaker.name != "Rhea Tolland"
