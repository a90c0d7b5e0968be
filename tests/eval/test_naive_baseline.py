"""The naive baseline writes rows in the export contract that a gold scorer can read."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _naive():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("fogwatch_eval_naive", REPO / "eval" / "naive.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_said_sentences_and_counts_become_rows(tmp_path: Path) -> None:
    doc = tmp_path / "harlow.txt"
    doc.write_text("Two people were wounded on Elm Street, Harlow police said. The road reopened.\n")
    rows = _naive().rows_for(doc)
    attribution = next(r for r in rows if r["type"] == "attribution")
    figure = next(r for r in rows if r["type"] == "figure")
    text = doc.read_text().strip()
    assert text[attribution["start"]:attribution["end"]] == attribution["text"]
    assert attribution["text"].startswith("Two people were wounded")
    assert attribution["speaker"]["name"] == "Harlow"
    assert (figure["value"], figure["counted"], figure["source"]) == (2.0, "wounded", "Harlow")
    assert sum(1 for r in rows if r["type"] == "attribution") == 1
