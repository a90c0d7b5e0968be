"""Figures on the seed articles, scored by shared/eval/score.py (skipped where ../shared is absent)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def _seeds_figures() -> ModuleType:
    path = REPO / "eval" / "seeds_figures.py"
    spec = importlib.util.spec_from_file_location("fogwatch_eval_seeds_figures", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


def test_seed_figures_with_gold_attributions(shared_dir: Path) -> None:
    evaluator = _seeds_figures()
    gold = json.loads((shared_dir / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    rows, scores = evaluator.run(shared_dir, evaluator.gold_attributions(gold))
    assert scores["figure_strict"][2] >= 0.9, scores["figure_errors"]
    figures = [r for r in rows if r["type"] == "figure"]
    assert all(r["id"].startswith(r["article"] + "-f") for r in figures)


def test_seed_figures_with_the_attribution_extractor(shared_dir: Path) -> None:
    if importlib.util.find_spec("fogwatch.extract.attribution") is None:
        pytest.skip("the attribution extractor has not landed")
    evaluator = _seeds_figures()
    _rows, scores = evaluator.run(shared_dir, evaluator.real_attributions())
    assert scores["figure_value"][2] >= 0.9
    assert scores["figure_strict"][2] >= 0.8, scores["figure_errors"]
