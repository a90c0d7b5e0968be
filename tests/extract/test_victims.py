"""Victims counted from invented sentences: figures for the people described one by one, and the tally."""

from __future__ import annotations

import pytest

from fogwatch.extract import extract_claims
from fogwatch.extract.headlines import headline
from fogwatch.extract.nlp import parse_articles
from fogwatch.model import Article, ArticleClaims


def claims_of(title: str, body: str) -> ArticleClaims:
    """Claims of an article whose title is printed on its first line, as local news pages print it."""
    text = f"{title}\n{body}"
    article = Article(id="t", source="t.txt", text=text, content_hash="h", title=title)
    claims = extract_claims(next(parse_articles([article])))
    for figure in claims.figures:
        assert text[figure.start:figure.end] == figure.text
    return claims


@pytest.mark.parametrize(
    ("title", "body", "killed", "injured"),
    [
        ("Man shot and killed, woman wounded in Springfield | Example News",
         "A 25-year-old man was shot and killed late Wednesday on Pine Road in Springfield, police said. "
         "A woman was wounded and taken to a hospital in stable condition.", 1, 1),
        ("Three shot, one dead after party in Springfield | Example News",
         "Three people were shot outside a bar early Sunday. One man died at the scene, police said.", 1, 2),
        ("Man dies after shooting in Springfield | Example News",
         "A man was shot Tuesday night. He was taken to a hospital, where he died.", 1, 0),
        ("Bystander shot in Springfield | Example News",
         "A stray round from the officer struck a passer-by, not the suspect, police said. "
         "The victim went to the hospital with injuries that were not life-threatening.", 0, 1),
        ("Man shot in Springfield | Example News",
         "A 28-year-old man was shot and wounded Tuesday. "
         "The victim was driven to the hospital to be treated.", 0, 1),
        ("Two hurt in Springfield shooting | Example News",
         "Two of the victims were shot in the legs, police said.", 0, 2),
        ("Shots fired at trooper in Springfield | Example News",
         "The trooper was not hurt. The round missed the trooper's head by a hand's width.", 0, 0),
    ],
)
def test_tally(title: str, body: str, killed: int, injured: int) -> None:
    """ "N shot" holds the dead; "the victim" is the man just named; a near miss is no harm."""
    tally = claims_of(title, body).tally
    assert tally is not None
    assert (tally.killed, tally.injured) == (killed, injured)


def test_a_victim_without_a_number_is_a_figure_of_one_with_its_source() -> None:
    """ "The victim" after "a man" is that man; the victims are the tally's evidence, not article figures."""
    claims = claims_of("Shooting in Springfield",
                       "A man was shot and killed late Wednesday, police said. The victim died at the scene.")
    assert claims.figures == () and claims.tally is not None
    (figure,) = claims.tally.victims
    assert (figure.value, figure.counted, figure.subject, figure.unit) == (1, "killed", "man", "people")
    assert claims.tally.article == "t" and figure.text == "A man was shot and killed"
    assert figure.source == "Springfield Police Department"  # the police of the place reported on


def test_a_counted_figure_is_not_repeated_for_the_victims_it_counts() -> None:
    claims = claims_of("Shooting in Springfield", "Two men were shot and killed on Elm Street on Friday.")
    assert [(f.value, f.counted) for f in claims.figures] == [(2, "killed")]
    assert claims.tally is not None and claims.tally.killed == 2 and claims.tally.victims == ()


def tally_of(text: str, title: str | None = None, published: str | None = None) -> tuple[int, int]:
    """(killed, injured) of an article whose title, if any, is metadata only (a sidecar's)."""
    article = Article(id="t", source="t.txt", text=text, content_hash="h", title=title, published=published)
    tally = extract_claims(next(parse_articles([article]))).tally
    assert tally is not None
    return tally.killed, tally.injured


@pytest.mark.parametrize(
    ("text", "title", "published", "expected"),
    [
        # a headline from the metadata is read like one printed atop the text
        ("Police were called to Elm Street late Friday.", "Two Wounded In Springfield Shooting", None,
         (0, 2)),
        # groups named apart in one sentence add up
        ("Two women and three men were shot and killed at the party.", None, None, (5, 0)),
        # a relative of the dead, and an ordinal victim, are other people
        ("A 7-year-old boy was shot and killed Friday. His father was hospitalized with gunshot wounds.",
         None, None, (1, 1)),
        ("Officers found two men dead inside the house. A third man died at a hospital. "
         "A fourth man suffered a gunshot wound to his arm.", None, None, (3, 1)),
        # another story's headline listed on the page is not this incident
        ("Deputy kills man after chase on the interstate\n"
         "A woman was shot and wounded Sunday in Springfield.", None, None, (0, 1)),
        # a figure dated years before the article counts another event
        ("A man was wounded in a shooting at the Blue Door bar on Friday. "
         "In 2019 a shooting at the same bar killed 12 people.", None, "2026-03-02", (0, 1)),
        # a surname given in full earlier names a person
        ("Police identified the victim as Jane Roe, 34, of Springfield. "
         "Roe was pronounced dead at the scene.", None, None, (1, 0)),
        ("A man shot and killed his wife on Tuesday before turning the gun on himself.", None, None, (2, 0)),
        ("Four people were found shot dead inside a house on Elm Street.", None, None, (4, 0)),
        ("The gunfire left one victim fatally wounded on Elm Street.", None, None, (1, 0)),
        # a different age or a different relative is a different person; a verb with an object of its own
        # has a victim of its own
        ("The 17-year-old died at the scene. The 15-year-old is in hospital and stable.",
         None, None, (1, 1)),
        ("A man shot his daughter and killed her mother on Sunday. "
         "The daughter was rushed to a hospital, her condition critical.", None, None, (1, 1)),
        # people given with their number, where the figures stage has no figure for them
        ("Officers found three victims who had been struck by gunfire.", None, None, (0, 3)),
    ],
)
def test_tally_mechanisms(
    text: str, title: str | None, published: str | None, expected: tuple[int, int]
) -> None:
    assert tally_of(text, title, published) == expected


def test_the_outlet_after_a_dash_is_not_part_of_the_headline() -> None:
    title = "Man shot in Springfield - WXYZ 7 News Springfield, Weather, Sports"
    assert headline(title) == "Man shot in Springfield"
    assert headline("Man shot in Springfield | Example News") == "Man shot in Springfield"
    assert headline("Police - man shot in park") == "Police - man shot in park"
