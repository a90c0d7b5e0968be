"""Who speaks and who carries the words in longer chains: a spokesperson speaking on behalf of a
body, an appeal sent in a letter, a speaker urged to speak, a digest's announced excerpt, a role
named by another word for it (invented sentences)."""

from __future__ import annotations

from fogwatch.extract.attribution import extract_speech
from fogwatch.extract.cue_syntax import source_of
from fogwatch.model import Attribution, SpeechAct
from tests.extract.attribution_support import parse


def _speech(text: str) -> tuple[list[Attribution], list[SpeechAct]]:
    return extract_speech(parse(text))


def _source(text: str, verb: str) -> str | None:
    parsed = parse(text)
    token = next(t for s in parsed.sentences for t in s.doc or [] if t.text == verb)
    source = source_of(token)
    return source.text if source is not None else None


def test_a_body_spoken_for_carries_what_the_statement_reports() -> None:
    text = ("Speaking on behalf of the dock unions, union president Tarin Holt said the council's "
            "report was late.")
    attributions, acts = _speech(text)
    assert [a.via for a in attributions] == [()]
    (act,) = [a for a in acts if a.cue == "report"]
    assert act.via == ("the dock unions", "Tarin Holt")


def test_acting_on_behalf_of_someone_inside_the_content_carries_nothing() -> None:
    text = "Tarin Holt said he had acted on behalf of the unions when the council's report came out."
    _, acts = _speech(text)
    assert all("unions" not in " ".join(a.via) for a in acts)


def test_a_purpose_is_no_speech_act_of_the_thing_it_is_for() -> None:
    _, acts = _speech("Mayor Ilsa Vorn said the strike was to protest the council's response to the dockers.")
    assert [a.cue for a in acts] == ["response"]
    assert acts[0].via == ("Ilsa Vorn",), "the strike says nothing and carries nothing"


def test_the_one_urged_to_speak_speaks_and_the_urger_carries() -> None:
    assert _source("Ivo Lind urged the mayor to announce that the port would reopen.", "announce") == "mayor"
    attributions, _ = _speech("Ivo Lind urged the mayor to announce that the port would reopen.")
    announce = next(a for a in attributions if a.cue == "to announce")
    assert announce.speaker.mention == "the mayor" and announce.via == ("Ivo Lind",)


def test_a_letter_urging_is_its_senders_appeal() -> None:
    assert _source("The Harbour League sent a letter to the council urging it to reopen the port.",
                   "urging") == "League"


def test_the_premier_is_the_prime_minister_named_before() -> None:
    attributions, _ = _speech("Talks between Prime Minister Aldo Verrin and the unions resumed on Monday. "
                              "The premier said the port would reopen.")
    (said,) = attributions
    assert said.speaker.name == "Aldo Verrin"


EXCERPT = (
    "Ivo Lind, a member of the assembly, wrote a sharp comment on the premier's speech on Monday. "
    "The following is a translated excerpt from an article by Lind published in his newsletter on "
    "Monday. Lind writes the newsletter weekly.\n\n"
    "\"During Premier Aldo Verrin's speech, I almost shouted. The council says the plan is too costly. "
    "Envoys from the northern states came and asked me what I thought of the premier's speech.\"\n"
)


def test_an_announced_excerpt_is_its_authors_and_carries_what_it_reports() -> None:
    attributions, acts = _speech(EXCERPT)
    excerpt = next(a for a in attributions if a.text.startswith("During"))
    assert excerpt.speaker.name == "Ivo Lind" and excerpt.cue == "following"
    asked = next(a for a in attributions if a.cue == "asked")
    assert asked.via == ("Ivo Lind",) and "Envoys" in (asked.speaker.mention or "")
    speeches = [a for a in acts if a.cue == "speech" and a.start > EXCERPT.index("During")]
    assert [a.via for a in speeches] == [("Ivo Lind",), ("Envoys from the northern states", "Ivo Lind")]


def test_no_excerpt_without_an_author_or_an_announcement() -> None:
    text = ("The following is a translated excerpt from an editorial published on Monday.\n\n"
            "\"The plan is too costly and the council knows it.\"\n")
    assert not _speech(text)[0]
    text = "Ivo Lind wrote an article on Monday.\n\n\"The plan is too costly and the council knows it.\"\n"
    assert not _speech(text)[0]
