"""A conflict set out as its sides: who said what, when, in which outlet, with the words in dispute."""

from __future__ import annotations

from typing import Any

from fogwatch.serve.charts import party_colour, timeline_chart
from fogwatch.serve.sides import conflict_view

TEXT = ("Harbour closed after storm\n"
        "The port authority said on Tuesday that about 40 boats had sunk in the Tolm estuary. "
        "Crews were still searching.\n")
LATE = ("Storm toll\n"
        "About 40 boats sank in the Tolm estuary, the port authority said. It gave the figure on Wednesday. "
        "Crews were still searching.\n")


def _claims(article: str, text: str, said_on: str, said_text: str) -> list[dict[str, Any]]:
    words = ("about 40 boats had sunk in the Tolm estuary" if "about" in text
             else "About 40 boats sank in the Tolm estuary")
    start = text.index(words)
    number = words.split(" boats")[0]
    return [
        {"id": f"{article}-a1", "type": "attribution", "article": article, "text": words, "start": start,
         "end": start + len(words), "speaker_name": "Port Authority", "speaker_mention": "The port authority",
         "source_start": None, "source_end": None, "via": [], "said_on": said_on, "said_on_text": said_text},
        {"id": f"{article}-f1", "type": "figure", "article": article, "text": f"{number} boats",
         "start": start, "end": start + len(number) + 6, "value": 40.0, "low": 40.0, "high": 40.0,
         "qualifier": "about", "counted": "other", "source": "Port Authority", "via": [],
         "attribution": f"{article}-a1", "said_on": None},
    ]


def _date_conflict() -> dict[str, Any]:
    articles = {f"art{i}": {"id": f"art{i}", "title": None, "outlet": f"Outlet {i}",
                            "published": "2031-06-04", "url": None, "copy_of": None, "text": TEXT}
                for i in range(3)}
    articles["late"] = {"id": "late", "title": "Storm toll", "outlet": "Tolm Gazette",
                        "published": "2031-06-05T09:00:00+00:00", "url": None, "copy_of": None, "text": LATE}
    claims = [c for i in range(3) for c in _claims(f"art{i}", TEXT, "2031-06-03", "on Tuesday")]
    claims += _claims("late", LATE, "2031-06-04", "on Wednesday")
    statement = {"id": "s-boats", "what": "Port Authority: about 40 boats sunk", "origin": "Port Authority"}
    return {"id": "k-date", "kind": "date", "rating": "statement", "why": "dated differently",
            "statement": None, "members": [c["id"] for c in claims], "reviewed": False,
            "detail": [["majority", "2031-06-03"], ["s-boats", statement["what"]]],
            "claims": claims, "parents": [], "truncated": False, "articles": articles,
            "statements": {c["id"]: statement for c in claims}, "ranges": []}


def test_date_sides_name_the_dissenting_outlet_and_mark_the_date_words() -> None:
    view = conflict_view(_date_conflict(), lambda name: name)
    assert view["verdict"] == ("Tolm Gazette dates Port Authority's statement Wednesday 4 June; "
                               "three outlets say Tuesday 3 June")
    majority, dissent = view["sides"]
    assert not majority["dissent"] and dissent["dissent"]
    assert dissent["outlets"] == ["Tolm Gazette"] and dissent["summary"] == "1 article in 1 outlet"
    (entry,) = dissent["articles"]
    (claim,) = entry["claims"]  # the figure is shown inside its sentence, not as a second claim
    assert [f["range"] for f in claim["figures"]] == ["about 40"]
    marked = {cls: text for cls, text in claim["sentence"] if cls}
    assert marked["disputed"] == "on Wednesday"  # stated in the next sentence, which is shown with it
    assert "".join(text for _cls, text in claim["sentence"]).startswith("About 40 boats sank")
    assert len(majority["articles"]) == 3


def test_figure_sides_group_the_ranges_that_agree() -> None:
    data = _date_conflict()
    data.update(kind="figure", rating="disagreement", detail=[
        ["quantity", "other | boats | tolm estuary"], ["s-a", "x"], ["s-b", "y"], ["s-c", "z"]])
    low = [dict(c, value=12.0, low=None, high=12.0, qualifier="no more than") if c["type"] == "figure" else c
           for c in _claims("late", LATE, "2031-06-04", "on Wednesday")]
    data["claims"] = [c for c in data["claims"] if c["article"] != "late"] + low
    data["statements"] = {c["id"]: {"id": "s-c" if c["article"] == "late" else "s-a" if c["article"] == "art0"
                                    else "s-b", "what": "w", "origin": None} for c in data["claims"]}
    data["ranges"] = [
        {"statement": "s-a", "party": "Port Authority", "low": 40.0, "best": 40.0, "high": 40.0},
        {"statement": "s-b", "party": None, "low": 35.0, "best": 40.0, "high": 45.0},
        {"statement": "s-c", "party": "Tolm Coastguard", "low": None, "best": 12.0, "high": 12.0}]
    view = conflict_view(data, lambda name: name)
    assert view["label"] == "Boats — Tolm estuary"
    assert view["verdict"] == ("Boats — Tolm estuary: Port Authority says about 40 and an unnamed source "
                               "35 to 45 (three outlets); Tolm Coastguard says no more than 12 (one outlet)")
    assert [s["dissent"] for s in view["sides"]] == [False, True]


def test_party_colours_hold_across_charts_and_marks_do_not_hide_each_other() -> None:
    assert party_colour("Tolm Coastguard") == party_colour("Tolm Coastguard", {"#000000"})
    assert party_colour(None) == party_colour("unnamed")
    points = [{"party": "A", "date": "2031-06-03", "low": 40, "best": 40, "high": 40},
              {"party": "B", "date": "2031-06-03", "low": None, "best": 12, "high": 12},
              {"party": "C", "date": "2031-06-03", "low": 30, "best": 30, "high": None}]
    first = timeline_chart(points, ["A", "B", "C"])
    second = timeline_chart(points[1:], ["C", "B"])
    assert first is not None and second is not None
    colour = {s["party"]: s["colour"] for s in first["series"]}
    assert {s["party"]: s["colour"] for s in second["series"]} == {"B": colour["B"], "C": colour["C"]}
    marks = {s["party"]: s["marks"][0] for s in first["series"]}
    assert len({m["x"] for m in marks.values()}) == 3  # same day, set side by side
    assert (marks["B"]["open"], marks["C"]["open"], marks["A"]["open"]) == ("down", "up", None)
    assert [marks[p]["label"] for p in "ABC"] == ["40", "no more than 12", "more than 30"]


def test_each_reworded_quotation_is_its_own_side() -> None:
    data = _date_conflict()
    quote = "We will hold the harbour until the storm passes"
    texts = {"art0": quote, "art1": "We will hold the port until the storm passes",
             "art2": "We will not hold the harbour until the storm passes", "late": quote}
    claims = []
    for article, words in texts.items():
        text = f"Headline\nThe mayor said: \u201c{words}.\u201d Crews waited.\n"
        data["articles"][article]["text"] = text
        start = text.index(words)
        claims.append({"id": f"{article}-a1", "type": "attribution", "article": article, "text": words,
                       "start": start, "end": start + len(words), "speaker_name": "Mayor Orlen", "via": [],
                       "said_on": None, "said_on_text": None, "source_start": None, "source_end": None})
    data.update(kind="quote_drift", rating="meaning", claims=claims, members=[c["id"] for c in claims],
                statements={c["id"]: {"id": "s-q", "what": "w", "origin": "Mayor Orlen"} for c in claims},
                detail=[["canonical", "art0-a1 late-a1"], ["variant art1-a1", "wording: harbour/port"],
                        ["variant art2-a1", "meaning: +not [negation added]"]])
    view = conflict_view(data, lambda name: name)
    assert [s["label"] for s in view["sides"]] == ["the most printed wording", "wording 2", "wording 3"]
    assert [s["outlets"] for s in view["sides"]] == [["Outlet 0", "Tolm Gazette"], ["Outlet 1"], ["Outlet 2"]]
    assert [s["dissent"] for s in view["sides"]] == [False, True, True]
    port = view["sides"][1]["articles"][0]["claims"][0]["sentence"]
    assert [text for cls, text in port if cls == "disputed"] == ["port"]
    assert "“harbour” → “port”" in view["verdict"] and "“not” added" in view["verdict"]
