"""Cues of local news reporting: beliefs, names given, credits, intros, hearsay (invented sentences)."""

from __future__ import annotations

from tests.extract.attribution_support import attributions, find


def test_belief_stops_where_the_believers_own_verb_goes_on() -> None:
    found = attributions("Deputies believe the fire may have been arson but are still questioning neighbors.")
    a = find(found, "arson")
    assert a.text == "the fire may have been arson" and a.speaker.mention == "Deputies"


def test_a_coordinated_verb_agreeing_with_the_content_stays_in_it() -> None:
    a = find(attributions("Mayor Ann Roe said the bridge was closed and is being repaired."), "bridge")
    assert a.text == "the bridge was closed and is being repaired"


def test_negated_belief_is_still_a_view() -> None:
    a = find(attributions("Harlow police do not believe the crash was deliberate."), "crash")
    assert a.text == "the crash was deliberate" and a.cue == "do not believe"


def test_negated_saying_reports_nothing() -> None:
    assert not any("many" in a.text for a in attributions("The ministry has not said how many were hurt."))


def test_quoted_name_given_with_called_is_the_speakers_words() -> None:
    a = find(attributions('Fire Chief Dana Holt called the blaze a "terrible loss."'), "terrible")
    assert a.kind == "direct" and a.text == "terrible loss."
    assert a.speaker.name == "Dana Holt"


def test_unquoted_name_keeps_its_object() -> None:
    a = find(attributions("Councilwoman Ida Marsh called the vote a mistake."), "mistake")
    assert a.text == "the vote a mistake"


def test_name_given_in_a_relative_clause() -> None:
    a = find(attributions("Residents mourned a baker they called the heart of the village."), "heart")
    assert a.text == "the heart of the village"


def test_tells_us_hung_on_a_heading() -> None:
    a = find(attributions("UPDATE: HFD tells us its crew found the driver was unhurt."), "crew")
    assert a.text == "its crew found the driver was unhurt" and a.speaker.name == "HFD"


def test_pointed_out_reports_but_pointed_a_gun_does_not() -> None:
    a = find(attributions("Vera Kolb pointed out that the shop closed in May."), "shop")
    assert a.text == "the shop closed in May" and a.speaker.name == "Vera Kolb"
    assert attributions("Ivo Brandt pointed a flashlight at the door of the shed.") == []


def test_dash_credit_after_a_quotation() -> None:
    text = "Statement:\n\n“Our town will stand together” — Harlow Mayor Ann Roe\n\nThe vigil is Friday."
    a = find(attributions(text), "stand together")
    assert a.kind == "direct" and a.speaker.name == "Ann Roe"


def test_dash_credit_with_the_role_after_the_name() -> None:
    text = '"We ask for patience," — Tomas Greer, fire chief\n\nCrews left at noon.'
    assert find(attributions(text), "patience").speaker.name == "Tomas Greer"


def test_bare_name_after_a_quotation_ending_in_a_comma() -> None:
    text = '"Crews found the boy near the creek. He is safe now," Sgt. Lena Ortiz.\n\nThe search ended.'
    a = find(attributions(text), "creek")
    assert a.speaker.name == "Lena Ortiz"


def test_a_name_after_a_finished_quotation_is_no_credit() -> None:
    text = 'The shop sign read "Closed." Harlow Hardware\n\nIt reopened Monday.'
    assert not any("Closed" in a.text for a in attributions(text))


def test_statement_intro_without_a_verb() -> None:
    text = (
        "UPDATED: From a statement from Harlow County Schools after the lockdown:\n\n"
        "Northside Middle School will open on a normal schedule on Monday. Counselors will be "
        "available for students and staff who need support.\n\nThe lockdown lasted two hours."
    )
    a = find(attributions(text), "normal schedule")
    assert a.kind == "direct" and a.text.endswith("need support.")
    assert a.speaker.name == "Harlow County Schools"


def test_post_intro_speaks_for_whoever_posted_it() -> None:
    text = (
        "Marta Vinter, who was hurt in the crash, thanked neighbors for their help in a Facebook post.\n\n"
        "The post read:\n\n"
        "Hello friends! I am home now and getting better every day. Thank you all for the food and "
        "the cards.\n\nA fund has been set up."
    )
    a = find(attributions(text), "Hello friends")
    assert a.kind == "direct" and a.speaker.name == "Marta Vinter"


def test_reported_passive_is_an_unnamed_attribution() -> None:
    found = attributions("Two people were reported hurt near the dock on Sunday night.")
    a = find(found, "Two people")
    assert a.text == "Two people were reported hurt near the dock on Sunday night"
    assert a.speaker.type == "unnamed" and a.speaker.name is None and a.cue == "were reported"


def test_reported_passive_with_a_following_clause_keeps_to_its_own() -> None:
    found = attributions("One driver was reported to have fled by witnesses but police say that he stayed.")
    a = find(found, "One driver")
    assert a.text == "One driver was reported to have fled" and a.speaker.type == "unnamed"
    assert find(found, "he stayed").speaker.mention.lower() == "police"


def test_believed_to_is_no_hearsay() -> None:
    assert attributions("Many of the boats are believed to be too old to sail.") == []


def test_reportedly_attributes_the_predicate() -> None:
    a = find(attributions("The driver, 31, reportedly borrowed the truck from a cousin."), "truck")
    assert a.text == "borrowed the truck from a cousin" and a.cue == "reportedly"
    assert a.speaker.type == "unnamed"


def test_reports_that_as_a_source() -> None:
    a = find(attributions("Officials are checking reports that a ferry sank on Sunday."), "ferry")
    assert a.text == "a ferry sank on Sunday" and a.cue == "reports" and a.speaker.type == "unnamed"


def test_hearsay_inside_a_named_statement_keeps_both() -> None:
    found = attributions("Ann Roe said the road was reported closed by the county.")
    said = next(a for a in found if a.cue == "said")
    assert said.speaker.name == "Ann Roe" and said.text == "the road was reported closed by the county"
    reported = next(a for a in found if a.cue == "was reported")
    assert reported.text == "the road was reported closed" and reported.speaker.mention == "the county"


def test_existential_speculation_before_a_comma() -> None:
    a = find(attributions("There is some speculation, the dog opened the gate itself."), "gate")
    assert a.text == "the dog opened the gate itself" and a.speaker.type == "unnamed"


def test_quotation_carries_on_the_statement_reported_just_before() -> None:
    text = "Fire Chief Dana Holt called the blaze a terrible loss. “We are heartbroken for them.”\n\nEnd."
    a = find(attributions(text), "heartbroken")
    assert a.kind == "direct" and a.speaker.name == "Dana Holt"


def test_block_after_an_acronym_naming_its_report() -> None:
    text = (
        "UPDATE 9:15 AM: HPD has posted its report on the crash.\n\n"
        "Traffic officers are investigating after two cars collided near the bridge. A witness "
        "reported that one driver ran a red light. The road remains closed while crews clear it.\n\nEnd."
    )
    found = attributions(text)
    assert find(found, "Traffic officers").speaker.name == "HPD"
    assert find(found, "one driver ran").speaker.name != "HPD"


def test_first_person_report_inside_a_post_stays_the_authors() -> None:
    text = (
        "Marta Vinter, who was hurt in the crash, thanked neighbors in a Facebook post.\n\n"
        "The post read:\n\n"
        "Hello friends! I am home now and getting better. I want to say that the nurses were amazing. "
        "See you all soon.\n\nA fund has been set up."
    )
    a = find(attributions(text), "Hello friends")
    assert a.text.endswith("See you all soon.") and a.speaker.name == "Marta Vinter"


def test_identified_as_by_a_source() -> None:
    a = find(attributions("The driver was identified by deputies as 41-year-old Ivo Brandt."), "Brandt")
    assert a.text == "41-year-old Ivo Brandt" and a.cue == "was identified"
    assert a.speaker.type == "unnamed" and a.speaker.mention.startswith("deputies")


def test_identified_without_as_is_no_claim() -> None:
    assert attributions("Harlow police identified three problems with the old radio system.") == []


def test_facebook_embed_signed_posted_by() -> None:
    text = (
        "A fund is available.\n\nThank you all! I am home and getting better every day. "
        "Posted by Marta Vinter on Sunday, July 24, 2016\n\nEnd."
    )
    found = attributions(text)
    a = find(found, "getting better")
    assert a.kind == "direct" and a.speaker.name == "Marta Vinter" and a.cue is not None
    assert a.cue.startswith("Posted by") and a.said_on == "2016-07-24"
    assert len([x for x in found if "getting better" in x.text]) == 1
