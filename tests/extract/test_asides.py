"""Cues set inside the clause they report ("With the deal signed, he said, the port will ...") and
cues whose subject follows them ("The ministry, said Ivo Lind, recommends ...")."""

from __future__ import annotations

from tests.extract.attribution_support import attributions, find


def test_an_aside_before_the_clause_reports_the_clause_after_it() -> None:
    found = attributions(
        "Harbour master Mara Velde said the ferry would run again. "
        "With the new ramp in place, she said, the port authority hopes to double the crossings."
    )
    aside = find(found, "port authority hopes")
    assert aside.cue == "said" and aside.speaker.name == "Mara Velde"
    assert aside.text == "the port authority hopes to double the crossings"


def test_an_aside_after_the_subject_reports_the_whole_clause() -> None:
    found = attributions("The new bridge, Mayor Anna Lind said, will open to traffic in the spring.")
    bridge = find(found, "open to traffic")
    assert bridge.speaker.name == "Anna Lind"
    assert bridge.text.startswith("The new bridge") and bridge.text.endswith("in the spring")


def test_an_aside_after_a_clausal_subject_reports_that_subject() -> None:
    found = attributions(
        "Tomas Berg said he was trapped for hours. That he got out alive, he says, is a small wonder."
    )
    alive = find(found, "got out alive")
    assert alive.speaker.name == "Tomas Berg" and "wonder" not in alive.text


def test_a_participle_naming_a_thing_is_no_aside() -> None:
    found = attributions("His trust, called the Velt Fund, will keep the land until the loan is repaid.")
    assert not [a for a in found if a.cue == "called"]


def test_a_quotation_split_by_its_cue_stays_two_direct_pieces() -> None:
    found = attributions('"That," Anna Lind added, "will cost the town a fortune."')
    assert all(a.kind == "direct" for a in found)
    assert find(found, "will cost the town").text == "will cost the town a fortune."


def test_the_name_after_an_inverted_cue_is_its_speaker() -> None:
    found = attributions(
        "The Transport Ministry, said Ivo Lind, recommends that the council approve the plan."
    )
    assert find(found, "council approve").speaker.name == "Ivo Lind"
