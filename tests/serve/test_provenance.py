"""The provenance drawing: one path per outlet and relay chain, each name once, names wrapped whole,
each path its own line, and how each outlet carried the words."""

from __future__ import annotations

from typing import Any

from fogwatch.serve.provenance import path_layout, provenance_paths

WIRE = "Tarvanian Wire Service of the Northern Provinces"


def _claim(article: str, via: tuple[str, ...] = (), kind: str = "direct", text: str = "we hold the bridge",
           claim_type: str = "attribution") -> dict[str, Any]:
    return {"id": f"{article}-a1", "article": article, "type": claim_type, "kind": kind, "text": text,
            "via": list(via)}


def _found() -> dict[str, Any]:
    claims = [_claim("w1"), _claim("o1", (WIRE,)), _claim("o2", (WIRE,), text="we hold the  bridge"),
              _claim("o3", (WIRE,), kind="indirect"), _claim("o4", (WIRE, "Harbour Desk"), text="we held it"),
              _claim("o5", (), claim_type="figure")]
    outlets = {"w1": {"outlet": WIRE}, "o1": {"outlet": "Lowland Courier"},
               "o2": {"outlet": "Lowland Courier", "copy": True}, "o3": {"outlet": "Kestrian Herald"},
               "o4": {"outlet": "Portside Observer"}, "o5": {"outlet": "Westbrook Gazette"}}
    return provenance_paths({"origin": "General Irena Voskova"}, claims, outlets, "we hold the bridge")


def test_paths_group_an_outlets_articles_and_say_how_it_carried_the_words() -> None:
    found = _found()
    paths = {p["outlet"]: p for p in found["paths"]}
    assert paths["Lowland Courier"]["chain"] == [WIRE] and paths["Lowland Courier"]["articles"] == 2
    assert paths["Lowland Courier"]["copies"] == 1 and paths["Lowland Courier"]["how"] == "quoted"
    assert paths["Kestrian Herald"]["how"] == "paraphrased"
    assert paths["Portside Observer"]["how"] == "reworded"
    assert paths[WIRE]["chain"] == [] and paths["Westbrook Gazette"]["how"] is None
    assert found["paths"][0]["outlet"] == "Lowland Courier", "most carried first"


def test_layout_draws_each_name_once_whole_and_each_path_its_own_line() -> None:
    found = _found()
    layout = path_layout(found)
    assert layout is not None
    labels = [n["label"] for n in layout["nodes"]]
    assert labels.count(WIRE) == 1, "a wire agency that relays and prints is one node"
    wire = next(n for n in layout["nodes"] if n["label"] == WIRE)
    assert wire["roles"] == ["relay", "outlet"] and len(wire["lines"]) > 1
    assert " ".join(wire["lines"]) == WIRE, "wrapped, not cut"
    assert wire["light"] == [p["id"] for p in found["paths"] if p["outlet"] == WIRE]
    by_path: dict[str, list[dict[str, Any]]] = {}
    for segment in layout["segments"]:
        by_path.setdefault(segment["path"], []).append(segment)
    courier = next(p for p in found["paths"] if p["outlet"] == "Lowland Courier")
    harbour = next(p for p in found["paths"] if p["outlet"] == "Portside Observer")
    assert len(by_path[courier["id"]]) == 2 and len(by_path[harbour["id"]]) == 3
    leaving = f"M{wire['x'] + wire['w']:.1f}"
    starts = {s["d"].split(" ")[0] for s in layout["segments"] if s["d"].startswith(leaving)}
    assert len(starts) == 3, "the three paths leaving the wire node leave it on three lines"
    assert by_path[courier["id"]][-1]["label"] == "quoted"
    assert by_path[harbour["id"]][-1]["label"] == "re-worded"
    assert "path" not in str(found["paths"][0].get("hops", "")), "the JSON paths are left as they were"
    for node in layout["nodes"]:
        assert node["h"] >= len(node["lines"]) * 15
    direct = next(p for p in found["paths"] if p["outlet"] == "Westbrook Gazette")
    (skip,) = by_path[direct["id"]]
    row_y = float(skip["d"].split(" L")[1].split(",")[1].split(" ")[0])
    assert not wire["y"] <= row_y <= wire["y"] + wire["h"], "a direct path never runs behind a relay's box"


def test_nothing_to_draw() -> None:
    assert path_layout({"origin": "x", "paths": [], "more_paths": 0, "more_articles": 0}) is None
