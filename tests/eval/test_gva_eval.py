"""GVA long-tail evaluator on generated rows: sidecars, the sample by incident, scores from the export."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]


def _gva() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fogwatch_eval_gva", REPO / "eval" / "gva.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _write(folder: Path) -> None:
    docs = [
        {"incident_id": "1", "doc_id": "aaa", "title": "Man Killed In Springfield Shooting",
         "dct": "2016-05-02", "uri": "http://web.archive.org/web/20160601000000/http://www.example-news.test:80/a",
         "content": "A 30-year-old man was shot and killed Sunday night on Elm Street, police said."},
        {"incident_id": "1", "doc_id": "bbb", "title": "Victim identified in Elm Street shooting",
         "dct": "2016-05-03", "uri": "http://web.archive.org/web/20160602000000/http://other.test/b",
         "content": "Police identified the man killed Sunday on Elm Street as John Doe, 30."},
        {"incident_id": "2", "doc_id": "ccc", "title": "Two wounded in Shelbyville", "dct": "2016-07-09",
         "uri": "http://web.archive.org/web/20160701000000/http://third.test/c",
         "content": "Two women were wounded in a shooting outside a store in Shelbyville on Saturday."},
    ]
    incidents = [{"incident_uri": "1", "num_killed": 1, "num_injured": 0},
                 {"incident_uri": "2", "num_killed": 0, "num_injured": 2}]
    (folder / "dev.docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    (folder / "dev.incidents.jsonl").write_text("".join(json.dumps(i) + "\n" for i in incidents),
                                                encoding="utf-8")


def test_documents_carry_the_page_address_and_outlet(tmp_path: Path) -> None:
    gva = _gva()
    _write(tmp_path)
    gold = gva.read_gold(tmp_path)
    first = gold[0].document
    assert first.meta["url"] == "http://www.example-news.test:80/a"
    assert first.meta["outlet"] == "example-news.test" and first.meta["published"] == "2016-05-02"
    assert (gold[0].killed, gold[0].injured) == (1, 0)
    sample = gva.read_gold(tmp_path, limit=1)
    assert len({d.incident for d in sample}) == 1, "a sample keeps whole incidents"


def test_scores_come_from_the_export(tmp_path: Path) -> None:
    gva = _gva()
    _write(tmp_path)
    report = gva.evaluate(gva.read_gold(tmp_path), embeddings=False)
    summary = report["summary"]
    assert summary["articles"] == 3 and summary["stored_articles"] == 3
    assert summary["killed_accuracy"] == 1.0 and summary["injured_accuracy"] == 1.0
    assert 0.0 < summary["story_b3_f1"] <= 1.0 and summary["articles_per_second"] > 0
    assert {"naive_killed_accuracy", "naive_injured_accuracy"} <= set(summary)
