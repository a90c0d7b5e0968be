"""Local agencies: a bare "police" is the department of the place the article reports on."""

from __future__ import annotations

from collections import Counter

from fogwatch.extract.agencies import LocalAgencies, clean_agency_name
from tests.extract.attribution_support import attributions, find


def test_dateline_gives_the_place_of_bare_police() -> None:
    found = attributions("MILLBROOK, Ore. - Two men were hurt in a shooting late Friday, police said.\n")
    assert find(found, "Two men were hurt").speaker.name == "Millbrook Police Department"


def test_named_department_wins_over_the_dateline_town() -> None:
    text = ("ASHFORD - A woman was shot on Elm Street, police said.\n"
            "Sgt. Ina Vale of the Carrow County Sheriff's Office and the Ashford Police Department "
            "said the road was closed.\n")
    found = attributions(text)
    assert find(found, "A woman was shot").speaker.name == "Ashford Police Department"


def test_police_of_a_named_town_is_that_towns_department() -> None:
    text = ("Police in Brackenfield said the driver fled. Harlow police said a second car was found "
            "in Harlow on Monday.\n")
    found = attributions(text)
    assert find(found, "the driver fled").speaker.name == "Brackenfield Police Department"
    assert find(found, "a second car").speaker.name == "Harlow Police Department"


def test_members_and_spokespeople_speak_for_the_department() -> None:
    text = ("GLENMOOR, Kan. - Detectives said they had no suspect yet. A GPD spokesperson said the "
            "victim was 19. Investigators believe the shots came from a car.\n")
    found = attributions(text)
    for words in ("they had no suspect", "the victim was 19", "the shots came"):
        assert find(found, words).speaker.name == "Glenmoor Police Department"


def test_deputies_are_the_sheriffs_office() -> None:
    agencies = LocalAgencies("Deputies with the Fenwick County Sheriff's Office found the car.", Counter())
    found = agencies.agency_meant("deputies")
    assert found is not None and found.name == "Fenwick County Sheriff's Office"


def test_a_nationality_is_no_town() -> None:
    agencies = LocalAgencies("Kestrian police said the border was closed.", Counter({"Kestria": 2}))
    assert agencies.agency_meant("Kestrian police") is None


def test_police_acronym_spells_a_town_the_article_names() -> None:
    agencies = LocalAgencies("The shooting happened in North Delling. NDPD officers arrived.",
                             Counter({"North Delling": 1}))
    found = agencies.by_acronym("NDPD")
    assert found is not None and found.name == "North Delling Police Department"
    assert agencies.by_acronym("XQPD") is None


def test_abbreviated_department_is_the_full_name() -> None:
    assert clean_agency_name("Harlow Fire Dept.") == "Harlow Fire Department"


def test_ranked_officer_is_the_speaker_not_the_rank() -> None:
    text = ("The car was stolen, said Det. Rowan Pike. Three shots were fired, said Off. Lena Hart. "
            "Brill State Patrol Lt. Omar Quist said the road reopened.\n")
    found = attributions(text)
    assert find(found, "The car was stolen").speaker.name == "Rowan Pike"
    assert find(found, "Three shots were fired").speaker.name == "Lena Hart"
    assert find(found, "the road reopened").speaker.name == "Omar Quist"


def test_bare_dateline_is_not_part_of_the_speaker() -> None:
    found = attributions("BRELLTON - One of the neighbours said the shots woke her.\n")
    assert "BRELLTON" not in (find(found, "the shots woke her").speaker.mention or "")


def test_officials_of_a_named_body_speak_for_it() -> None:
    found = attributions("Officials with the Harlow Water Board said the pipe burst on Monday. "
                         "Officials in Kyiv said the line was cut.\n")
    assert find(found, "the pipe burst").speaker.name == "Harlow Water Board"
    assert find(found, "the line was cut").speaker.type == "unnamed"


def test_group_named_by_the_one_body_with_that_word() -> None:
    found = attributions("Harlow County Schools closed two campuses on Monday. "
                         "School officials say classes resume Friday.\n")
    assert find(found, "classes resume Friday").speaker.name == "Harlow County Schools"


def test_group_speaks_for_the_body_with_that_word_that_has_spoken() -> None:
    """Two bodies hold the word (a school and the district); the district has already spoken."""
    text = ("In a statement, Harlow County Schools said counsellors will be on hand.\n\n"
            "The shot was fired at Elm Ridge High School on Friday.\n\n"
            "School officials say classes resume Friday.\n")
    assert find(attributions(text), "classes resume Friday").speaker.name == "Harlow County Schools"
    unspoken = text.replace("In a statement, Harlow County Schools said counsellors will be on hand.",
                            "Counsellors from Harlow County Schools will be on hand.")
    assert find(attributions(unspoken), "classes resume Friday").speaker.type == "unnamed"


def test_bare_officials_are_the_one_agency_the_story_names() -> None:
    text = ("LARKSPUR, Texas (AP) - Officials say two men were found dead.\n"
            "Texas Department of Public Safety Lt. Bryan Holt said the probe goes on.\n")
    found = find(attributions(text), "two men were found dead")
    assert found.speaker.name == "Texas Department of Public Safety"
    two = text + "The Larkspur Fire Department said the car burned.\n"
    assert find(attributions(two), "two men were found dead").speaker.type == "unnamed"


def test_police_of_a_country_are_no_town_department() -> None:
    agencies = LocalAgencies("Police in Greece said the march was peaceful.", Counter({"Greece": 1}))
    assert agencies.agency_meant("Police in Greece") is None
    kyiv = LocalAgencies("KYIV, Ukraine - Police said two died.", Counter())
    assert kyiv.agency_meant("police") is not None


def test_a_town_fire_service_written_short_is_its_department() -> None:
    text = ("DELLWICK - Smoke filled the hall.\n\nDellwick Fire reported two residents were taken "
            "to hospital.\n\nTwo engines stood by. — Dellwick Fire Dept (@DellwickFire) March 3, 2021\n")
    found = attributions(text)
    assert find(found, "two residents were taken").speaker.name == "Dellwick Fire Department"
    assert find(found, "Two engines stood by").speaker.name == "Dellwick Fire Department"


def test_an_officer_named_with_the_department_stays_the_speaker() -> None:
    text = "DELLWICK - Dellwick Fire Chief Mara Olin said the roof held.\n"
    assert find(attributions(text), "the roof held").speaker.name == "Mara Olin"
