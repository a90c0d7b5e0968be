"""GVDB evaluator: the reader and the exported tally on a generated row (fast), the whole dev split (slow,
needs ../shared). How victims are counted is tested on the product, in tests/extract/test_victims.py."""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _gvdb() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fogwatch_eval_gvdb", REPO / "eval" / "gvdb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def _victim(outcome: list[str]) -> dict[str, object]:
    empty = {"value": "", "startIndex": -1, "endIndex": -1}
    return {"name": empty, "age": empty, "race": empty, "gender": "Male", "victim-was": outcome}


def _write_row(path: Path, title: str, body: str, victims: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t")
        writer.writerow(["Article id", "Article url", "Article title", "Full text", "Json", "Worker"])
        writer.writerow(["7", "http://example.test/7", title, title + body,
                         json.dumps({"victim-section": victims}), "w1"])


def test_reader_and_counts_on_a_generated_row(tmp_path: Path) -> None:
    gvdb = _gvdb()
    path = tmp_path / "dev.tsv"
    title = "Man shot and killed, woman wounded in Springfield | Example News"
    body = ("A 25-year-old man was shot and killed late Wednesday on Pine Road in Springfield, police said. "
            "A woman was wounded and taken to a hospital in stable condition.")
    _write_row(path, title, body, [_victim(["killed"]), _victim(["injured", "hospitalized"]), _victim([])])
    (row,) = list(gvdb.read_rows(path))
    assert (row.gvdb_id, row.killed, row.injured) == ("7", 1, 1)
    assert row.document.text.startswith(title + "\n")
    report = gvdb.evaluate([row])
    (result,) = report["articles"]
    assert (result["killed"], result["injured"]) == (1, 1)
    assert report["summary"]["killed_accuracy"] == 1.0


@pytest.mark.slow
def test_full_dev_split(shared_dir: Path) -> None:
    gvdb = _gvdb()
    rows = list(gvdb.read_rows(shared_dir / "datasets" / "gvdb" / "dev.tsv"))
    summary = gvdb.evaluate(rows)["summary"]
    assert summary["articles"] == 400
    assert summary["killed_accuracy"] >= 0.86
    assert summary["injured_accuracy"] >= 0.80
