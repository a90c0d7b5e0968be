"""Hard-wrapped plain text: soft line breaks read as spaces, offsets unchanged."""

from __future__ import annotations

from fogwatch.extract.wrapping import is_wrapped, unwrapped
from tests.extract.attribution_support import attributions, find

WRAPPED = (
    "  HARBOUR CITY - The ferry service across the strait was ready \n"
    "to resume yesterday after engineers from the port authority \n"
    "replaced the damaged ramp on the northern pier this week.\n"
    "\n"
    "  The Harbour Board said the new ramp on the northern pier of \n"
    "the port was ready for its first crossing today and would carry \n"
    "and buses from the first week of next month onwards, too.\n"
    "\n"
    "  \"We are very pleased with how quickly the work was done,\" \n"
    "said Mara Velde, the harbour master at the northern terminal.\n"
)


def test_a_wrapped_text_reads_its_soft_breaks_as_spaces() -> None:
    view = unwrapped(WRAPPED)
    assert len(view) == len(WRAPPED)
    assert "northern pier of the port was ready" in " ".join(view.split())
    assert "\n\n" in view  # paragraph breaks stay
    assert view.count("\n") == WRAPPED.count("\n\n") * 2 + 1


def test_news_with_one_paragraph_a_line_is_left_alone() -> None:
    text = (
        "The council approved the budget on Tuesday after a long debate about the new school.\n"
        "Mayor Anna Lind said the vote was a relief.\n"
        "Opposition members said they would appeal the decision in court next month, citing costs.\n"
        "The school is set to open in the autumn.\n"
        "Residents were divided.\n"
    )
    assert not is_wrapped(text)
    assert unwrapped(text) == text


def test_a_cue_after_a_soft_break_finds_its_speaker_and_content() -> None:
    found = attributions(WRAPPED)
    ramp = find(found, "was ready for its first crossing")
    assert ramp.speaker.name == "Harbour Board" and ramp.text.startswith("the new ramp")
    assert WRAPPED[ramp.start:ramp.end] == ramp.text
    quote = find(found, "We are very pleased")
    assert quote.kind == "direct" and quote.speaker.name == "Mara Velde"
