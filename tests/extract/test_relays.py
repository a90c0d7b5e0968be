"""Relays: who carried a statement between its origin and this article, nearest the origin first."""

from __future__ import annotations

from fogwatch.extract.relays import is_outlet, is_own_outlet
from fogwatch.model import Article
from tests.extract.attribution_support import attributions, find


def test_as_cited_by() -> None:
    text = "According to Foreign Minister Ana Silva, as cited by Reuters, the border will reopen on Monday."
    assert find(attributions(text), "border").via == ("Reuters",)


def test_quoted_by() -> None:
    text = "Colonel Yuri Danko, quoted by the BBC, said that the bridge had been destroyed."
    a = find(attributions(text), "bridge")
    assert a.speaker.name == "Yuri Danko" and a.via == ("BBC",)


def test_according_to_an_outlet_beside_a_named_speaker() -> None:
    text = "The company will cut 2,000 jobs, chief executive Lisa Moreau said, according to Barron's."
    a = find(attributions(text), "jobs")
    assert a.speaker.name == "Lisa Moreau"
    assert a.via == ("Barron's",)


def test_told_an_outlet_is_a_relay_for_another_outlet() -> None:
    text = "Mayor Olena Hrytsenko told the BBC that the water supply had been restored."
    a = find(attributions(text, outlet="Kyiv Post"), "water")
    assert a.via == ("BBC",)


def test_told_this_very_outlet_is_no_relay() -> None:
    text = "Mayor Olena Hrytsenko told the BBC that the water supply had been restored."
    a = find(attributions(text, outlet="BBC"), "water")
    assert a.via == ()


def test_told_reporters_is_no_relay() -> None:
    text = "General Omar Haddad told reporters that the offensive had stalled."
    assert find(attributions(text), "offensive").via == ()


def test_outer_report_relays_the_inner_statement() -> None:
    text = "Reuters reported that Defence Minister Pavel Novak said the army would withdraw."
    found = attributions(text)
    a = find(found, "withdraw")
    assert a.speaker.name == "Pavel Novak"
    assert a.via == ("Reuters",)
    assert all(x.speaker.name != "Reuters" for x in found)


def test_statement_reported_inside_a_think_tank_block() -> None:
    text = (
        "The Institute for the Study of War (ISW), a think tank, mostly quotes the same sources.\n"
        "Russian forces are continuing to attack near the river. "
        "Spokesman Ivan Petrov stated on March 3 that 200 soldiers were lost.\n"
    )
    a = find(attributions(text, published="2024-03-10"), "200 soldiers")
    assert a.speaker.name == "Ivan Petrov"
    assert a.via == ("Institute for the Study of War",)


def test_relays_nearest_the_origin_first() -> None:
    text = "Reuters reported that Minister Eva Horak told the BBC that prices would fall."
    a = find(attributions(text, outlet="The Guardian"), "prices")
    assert a.via == ("BBC", "Reuters")


def test_outlet_words() -> None:
    assert is_outlet("Reuters") and is_outlet("the BBC") and is_outlet("Kyiv Independent")
    assert is_outlet("The Washington Post") and is_outlet("Barron's")
    assert not is_outlet("reporters") and not is_outlet("Congress")


def test_own_outlet_by_url() -> None:
    article = Article(id="x", source="x", text="", content_hash="0", url="https://www.bbc.co.uk/news/1")
    assert is_own_outlet("BBC", article)
    assert not is_own_outlet("Reuters", article)


def test_speaker_reporting_another_belief_carries_it() -> None:
    text = "A U.S. official told Reuters that Washington believed the figures were accurate."
    found = attributions(text, outlet="Reuters")
    belief = next(a for a in found if a.speaker.name == "Government of the United States")
    assert belief.via == ("A U.S. official",)
    assert find(found, "Washington believed").via == ()


def test_quoted_as_saying_by_an_agency() -> None:
    text = ('President Vladimir Putin was quoted by state news agency TASS as saying that the operation '
            'was going "according to plan".')
    a = find(attributions(text, outlet="The Guardian"), "operation")
    assert a.speaker.name == "Vladimir Putin" and a.via == ("TASS",)


def test_trailing_according_to_relays_the_named_speaker() -> None:
    found = attributions(
        "Port authority chief Dana Okafor said 14 ships had been turned away over the weekend, "
        "according to Meridian Wire."
    )
    a = find(found, "14 ships")
    assert a.speaker.name == "Dana Okafor" and a.via == ("Meridian Wire",)
    assert a.text == "14 ships had been turned away over the weekend"
    assert all(x.speaker.name != "Meridian Wire" for x in found)


def test_trailing_outlet_reported_relays_the_named_speaker() -> None:
    found = attributions(
        "Interior minister Pavel Drozd said at least 60 homes were flooded in the north, "
        "Harbour News reported."
    )
    a = find(found, "60 homes")
    assert a.speaker.name == "Pavel Drozd" and a.via == ("Harbour News",)
    assert "Harbour News" not in a.text
    assert len(found) == 1


def test_as_cited_by_after_an_estimate_is_a_relay() -> None:
    a = find(attributions(
        "The health ministry has put the number of injured at about 300, as cited by Meridian Wire."
    ), "injured")
    assert a.speaker.type == "organization" and "health ministry" in (a.speaker.name or "")
    assert a.via == ("Meridian Wire",)


def test_sentence_final_writer_relays_a_report_inside_it() -> None:
    a = find(attributions(
        "The Lantern Institute for Peace Research, a think tank, published its review on Monday. "
        "Governor Ivo Brandt, the region's top official, reported on May 2 that 9,000 people had left "
        "the coast, the institute wrote."
    ), "9,000 people")
    assert a.speaker.name == "Ivo Brandt"
    assert a.via == ("Lantern Institute for Peace Research",)


def test_a_wire_story_run_by_another_outlet_is_relayed_by_the_agency() -> None:
    text = ("Ostland counts the cost of the storm.\n"
            "PORTVILLE, May 3 (Meridian Wire) - Mayor Ilse Brandt said 40 homes were destroyed.")
    relayed = find(attributions(text, outlet="The Harbour Gazette"), "40 homes")
    assert relayed.via == ("Meridian Wire",)
    own = find(attributions(text, outlet="Meridian Wire"), "40 homes")
    assert own.via == ()


def test_quoted_as_saying_names_the_origin_and_the_outlet_quoting_it() -> None:
    found = attributions("The Harbour Times quoted Senator Mara Quill as saying that the ferry tax would go.")
    a = find(found, "ferry tax")
    assert a.speaker.name == "Mara Quill" and a.via == ("Harbour Times",)
    assert len(found) == 1


def test_citing_hands_the_statement_to_the_one_cited() -> None:
    for text in ("The Harbour Times, citing Senator Mara Quill, reported that the ferry tax would go.",
                 "Citing Senator Mara Quill, the Harbour Times reported that the ferry tax would go."):
        found = attributions(text)
        a = find(found, "ferry tax")
        assert a.speaker.name == "Mara Quill" and a.via == ("Harbour Times",)
        assert len(found) == 1, "citing X is no statement of its own"


def test_citing_a_reason_keeps_the_speaker() -> None:
    text = "The port authority, citing rising costs, said the ferry tax would go."
    a = find(attributions(text), "ferry tax")
    assert a.speaker.mention == "The port authority" and a.via == ()


def test_according_to_an_outlet_which_cited_the_origin() -> None:
    found = attributions("The ferry tax will go, according to the Harbour Times, which cited Ivo Brandt.")
    a = find(found, "ferry tax")
    assert a.speaker.name == "Ivo Brandt" and a.via == ("Harbour Times",)
    assert len(found) == 1


def test_interview_with_a_named_organisation() -> None:
    a = find(attributions("Senator Mara Quill said in an interview with the Daily Lantern that the ferry tax "
                          "would go."), "ferry tax")
    assert a.via == ("Daily Lantern",)


def test_an_institution_told_carries_the_words_an_audience_does_not() -> None:
    a = find(attributions("Ivo Brandt told police that the shot was an accident."), "shot")
    assert a.speaker.name == "Ivo Brandt" and [v.lower() for v in a.via] == ["police"]
    for audience in ("reporters", "the crowd", "a veterans group", "him"):
        a = find(attributions(f"Ivo Brandt told {audience} that the shot was an accident."), "shot")
        assert a.via == (), audience


def test_a_report_by_an_outlet_relays_what_it_reports() -> None:
    found = attributions("A report by the Harbour Times said Ivo Brandt expected the ferry tax to go.")
    assert find(found, "ferry tax").via == ("Harbour Times",)
    study = attributions("A study by professor Ilse Brandt found that ferry fares had doubled.")
    assert find(study, "fares").via == ()


def test_nested_reports_any_depth_nearest_origin_first() -> None:
    text = ("The Harbour Times reported that Ostland said its spokesman Piet Vos had told the Meridian "
            "Wire that the ferry tax would go.")
    found = attributions(text, outlet="The Harbour Gazette")
    a = next(a for a in found if a.text == "the ferry tax would go")
    assert a.speaker.name == "Piet Vos"
    assert a.via == ("Meridian Wire", "Ostland", "Harbour Times")


def test_a_country_reporting_its_spokesman() -> None:
    found = attributions("Ostland says its spokesman said the ferry tax would go.")
    inner = next(a for a in found if a.text == "the ferry tax would go")
    assert inner.via == ("Ostland",)


def test_a_statement_reported_inside_a_quotation_is_carried_by_the_quoted_speaker() -> None:
    found = attributions('"The port minister told us the ferry would not sail on Monday," Ivo Brandt said. '
                         "He added that the tax would go.")
    inner = next(a for a in found if a.text == "the ferry would not sail on Monday")
    assert inner.speaker.mention == "The port minister" and inner.via == ("Ivo Brandt",)
    assert find(found, "tax").speaker.name == "Ivo Brandt", "the quoted report does not take the focus"


def test_a_named_source_quoted_in_the_present_is_carried_too() -> None:
    found = attributions('Ivo Brandt said: "The Harbour Council notes that the ferry tax was never set."')
    inner = next(a for a in found if a.text == "the ferry tax was never set")
    assert inner.via == ("Ivo Brandt",)


def test_beliefs_habits_and_pronouns_inside_a_quotation_are_no_reports() -> None:
    for quote in ("People say the ferry is too slow", "Residents believe the ferry is too slow",
                  "He told me the ferry is too slow", "Ferry staff want to say the ferry is too slow"):
        found = attributions(f'"{quote}," Ivo Brandt said.')
        assert [a.speaker.name for a in found] == ["Ivo Brandt"], quote


def test_a_statement_carried_by_an_agency_ends_the_content_before_it() -> None:
    text = "Ivo Brandt said the ferry would not sail, in a statement carried by the Meridian Wire."
    a = find(attributions(text), "ferry")
    assert a.text == "the ferry would not sail" and a.via == ("Meridian Wire",)


def test_a_relay_named_once_carries_the_same_speakers_next_statement() -> None:
    text = ("The ferry will not sail, port chief Ivo Brandt said on Friday, according to the Meridian Wire. "
            "Brandt put the losses at 300 tonnes.\n\nBrandt said the harbour would reopen in May.")
    found = attributions(text, outlet="The Harbour Gazette")
    assert find(found, "losses").via == ("Meridian Wire",)
    assert find(found, "harbour would reopen").via == (), "a new paragraph names its own relays"


def test_a_relay_is_not_carried_past_another_speaker() -> None:
    text = ("The ferry will not sail, port chief Ivo Brandt told the Harbour Times. Mayor Ilse Vos said the "
            "tax would go. Brandt said the harbour would reopen in May.")
    found = attributions(text, outlet="The Harbour Gazette")
    assert find(found, "ferry").via == ("Harbour Times",)
    assert find(found, "harbour would reopen").via == ()


def test_said_on_an_outlet_or_in_remarks_it_broadcast() -> None:
    on_air = find(attributions("Ivo Brandt said on state television that the ferry would not sail."), "ferry")
    assert on_air.via == ("state television",)
    text = "Ivo Brandt said in remarks broadcast by the Harbour Channel that the ferry would not sail."
    assert find(attributions(text), "ferry").via == ("Harbour Channel",)
    assert find(attributions("Ivo Brandt said on Monday that the ferry would not sail."), "ferry").via == ()
