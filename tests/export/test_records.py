"""The export rows name every entity the one way linking chose, keeping the article's own spelling."""

from __future__ import annotations

from fogwatch.export.records import attribution_row, figure_row, plural, tally_row
from fogwatch.link.origins import EntityNames
from fogwatch.model import Attribution, Entity, Figure, Speaker, Tally


def _names() -> EntityNames:
    return EntityNames.of((e.name, e.spellings) for e in [
        Entity("tymofiy halvanenko", "Tymofiy Halvanenko", "person",
               ("timofei galvanenko", "tymofiy halvanenko")),
        Entity("castellan press", "Castellan Press", "organization", ("castellan press",)),
    ])


def test_attribution_speaker_and_relays_get_the_entity_name() -> None:
    att = Attribution("a1", "doc", "indirect", "1,200 killed", 0, 12,
                      Speaker("Timofei Galvanenko", "person", mention="Galvanenko"), via=("castellan press",))
    row = attribution_row(att, _names())
    assert row["speaker"]["name"] == "Tymofiy Halvanenko"
    assert row["speaker"]["name_in_article"] == "Timofei Galvanenko"
    assert row["speaker"]["mention"] == "Galvanenko"
    assert row["via"] == ["Castellan Press"]


def test_figure_source_gets_the_entity_name_and_unknown_names_stay() -> None:
    fig = Figure("f1", "doc", "1,200 killed", 0, 12, 1200, 1200, 1200, "killed", source="Timofei Galvanenko",
                 via=("Northern Wire",))
    row = figure_row(fig, _names())
    assert row["source"] == "Tymofiy Halvanenko" and row["source_in_article"] == "Timofei Galvanenko"
    assert row["via"] == ["Northern Wire"]


def test_tally_row_carries_its_victims_as_figure_objects() -> None:
    victim = Figure("doc-v1", "doc", "a woman was wounded", 0, 19, 1, 1, 1, "wounded", subject="woman",
                    via=("Northern Wire",))
    row = tally_row(Tally("doc", killed=0, injured=1, victims=(victim,)))
    assert (row["type"], row["article"], row["killed"], row["injured"]) == ("tally", "doc", 0, 1)
    (described,) = row["victims"]
    assert described["text"] == "a woman was wounded" and described["via"] == ["Northern Wire"]
    assert plural("tally") == "tallies" and plural("figure") == "figures" and plural("story") == "stories"
