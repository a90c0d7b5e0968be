"""Speech acts mentioned inside another's statement are speech acts of their own, relayed by the
statement's speaker, never attributions (invented sentences)."""

from __future__ import annotations

from fogwatch.extract.attribution import extract_speech
from fogwatch.model import Attribution, SpeechAct
from tests.extract.attribution_support import parse


def _speech(text: str) -> tuple[list[Attribution], list[SpeechAct]]:
    return extract_speech(parse(text))


def test_a_speech_noun_without_content_is_a_speech_act_relayed_by_the_speaker() -> None:
    text = "Mayor Ilsa Vorn said on Monday that the dockers' criticism of the plan was unfair."
    attributions, acts = _speech(text)
    (act,) = acts
    assert (act.cue, act.text, act.via) == ("criticism", "the dockers' criticism of the plan", ("Ilsa Vorn",))
    assert act.speaker.mention == "the dockers"
    assert text[act.start : act.end] == act.text and text[act.cue_start : act.cue_end] == act.cue
    assert act.id == "t-s1" and act.article == "t"
    assert all(a.cue != "criticism" for a in attributions), "a speech act is not an attribution"


def test_a_named_owner_speaks_and_the_reporter_relays() -> None:
    _, acts = _speech("Ilsa Vorn said Tarin Holt's proposals would be studied by the council.")
    (act,) = acts
    assert (act.speaker.name, act.cue, act.via) == ("Tarin Holt", "proposals", ("Ilsa Vorn",))


def test_a_speech_verb_with_a_clause_is_a_speech_act_holding_its_clause() -> None:
    attributions, acts = _speech("Ivo Lind said the Velts proposed that talks resume in May.")
    (act,) = acts
    assert (act.cue, act.via) == ("proposed", ("Ivo Lind",))
    assert act.text == "the Velts proposed that talks resume in May"
    assert "Velt" in (act.speaker.name or "")
    assert [a.cue for a in attributions] == ["said"]


def test_a_cue_verb_without_content_is_a_speech_act() -> None:
    _, acts = _speech("Ivo Lind said the dockers complained.")
    (act,) = acts
    assert (act.cue, act.text, act.via) == ("complained", "the dockers complained", ("Ivo Lind",))


def test_a_speech_verb_with_only_a_topic_is_a_speech_act() -> None:
    text = "Ivo Lind said the ministers discussed the budget."
    attributions, acts = _speech(text)
    (act,) = acts
    assert (act.cue, act.text, act.speaker.mention, act.via) == (
        "discussed", "the ministers discussed the budget", "the ministers", ("Ivo Lind",))
    assert [a.cue for a in attributions] == ["said"]


def test_no_act_where_nothing_was_said_or_no_one_reports_it() -> None:
    assert not _speech("Ivo Lind said the ministers will not discuss the budget.")[1]
    assert not _speech("Ivo Lind said a criticism of the plan was unfair.")[1]  # whose criticism?


def test_an_act_in_the_writers_voice_has_no_relay_and_relays_what_it_holds() -> None:
    (act,) = _speech("The dockers' criticism of the plan grew louder.")[1]
    assert (act.cue, act.speaker.mention, act.via) == ("criticism", "The dockers", ())
    comment, speech = _speech("Ivo Lind wrote a sharp comment on the premier's speech on Monday.")[1]
    assert (comment.cue, comment.speaker.name, comment.via) == ("comment", "Ivo Lind", ())
    assert (speech.cue, speech.via) == ("speech", ("Ivo Lind",))
    assert not _speech("We discussed the plan with the dockers.")[1], "the writer's we is no source"


def test_using_words_is_speech() -> None:
    (act,) = _speech("Ivo Lind said the premier used the words 'shared values' twice.")[1]
    assert (act.cue, act.speaker.mention, act.via) == ("used", "the premier", ("Ivo Lind",))
    assert not _speech("Ivo Lind said the dockers used the crane all night.")[1]
