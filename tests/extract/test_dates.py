"""Day mentions and windows resolve against the anchor the way a careful news reader would."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.dates import DAY_PATTERN, find_day_mentions, reference_date, resolve_window
from fogwatch.model import Article

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
]
ABBREV = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))


def spellings(d: date) -> list[str]:
    """The ways news copy writes a full date."""
    month, abbrev = MONTHS[d.month - 1], ABBREV[d.month - 1]
    return [
        f"{month} {d.day}, {d.year}", f"{abbrev} {d.day}, {d.year}", f"{d.day} {month} {d.year}",
        f"{month} {d.day} {d.year}", d.isoformat(), f"{d.month}/{d.day}/{d.year}",
        f"{WEEKDAYS[d.weekday()]}, {month} {d.day}, {d.year}",
    ]


@given(days, st.integers(min_value=0, max_value=6))
def test_full_dates_round_trip(day: date, which: int) -> None:
    text = spellings(day)[which]
    found = find_day_mentions(f"Officials said on {text} that it had ended.", None)
    assert [m.date for m in found] == [day]
    assert found[0].explicit


@given(days, st.integers(min_value=-50, max_value=50))
def test_month_day_takes_the_anchor_year_unless_far_ahead(anchor: date, shift: int) -> None:
    day = anchor + timedelta(days=shift)
    if (day.month, day.day) == (2, 29):
        return
    text = f"{ABBREV[day.month - 1]} {day.day}"
    found = find_day_mentions(f"It happened {text}.", anchor)
    assert found[0].date == day


@given(days, st.integers(min_value=0, max_value=6))
def test_weekday_is_the_latest_on_or_before_anchor(anchor: date, weekday: int) -> None:
    found = find_day_mentions(f"Kirby said on {WEEKDAYS[weekday]} that", anchor)
    assert len(found) == 1
    got = found[0].date
    assert got is not None and got.weekday() == weekday
    assert timedelta(0) <= anchor - got < timedelta(days=7)
    assert found[0].weekday == weekday
    assert found[0].text == f"on {WEEKDAYS[weekday]}"


# Pieces of copy around day mentions: every alternative's first word, in both cases, glued to
# letters, digits and punctuation, so a mention may start mid-word, at a line start or after a mark.
PIECES = st.sampled_from([
    "on", "On", "last", "Last", "this", "next", "yesterday", "Yesterday", "today", "tonight", "the",
    "day", "before", "night", "week", "morning", "a", "an", "one", "two", "ten", "three", "days",
    "weeks", "ago", "Friday", "Fri.", "Tues.", "Monday", "Jan.", "January", "Sept", "May", "may",
    "MAY", "DEC", "of", "12", "3rd", "2017", "1999", "2016-03-04", "3/14/2016", "xMonday", "9Friday",
    ",", ".", "(", "\n", "  ", "-", "/", "'", "“", "_",
])


@given(st.lists(st.tuples(PIECES, st.sampled_from(["", " ", ", ", "\n"])), max_size=30))
def test_start_filter_finds_every_mention_the_full_pattern_finds(parts: list[tuple[str, str]]) -> None:
    """The quick check for where a mention may begin never hides one the full pattern would find."""
    text = "".join(piece + gap for piece, gap in parts)
    unfiltered = [(m.start(), m.end()) for m in re.finditer(DAY_PATTERN, text)]
    assert [(m.start, m.end) for m in find_day_mentions(text, None)] == unfiltered


@given(st.text(max_size=300), st.one_of(st.none(), days))
def test_arbitrary_text_never_raises(text: str, anchor: date | None) -> None:
    for found in find_day_mentions(text, anchor):
        assert text[found.start:found.end] == found.text
    resolve_window(text, anchor)


def test_saturday_article_friday_is_yesterday() -> None:
    saturday = date(2024, 12, 28)
    (friday,) = find_day_mentions("Kirby also said on Friday that", saturday)
    assert friday.date == date(2024, 12, 27)
    (same,) = find_day_mentions("a briefing on Saturday", saturday)
    assert same.date == saturday


def test_december_date_in_a_january_article_is_last_year() -> None:
    (found,) = find_day_mentions("captured on Dec. 27", date(2025, 1, 3))
    assert found.date == date(2024, 12, 27)


@pytest.mark.parametrize(
    ("text", "start", "end", "cumulative", "window_text"),
    [
        ("were hurt in just the past week alone", "2024-12-20", "2024-12-27", False,
         "in just the past week alone"),
        ("lost roughly 600 men over the past week", "2024-12-20", "2024-12-27", False,
         "over the past week"),
        ("Since they came in October, over 3,000", "2024-10-01", "2024-12-27", True,
         "Since they came in October"),
        ("casualties since the war began in February 2022", "2022-02-01", "2024-12-27", True,
         "since the war began in February 2022"),
        ("in just three months", "2024-09-27", "2024-12-27", None, "in just three months"),
        ("killed in a week", "2024-12-20", "2024-12-27", None, "in a week"),
        ("to date", None, "2024-12-27", True, "to date"),
        ("on Monday", "2024-12-23", "2024-12-23", False, "on Monday"),
        ("last week", "2024-12-20", "2024-12-27", False, "last week"),
        ("roughly December 20 to 27", "2024-12-20", "2024-12-27", False, "December 20 to 27"),
        ("in the past 24 hours", "2024-12-26", "2024-12-27", False, "in the past 24 hours"),
        ("killed in the week to December 20", "2024-12-13", "2024-12-20", False,
         "in the week to December 20"),
        ("over the two weeks to 15 December", "2024-12-01", "2024-12-15", False,
         "over the two weeks to 15 December"),
        ("the month ending November 30, 2023", "2023-10-30", "2023-11-30", False,
         "the month ending November 30, 2023"),
    ],
)
def test_windows(text: str, start: str | None, end: str, cumulative: bool | None, window_text: str) -> None:
    window = resolve_window(text, date(2024, 12, 27))
    assert window is not None
    assert (window.start, window.end, window.cumulative, window.text) == (start, end, cumulative, window_text)


def test_no_anchor_keeps_the_words() -> None:
    window = resolve_window("killed in just the past week alone", None)
    assert window is not None and window.start is None and window.text == "in just the past week alone"


def test_since_as_because_is_no_window() -> None:
    assert resolve_window("since they were afraid of reprisals", date(2024, 12, 27)) is None


def test_reference_date_prefers_published_then_latest_full_date() -> None:
    text = "It began in February 2022. — Kenneth Roth (@KenRoth) December 28, 2024. Earlier: May 3, 2014."
    article = Article(id="a", source="a.txt", text=text, content_hash="h")
    assert reference_date(article) == date(2024, 12, 28)
    published = Article(id="a", source="a.txt", text=text, content_hash="h", published="2025-01-02T10:00:00")
    assert reference_date(published) == date(2025, 1, 2)
    assert reference_date(Article(id="b", source="b", text="no dates", content_hash="h")) is None
