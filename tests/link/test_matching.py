"""Linking claims into statements: blocking by voice, figures, quotations, cannot-link rules, independence."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fogwatch.link.clusters import Clusters, Item, words_of
from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import LinkSettings, build_statements, voice_parts
from fogwatch.model import Statement, Window
from tests.link.builders import Doc, corpus

WEEK = Window("in the past week", "2024-12-20", "2024-12-27", cumulative=False)


def _group(statements: Sequence[Statement], member: str) -> set[str]:
    return next(set(s.members) for s in statements if member in s.members)


def _link(*docs: Doc) -> list[Statement]:
    return build_statements(*corpus(*docs), embed=hashed_embed)


def test_reworded_quotation_by_surname_and_full_name_is_one_statement() -> None:
    a = Doc("a", '"It is evident that the generals treat these units as spare parts," Kirby stated.')
    a.quote("a1", "It is evident that the generals treat these units as spare parts", "Kirby")
    b = Doc("b", '"It is clear that the generals treat these troops as spare parts," John Kirby said.')
    b.quote("b1", "It is clear that the generals treat these troops as spare parts", "John Kirby")
    statements = _link(a, b)
    assert _group(statements, "a1") == {"a1", "b1"}
    assert next(s for s in statements if "a1" in s.members).origin == "John Kirby"


def test_figure_joins_its_attribution_and_the_same_figure_elsewhere() -> None:
    a = Doc(
        "a", "According to Kirby, as cited by Reuters, about 1,000 soldiers were killed or injured last week."
    )
    a.quote(
        "a1",
        "about 1,000 soldiers were killed or injured last week",
        "John Kirby",
        kind="indirect",
        via=("Reuters",),
    )
    a.figure(
        "f1",
        "about 1,000 soldiers",
        1000,
        "killed_or_wounded",
        subject="soldiers",
        source="John Kirby",
        attribution="a1",
        via=("Reuters",),
        window=Window("last week"),
    )
    b = Doc(
        "b", "Kirby stated on December 27 that the units had around 1,000 casualties over the past week."
    )
    b.quote(
        "b1",
        "the units had around 1,000 casualties over the past week",
        "John Kirby",
        kind="indirect",
        via=("Institute for the Study of War",),
        said_on="2024-12-27",
    )
    b.figure(
        "f2",
        "around 1,000 casualties",
        1000,
        "killed_or_wounded",
        subject="units",
        source="John Kirby",
        attribution="b1",
        window=WEEK,
        via=("ISW",),
    )
    statements = _link(a, b)
    assert _group(statements, "f1") == {"a1", "f1", "b1", "f2"}
    linked = next(s for s in statements if "f1" in s.members)
    assert linked.independent_origins == 1
    assert linked.said_on == "2024-12-27"
    assert set(linked.relays) == {"Reuters", "Institute for the Study of War"}


def test_weekly_toll_and_running_total_stay_apart() -> None:
    a = Doc("a", "Zelensky said 3,000 soldiers were killed or wounded since October.")
    a.figure(
        "f1",
        "3,000 soldiers",
        3000,
        "killed_or_wounded",
        subject="soldiers",
        source="Volodymyr Zelensky",
        window=Window("since October"),
    )
    b = Doc("b", "Zelensky said 3,000 soldiers were killed or wounded in the past week.")
    b.figure(
        "f2",
        "3,000 soldiers",
        3000,
        "killed_or_wounded",
        subject="soldiers",
        source="Volodymyr Zelensky",
        window=Window("in the past week"),
    )
    statements = _link(a, b)
    assert _group(statements, "f1") == {"f1"}


def test_different_numbers_never_share_a_statement_even_with_the_same_words() -> None:
    a = Doc("a", "The ministry said 1,200 soldiers were killed in the valley this week.")
    a.quote(
        "a1",
        "1,200 soldiers were killed in the valley this week",
        "Defence Ministry",
        kind="indirect",
        type="organization",
    )
    a.figure(
        "f1",
        "1,200 soldiers",
        1200,
        "killed",
        subject="soldiers",
        source="Defence Ministry",
        attribution="a1",
    )
    b = Doc("b", "The ministry said 1,500 soldiers were killed in the valley this week.")
    b.quote(
        "b1",
        "1,500 soldiers were killed in the valley this week",
        "Defence Ministry",
        kind="indirect",
        type="organization",
    )
    b.figure(
        "f2",
        "1,500 soldiers",
        1500,
        "killed",
        subject="soldiers",
        source="Defence Ministry",
        attribution="b1",
    )
    statements = _link(a, b)
    assert _group(statements, "a1") == {"a1", "f1"}


def test_a_rounded_figure_joins_the_one_statement_it_covers() -> None:
    a = Doc("a", "The ministry said about 1,200 soldiers were killed or wounded in the valley in a week.")
    a.figure(
        "f1",
        "about 1,200 soldiers",
        1200,
        "killed_or_wounded",
        subject="soldiers",
        place="Selka Valley",
        source="Defence Ministry",
        source_type="organization",
        qualifier="about",
    )
    b = Doc("b", "The ministry said more than 1,000 soldiers were killed or wounded in the valley.")
    b.figure(
        "f2",
        "more than 1,000 soldiers",
        1000,
        "killed_or_wounded",
        low=1000,
        high=None,
        subject="soldiers",
        place="Selka Valley",
        source="Defence Ministry",
        source_type="organization",
        qualifier="more than",
    )
    assert _group(_link(a, b), "f2") == {"f1", "f2"}
    c = Doc("c", "The ministry also said 1,500 soldiers were killed or wounded in the valley last month.")
    c.figure(
        "f3",
        "1,500 soldiers",
        1500,
        "killed_or_wounded",
        subject="soldiers",
        place="Selka Valley",
        source="Defence Ministry",
        source_type="organization",
    )
    assert _group(_link(a, b, c), "f2") == {"f2"}  # two statements fit: ambiguous, so none is chosen


def test_one_attribution_per_article_and_statement() -> None:
    a = Doc("a", '"We will hold the line," Smith said. "We will hold the line at any cost," she added.')
    a.quote("a1", "We will hold the line", "Anna Smith")
    a.quote("a2", "We will hold the line at any cost", "Anna Smith")
    b = Doc("b", '"We will hold the line at any cost," Anna Smith said.')
    b.quote("b1", "We will hold the line at any cost", "Anna Smith")
    statements = _link(a, b)
    assert _group(statements, "b1") == {"a2", "b1"}
    assert _group(statements, "a1") == {"a1"}


def test_unnamed_sources_link_only_inside_a_syndicated_copy() -> None:
    text = "Officials say the town has been shelled every day since the start of the month."
    a = Doc("a", text, published="2026-03-12")
    a.quote("a1", "the town has been shelled every day since the start of the month", None, kind="indirect")
    b = Doc("b", text, published="2026-03-12", copy_of="a")
    b.quote("b1", "the town has been shelled every day since the start of the month", None, kind="indirect")
    c = Doc("c", text, published="2026-03-13")
    c.quote("c1", "the town has been shelled every day since the start of the month", None, kind="indirect")
    statements = _link(a, b, c)
    assert _group(statements, "a1") == {"a1", "b1"}
    assert "syndicated copy" in next(s for s in statements if "a1" in s.members).explanation
    assert _group(statements, "c1") == {"c1"}


def _displaced(doc: Doc, fid: str, source: str, kind: str, qualifier: str) -> None:
    doc.figure(
        fid,
        "15,000 people",
        15000,
        "other",
        low=15000,
        high=None,
        subject="displaced civilians",
        place="Selka Valley",
        window=Window("since late February"),
        source=source,
        source_type=kind,
        qualifier=qualifier,
    )


def test_independent_origins_giving_the_same_figure_count_twice() -> None:
    a = Doc("a", "Governor Marek Holubets said more than 15,000 people had fled.", published="2026-03-12")
    _displaced(a, "f1", "Marek Holubets", "person", "more than")
    b = Doc("b", "The Drovna Relief Network said at least 15,000 people had fled.", published="2026-03-13")
    _displaced(b, "f2", "Drovna Relief Network", "organization", "at least")
    statements = _link(a, b)
    joined = next(s for s in statements if "f1" in s.members)
    assert set(joined.members) == {"f1", "f2"}
    assert joined.independent_origins == 2
    assert joined.origin == "Marek Holubets"


def test_a_relay_credited_with_the_claim_is_not_an_independent_origin() -> None:
    a = Doc(
        "a", "The centre wrote that the ministry reported 1,200 soldiers killed or wounded in the valley."
    )
    a.figure(
        "f1",
        "1,200 soldiers",
        1200,
        "killed_or_wounded",
        subject="soldiers",
        place="Selka Valley",
        window=WEEK,
        source="Defence Ministry",
        source_type="organization",
        via=("Ostrel Centre",),
    )
    b = Doc("b", "The Ostrel Centre estimated 1,200 soldiers killed or wounded in the valley.")
    b.figure(
        "f2",
        "1,200 soldiers",
        1200,
        "killed_or_wounded",
        subject="soldiers",
        place="Selka Valley",
        window=WEEK,
        source="Ostrel Centre",
        source_type="organization",
    )
    joined = next(s for s in _link(a, b) if "f1" in s.members)
    assert set(joined.members) == {"f1", "f2"}
    assert joined.independent_origins == 1
    assert joined.origin == "Defence Ministry"
    assert "only relayed it" in joined.explanation


def test_a_spokesperson_and_the_ministry_they_speak_for_are_one_origin() -> None:
    a = Doc("a", "The Kestrian Ministry of Defence said 17 soldiers had been captured.")
    a.figure(
        "f1",
        "17 soldiers",
        17,
        "captured",
        subject="soldiers",
        source="Kestrian Ministry of Defence",
        source_type="organization",
    )
    b = Doc(
        "b",
        "Colonel Tymofiy Halvanenko, spokesperson for the Kestrian Ministry of Defence, said 17 soldiers "
        "had been captured.",
    )
    b.figure("f2", "17 soldiers", 17, "captured", subject="soldiers", source="Tymofiy Halvanenko")
    joined = next(s for s in _link(a, b) if "f1" in s.members)
    assert set(joined.members) == {"f1", "f2"}
    assert joined.independent_origins == 1
    assert joined.origin == "Tymofiy Halvanenko"


def test_a_ranked_officer_briefing_for_the_department_is_the_department() -> None:
    a = Doc("a", "Harlow police said 3 people were wounded.")
    a.figure("f1", "3 people", 3, "wounded", subject="people", source="Harlow Police Department",
             source_type="organization")
    b = Doc("b", "Three people were wounded, said Lt. Ann Roe with the Harlow Police.")
    b.figure("f2", "Three people", 3, "wounded", subject="people", source="Ann Roe")
    joined = next(s for s in _link(a, b) if "f1" in s.members)
    assert set(joined.members) == {"f1", "f2"} and joined.independent_origins == 1
    assert joined.origin == "Harlow Police Department"  # an officer briefing, not a named spokesperson
    c = Doc("c", "Three people were wounded, said Dr. Ann Roe, a surgeon at Harlow General.")
    c.figure("f3", "Three people", 3, "wounded", subject="people", source="Ann Roe")
    apart = next(s for s in _link(a, c) if "f1" in s.members)
    assert "f3" not in apart.members or apart.independent_origins == 2


def test_ids_are_deterministic_and_embeddings_only_for_multi_article_blocks() -> None:
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return hashed_embed(texts)

    a = Doc("a", '"Alpha beta gamma delta," Smith said. "Lone words here," Jones said.')
    a.quote("a1", "Alpha beta gamma delta", "Anna Smith")
    a.quote("a2", "Lone words here", "Bob Jones")
    b = Doc("b", '"Alpha beta gamma delta epsilon," Smith said.')
    b.quote("b1", "Alpha beta gamma delta epsilon", "Anna Smith")
    first = build_statements(*corpus(a, b), embed=counting)
    second = build_statements(*corpus(b, a), embed=counting)
    assert [s.id for s in first] == [s.id for s in second]
    assert all(s.id.startswith("s-") for s in first)
    assert calls == [2, 2]  # Jones's lone quotation is never embedded


def test_a_breakdown_joins_the_report_that_gives_it_with_a_total() -> None:
    a = Doc("a", "Harbor police said three people were hit by bullets and two were cut by flying glass.")
    a.quote("a1", "three people were hit by bullets and two were cut by flying glass", "Harbor Police",
            kind="indirect", type="organization")
    a.figure("f1", "three people", 3, "wounded", subject="people", source="Harbor Police", attribution="a1")
    a.figure("f2", "two", 2, "wounded", subject="people", source="Harbor Police", attribution="a1")
    b = Doc("b", "Harbor police said five people were hurt, three by gunfire and two by glass, none badly.")
    b.quote("b1", "five people were hurt, three by gunfire and two by glass, none badly", "Harbor Police",
            kind="indirect", type="organization")
    b.figure("g1", "five people", 5, "wounded", subject="people", source="Harbor Police", attribution="b1")
    b.figure("g2", "three", 3, "wounded", subject="people", source="Harbor Police", attribution="b1")
    b.figure("g3", "two", 2, "wounded", subject="people", source="Harbor Police", attribution="b1")
    assert _group(_link(a, b), "a1") == {"a1", "f1", "f2", "b1", "g1", "g2", "g3"}


def test_one_shared_small_count_does_not_join_a_report_of_several() -> None:
    a = Doc("a", "Harbor police said one wounded man drove himself to the clinic.")
    a.quote("a1", "one wounded man drove himself to the clinic", "Harbor Police",
            kind="indirect", type="organization")
    a.figure("f1", "one wounded man", 1, "wounded", subject="man", source="Harbor Police", attribution="a1")
    b = Doc("b", "Harbor police said three men and one man were wounded on the pier.")
    b.quote("b1", "three men and one man were wounded on the pier", "Harbor Police",
            kind="indirect", type="organization")
    b.figure("g1", "three men", 3, "wounded", subject="men", source="Harbor Police", attribution="b1")
    b.figure("g2", "one man", 1, "wounded", subject="man", source="Harbor Police", attribution="b1")
    assert _group(_link(a, b), "a1") == {"a1", "f1"}


def test_a_person_counted_as_one_does_not_keep_a_paraphrase_apart() -> None:
    vectors = {"one hurt man tried to walk to the clinic, but fell on the pier": [1.0, 0.0],
               "The wounded man attempted to walk himself to the clinic": [0.8, 0.6]}

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.array([vectors[t] for t in texts], dtype=np.float32)

    a = Doc("a", "Harbor police said one hurt man tried to walk to the clinic, but fell on the pier.")
    a.quote("a1", "one hurt man tried to walk to the clinic, but fell on the pier", "Harbor Police",
            kind="indirect", type="organization")
    a.figure("f1", "one hurt man", 1, "wounded", subject="man", source="Harbor Police", attribution="a1")
    b = Doc("b", "Harbor police said The wounded man attempted to walk himself to the clinic.")
    b.quote("b1", "The wounded man attempted to walk himself to the clinic", "Harbor Police",
            kind="indirect", type="organization")
    assert _group(build_statements(*corpus(a, b), embed=embed), "a1") == {"a1", "f1", "b1"}


def test_a_count_of_some_people_joins_a_report_that_also_counts_others() -> None:
    a = Doc("a", "Harbor police said four boys were on the ferry.")
    a.quote("a1", "four boys were on the ferry", "Harbor Police", kind="indirect", type="organization")
    a.figure("f1", "four boys", 4, "other", subject="boys", source="Harbor Police", attribution="a1")
    b = Doc("b", "Harbor police said aboard the ferry were three women and four boys.")
    b.quote("b1", "aboard the ferry were three women and four boys", "Harbor Police",
            kind="indirect", type="organization")
    b.figure("g1", "three women", 3, "other", subject="women", source="Harbor Police", attribution="b1")
    b.figure("g2", "four boys", 4, "other", subject="boys", source="Harbor Police", attribution="b1")
    assert _group(_link(a, b), "a1") == {"a1", "f1", "b1", "g1", "g2"}


def _many_voices() -> list[Doc]:
    """Voices that link among themselves, a figure credited to another voice than its attribution's,
    and two voices corroborating one figure (the one pass that joins voices)."""
    a = Doc("a", '"The bridge at Orsk will reopen in May," Mayor Ilse Varga said, adding that '
                 "the ministry counted 40 wounded. Governor Marek Holubets said more than 15,000 people "
                 "had fled.", published="2026-03-12")
    a.quote("a1", "The bridge at Orsk will reopen in May", "Ilse Varga")
    a.quote("a2", "the ministry counted 40 wounded", "Ilse Varga", kind="indirect")
    a.figure("a3", "40 wounded", 40, "wounded", subject="wounded", source="Orsk Health Ministry",
             attribution="a2")
    b = Doc("b", '"The Orsk bridge will reopen in May," Varga said. The Drovna Relief Network said at least '
                 "15,000 people had fled.", published="2026-03-13")
    b.quote("b1", "The Orsk bridge will reopen in May", "Varga")
    c = Doc("c", "The Orsk Health Ministry said 40 people were wounded.", published="2026-03-13")
    c.quote("c1", "40 people were wounded", "Orsk Health Ministry", kind="indirect", type="organization")
    c.figure("c2", "40 people", 40, "wounded", subject="wounded", source="Orsk Health Ministry",
             attribution="c1")
    _displaced(a, "a4", "Marek Holubets", "person", "more than")
    _displaced(b, "b2", "Drovna Relief Network", "organization", "at least")
    return [a, b, c]


def test_voices_linked_in_parts_give_the_statements_one_pass_gives() -> None:
    articles, claims = corpus(*_many_voices())
    jobs: list[tuple[object, ...]] = []

    def recorded(link, shipped, costs):  # type: ignore[no-untyped-def]
        jobs.extend(shipped)
        return [link(*job) for job in shipped]

    whole = build_statements(articles, claims, embed=hashed_embed)
    for parts in (2, 3, 64):
        jobs.clear()
        apart = build_statements(articles, claims, embed=hashed_embed, settings=LinkSettings(parts=parts),
                                 map_groups=recorded)
        assert apart == whole
        assert 1 < len(jobs) <= parts
    assert _group(whole, "a1") == {"a1", "b1"}
    assert _group(whole, "a4") == {"a4", "b2"}  # corroborated across voices, after the parts


def test_voice_parts_share_no_voice_and_keep_a_figure_with_its_attribution() -> None:
    _, claims = corpus(*_many_voices())
    records = [r for c in claims for r in (*c.attributions, *c.figures)]
    voice = {"a1": "varga", "a2": "varga", "a3": "ministry", "b1": "varga", "c1": "ministry",
             "c2": "ministry", "a4": "holubets", "b2": "drovna"}
    items = [Item(r, voice[r.id], True, words_of(r.text), False) for r in records]
    parts = voice_parts(items, 4)
    assert sorted(i for part in parts for i in part) == list(range(len(items)))
    assert all(part == sorted(part) for part in parts)
    blocks = [{items[i].block for i in part} for part in parts]
    assert {"varga", "ministry"} in blocks  # a3 (the ministry's figure) stays with a2 (Varga's words)
    assert all(not x & y for n, x in enumerate(blocks) for y in blocks[n + 1:])
    assert len(parts) == 3


def test_statements_adopted_from_elsewhere_keep_their_roots_articles_and_figures() -> None:
    _, claims = corpus(*_many_voices())
    records = [r for c in claims for r in (*c.attributions, *c.figures)]
    items = [Item(r, "one voice", True, words_of(r.text), False) for r in records]
    here = Clusters(items)
    for a, b in ((1, 2), (4, 0), (2, 0), (5, 6)):
        here.merge(a, b, force=True)
    elsewhere = Clusters(items)
    elsewhere.adopt([sorted(group, key=lambda i: i != here.find(i)) for group in here.groups()])
    assert [elsewhere.find(i) for i in range(len(items))] == [here.find(i) for i in range(len(items))]
    assert elsewhere.articles == here.articles
    assert elsewhere.figures == here.figures
