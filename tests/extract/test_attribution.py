"""Attribution patterns on hand-written news sentences: direct, indirect, mixed, unnamed, dated."""

from __future__ import annotations

import pytest

from fogwatch.extract.attribution import extract_attributions, extract_relations
from fogwatch.extract.speakers import describe_source
from tests.extract.attribution_support import attributions, find, parse


def test_offsets_point_at_the_text_and_ids_follow_text_order() -> None:
    text = (
        "Mayor Anna Lind said that the new bridge would open in May. "
        "“We are ahead of schedule,” Lind told reporters."
    )
    found = attributions(text, id="art")
    assert [a.id for a in found] == ["art-a1", "art-a2"]
    for a in found:
        assert text[a.start : a.end] == a.text
        assert a.cue is not None and text[a.cue_start : a.cue_end] == a.cue  # type: ignore[misc]


def test_said_that() -> None:
    a = find(attributions("Finance Minister Carla Ruiz said that inflation would fall below three percent."),
             "inflation")
    assert a.kind == "indirect" and a.text == "inflation would fall below three percent"
    assert a.speaker.name == "Carla Ruiz" and a.speaker.type == "person"
    assert a.cue == "said"


def test_content_first_then_cue() -> None:
    a = find(attributions("The harvest will be the worst in a decade, the farmers' union said."), "harvest")
    assert a.text == "The harvest will be the worst in a decade"
    assert a.speaker.type in ("organization", "unnamed")


def test_inverted_says_name() -> None:
    found = attributions("Senator Paul Grant spoke on Monday.\nThe budget is a disaster, says Grant.")
    a = find(found, "budget")
    assert a.text == "The budget is a disaster" and a.speaker.name == "Paul Grant"


def test_according_to_with_relay() -> None:
    text = (
        "According to army spokesman Oleg Petrenko, as cited by Reuters, 40 drones were shot down overnight."
    )
    a = find(attributions(text), "drones")
    assert a.text.startswith("40 drones were shot down")
    assert a.speaker.name == "Oleg Petrenko"
    assert a.via == ("Reuters",)


def test_according_to_at_the_end() -> None:
    text = "Since March, more than 200 homes have been destroyed, according to the Red Cross."
    a = find(attributions(text), "homes")
    assert a.speaker.name == "Red Cross" and a.speaker.type == "organization"
    assert "according" not in a.text


def test_described_as() -> None:
    text = "General Mark Holt arrived in the capital. He described the attacks as desperate and costly."
    a = find(attributions(text), "attacks")
    assert a.text == "the attacks as desperate and costly"
    assert a.speaker.name == "Mark Holt"


def test_confirmed_object() -> None:
    a = find(attributions("The Coast Guard has confirmed at least three deaths."), "deaths")
    assert a.text == "at least three deaths" and a.speaker.name == "Coast Guard"


def test_unnamed_sources() -> None:
    found = attributions(
        "Reports indicate that the convoy left the city at dawn. "
        "Analysts suggest that the sanctions have had little effect. "
        "A senior US official told AP that talks would resume."
    )
    for words in ("convoy", "sanctions", "talks"):
        a = find(found, words)
        assert a.speaker.type == "unnamed" and a.speaker.name is None
        assert a.speaker.description
    assert find(found, "talks").via == ("AP",)


def test_direct_quote_with_cue_after() -> None:
    text = "“We will rebuild every school in the region,” the governor, Maria Costa, said."
    a = find(attributions(text), "rebuild")
    assert a.kind == "direct" and a.text == "We will rebuild every school in the region,"


def test_inverted_cue_after_quote_names_an_organisation() -> None:
    text = "“The vessel was inspected and no weapons were found,” stated the Maritime Safety Agency."
    a = find(attributions(text), "vessel")
    assert a.kind == "direct" and a.speaker.name == "Maritime Safety Agency"
    assert a.speaker.type == "organization"


def test_split_quote_gives_both_halves_to_the_speaker() -> None:
    text = (
        "Defence Minister Ivo Marsh visited the base.\n"
        '"The troops are exhausted," Marsh said. "They need rotation before winter."'
    )
    found = attributions(text)
    first, second = find(found, "exhausted"), find(found, "rotation")
    assert first.kind == second.kind == "direct"
    assert first.speaker.name == second.speaker.name == "Ivo Marsh"


def test_pronoun_takes_the_person_in_focus() -> None:
    text = (
        "Health Secretary Dana Whitfield opened the clinic on Tuesday. Officials praised the staff.\n"
        "“It is the best equipped clinic in the county,” she said."
    )
    a = find(attributions(text), "best equipped")
    assert a.speaker.name == "Dana Whitfield" and a.speaker.mention == "she"


def test_quoted_paragraph_continues_the_speaker() -> None:
    text = (
        "“Prices will keep rising this winter,” said economist Tomas Berg.\n"
        "“Households should expect higher bills until spring at the earliest.”"
    )
    a = find(attributions(text), "Households")
    assert a.speaker.name == "Tomas Berg" and a.kind == "direct"


def test_colon_then_quoted_paragraph() -> None:
    text = "Chief Inspector Lena Vogt told the inquiry:\n“We had no warning that the dam was failing.”"
    a = find(attributions(text), "no warning")
    assert a.speaker.name == "Lena Vogt" and a.kind == "direct"


def test_partial_quote_inside_reported_speech_is_mixed() -> None:
    text = 'Mayor Ken Adler said the city had "run out of money for the winter repairs" last month.'
    a = find(attributions(text), "run out")
    assert a.kind == "mixed" and a.speaker.name == "Ken Adler"


def test_scare_quotes_are_no_statements() -> None:
    found = attributions('The so-called "peace plan" was published on Monday by the ministry.')
    assert all(a.text != "peace plan" for a in found)


def test_also_said_on_a_day_dates_the_statement() -> None:
    a = find(attributions("Ambassador Ruth Cole also said on Friday that the embassy would reopen.",
                          published="2024-03-10"), "embassy")
    assert a.said_on == "2024-03-08" and a.said_on_text == "on Friday"


def test_embedded_post() -> None:
    text = (
        "Reaction came quickly.\n"
        "The ceasefire is holding in the north but not in the south. https://t.co/x1\n"
        "— Sam Okafor (@samokafor) June 2, 2024\n"
    )
    a = find(attributions(text), "ceasefire")
    assert a.kind == "direct" and a.speaker.name == "Sam Okafor"
    assert a.said_on == "2024-06-02" and "https" not in a.text


def test_block_quotation_after_a_naming_sentence() -> None:
    text = (
        "The Centre for Maritime Studies (CMS), an independent monitor, mostly quotes official data.\n"
        "Port traffic is continuing to decline amid new inspection rules. "
        "Harbour master Piet Jansen stated on May 2 that volumes fell by a third in April.\n"
    )
    found = attributions(text, published="2024-05-20")
    own = find(found, "Port traffic")
    assert own.kind == "direct" and own.speaker.name == "Centre for Maritime Studies"
    reported = find(found, "volumes fell")
    assert reported.speaker.name == "Piet Jansen"
    assert reported.via == ("Centre for Maritime Studies",)
    assert reported.said_on == "2024-05-02"


def test_speech_event_dates_the_speaker_and_disagreement_is_flagged() -> None:
    text = (
        "Spokesperson Mia Lund gave a briefing on Saturday about the floods.\n"
        "Lund says the water is receding.\n"
        "Lund stated on June 7 that 300 homes were damaged."
    )
    found = attributions(text, published="2024-06-09")
    by_event = find(found, "receding")
    assert by_event.said_on == "2024-06-08" and by_event.said_on_text == "on Saturday"
    assert by_event.date_flags and "June 7" in by_event.date_flags[0]
    dated = find(found, "300 homes")
    assert dated.said_on == "2024-06-07"
    assert dated.date_flags and "Saturday" in dated.date_flags[0]


def test_explicit_calendar_day_and_relative_days() -> None:
    text = (
        "Governor Lia Moss said on Dec. 27 that the roads were closed.\n"
        "Moss said Monday that the roads had reopened."
    )
    found = attributions(text, published="2025-01-08")
    assert find(found, "closed").said_on == "2024-12-27"
    assert find(found, "reopened").said_on == "2025-01-06"


def test_first_person_of_the_author_is_no_attribution() -> None:
    assert attributions("I said to my editor that the story was finished.") == []


def test_relations_carry_source_spans() -> None:
    text = "Economist Rosa Diaz said the recession was over."
    rel = next(r for r in extract_relations(parse(text)) if r.speaker is not None)
    assert rel.source_start is not None and text[rel.source_start : rel.source_end] == "Economist Rosa Diaz"


def test_extraction_is_deterministic() -> None:
    text = "“We are ready,” said coach Ali Demir. Demir added that the team was fit."
    assert extract_attributions(parse(text)) == extract_attributions(parse(text))


def test_wire_dateline_is_not_the_speaker() -> None:
    text = "SEOUL, Jan 13 (Reuters) - South Korea's spy agency said on Monday that 300 soldiers had died."
    a = find(attributions(text, published="2025-01-13"), "300 soldiers")
    assert a.speaker.name is not None and "SEOUL" not in a.speaker.name
    assert a.said_on == "2025-01-13"


def test_said_in_a_statement_by_a_ministry() -> None:
    text = "Russia's defence ministry said in a statement that its forces had repelled 12 attacks."
    a = find(attributions(text), "repelled")
    assert a.cue == "said in a statement"
    assert a.speaker.type == "organization" and a.speaker.name == "Russian Defence Ministry"


def test_according_to_plan_names_no_source() -> None:
    assert attributions("The withdrawal went ahead according to plan on Sunday night.") == []


def test_a_day_of_another_verb_does_not_date_the_claim() -> None:
    found = attributions(
        "The Ostland ministry on Friday rejected a claim by the Westmark ministry "
        "that 500 tanks had been lost.",
        published="2025-03-15",
    )
    claim = next(a for a in found if a.cue == "claim")
    assert "Westmark" in (claim.speaker.name or "") and claim.said_on is None
    assert claim.via == ()  # a rejection does not pass the claim on


def test_the_spokespersons_appearance_dates_the_ministry() -> None:
    found = attributions(
        "The Westmark defence ministry has put enemy losses at about 900, as cited by Meridian Wire.\n"
        "Colonel Ruta Kalns, the ministry's spokesperson, gave the figure to reporters on Thursday.",
        published="2025-03-15",
    )
    assert find(found, "enemy losses").said_on == "2025-03-13"


def test_nothing_said_is_no_attribution() -> None:
    assert attributions("The ministry has not said how many of its soldiers were killed.") == []


def test_urging_someone_to_act() -> None:
    found = attributions("The shelling will go on, Mayor Ilse Brandt said, urging residents of the east bank "
                         "to leave.")
    a = find(found, "residents")
    assert a.text == "residents of the east bank to leave" and a.speaker.name == "Ilse Brandt"


def test_a_closing_cue_introduces_no_block_quotation() -> None:
    text = (
        "The count draws on drone footage and intercepted radio traffic, the official said.\n"
        "The human cost on the other side of the river is mounting too, and the roads are full of carts."
    )
    assert not [a for a in attributions(text) if "human cost" in a.text]


def test_an_unnamed_spokesman_named_in_the_next_line() -> None:
    found = attributions(
        "Around 300 homes were flooded overnight, a city council spokesman said on Monday.\n"
        "The spokesman, Dr Emil Varga, said pumps had been sent to the old town.",
        published="2025-04-08",
    )
    assert find(found, "300 homes").speaker.name == "Emil Varga"


def test_a_spokespersons_undated_words_take_the_day_of_the_ministry_they_speak_for() -> None:
    found = attributions(
        "About 900 soldiers were killed, the Westmark defence ministry said on Thursday.\n"
        "Colonel Ruta Kalns, spokesperson for the Westmark Ministry of Defence, told reporters that "
        "the front was holding.\n"
        "She said 12 villages had been retaken.",
        published="2025-03-15",
    )
    assert find(found, "front was holding").said_on == "2025-03-13"
    assert find(found, "12 villages").said_on == "2025-03-13"


def test_a_clause_after_a_parenthetical_cue_is_reported_too() -> None:
    found = attributions("Forty families slept in the gym, Marta Kovac said, and the shelter needed "
                         "more blankets.")
    assert find(found, "Forty families").text == "Forty families slept in the gym"
    assert find(found, "blankets").text == "the shelter needed more blankets"


def test_a_dash_taken_for_a_subject_still_gives_a_source_phrase() -> None:
    parsed = parse("The ferry left at noon - and the harbour closed.")
    sentence = parsed.sentences[0]
    dash = next(t for t in sentence.doc if t.text == "-")
    assert describe_source(sentence, dash).text == "-"


@pytest.mark.parametrize("text", [
    "A majority of voters expect Kline to win on Monday, a new poll says.",
    "A union representing harbour pilots endorsed Vell on Friday, a union spokesperson said.",
    "The mayor, who spoke after the vote, said the bridge would reopen.",
])
def test_source_words_never_run_into_the_cue_or_the_content(text: str) -> None:
    for relation in extract_relations(parse(text)):
        if relation.source_start is None:
            continue
        for start, end in ((relation.start, relation.end), (relation.cue_start, relation.cue_end)):
            if start is not None and end is not None:
                assert relation.source_end <= start or relation.source_start >= end


def test_an_identification_keeps_the_name_out_of_the_source_words() -> None:
    text = "The man was identified by deputies as Ann Roe, 34, of Harlow."
    relation = next(r for r in extract_relations(parse(text)) if r.source_start is not None)
    assert text[relation.source_start:relation.source_end] == "deputies"
