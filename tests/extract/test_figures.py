"""Figures from hand-written sentences: what is counted, breakdowns, omitted subjects, windows, sources."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from fogwatch.extract.figures import captions_and_headings, extract_figures
from fogwatch.extract.nlp import parse_articles
from fogwatch.model import Article, Attribution, Figure, Speaker


def figures_of(
    text: str, attributions: Sequence[Attribution] = (), published: str | None = None
) -> list[Figure]:
    article = Article(id="t", source="t.txt", text=text, content_hash="h", published=published)
    parsed = next(parse_articles([article]))
    found = extract_figures(parsed, attributions)
    for figure in found:
        assert text[figure.start:figure.end] == figure.text
    return found


def said(
    text: str, content: str, name: str | None = "Oleh Ivanov", said_on: str | None = None
) -> Attribution:
    start = text.index(content)
    kind = "person" if name else "unnamed"
    return Attribution(
        id="a1", article="t", kind="indirect", text=content, start=start, end=start + len(content),
        speaker=Speaker(name, kind), said_on=said_on,
    )


@pytest.mark.parametrize(
    ("sentence", "value", "counted"),
    [
        ("Officials said 40 soldiers died in the attack.", 40, "killed"),
        ("At least 12 civilians were killed in the strike.", 12, "killed"),
        ("The army reported 120 casualties after the assault.", 120, "killed_or_wounded"),
        ("At least 12 civilians were killed or injured in the shelling.", 12, "killed_or_wounded"),
        ("About 300 soldiers have died or been injured since the offensive.", 300, "killed_or_wounded"),
        ("Twenty-five people were wounded when the market was hit.", 25, "wounded"),
        ("Ukraine said it had captured two North Korean soldiers.", 2, "captured"),
        ("More than 1.5 million people have been displaced by the fighting.", 1_500_000, "other"),
        ("Pyongyang has sent about 12,000 troops to Russia.", 12_000, "deployed"),
        ("The death toll rose to 15 on Tuesday.", 15, "killed"),
        ("Five soldiers were reported missing after the battle.", 5, "missing"),
    ],
)
def test_what_is_counted(sentence: str, value: float, counted: str) -> None:
    (figure,) = figures_of(sentence)
    assert (figure.value, figure.counted) == (value, counted)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 5-year-old girl was taken to hospital.",
        "He paid $2,500 for the rifle in 2022.",
        "Two F-16 jets flew over the city at 7:30 p.m.",
        "Gunmen fired 12 rounds at the building on Dec. 27.",
        "No soldiers were killed in the exchange.",
        "The troops were not injured, officials said.",
        "Police said the man, 25, was arrested.",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


def test_breakdown_is_linked_to_its_total() -> None:
    total, part = figures_of("The brigade suffered 4,000 casualties, including about 1,000 killed.")
    assert (total.value, total.counted, total.part_of) == (4000, "killed_or_wounded", None)
    assert (part.value, part.counted, part.qualifier, part.part_of) == (1000, "killed", "about", total.id)
    assert part.subject == total.subject


def test_separate_counts_in_one_sentence() -> None:
    killed, wounded = figures_of("The strike killed 12 people and injured 30 others.")
    assert (killed.value, killed.counted) == (12, "killed")
    assert (wounded.value, wounded.counted, wounded.part_of) == (30, "wounded", None)


def test_omitted_subject_comes_from_the_nearest_group() -> None:
    text = ("Ukrainian troops held the line near Pokrovsk for weeks. "
            "Commanders said there had been around 1,000 casualties.")
    (figure,) = figures_of(text)
    assert figure.subject == "Ukrainian troops"
    assert figure.counted == "killed_or_wounded"


def test_demonym_becomes_the_named_group() -> None:
    text = ("North Korean soldiers are fighting in Kursk. "
            "Officials said more than 3,000 North Koreans had been killed or wounded near Kursk by autumn.")
    (figure,) = figures_of(text)
    assert figure.subject == "North Korean soldiers"
    assert figure.place == "Kursk"
    assert (figure.low, figure.high, figure.qualifier) == (3000, None, "more than")
    assert figure.text == "more than 3,000 North Koreans had been killed or wounded"


def test_source_window_and_anchor_come_from_the_attribution() -> None:
    text = "According to Oleh Ivanov, about 200 soldiers were killed over the past week."
    attribution = said(text, "about 200 soldiers were killed over the past week", said_on="2024-12-27")
    (figure,) = figures_of(text, [attribution])
    assert (figure.source, figure.source_type, figure.attribution) == ("Oleh Ivanov", "person", "a1")
    assert figure.window is not None
    window = (figure.window.start, figure.window.end, figure.window.cumulative)
    assert window == ("2024-12-20", "2024-12-27", False)


def test_cumulative_window_and_article_anchor() -> None:
    text = "Since the war began in February 2022, more than 3,000 soldiers have been killed."
    (figure,) = figures_of(text, published="2024-12-28")
    assert figure.source is None
    assert figure.window is not None
    window = (figure.window.start, figure.window.end, figure.window.cumulative)
    assert window == ("2022-02-01", "2024-12-28", True)


def test_the_day_a_statement_was_made_is_not_the_window() -> None:
    text = "Kirby said on Friday that 1,000 soldiers had been killed or wounded."
    (figure,) = figures_of(text, published="2024-12-28")
    assert figure.window is None


def test_vague_figures_need_a_source() -> None:
    text = "Thousands of soldiers have died in the fighting."
    assert figures_of(text) == []
    (figure,) = figures_of(text, [said(text, text, name=None)])
    assert figure.vague and figure.value == 1000
    assert figure.source is None and figure.source_type == "unnamed"


def test_share_of_a_group() -> None:
    (figure,) = figures_of("Nearly 40% of the battalion's soldiers were killed, a commander said.")
    assert (figure.unit, figure.value, figure.counted) == ("percent", 40, "killed")
    assert figure.qualifier == "nearly"


def test_ids_follow_text_order() -> None:
    text = "Five soldiers were killed on Monday. Two more soldiers were wounded on Tuesday."
    assert [f.id for f in figures_of(text)] == ["t-f1", "t-f2"]


@pytest.mark.parametrize(
    ("sentence", "value", "counted"),
    [
        ("She said nine servicemen were listed as missing after the battle.", 9, "missing"),
        ("She said nine soldiers were missing.", 9, "missing"),
        ("Dozens of civilians were killed in the strike, officials said.", 12, "killed"),
        ("One of the men was killed.", 1, "killed"),
        ("Three of the men were killed.", 3, "killed"),
        ("Two of the victims had gunshot wounds in their arms.", 2, "wounded"),
        ("Two people suffered gunshot wounds.", 2, "wounded"),
        ("The shooting left one man critically injured.", 1, "wounded"),
        ("It has registered at least 15,000 people who have fled the valley.", 15_000, "other"),
        ("Two of the youngest victims died.", 2, "killed"),
    ],
)
def test_what_is_counted_in_harder_clauses(sentence: str, value: float, counted: str) -> None:
    """ "of" phrases, "listed as", "suffered wounds", "who fled": the clause around the number decides."""
    found = figures_of(sentence, [said(sentence, sentence, name=None)])
    assert [(f.value, f.counted) for f in found] == [(value, counted)]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was one of the heaviest tolls of the war.",
        "He fired one shot at the officer and fled.",
        "Police shot the man 20 times, including 6 in the back.",
        "Police say two men entered the shop to rob it, and during the robbery the cashier was shot.",
    ],
)
def test_no_harm_counted_in_harder_clauses(sentence: str) -> None:
    """The robbers are counted as people ("two men", counted `other`), never as the ones shot."""
    assert all(f.counted == "other" for f in figures_of(sentence))


def test_people_struck_are_wounded_unless_a_death_is_named() -> None:
    found = figures_of("Four people were struck by shrapnel near the market.")
    assert [(f.value, f.counted) for f in found] == [(4, "wounded")]


def test_people_counted_without_harm_are_other() -> None:
    (suspects,) = figures_of("Police said two men fled in a gray sedan.")
    assert (suspects.value, suspects.counted) == (2, "other")
    assert figures_of("The fire burned for 3 days.") == []


def test_a_hedge_bounds_every_count_it_governs() -> None:
    text = 'She said the losses amounted to "no more than 300 wounded and 40 killed".'
    wounded, killed = figures_of(text)
    assert (wounded.counted, wounded.low, wounded.high) == ("wounded", None, 300)
    assert (killed.counted, killed.low, killed.high, killed.qualifier) == ("killed", None, 40, "no more than")


def test_an_estimate_restated_as_a_range_counts_what_it_restates() -> None:
    text = ("The army lost about 1,200 soldiers killed or wounded last week, the ministry said. "
            "Seventeen soldiers were captured. "
            "An official said the internal estimate ranged between 1,100 and 1,300.")
    total, captured, estimate = figures_of(text)
    assert (estimate.low, estimate.high, estimate.value) == (1100, 1300, 1200)
    assert (estimate.counted, estimate.subject) == ("killed_or_wounded", total.subject)
    assert captured.counted == "captured"


def test_counted_incidents_are_events() -> None:
    text = "Tarvanian units had launched more than 40 assaults during the week, he said."
    (figure,) = figures_of(text)
    assert (figure.value, figure.low, figure.high) == (40, 40, None)
    assert (figure.counted, figure.unit) == ("other", "events")


def test_headline_figures_are_skipped_unless_asked_for() -> None:
    title = "Kestria claims 1,200 soldiers killed in a week"
    text = f"{title} of fighting\nAround 1,200 soldiers have been killed in the valley in the past week."
    article = Article(id="t", source="t.txt", text=text, content_hash="h", title=title)
    parsed = next(parse_articles([article]))
    (body,) = extract_figures(parsed, [])
    assert body.start > text.index("\n")
    assert len(extract_figures(parsed, [], include_headline=True)) == 2


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("Three shot, one dead after party downtown", [(3, "wounded"), (1, "killed")]),
        ("1 dead, 2 hurt in shooting at a bar", [(1, "killed"), (2, "wounded")]),
    ],
)
def test_clipped_headline_grammar(headline: str, expected: list[tuple[int, str]]) -> None:
    article = Article(id="t", source="t.txt", text=headline + "\nPolice are investigating.", content_hash="h",
                      title=headline)
    found = extract_figures(next(parse_articles([article])), [], include_headline=True)
    assert [(f.value, f.counted) for f in found] == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "Photo: City Desk Image 1 of 8 Police investigate a shooting that left four people wounded.",
        "Four people were wounded at a party. Dana Reyes reports. (Published Sunday, May 3)",
        "Four people were wounded at a party (Source: KXYZ)",
        "Bar Owner, 2 Others Killed in Riverside Shooting",
    ],
)
def test_captions_and_headings_in_the_text_are_skipped(paragraph: str) -> None:
    text = f"Police said a man opened fire outside a bar.\n\n{paragraph}\n\nThe bar was closed on Monday."
    assert figures_of(text) == []


def test_a_transcript_in_capitals_is_no_heading() -> None:
    text = ("Police said a man opened fire outside a bar.\n\n>> GOOD MORNING. LET ME BEGIN BY SAYING "
            "THAT FOUR PEOPLE WERE WOUNDED LAST NIGHT OUTSIDE THE RIVERSIDE BAR AND THAT WE ARE STILL "
            "LOOKING FOR THE MAN WHO FIRED THE SHOTS AT THEM")
    assert captions_and_headings(Article(id="t", source="t.txt", text=text, content_hash="h")) == []



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gunman opened fire, hitting three males and one female.", [(3, "wounded"), (1, "wounded")]),
        ("Neighbours said about a dozen shots were fired.", [(12, "other")]),
        ("Two robbery suspects fled on foot.", [(2, "other")]),
        ("Four victims were transported from the scene.", [(4, "wounded")]),
        ("Four victims were found near the river.", [(4, "killed_or_wounded")]),
        ("The blast resulted in six people suffering burns.", [(6, "wounded")]),
        ("Two men with stab wounds walked into the clinic.", [(2, "wounded")]),
        ("Crews reported 2 critical 1 serious 3 minor injuries.",
         [(2, "wounded"), (1, "wounded"), (3, "wounded")]),
        ("Six people were hurt in the fire — five from burns and one from smoke.",
         [(6, "wounded"), (5, "wounded"), (1, "wounded")]),
        ("Several people were shot outside the bar.", [(3, "wounded")]),
    ],
)
def test_what_local_reports_count(text: str, expected: list[tuple[float, str]]) -> None:
    """Shots, suspects, medics' tallies, victims carried away and a dash breaking a group down."""
    found = figures_of(text, [said(text, text, name=None)])
    assert [(f.value, f.counted) for f in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "One of the residents was taken away, a neighbour said.",
        "One of two suspects was arrested, a neighbour said.",
        "Several people were inside, a neighbour said.",
        "One of the victims was hurt by glass, a neighbour said.",
        "Anyone with information about the two men who were hurt may call 555-0142, a neighbour said.",
    ],
)
def test_what_is_not_a_count(text: str) -> None:
    """A person picked out of a group, a count of nobody harmed no one could check, a telephone number."""
    found = figures_of(text, [said(text, text.split(", a neighbour")[0], name=None)])
    assert [f.text for f in found if not f.text.startswith("two ")] == []  # "two suspects" is a count


def test_a_total_and_a_bare_number_take_the_group_they_stand_for() -> None:
    """ "a total of N people were killed" counts the killed; "the six were shot" after "six people
    were wounded" counts those people, not the officers named in between."""
    text = ("A total of 12 people were killed in the blast. Six people were wounded. Officers arrived "
            "within minutes. The six were shot from a passing car.")
    found = figures_of(text, [said(text, text, name=None)])
    assert [(f.value, f.counted) for f in found][:2] == [(12, "killed"), (6, "wounded")]
    assert found[-1].value == 6 and found[-1].subject == "people"


def test_ages_after_a_dash_are_no_parts_of_the_group() -> None:
    text = "Four men who were struck — one 31 years old, another 58, two others 44 — were taken to hospital."
    values = [f.value for f in figures_of(text, [said(text, text, name=None)])]
    assert 4 in values and 58 not in values and 44 not in values
