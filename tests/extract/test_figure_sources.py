"""Who gave a figure, read end to end (attributions, then figures) from hand-written sentences."""

from __future__ import annotations

from fogwatch.extract.attribution import extract_attributions
from fogwatch.extract.figure_sources import attribution_for
from fogwatch.extract.figures import extract_figures
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence
from fogwatch.model import Attribution, Figure, Speaker
from tests.extract.attribution_support import parse


def figures(text: str) -> list[Figure]:
    parsed = parse(text)
    return extract_figures(parsed, extract_attributions(parsed))


def figure(text: str, words: str) -> Figure:
    """The figure whose text starts with some words."""
    hits = [f for f in figures(text) if f.text.startswith(words)]
    assert hits, f"no figure starts with {words!r}"
    return hits[0]


def test_a_later_sentence_that_confirms_the_figure_gives_its_source() -> None:
    text = ("About 300 soldiers were killed or wounded in the last week. "
            "This was confirmed by Colonel Marko Danylenko, a spokesman for the eastern command.")
    assert figure(text, "About 300").source == "Marko Danylenko"


def test_the_toll_confirmed_by_an_institution() -> None:
    text = "At least 12 people were killed in the blast. The toll was confirmed by the Interior Ministry."
    assert figure(text, "At least 12").source == "Interior Ministry"


def test_the_figure_came_from_a_named_office_rather_than_an_unnamed_one() -> None:
    text = ("Some 40 civilians died in the shelling, the regional governor said. "
            "The figure came from the regional health office.")
    assert figure(text, "Some 40").source == "regional health office"


def test_a_source_that_confirms_the_toll_in_the_active_voice() -> None:
    text = "Nine people died in the collapse. The Ministry of Energy confirmed the toll."
    assert figure(text, "Nine people").source == "Ministry of Energy"


def test_other_ways_of_crediting_the_figure_before() -> None:
    for text, source in (
        ("Five people were killed in the attack. That's according to the regional governor, Oleh Sinyuk.",
         "Oleh Sinyuk"),
        ("Five people were killed in the attack. The figures were released by the Varna city council.",
         "Varna city council"),
        ("Five people were killed in the attack. According to the Varna city council.", "Varna city council"),
        ("Five people were killed in the attack. This information was confirmed by the Varna city council.",
         "Varna city council"),
    ):
        assert figure(text, "Five people").source == source, text


def test_the_toll_reaches_past_a_sentence_but_this_does_not() -> None:
    text = ("Five people were killed in the attack on the market. The attack began at dawn. "
            "The toll was confirmed by the Varna city council.")
    assert figure(text, "Five people").source == "Varna city council"
    text = ("Five people were killed in the attack on the market. The attack began at dawn. "
            "This was confirmed by the Varna city council.")
    assert figure(text, "Five people").source is None


def split_at(text: str, *cuts: str) -> ParsedArticle:
    """An article split into unparsed sentences after each cut, as a splitter fooled by "Lt." does."""
    parsed = parse(text)
    ends = [text.index(cut) + len(cut) for cut in cuts] + [len(text)]
    starts = [0, *(end + 1 for end in ends[:-1])]
    sentences = [ParsedSentence(a, b, text[a:b]) for a, b in zip(starts, ends, strict=True)]
    return ParsedArticle(parsed.article, sentences)


def test_a_sentence_cut_at_an_abbreviated_rank_is_no_back_reference() -> None:
    text = "A gunman shot four people in November. According to Lt. Dana Ruiz, a reward is offered."
    parsed = split_at(text, "November.", "Lt.")
    assert attribution_for(parsed, [], text.index("four"), text.index(" in November")) is None
    text = "A gunman shot four people in November. According to the Varna County Police."
    parsed = split_at(text, "November.")
    found = attribution_for(parsed, [], text.index("four"), text.index(" in November"))
    assert found is not None and found.speaker.name == "Varna County Police Department"


def test_a_report_from_a_ranked_officer_names_the_officer() -> None:
    text = ("Officers found four victims with gunshot wounds in the car park of a diner, "
            "according to the report from Sgt. Ryan Holloway.")
    assert figure(text, "four victims").source == "Ryan Holloway"


def test_an_according_line_without_its_statement_is_no_back_reference() -> None:
    text = ("Four people were shot at the club on Saturday.\n\nAccording to County Coroner Dana Wills\n\n"
            "A 21-year-old man died from his injuries.")
    assert figure(text, "Four people").source is None


def test_a_source_that_released_nothing_gives_nothing() -> None:
    for later in ("Police did not release the toll.", "Authorities released no information about them.",
                  "The figure could not be verified by the Varna Post."):
        text = f"Three people were taken to the hospital. {later}"
        assert figure(text, "Three people").source is None, text


def test_people_released_are_no_figure_released() -> None:
    text = "Two people were wounded and taken to hospital. They were released by doctors on Sunday."
    assert figure(text, "Two people").source is None


def test_a_following_sentence_with_numbers_of_its_own_is_no_back_reference() -> None:
    text = "Five people were killed in the crash. The Ministry of Transport confirmed that 12 were injured."
    assert figure(text, "Five people").source is None


def test_the_possessor_of_an_estimate_gives_the_figure() -> None:
    text = "By the Kestrian army's estimate, 60 soldiers were killed in the assault."
    assert figure(text, "60 soldiers").source == "Kestrian army"


def test_a_statement_from_a_named_source_names_an_unnamed_one_and_keeps_its_relays() -> None:
    text = ("At least 40 soldiers were killed, according to a statement from the Kestrian army, "
            "Reuters reported.")
    found = figure(text, "At least 40")
    assert (found.source, found.via) == ("Kestrian army", ("Reuters",))
    assert found.attribution is not None


def test_a_figure_in_the_speakers_own_words_is_not_what_they_said() -> None:
    text = "A neighbour of the family where two children were wounded said she heard several shots."
    assert figure(text, "two children").source is None


def test_a_clause_after_a_trailing_cue_continues_the_statement() -> None:
    text = "At least 12 people were killed, Governor Ivan Marek said on Sunday, and 30 were wounded."
    assert figure(text, "30").source == "Ivan Marek"


def test_a_clause_about_the_speaker_is_not_their_statement() -> None:
    text = "The Kestrian army, which has lost 300 soldiers since May, said the assault was repelled."
    assert figure(text, "300").source is None


def test_reported_speech_gives_the_speaker_and_the_relays() -> None:
    text = ("Defence ministry spokesman Andriy Kovalenko said in a statement on Wednesday that 40 were "
            "killed and 70 wounded, Reuters reported.")
    found = figure(text, "40")
    assert (found.source, found.via) == ("Andriy Kovalenko", ("Reuters",))
    assert figure(text, "70").source == "Andriy Kovalenko"


def test_police_said_before_after_or_according_to() -> None:
    assert figure("Police said three people were shot near the school.", "three").source == "Police"
    assert figure("Two men were shot outside a bar late Friday, police said.", "Two men").source == "police"
    assert figure("According to police, two people were wounded in the shooting.", "two").source == "police"


def test_what_the_writer_states_stays_unsourced() -> None:
    for text in ("Three people were shot on Main Street on Saturday. Police said the suspect fled in a car.",
                 "Three people were shot on Main Street on Saturday. Police are investigating the shooting.",
                 "Detective Ana Brooks said the shooting followed an argument.\n\n"
                 "Three people were taken to the hospital with gunshot wounds."):
        assert figure(text, "Three people").source is None, text


def test_a_ministry_in_a_city_stays_the_ministry_the_sentence_names() -> None:
    text = ("Kestria's Defence Ministry said its forces lost 1,200 troops in a day. "
            "The health ministry in Varna said 12 civilians were killed in the strike.")
    assert figure(text, "12 civilians").source == "health ministry"
    text = ("Kestria's Defence Ministry said its forces lost 1,200 troops in a day. "
            "The defence ministry said 12 civilians were killed in the strike.")
    assert figure(text, "12 civilians").source == "Defence Ministry"


def test_attribution_for_is_a_function_of_the_article_the_attributions_and_a_span() -> None:
    text = "A man was shot and killed near the park on Sunday, police said."
    parsed = parse(text)
    content = "A man was shot and killed near the park on Sunday"
    said = Attribution(id="a1", article="t", kind="indirect", text=content, start=0, end=len(content),
                       speaker=Speaker("Varna Police Department", "organization"))
    found = attribution_for(parsed, [said], 0, len("A man was shot and killed"))
    assert found is said
    assert attribution_for(parsed, [], 0, 5) is None
