"""Harm counted against harm denied, from hand-built records of invented shootings."""

from __future__ import annotations

from dataclasses import replace

from fogwatch.extract.harm import DENIAL_EXTRACTOR
from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.matching import build_statements
from fogwatch.model import Conflict, Story, Window
from fogwatch.reconcile.conflicts import find_conflicts
from tests.link.builders import Doc, corpus


def _deny(doc: Doc, fid: str, words: str, counted: str, **extra: object) -> None:
    """A denial as the extractor gives it: a figure of zero whose words are the negation."""
    doc.figure(fid, words, 0, counted, subject="people", **extra)  # type: ignore[arg-type]
    doc.figures[-1] = replace(doc.figures[-1], extractor=DENIAL_EXTRACTOR)


def _figure_conflicts(*docs: Doc, stories: list[Story] | None = None) -> list[Conflict]:
    articles, claims = corpus(*docs)
    statements = build_statements(articles, claims, embed=hashed_embed)
    stories = stories if stories is not None else [Story("s1", tuple(d.id for d in docs), "one shooting")]
    return [c for c in find_conflicts(articles, claims, statements, stories=stories) if c.kind == "figure"]


def _died(published: str = "2026-05-03") -> Doc:
    a = Doc("a", "One man died after the shooting on Birch Lane, neighbours said.", published=published)
    a.figure("fa", "One man died", 1, "killed", subject="man")
    return a


def _witness(published: str = "2026-05-04") -> Doc:
    said = "We heard nine shots and it's a wonder nobody's dead"
    b = Doc("b", f'"{said}," Rosa Pell said.', published=published)
    b.quote("b1", said, "Rosa Pell")
    _deny(b, "zb", "nobody's dead", "killed", source="Rosa Pell", attribution="b1")
    return b


def test_a_death_and_a_denial_of_any_death_conflict_with_the_words_of_the_denial() -> None:
    found = _figure_conflicts(_died(), _witness())
    assert len(found) == 1
    assert set(found[0].members) == {"fa", "zb", "b1"} and found[0].rating == "disagreement"
    assert "nobody's dead" in found[0].why


def test_a_denial_meets_only_its_story_and_moment() -> None:
    two = [Story("s1", ("a",), "Birch Lane"), Story("s2", ("b",), "elsewhere")]
    assert not _figure_conflicts(_died(), _witness(), stories=two)
    assert not _figure_conflicts(_died("2026-05-03"), _witness("2026-05-20"))


def test_a_denial_about_one_group_leaves_other_groups_alone() -> None:
    a = Doc("a", "Two people were wounded at the depot. No officers were injured.", published="2026-05-03")
    a.figure("fa", "Two people were wounded", 2, "wounded", subject="people")
    a.figure("za", "No officers were injured", 0, "wounded", subject="officers")
    a.figures[-1] = replace(a.figures[-1], extractor=DENIAL_EXTRACTOR)
    b = Doc("b", "The suspect was killed by deputies. No one was killed, the chief said.",
            published="2026-05-03")
    b.figure("fb", "The suspect was killed", 1, "killed", subject="suspect")
    _deny(b, "zb", "No one was killed", "killed")
    assert not _figure_conflicts(a, b)


def test_critical_injuries_conflict_with_only_minor_ones_and_with_no_one_seriously_hurt() -> None:
    a = Doc("a", "Medics listed 1 critical 2 minor injuries. Later medics said the three people shot have "
                 "only minor injuries.", published="2026-05-03")
    a.figure("fa1", "1 critical", 1, "wounded", subject="person", source="Fire Department",
             source_type="organization")
    a.figure("fa2", "2 minor", 2, "wounded", subject="person", source="Fire Department",
             source_type="organization")
    a.figure("fa3", "three people shot", 3, "wounded", subject="people", source="Fire Department",
             source_type="organization")
    b = Doc("b", "Five people were injured but no one was seriously hurt, police said.",
            published="2026-05-03")
    b.figure("fb", "Five people were injured", 5, "wounded", subject="people")
    _deny(b, "zb", "no one was seriously hurt", "wounded")
    found = [c for c in _figure_conflicts(a, b) if "fa1" in c.members]
    assert len(found) == 1  # "1 critical" and "2 minor" are parts of the three, not rival counts of them
    assert {"fa1", "fa3", "zb"} <= set(found[0].members) and "fa2" not in found[0].members
    assert not [c for c in _figure_conflicts(a, b) if "fb" in c.members and "zb" in c.members]


def test_an_origin_that_later_denies_its_own_count_has_updated_it() -> None:
    a = Doc("a", "Police said one man was killed.", published="2026-05-03")
    a.figure("fa", "one man was killed", 1, "killed", subject="man", source="Police",
             source_type="organization")
    b = Doc("b", "Police now say no one was killed.", published="2026-05-04")
    _deny(b, "zb", "no one was killed", "killed", source="Police", source_type="organization")
    assert not _figure_conflicts(a, b)



def test_a_death_in_an_earlier_year_does_not_meet_tonight_s_denial() -> None:
    a = Doc("a", "No one was killed on Friday. Three people were killed at the same bar in 2024.",
            published="2026-05-03")
    _deny(a, "za", "No one was killed", "killed")
    a.figure("fa", "Three people were killed", 3, "killed", subject="people",
             window=Window("in 2024", "2024-01-01", "2024-12-31"))
    assert not _figure_conflicts(a)


def test_counts_of_one_grade_meet_each_other_not_the_count_of_all_the_wounded() -> None:
    a = Doc("a", "Medics said 2 critical and that four people were wounded.", published="2026-05-03")
    a.figure("fa1", "2 critical", 2, "wounded", subject="person", source="Fire Department",
             source_type="organization")
    a.figure("fa2", "four people were wounded", 4, "wounded", subject="people", source="Fire Department",
             source_type="organization")
    b = Doc("b", "Police said 3 critical and that four people were wounded.", published="2026-05-03")
    b.figure("fb1", "3 critical", 3, "wounded", subject="person", source="Police", source_type="organization")
    b.figure("fb2", "four people were wounded", 4, "wounded", subject="people", source="Police",
             source_type="organization")
    assert [set(k.members) for k in _figure_conflicts(a, b)] == [{"fa1", "fb1"}]
