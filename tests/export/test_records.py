"""The export rows name every entity the one way linking chose, keeping the article's own spelling."""

from __future__ import annotations

from fogwatch.export.records import attribution_row, figure_row
from fogwatch.link.origins import EntityNames
from fogwatch.model import Attribution, Entity, Figure, Speaker


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
