"""Speakers: one canonical entity per person or organisation, within and across articles."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.entities import EntityIndex
from fogwatch.extract.speakers import canonical_key, clean_name
from tests.extract.attribution_support import attributions, find, parse


@pytest.mark.parametrize(
    "variant", ["Zelensky", "Zelenskiy", "Zelenskyy", "Zelenski", "Volodymyr Zelensky", "President Zelenskyy",
                "Volodymyr Zelenskiy", "Zelensky's"]
)
def test_transliterations_share_a_key(variant: str) -> None:
    assert canonical_key(variant) == canonical_key("Volodymyr Zelensky")


def test_acronym_meets_its_full_name() -> None:
    assert canonical_key("ISW") == canonical_key("Institute for the Study of War")
    assert canonical_key("the Institute for the Study of War") == canonical_key("ISW")
    assert canonical_key("NIS") == canonical_key("South Korea’s National Intelligence Service")


def test_different_people_keep_different_keys() -> None:
    assert canonical_key("John Kirby") != canonical_key("Volodymyr Zelensky")
    assert canonical_key("Kim Jong-un") == canonical_key("Kim")


def test_clean_name_drops_titles_and_articles() -> None:
    assert clean_name("President Joe Biden") == "Joe Biden"
    assert clean_name("the Pentagon") == "Pentagon"
    assert clean_name("Institute for the Study of War (ISW)") == "Institute for the Study of War"


@given(st.from_regex(r"[A-Z][a-z]{3,10}", fullmatch=True), st.from_regex(r"[A-Z][a-z]{3,10}", fullmatch=True))
def test_key_of_full_name_is_key_of_surname(first: str, last: str) -> None:
    assert canonical_key(f"{first} {last}") == canonical_key(last) == canonical_key(f"Mr. {last}")


def test_surname_resolves_to_the_full_name_seen_earlier() -> None:
    text = (
        "White House National Security Council spokesperson John Kirby spoke on Friday.\n"
        "The losses are staggering, Kirby said."
    )
    a = find(attributions(text), "losses")
    assert a.speaker.name == "John Kirby" and a.speaker.type == "person"


def test_role_and_organisation_are_kept() -> None:
    text = "White House National Security Council spokesperson John Kirby said that the talks had failed."
    a = find(attributions(text), "talks")
    assert a.speaker.name == "John Kirby"
    assert a.speaker.role is not None and "spokesperson" in a.speaker.role
    assert a.speaker.organization is not None and "White House" in a.speaker.organization


def test_spellings_within_an_article_become_one_speaker() -> None:
    text = (
        "Ukrainian President Volodymyr Zelenskiy said that the front was holding.\n"
        "“We will not give up Kharkiv,” Zelensky said."
    )
    found = attributions(text)
    assert {a.speaker.name for a in found} == {"Volodymyr Zelenskiy"}


def test_acronyms_learned_from_the_text() -> None:
    parsed = parse("Ukraine's Main Intelligence Directorate (HUR) said on Monday that the depot was hit.")
    index = EntityIndex(parsed)
    assert index.acronyms["HUR"] == "Main Intelligence Directorate"
    assert index.canonical("HUR") == "Main Intelligence Directorate"


def test_family_members_stay_apart() -> None:
    text = (
        "Donald Trump spoke first. Eric Trump said that the company was doing well.\n"
        "Trump said that the election was rigged."
    )
    found = attributions(text)
    assert find(found, "company").speaker.name == "Eric Trump"
    assert find(found, "election").speaker.name == "Donald Trump"


def test_organisation_speaker_with_possessive_country() -> None:
    text = "“The soldier has died of his wounds,” stated South Korea’s National Intelligence Service."
    a = find(attributions(text), "soldier")
    assert a.speaker.type == "organization"
    assert canonical_key(a.speaker.name or "") == canonical_key("NIS")


def test_pronoun_group_takes_the_organisation() -> None:
    text = "The Interior Ministry issued new figures on Monday. It said that 40 people had been detained."
    a = find(attributions(text), "detained")
    assert a.speaker.type == "organization" and a.speaker.name is not None
    assert "Ministry" in a.speaker.name


def test_definite_role_names_the_person_introduced_with_it() -> None:
    text = (
        "Mayor Bill de Blasio said that the blast was intentional.\n"
        "The mayor also said that there was no link to terrorism."
    )
    a = find(attributions(text), "terrorism")
    assert a.speaker.name == "Bill de Blasio" and a.speaker.type == "person"


def test_person_with_a_title_is_a_person_even_when_ner_says_otherwise() -> None:
    text = "“Subpoenas are not optional,” said panel Chairman Rep. Jason Chaffetz (R-Utah)."
    a = find(attributions(text), "Subpoenas")
    assert a.speaker.type == "person" and a.speaker.name == "Jason Chaffetz"


def test_lone_surname_without_entity_label_is_a_person() -> None:
    text = "Zelenskiy wrote on Telegram that two soldiers had been captured. “Both are alive,” he wrote."
    found = attributions(text)
    assert find(found, "captured").speaker.type == "person"
    assert find(found, "Both are alive").speaker.name == "Zelenskiy"


def test_title_word_inside_an_organisation_name_stays_with_its_owner() -> None:
    text = "Ukraine's General Staff reported 1,430 Russian casualties on Monday."
    a = find(attributions(text), "casualties")
    assert a.speaker.name == "Ukrainian General Staff" and a.speaker.type == "organization"


def test_unnamed_spokesperson_speaks_for_the_organisation() -> None:
    text = "A spokesperson for the British Ministry of Defence said that Russia had lost 1,500 soldiers."
    a = find(attributions(text), "Russia had lost")
    assert a.speaker.type == "organization" and a.speaker.name == "British Ministry of Defence"


def test_she_skips_a_man_for_the_woman_marked_as_one() -> None:
    found = attributions(
        "Colonel Oleh Marchuk, a spokesman for the army, said the bridge had been hit twice. "
        "Olga Severova, a spokeswoman for the city, spoke after him. Repairs will take a month, she said."
    )
    assert find(found, "Repairs").speaker.name == "Olga Severova"


def test_she_skips_an_outlet_that_ner_took_for_a_person() -> None:
    found = attributions(
        "Major Irena Dalska said 40 vehicles were destroyed, Castor Press reported. "
        "She said three drones were shot down."
    )
    assert find(found, "three drones").speaker.name == "Irena Dalska"


def test_slavic_surname_endings_mark_gender() -> None:
    from fogwatch.extract.gender import gender_of_surname, gender_of_words

    assert gender_of_surname("Irena Voskova") == "female"
    assert gender_of_surname("Dmitry Peskov") == "male"
    assert gender_of_surname("John Kirby") is None
    assert gender_of_words("a spokeswoman for the ministry") == "female"
    assert gender_of_words("the spokesperson") is None


def test_the_group_names_the_organisation_that_spoke_last() -> None:
    found = attributions(
        "The Ferrow Monitoring Network estimated that 2,000 people had fled. "
        "The independent research group also believes that the river crossing will close."
    )
    assert find(found, "river crossing").speaker.name == "Ferrow Monitoring Network"


def test_an_abbreviated_rank_is_part_of_the_name_not_the_speaker() -> None:
    found = attributions(
        "Two people were wounded in the shooting, said Varna police Sgt. Dana Ruiz. "
        "The gunman fled on foot, said Off. Mark Tolen. "
        "Lt. Col. Anna Petrova said the shelling stopped at dawn."
    )
    assert find(found, "wounded").speaker.name == "Dana Ruiz"
    assert find(found, "fled").speaker.name == "Mark Tolen"
    assert find(found, "shelling").speaker.name == "Anna Petrova"


def test_an_office_named_after_its_holder_keeps_the_holder() -> None:
    found = attributions(
        "The Varna County Sheriff's Office said two deputies were hurt. "
        "Kestria's Defence Ministry said the border was calm."
    )
    assert find(found, "deputies").speaker.name == "Varna County Sheriff's Office"
    assert find(found, "border").speaker.name == "Defence Ministry"


def test_a_ministry_described_by_its_field_is_not_the_ministry_named_before() -> None:
    found = attributions(
        "Kestria's Defence Ministry said its forces repelled the assault. "
        "The health ministry in Varna said the hospital was full. "
        "The defence ministry said the front held."
    )
    assert find(found, "hospital was full").speaker.name == "health ministry"
    assert find(found, "front held").speaker.name == "Defence Ministry"


def test_a_named_ministry_is_not_another_ministry() -> None:
    found = attributions(
        "The Ostland interior ministry said on Monday that the border was closed. "
        "The Westmark interior ministry said the border was open."
    )
    assert "Westmark" in (find(found, "was open").speaker.name or "")


def test_a_place_never_speaks() -> None:
    found = attributions(
        "The Ferrow Monitoring Network said the dam held. Ferrow Valley: a town waits for the water. "
        "It said 300 homes were at risk."
    )
    assert all(a.speaker.name != "Ferrow Valley" for a in found)
    assert find(found, "300 homes").speaker.name == "Ferrow Monitoring Network"


def test_given_name_ner_missed_joins_the_surname() -> None:
    a = find(attributions("Colonel Tymur Bazhanenko said the convoy was stopped at dawn."), "convoy")
    assert a.speaker.name == "Tymur Bazhanenko"


def test_an_organisation_named_in_apposition_speaks() -> None:
    a = find(attributions("The ferry operator, Blue Strait Lines, said on Wednesday that 209 people had "
                          "been on board."), "209 people")
    assert a.speaker.name == "Blue Strait Lines" and a.speaker.type == "organization"
