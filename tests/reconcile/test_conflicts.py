"""Typed conflicts from hand-built records: drift, figures, dates and attribution."""

from __future__ import annotations

from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import build_statements
from fogwatch.model import Conflict, Story, Window
from fogwatch.reconcile.conflicts import contract_kind, find_conflicts
from tests.link.builders import Doc, corpus

WEEK = Window("in the past week", "2026-03-05", "2026-03-12", cumulative=False)


def _conflicts(*docs: Doc) -> list[Conflict]:
    articles, claims = corpus(*docs)
    statements = build_statements(articles, claims, embed=hashed_embed)
    return find_conflicts(articles, claims, statements)


def _quote(doc_id: str, words: str, published: str = "2026-03-12") -> Doc:
    doc = Doc(doc_id, f'"{words}," Halvanenko said.', published=published)
    doc.quote(f"{doc_id}1", words, "Tymofiy Halvanenko")
    return doc


def test_reworded_quotation_is_drift_but_punctuation_is_not() -> None:
    original = "Tarvania's commanders are spending their soldiers like small change"
    found = _conflicts(
        _quote("a", original),
        _quote("b", original.replace("'", "’")),
        _quote("c", "Tarvania's generals are spending their soldiers like loose change"),
    )
    drift = [c for c in found if c.kind == "quote_drift"]
    assert len(drift) == 1
    assert set(drift[0].members) == {"a1", "b1", "c1"} and drift[0].rating == "wording"
    assert "commanders/generals" in drift[0].why
    assert not _conflicts(_quote("a", original), _quote("b", original.upper()))


def _toll(doc: Doc, fid: str, value: float, counted: str, source: str, **extra: object) -> None:
    doc.figure(
        fid,
        doc.text.split(" said ")[1].split(" soldiers")[0] + " soldiers",
        value,
        counted,
        subject="Tarvanian soldiers",
        place="Selka Valley",
        window=WEEK,
        source=source,
        **extra,
    )  # type: ignore[arg-type]


def test_killed_or_wounded_printed_as_killed_is_counted_drift() -> None:
    a = Doc("a", "The ministry said 1,200 soldiers were killed or wounded.")
    _toll(a, "fa", 1200, "killed_or_wounded", "Kestrian Ministry of Defence", source_type="organization")
    b = Doc("b", "The ministry said 1,200 soldiers were killed or wounded, it added.")
    _toll(b, "fb", 1200, "killed_or_wounded", "Kestrian Ministry of Defence", source_type="organization")
    c = Doc("c", "The ministry said 1,200 soldiers were killed.")
    _toll(c, "fc", 1200, "killed", "Kestrian Ministry of Defence", source_type="organization")
    drift = [c for c in _conflicts(a, b, c) if c.kind == "counted_drift"]
    assert len(drift) == 1 and set(drift[0].members) == {"fa", "fb", "fc"}
    assert drift[0].rating == "narrowed" and contract_kind(drift[0].kind) == "figure"


def test_rival_parties_disagree_even_when_one_splits_killed_and_wounded() -> None:
    a = Doc("a", "Kestria said 1,200 soldiers were killed or wounded.", published="2026-03-12")
    _toll(
        a,
        "fa",
        1200,
        "killed_or_wounded",
        "Kestrian Ministry of Defence",
        source_type="organization",
        qualifier="about",
    )
    b = Doc(
        "b",
        "Tarvania said 300 soldiers were wounded and said 40 soldiers were killed.",
        published="2026-03-13",
    )
    b.quote(
        "b1",
        "300 soldiers were wounded and said 40 soldiers were killed",
        "Tarvanian Ministry of Defence",
        kind="indirect",
        type="organization",
    )
    b.figure(
        "fw",
        "300 soldiers",
        300,
        "wounded",
        low=None,
        high=300,
        subject="Tarvanian soldiers",
        place="Selka Valley",
        window=WEEK,
        source="Tarvanian Ministry of Defence",
        attribution="b1",
        source_type="organization",
    )
    b.figure(
        "fk",
        "40 soldiers",
        40,
        "killed",
        low=None,
        high=40,
        subject="Tarvanian soldiers",
        place="Selka Valley",
        window=WEEK,
        source="Tarvanian Ministry of Defence",
        attribution="b1",
        source_type="organization",
    )
    figure = [c for c in _conflicts(a, b) if c.kind == "figure"]
    assert len(figure) == 1 and {"fa", "fw", "fk"} <= set(figure[0].members)
    assert figure[0].rating == "disagreement" and "340" in figure[0].why


def test_same_origin_later_figure_is_an_update_but_a_relay_changing_it_is_a_misreport() -> None:
    a = Doc("a", "The ministry said 1,200 soldiers were killed.", published="2026-03-12")
    _toll(
        a,
        "fa",
        1200,
        "killed",
        "Kestrian Ministry of Defence",
        source_type="organization",
        said_on="2026-03-12",
    )
    b = Doc("b", "The ministry said 1,500 soldiers were killed.", published="2026-03-19")
    _toll(
        b,
        "fb",
        1500,
        "killed",
        "Kestrian Ministry of Defence",
        source_type="organization",
        said_on="2026-03-19",
    )
    assert not [c for c in _conflicts(a, b) if c.kind == "figure"]
    c = Doc("c", "The ministry said 2,100 soldiers were killed, AP reported.", published="2026-03-12")
    _toll(
        c,
        "fc",
        2100,
        "killed",
        "Kestrian Ministry of Defence",
        source_type="organization",
        via=("AP",),
        said_on="2026-03-12",
    )
    misreport = [k for k in _conflicts(a, c) if k.kind == "figure"]
    assert len(misreport) == 1 and misreport[0].rating == "misreport"


def test_statement_dated_differently_names_the_odd_article() -> None:
    docs = []
    for name, said in [("a", "2026-03-12"), ("b", "2026-03-12"), ("c", "2026-03-13")]:
        doc = Doc(name, '"We hold the bridge," Halvanenko said.', published="2026-03-14",
                  outlet=f"Paper {name}")
        doc.quote(f"{name}1", "We hold the bridge", "Tymofiy Halvanenko", said_on=said)
        docs.append(doc)
    dates = [c for c in _conflicts(*docs) if c.kind == "date"]
    assert len(dates) == 1 and set(dates[0].members) == {"a1", "b1", "c1"}
    assert "Paper c says 2026-03-13 (Friday)" in dates[0].why and dates[0].rating == "statement"


def test_weekday_that_does_not_fit_the_explicit_date_in_the_same_article() -> None:
    doc = Doc(
        "a",
        "Kirby gave a briefing on Saturday. Kirby stated on December 27 that losses were heavy. "
        "The ministry on Friday rejected that claim by Kirby.",
    )
    doc.quote("a1", "losses were heavy", "John Kirby", kind="indirect", said_on="2024-12-27")
    dates = [c for c in _conflicts(doc) if c.kind == "date"]
    assert len(dates) == 1 and dates[0].members == ("a1",)
    assert "Saturday" in dates[0].why and "2024-12-27, a Friday" in dates[0].why


def test_extraction_date_flags_become_a_conflict() -> None:
    doc = Doc("a", "Kirby said on Saturday that losses were heavy.")
    doc.quote(
        "a1",
        "losses were heavy",
        "John Kirby",
        kind="indirect",
        date_flags=("weekday Saturday does not match 2024-12-27 (Friday)",),
    )
    dates = [c for c in _conflicts(doc) if c.kind == "date"]
    assert dates[0].members == ("a1",) and "does not match" in dates[0].why


def test_same_words_credited_to_different_speakers() -> None:
    words = "the attacks are designed to probe for weak points rather than to break through"
    a = Doc("a", f"Smith said {words}.")
    a.quote("a1", words, "Anna Smith", kind="indirect")
    b = Doc("b", f"Jones said {words}.")
    b.quote("b1", words, "Bob Jones", kind="indirect")
    found = [c for c in _conflicts(a, b) if c.kind == "attribution"]
    assert len(found) == 1 and set(found[0].members) == {"a1", "b1"} and found[0].rating == "speaker"


def test_relay_credited_with_the_claim_is_an_attribution_conflict() -> None:
    a = Doc("a", "The centre wrote the ministry said 1,200 soldiers were killed.")
    _toll(
        a,
        "fa",
        1200,
        "killed",
        "Kestrian Ministry of Defence",
        source_type="organization",
        via=("Ostrel Centre",),
    )
    b = Doc("b", "The centre estimated and said 1,200 soldiers were killed.")
    _toll(b, "fb", 1200, "killed", "Ostrel Centre", source_type="organization")
    found = [c for c in _conflicts(a, b) if c.kind == "attribution"]
    assert len(found) == 1 and set(found[0].members) == {"fa", "fb"} and found[0].rating == "relay"


def test_conflict_ids_are_stable() -> None:
    docs = [_quote("a", "we will hold"), _quote("b", "we shall hold")]
    assert [c.id for c in _conflicts(*docs)] == [c.id for c in _conflicts(*docs[::-1])]


def test_three_parties_make_one_figure_conflict_with_two_sides() -> None:
    docs = []
    for name, value, source in [("a", 1200, "Kestrian Ministry of Defence"), ("b", 1250, "Ostland Monitor"),
                                ("c", 300, "Tarvanian Ministry of Defence")]:
        doc = Doc(name, f"The source said {value} soldiers were killed or wounded.", published="2026-03-12")
        _toll(doc, f"f{name}", value, "killed_or_wounded", source, source_type="organization",
              qualifier="about")
        docs.append(doc)
    figure = [c for c in _conflicts(*docs) if c.kind == "figure"]
    assert len(figure) == 1 and set(figure[0].members) == {"fa", "fb", "fc"}
    high, low = figure[0].why.split(" vs ")
    assert "1,200" in high and "1,250" in high and "300" in low


def test_mixed_quotations_drift_only_in_their_quoted_words() -> None:
    a = Doc("a", 'Voskova said losses amounted to "no more than 300 wounded".', published="2026-03-13")
    a.quote("a1", 'losses amounted to "no more than 300 wounded"', "Irena Voskova", kind="mixed")
    b = Doc("b", 'Voskova said the losses were "no more than 300 wounded".', published="2026-03-14")
    b.quote("b1", 'the losses were "no more than 300 wounded"', "Irena Voskova", kind="mixed")
    articles, claims = corpus(a, b)
    statements = build_statements(articles, claims, embed=hashed_embed)
    assert any({"a1", "b1"} <= set(s.members) for s in statements)
    assert not [c for c in find_conflicts(articles, claims, statements) if c.kind == "quote_drift"]


def test_figures_of_different_stories_do_not_conflict() -> None:
    a = Doc("a", "The source said 1,200 soldiers were killed or wounded.", published="2026-03-12")
    _toll(a, "fa", 1200, "killed_or_wounded", "Kestrian Ministry of Defence", source_type="organization")
    b = Doc("b", "The source said 300 soldiers were killed or wounded.", published="2026-03-12")
    _toll(b, "fb", 300, "killed_or_wounded", "Tarvanian Ministry of Defence", source_type="organization")
    articles, claims = corpus(a, b)
    statements = build_statements(articles, claims, embed=hashed_embed)
    one = [Story("s1", ("a", "b"), "one battle")]
    two = [Story("s1", ("a",), "one battle"), Story("s2", ("b",), "another battle")]
    assert [c for c in find_conflicts(articles, claims, statements, stories=one) if c.kind == "figure"]
    assert not [c for c in find_conflicts(articles, claims, statements, stories=two) if c.kind == "figure"]


def test_a_weekday_inside_what_was_said_dates_the_event_not_the_speaking() -> None:
    said = "The number killed in Tuesday's ferry fire has risen to 17"
    doc = Doc("a", f"{said}, the coast guard said on Thursday.", published="2026-06-05")
    doc.quote("a1", said, "coast guard", kind="indirect", type="organization", said_on="2026-06-04")
    assert not [c for c in _conflicts(doc) if c.kind == "date"]


def test_a_figure_without_a_place_takes_its_storys_place_and_victims_are_people() -> None:
    """One town's shooting told by two outlets: "seven people wounded in Harlow", the chief's "seven
    were shot" (no place), the other outlet's "six shooting victims". Another town's story names
    another place for the same quantity, which must not stop the first story's figures meeting."""
    a = Doc("a", "Seven people were wounded in Harlow. The chief said seven people were shot.",
            published="2026-03-12")
    a.figure("fa1", "Seven people were wounded", 7, "wounded", subject="people", place="Harlow")
    a.figure("fa2", "seven people were shot", 7, "wounded", subject="people", source="Ina Vale",
             source_type="person")
    b = Doc("b", "Police said there were six shooting victims.", published="2026-03-13")
    b.figure("fb1", "six shooting victims", 6, "wounded", subject="shooting victims")
    c = Doc("c", "Two people were wounded in Dellwick.", published="2026-03-12")
    c.figure("fc1", "Two people were wounded", 2, "wounded", subject="people", place="Dellwick")
    articles, claims = corpus(a, b, c)
    statements = build_statements(articles, claims, embed=hashed_embed)
    stories = [Story("s1", ("a", "b"), "Harlow shooting"), Story("s2", ("c",), "Dellwick shooting")]
    figure = [k for k in find_conflicts(articles, claims, statements, stories=stories) if k.kind == "figure"]
    assert len(figure) == 1 and set(figure[0].members) == {"fa1", "fa2", "fb1"}


def _story_figures(*docs: Doc) -> list[Conflict]:
    articles, claims = corpus(*docs)
    statements = build_statements(articles, claims, embed=hashed_embed)
    story = [Story("s1", tuple(d.id for d in docs), "one shooting")]
    return [c for c in find_conflicts(articles, claims, statements, stories=story) if c.kind == "figure"]


def test_a_death_toll_given_lower_weeks_later_still_conflicts_but_not_a_higher_one() -> None:
    a = Doc("a", "The city said 12 people were killed in the attack.", published="2026-05-03")
    a.figure("fa", "12 people were killed", 12, "killed", subject="people")
    b = Doc("b", "A month on, the gunman who killed 11 people is still a mystery.", published="2026-06-05")
    b.figure("fb", "killed 11 people", 11, "killed", subject="people")
    c = Doc("c", "A month on, the gunman who killed 13 people is still a mystery.", published="2026-06-05")
    c.figure("fc", "killed 13 people", 13, "killed", subject="people")
    assert [set(k.members) for k in _story_figures(a, b)] == [{"fa", "fb"}]
    assert not _story_figures(a, c)  # another death, or a later count: not a contradiction
