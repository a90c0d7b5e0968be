"""Number phrases: numerals in every common spelling round-trip; hedges and ranges set low/high."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogwatch.extract.number_words import words_to_number
from fogwatch.extract.numbers import (
    APPROXIMATE,
    LOWER_BOUND,
    UPPER_BOUND,
    find_numbers,
    parse_number,
)

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell(n: int, joiner: str = " and ") -> str:
    """An independent English speller for the round-trip ("three hundred and five", "twenty-one")."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens - 2] + (f"-{_UNITS[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_UNITS[hundreds]} hundred" + (joiner + spell(rest) if rest else "")
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            high, rest = divmod(n, size)
            return f"{spell(high)} {name}" + (" " + spell(rest, joiner) if rest else "")
    raise AssertionError(n)


def group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=0, max_value=999_999_999), st.sampled_from([" and ", " "]))
def test_number_words_round_trip(n: int, joiner: str) -> None:
    assert words_to_number(spell(n, joiner)) == n


@given(st.integers(min_value=1, max_value=999_999_999))
def test_spelled_number_found_in_a_sentence(n: int) -> None:
    found = find_numbers(f"Officials said {spell(n)} soldiers were killed.")
    assert [m.value for m in found] == [n]


@given(st.integers(min_value=0, max_value=10**10), st.sampled_from([",", ".", "\u202f", "\u00a0", " ", ""]))
def test_grouped_digits_round_trip(n: int, sep: str) -> None:
    text = group(n, sep)
    found = find_numbers(f"about {text} troops")
    assert len(found) == 1
    assert found[0].value == n
    assert found[0].text == f"about {text}"


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=9),
       st.sampled_from([("million", 10**6), ("thousand", 1000), ("k", 1000), ("bn", 10**9)]))
def test_decimal_with_scale(whole: int, tenth: int, scale: tuple[str, int]) -> None:
    word, factor = scale
    space = "" if len(word) <= 2 else " "
    found = find_numbers(f"{whole}.{tenth}{space}{word} people")
    assert found[0].value == pytest.approx((whole + tenth / 10) * factor)


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(["{a} to {b}", "{a}-{b}", "{a}–{b}", "between {a} and {b}", "from {a} to {b}"]))
def test_ranges(a: int, b: int, pattern: str) -> None:
    low, high = min(a, b), max(a, b)
    text = pattern.format(a=f"{low:,}", b=f"{high:,}")
    found = find_numbers(f"Some said {text} were missing.")
    assert len(found) == 1
    assert (found[0].low, found[0].high) == (low, high)
    assert found[0].value == (low + high) / 2
    assert found[0].text == text


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(LOWER_BOUND)))
def test_lower_bound_hedges(n: int, hedge: str) -> None:
    found = parse_number(f"{hedge} {n:,}")
    assert found is not None
    assert (found.value, found.low, found.high, found.qualifier) == (n, n, None, hedge)


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(UPPER_BOUND)))
def test_upper_bound_hedges(n: int, hedge: str) -> None:
    found = parse_number(f"{hedge} {n:,}")
    assert found is not None
    assert (found.value, found.low, found.high, found.qualifier) == (n, None, n, hedge)


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(sorted(APPROXIMATE)))
def test_approximate_hedges(n: int, hedge: str) -> None:
    found = parse_number(f"{hedge} {n:,}")
    assert found is not None
    assert (found.value, found.low, found.high, found.qualifier) == (n, n, n, hedge)


@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for found in find_numbers(text):
        assert 0 <= found.start <= found.end <= len(text)
        assert text[found.start:found.end] == found.text


@pytest.mark.parametrize(
    ("phrase", "value", "low", "high"),
    [
        ("dozens", 12, 12, None),
        ("scores", 20, 20, None),
        ("hundreds", 100, 100, None),
        ("thousands", 1000, 1000, None),
        ("tens of thousands", 10_000, 10_000, None),
        ("hundreds of thousands", 100_000, 100_000, None),
        ("several", 3, 3, None),
        ("a few", 3, 3, None),
        ("several hundred", 300, 300, None),
    ],
)
def test_vague_quantities_take_conventional_values(
    phrase: str, value: int, low: int, high: int | None
) -> None:
    found = parse_number(phrase)
    assert found is not None and found.vague
    assert (found.value, found.low, found.high) == (value, low, high)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("nearly 40% of", 40, "percent"), ("12 per cent", 12, "percent"),
        ("a third of the unit", 100 / 3, "percent"), ("two-thirds of them", 200 / 3, "percent"),
        ("3,000 troops", 3000, "count"),
    ],
)
def test_shares_are_percent(text: str, value: float, unit: str) -> None:
    found = find_numbers(text)[0]
    assert found.value == pytest.approx(value)
    assert found.unit == unit


@pytest.mark.parametrize(
    "text", ["F-16 jets", "COVID-19", "at 7:30 p.m.", "in the 1990s", "the 3rd brigade", "9mm rounds"]
)
def test_not_counts(text: str) -> None:
    assert find_numbers(text) == []


def test_trailing_hedges() -> None:
    more = parse_number("3,000 or more")
    assert more is not None and (more.low, more.high) == (3000, None)
    plus = parse_number("3,000+")
    assert plus is not None and (plus.low, plus.high) == (3000, None)


def test_month_day_is_not_a_thousands_group() -> None:
    assert [n.value for n in find_numbers("on Dec. 27 100 soldiers")] == [27, 100]


def test_words_that_make_no_number_split() -> None:
    assert [n.value for n in find_numbers("five and six soldiers")] == [5, 6]
    assert words_to_number("five six") is None


@given(st.integers(min_value=1, max_value=10**6), st.integers(min_value=1, max_value=10**6),
       st.sampled_from(sorted(LOWER_BOUND + UPPER_BOUND + APPROXIMATE)),
       st.sampled_from(["wounded", "killed", "dead", "injured", "missing"]),
       st.sampled_from([" and ", ", ", " or "]))
def test_a_hedge_distributes_over_a_list_of_counts(
    a: int, b: int, hedge: str, word: str, joiner: str
) -> None:
    """ "no more than 300 wounded and 40 killed": the hedge bounds the 40 too."""
    text = f"Losses were {hedge} {a:,} {word}{joiner}{b:,} captured."
    first, second = find_numbers(text)
    assert second.qualifier == first.qualifier == hedge
    assert (second.low is None, second.high is None) == (first.low is None, first.high is None)
    assert second.value == b and {second.low, second.high} - {None} == {b}


def test_a_hedge_does_not_cross_a_clause() -> None:
    _first, second = find_numbers("More than 300 people were wounded and 40 were killed.")
    assert (second.qualifier, second.low, second.high) == (None, 40, 40)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("the internal estimate ranged between 1,100 and 1,300 and had been rounded", 1100, 1300),
        ("from 10,000 to 12,000 troops", 10_000, 12_000),
        ("10 to 12 thousand people", 10_000, 12_000),
        ("between two and three hundred", 200, 300),
    ],
)
def test_ranges_in_running_text(text: str, low: float, high: float) -> None:
    (found,) = find_numbers(text)
    assert (found.low, found.high, found.value) == (low, high, (low + high) / 2)
