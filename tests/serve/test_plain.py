"""Machine values in the words a reader would use."""

from __future__ import annotations

from fogwatch.serve import plain
from fogwatch.serve.plain import day, moment, names, plural, span, spelled, verb


def test_quantities_dates_and_ranges_read_as_words() -> None:
    assert plain.quantity_label("killed_or_wounded | varnish sailors | tolm estuary") == (
        "killed or wounded — Varnish sailors — Tolm estuary")
    assert plain.quantity_label("other | displaced residents | unspecified") == "Displaced residents"
    assert day("2031-06-05T15:40:00+00:00") == "5 June 2031"
    assert day("2031-06-05", weekday=True, year=False) == "Thursday 5 June"
    assert moment("2031-06-05T15:40:00+00:00") == "5 June 2031, 15:40"
    assert moment("2031-06-05") == "5 June 2031"
    assert day("sometime") == "sometime"
    assert plain.dates_in("credited (said 2031-06-05), seen 2031-06-06T08:00:00+00:00") == (
        "credited (said 5 June 2031), seen 6 June 2031")
    assert span(1100, 1200, 1300) == "1,100 to 1,300"
    assert span(None, 340, 340) == "no more than 340"
    assert span(1000, 1000, None) == "more than 1,000"
    assert span(1200, 1200, 1200, "about") == "about 1,200"
    assert span(1200, 1200, 1200) == "1,200"


def test_counts_agree_with_their_nouns() -> None:
    assert plural(1, "article") == "1 article" and plural(2, "article") == "2 articles"
    assert plural(3, "story") == "3 stories" and plural(1200, "claim") == "1,200 claims"
    assert plural(1, "syndicated copy", "syndicated copies") == "1 syndicated copy"
    assert spelled(7, "outlet") == "seven outlets" and spelled(1, "outlet") == "one outlet"
    assert spelled(12, "outlet") == "12 outlets"
    assert verb(1, "dates") == "dates" and verb(2, "dates") == "date" and verb(3, "says") == "say"
    assert names(["A", "B", "A", None, "C"]) == "A, B and C" and names(["A"]) == "A"
    assert names(["A", "B", "C", "D", "E", "F"]) == "A, B, C, D and 2 others"


def test_an_untitled_article_is_named_by_outlet_and_date() -> None:
    assert plain.outlet_or_title({"id": "9f8e7d", "title": None, "outlet": "Tolm Gazette",
                            "published": "2031-06-05T08:00:00"}) == "Tolm Gazette, 5 June 2031"
    assert plain.outlet_or_title({"id": "9f8e7d", "title": "", "outlet": None}) == "Unknown outlet (untitled)"
    assert plain.outlet_or_title({"id": "9f8e7d", "title": "Harbour closed"}) == "Harbour closed"
