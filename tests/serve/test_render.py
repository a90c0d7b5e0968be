"""The pure pieces behind the pages: highlighting, word diffs and chart geometry."""

from __future__ import annotations

from fogwatch.reconcile.quote_drift import compare_quotes
from fogwatch.serve.charts import timeline_chart
from fogwatch.serve.marks import anchor, char_segments, drift_segments, highlight


def test_highlight_escapes_and_splits_overlaps() -> None:
    text = 'He said "<b>5 & 6</b>" today'
    claims = [{"id": "x-a1", "type": "attribution", "kind": "direct", "start": 9, "end": 21},
              {"id": "x-f1", "type": "figure", "start": 12, "end": 17}]
    html = str(highlight(text, claims))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count('class="hl') == 3  # before, inside and after the figure
    assert 'class="hl hl-figure hl-quote" href="#c-x-f1" data-claims="c-x-a1 c-x-f1">5 &amp; 6</a>' in html
    assert html.startswith("He said &#34;") and html.endswith("&#34; today")


def test_highlight_clamps_bad_offsets() -> None:
    claims = [{"id": "a", "type": "attribution", "kind": "indirect", "start": 3, "end": 99},
              {"id": "b", "type": "figure", "start": 50, "end": 60}]
    html = str(highlight("short", claims))
    assert html == 'sho<a class="hl hl-said" href="#c-a" data-claims="c-a">rt</a>'


def test_anchor_is_safe_in_urls_and_attributes() -> None:
    assert anchor('a "b"<c>/d e') == "c-a__b__c__d_e"


def test_drift_segments_mark_words_and_keep_both_texts() -> None:
    base = "It is evident that commanders see these units as expendable,"
    other = "It is clear that leaders see these troops as expendable"
    left, right = drift_segments(base, other, compare_quotes(base, other).ops)
    assert "".join(t for _, t in left) == base and "".join(t for _, t in right) == other
    assert [t for op, t in left if op == "del"] == ["evident", "commanders", "units"]
    assert [t for op, t in right if op == "ins"] == ["clear", "leaders", "troops"]
    curly, straight = char_segments("Tarvania’s men,", "Tarvania's men")
    assert curly == [["same", "Tarvania"], ["del", "’"], ["same", "s men"], ["del", ","]]
    assert straight == [["same", "Tarvania"], ["ins", "'"], ["same", "s men"]]
    same = [["same", "same words"]]
    assert drift_segments("same words", "same words", ()) == (same, same)


def test_timeline_chart_scales_and_skips_undated() -> None:
    points = [{"party": "A", "date": "2024-12-01", "low": 100, "best": 150, "high": 200, "independent": True},
              {"party": "A", "date": "2024-12-11", "low": 300, "best": 300, "high": None,
               "independent": False},
              {"party": "B", "date": None, "low": 5, "best": 5, "high": 5, "independent": True}]
    chart = timeline_chart(points, ["A", "B"])
    assert chart is not None and chart["undated"] == 1
    (series,) = chart["series"]
    first, second = series["marks"]
    assert first["x"] < second["x"] and first["y_high"] < first["y_low"]
    assert second["open"] and second["hollow"] and series["band"] and series["line"]
    assert chart["y_ticks"][0]["label"] == "0" and chart["x_ticks"]
    assert timeline_chart([{"party": "A", "date": None, "best": 1}], ["A"]) is None
