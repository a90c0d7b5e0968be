"""`fogwatch eval` scores an export exactly as the shared, independent scorer does."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from fogwatch.evaluate import score_export
from fogwatch.evaluate.matching import overlap_f1, same_name


def rows_from_gold(gold: dict[str, Any]) -> list[dict[str, Any]]:
    """A perfect export built from the gold itself."""
    rows: list[dict[str, Any]] = [
        {"type": "article", "id": f"art-{d['id']}", "source": d["file"]} for d in gold["documents"]
    ]
    for a in gold["attributions"]:
        rows.append({"type": "attribution", "id": f"p{a['id']}", "article": f"art-{a['doc']}",
                     "text": a["text"], "speaker": {"name": a["speaker"], "type": a["speaker_type"]},
                     "kind": a["kind"], "via": a["via"]})
    for f in gold["figures"]:
        rows.append({"type": "figure", "id": f"p{f['id']}", "article": f"art-{f['doc']}", "text": f["text"],
                     "value": f["value"], "low": f["low"], "high": f["high"], "counted": f["counted"],
                     "source": f["source"]})
    for s in gold["statements"]:
        rows.append({"type": "statement", "id": f"p{s['id']}", "members": [f"p{m}" for m in s["members"]],
                     "origin": s["origin"], "independent_origins": s["independent_origins"]})
    for k in gold["conflicts"]:
        members = [f"p{m}" for m in k.get("members", [])] or [
            f"p{a['id']}" for a in gold["attributions"] if a["doc"] == k.get("doc")][:1]
        rows.append({"type": "conflict", "id": f"p{k['id']}", "kind": k["kind"], "members": members})
    return rows


def perturbed(rows: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """Drop, mislabel and merge some rows, so the scores are far from perfect."""
    rng = random.Random(seed)
    out = []
    for row in copy.deepcopy(rows):
        if row["type"] in {"attribution", "figure"} and rng.random() < 0.2:
            continue
        if row["type"] == "attribution" and rng.random() < 0.2:
            row["speaker"] = {"name": "Somebody Else", "type": "person"}
        if row["type"] == "figure" and rng.random() < 0.3:
            row["counted"] = "killed"
        if row["type"] == "statement" and rng.random() < 0.4:
            row["independent_origins"] = 2
        out.append(row)
    return out


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.parametrize("seed", [None, 1, 2, 3])
def test_agrees_with_shared_scorer(shared_dir: Path, shared_scorer: ModuleType, seed: int | None) -> None:
    gold = json.loads((shared_dir / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    rows = rows_from_gold(gold)
    if seed is not None:
        rows = perturbed(rows, seed)
    theirs = shared_scorer.score(gold, copy.deepcopy(rows))
    ours = score_export(gold, copy.deepcopy(rows))
    for key in ("attribution_span", "attribution_strict", "speaker_accuracy_on_matched", "via_recall",
                "figure_value", "figure_strict", "linking_pairs", "origin_count_correct", "conflicts_found"):
        assert _plain(ours[key]) == _plain(theirs[key]), key
    if seed is None:
        assert ours["attribution_strict"][2] == 1.0 and ours["linking_pairs"][2] == 1.0


def test_overlap_and_names() -> None:
    assert overlap_f1("It is clear, he said.", "it is clear") == pytest.approx(0.75)
    assert overlap_f1("", "x") == 0.0
    assert same_name("Zelenskiy", "Volodymyr Zelensky")
    assert same_name("ISW", "Institute for the Study of War")
    assert same_name("Kirby", "John Kirby")
    assert not same_name("John Kirby", "Kenneth Roth")
