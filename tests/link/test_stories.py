"""Story clustering on invented articles: similar events apart, rewrites together, blocking, stable ids."""

from __future__ import annotations

import hashlib
import random
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.link import stories
from fogwatch.link.embeddings import hashed_embed
from fogwatch.link.stories import StorySettings, cluster_stories, names_in, story_id
from fogwatch.model import Article, Story

MILLBROOK = (
    "Gunman kills three at Millbrook supermarket\n"
    "A gunman opened fire at the Harlow Fresh supermarket in Millbrook on Monday morning, killing three "
    "shoppers and wounding two others, Millbrook police chief Dana Okafor said. Officers arrested the "
    "suspect, Trevor Lindqvist, 34, in the car park of the Harlow Fresh store minutes later. Okafor said "
    "Lindqvist had worked at the store until January."
)
MILLBROOK_REWRITE = (
    "Three dead as gunman opens fire in Millbrook store\n"
    "Three shoppers were killed and two were wounded when a gunman opened fire inside the Harlow Fresh "
    "supermarket in Millbrook on Monday, police chief Dana Okafor told reporters. Trevor Lindqvist, 34, a "
    "former Harlow Fresh employee, was arrested in the car park, Okafor said."
)
CARVER_FALLS = (
    "Gunman kills four at Carver Falls shopping mall\n"
    "A gunman opened fire at the Riverside Commons mall in Carver Falls on Wednesday evening, killing four "
    "people and wounding six, Carver Falls police chief Marcus Oyelaran said. The suspect, Elliot "
    "Brandvold, 27, was shot dead by officers at the Riverside Commons food court. Oyelaran said "
    "Brandvold had no criminal record."
)
CARVER_FALLS_REWRITE = (
    "Four killed in Carver Falls mall shooting\n"
    "Four people were killed and six wounded when a gunman opened fire at the Riverside Commons mall in "
    "Carver Falls on Wednesday, police chief Marcus Oyelaran said. Officers shot dead the gunman, Elliot "
    "Brandvold, 27, in the Riverside Commons food court, Oyelaran said."
)


def _article(id: str, text: str, published: str | None = None, copy_of: str | None = None) -> Article:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=id, source=f"{id}.txt", text=text, content_hash=digest, title=text.split("\n", 1)[0],
                   published=published, copy_of=copy_of)


def _corpus() -> list[Article]:
    return [
        _article("mill-1", MILLBROOK, "2024-03-04"),
        _article("carver-1", CARVER_FALLS, "2024-09-18"),
        _article("mill-2", MILLBROOK_REWRITE, "2024-03-05"),
        _article("carver-2", CARVER_FALLS_REWRITE, "2024-09-18"),
    ]


def _groups(found: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in found}


def test_two_similar_shootings_are_two_stories_and_each_rewrite_joins_its_own() -> None:
    found = cluster_stories(_corpus(), embed=hashed_embed)
    assert _groups(found) == {frozenset({"mill-1", "mill-2"}), frozenset({"carver-1", "carver-2"})}
    millbrook = next(s for s in found if "mill-1" in s.articles)
    assert millbrook.articles == ("mill-1", "mill-2")  # in order of publication
    assert millbrook.label in (MILLBROOK.split("\n")[0], MILLBROOK_REWRITE.split("\n")[0])
    assert {"Millbrook", "Harlow Fresh", "Dana Okafor"} <= set(millbrook.entities)


def test_ids_are_deterministic_and_independent_of_input_order() -> None:
    first = cluster_stories(_corpus(), embed=hashed_embed)
    shuffled = _corpus()
    random.Random(3).shuffle(shuffled)
    again = cluster_stories(shuffled, embed=hashed_embed)
    assert {s.id for s in first} == {s.id for s in again}
    for story in first:
        assert story.id == story_id(story.articles) == story_id(tuple(reversed(story.articles)))
    assert [s.articles[0] for s in first] == ["mill-1", "carver-1"]  # stories in order of first article


def test_a_marked_syndicated_copy_joins_its_original_whatever_its_text() -> None:
    corpus = [*_corpus(), _article("wire", "Brief: shoppers shot.", "2024-03-04", copy_of="mill-1")]
    found = cluster_stories(corpus, embed=hashed_embed)
    assert frozenset({"mill-1", "mill-2", "wire"}) in _groups(found)


def test_undated_articles_come_last_and_an_unrelated_article_stands_alone() -> None:
    corpus = [
        _article("mill-undated", MILLBROOK_REWRITE.replace("Monday", "Monday, March 4,"), None),
        *_corpus(),
        _article("budget", "Council passes budget\nThe Westmere council approved its annual budget on "
                 "Tuesday after a short debate about library hours.", "2024-03-05"),
    ]
    found = cluster_stories(corpus, embed=hashed_embed)
    millbrook = next(s for s in found if "mill-1" in s.articles)
    assert millbrook.articles[-1] == "mill-undated"
    assert frozenset({"budget"}) in _groups(found)


def test_empty_and_single_inputs() -> None:
    assert cluster_stories([], embed=hashed_embed) == []
    (only,) = cluster_stories([_article("one", MILLBROOK, "2024-03-04")], embed=hashed_embed)
    assert only.articles == ("one",) and only.label == "Gunman kills three at Millbrook supermarket"


def test_names_are_capitalised_words_and_adjacent_pairs_without_function_words() -> None:
    names = names_in("The court said Brian Nichols, 37, will serve his time in Florence on Monday.")
    assert set(names) == {"brian", "nichols", "brian nichols", "florence"}
    assert names["brian nichols"] == "Brian Nichols"


def _event_articles(events: int, per_event: int) -> list[Article]:
    """Invented events, each with its own made-up place, people and toll, reported a few times."""
    rng = random.Random(11)
    syllables = ["bar", "ko", "len", "dri", "mas", "tov", "quin", "sel", "rud", "vam", "pel", "zor"]

    def name() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    out = []
    for event in range(events):
        town, chief, suspect, venue = name(), name(), name(), name()
        dead, day = 2 + event, f"2023-{1 + event % 12:02d}-{1 + event % 28:02d}"
        for copy in range(per_event):
            text = (f"Shooting at {venue} in {town}\nA gunman killed {dead} people at the {venue} hall in "
                    f"{town}, police chief {chief} said. The suspect, {suspect}, was arrested. "
                    f"{chief} said {suspect} acted alone. Report {copy}.")
            out.append(_article(f"e{event}-{copy}", text, day))
    return out


def test_blocking_scores_far_fewer_pairs_than_all_of_them(monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _event_articles(events=120, per_event=5)  # 600 articles: past the exact neighbour search
    calls = 0
    scorer = stories.pair_scores

    def counting(items: object, pairs: np.ndarray, settings: StorySettings) -> np.ndarray:
        nonlocal calls
        calls += len(pairs)
        return scorer(items, pairs, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(stories, "pair_scores", counting)
    settings = StorySettings()
    found = cluster_stories(articles, embed=hashed_embed, settings=settings)
    n = len(articles)
    # each article proposes at most k neighbours as either end of a pair, plus its LSH candidates
    assert calls <= n * (2 * settings.neighbours + settings.lsh_candidates)
    assert calls < n * (n - 1) / 2 / 5
    exact = sum(len({a.split("-")[0] for a in s.articles}) == 1 and len(s.articles) == 5 for s in found)
    assert exact >= 114  # nearly every invented event is recovered whole


def test_pair_features_are_the_columns_pair_scores_weighs() -> None:
    corpus = [*_corpus(), _article("carver-old", CARVER_FALLS_REWRITE + " In 2019 the mall reopened.",
                                   "2019-05-02")]
    items = stories.profiles(corpus, hashed_embed)
    pairs = np.array([[0, 2], [0, 1], [1, 3], [3, 4]], dtype=np.int64)
    features = stories.pair_features(items, pairs, chunk=3)  # two chunks, joined in order
    assert features.shape == (4, len(stories.PAIR_FEATURES))
    column = dict(zip(stories.PAIR_FEATURES, features.T, strict=True))
    assert column["embedding"][0] > column["embedding"][1]  # a rewrite reads closer than another event
    assert column["names"][0] > 0.5 > column["names"][1]
    assert list(column["numbers"][:3]) == [1.0, 0.0, 1.0]  # the suspect's age, 34 or 27, is the only number
    assert list(column["other_era"]) == [0.0, 0.0, 0.0, 1.0]  # 2024 against 2019
    assert list(column["other_years"]) == [0.0, 0.0, 0.0, 0.0]  # only one of each pair names a year
    settings = StorySettings()
    weights = np.array([getattr(settings, name) for name in stories.PAIR_FEATURES])
    expected = 1.0 / (1.0 + np.exp(-(settings.bias + features @ weights)))
    assert np.allclose(stories.pair_scores(items, pairs, settings), expected)
    assert stories.pair_features(items, np.zeros((0, 2), dtype=np.int64)).shape == (0, 5)


# The plain forms of the profile's number and year patterns, which the product writes digit-first.
PLAIN_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d])")
PLAIN_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
NUMBERISH = st.lists(st.sampled_from(
    ["1", "2", "9", "0", "19", "20", "195", "2049", "2050", "1949", "1,000", ",", ".", "5.5", "x", "A", "_",
     " ", "\n", "٣", "²", "-", "$"]), max_size=25).map("".join)


@given(NUMBERISH, st.integers(min_value=0, max_value=9999), NUMBERISH)
def test_profile_numbers_and_years_match_their_plain_patterns(before: str, number: int, after: str) -> None:
    text = f"{before}{number}{after}"
    assert stories._NUMBER.findall(text) == PLAIN_NUMBER.findall(text)
    assert stories._YEAR.findall(text) == PLAIN_YEAR.findall(text)


def test_every_four_digit_number_is_a_year_exactly_when_the_plain_pattern_says() -> None:
    for number in range(10000):
        for text in (f"{number}", f"in {number}.", f"x{number}", f"{number}5", f"1.{number}"):
            assert stories._YEAR.findall(text) == PLAIN_YEAR.findall(text), text
            assert stories._NUMBER.findall(text) == PLAIN_NUMBER.findall(text), text
