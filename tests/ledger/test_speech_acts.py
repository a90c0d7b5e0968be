"""Speech acts are stored apart from attributions, and no read that means attributions sees them;
ledgers that kept them in the attributions table are migrated."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from fogwatch.export import export_rows
from fogwatch.ledger import Ledger
from fogwatch.ledger.migrate import alembic_config
from fogwatch.ledger.queries import Reader, read_engine
from fogwatch.model import Article, ArticleClaims, Attribution, Speaker, SpeechAct

TEXT = "Ilsa Vorn said the dockers' criticism of the plan was unfair."


def _ledger(tmp_path: Path) -> Ledger:
    ledger = Ledger(str(tmp_path / "ledger.db"))
    ledger.add_article(Article(id="art1", source="a.txt", text=TEXT, content_hash="h1", outlet="Courier"))
    said = Attribution("art1-a1", "art1", "indirect", TEXT[15:60], 15, 60, Speaker("Ilsa Vorn", "person"),
                       cue="said", cue_start=10, cue_end=14)
    cue = TEXT.index("criticism")
    act = SpeechAct("art1-s1", "art1", TEXT[15:49], 15, 49, Speaker(None, "unnamed", mention="the dockers"),
                    cue="criticism", cue_start=cue, cue_end=cue + 9, via=("Ilsa Vorn",), source_start=15,
                    source_end=26)
    ledger.replace_claims([ArticleClaims("art1", (said,), speech_acts=(act,))], "x.v1")
    return ledger


def test_speech_acts_round_trip_apart_from_attributions(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    (claims,) = ledger.claims()
    assert [a.id for a in claims.attributions] == ["art1-a1"]
    (act,) = claims.speech_acts
    assert (act.cue, act.via, act.speaker.mention, act.text) == (
        "criticism", ("Ilsa Vorn",), "the dockers", "the dockers' criticism of the plan")
    assert ledger.counts()["attributions"] == 1 and ledger.counts()["speech_acts"] == 1
    ledger.close()


def test_a_ledger_that_kept_speech_acts_among_attributions_moves_them_to_their_table(tmp_path: Path) -> None:
    before = _ledger(tmp_path).claims()
    engine = create_engine(f"sqlite:///{tmp_path / 'ledger.db'}")
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0004")  # the schema that shared the table
    with engine.connect() as connection:
        kinds = connection.execute(text("SELECT id, kind FROM attributions ORDER BY id")).all()
    engine.dispose()
    assert kinds == [("art1-a1", "indirect"), ("art1-s1", "speech_act")]
    ledger = Ledger(str(tmp_path / "ledger.db"))  # opening upgrades it
    assert ledger.claims() == before
    assert ledger.counts()["attributions"] == 1 and ledger.counts()["speech_acts"] == 1
    ledger.close()


def test_pages_count_and_search_attributions_only(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    reader = Reader(read_engine(ledger.url))
    assert reader.counts()["attributions"] == 1
    page = reader.article("art1")
    assert page is not None
    assert [a["id"] for a in page["attributions"]] == ["art1-a1"]
    assert [(a["id"], a["type"]) for a in page["speech_acts"]] == [("art1-s1", "speech_act")]
    assert reader.article_list().items[0]["attributions"] == 1
    found = reader.search("criticism", "claims").items
    assert [c["id"] for c in found] == ["art1-a1"]
    ledger.close()


def test_export_writes_speech_act_rows(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    rows = list(export_rows(ledger))
    (act,) = [r for r in rows if r["type"] == "speech_act"]
    assert act["id"] == "art1-s1" and act["article"] == "art1"
    assert (act["cue"], act["start"], act["end"], act["via"]) == ("criticism", 15, 49, ["Ilsa Vorn"])
    assert TEXT[act["cue_start"] : act["cue_end"]] == "criticism"
    assert act["speaker"]["mention"] == "the dockers" and "name_in_article" in act["speaker"]
    assert [r["id"] for r in rows if r["type"] == "attribution"] == ["art1-a1"]
    statements = [r for r in rows if r["type"] == "statement"]
    assert all("art1-s1" not in s["members"] for s in statements)
    ledger.close()


def test_the_article_page_lists_speech_acts_apart_from_claims(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from fogwatch.serve import create_app

    _ledger(tmp_path).close()
    client = TestClient(create_app(str(tmp_path / "ledger.db")))
    html = client.get("/articles/art1").text
    assert "Speech acts mentioned" in html and "reported by Ilsa Vorn" in html
    assert "1 attribution" in html
    data = client.get("/articles/art1.json").json()
    assert [s["id"] for s in data["article"]["speech_acts"]] == ["art1-s1"]


def test_the_tables_api_has_a_speech_acts_frame(tmp_path: Path) -> None:
    import fogwatch

    _ledger(tmp_path).close()
    tables = fogwatch.frames(db=str(tmp_path / "ledger.db"))
    assert list(tables["speech_acts"]["cue"]) == ["criticism"]
    assert list(tables["attributions"]["id"]) == ["art1-a1"]
