"""Attribution on the seed articles, scored by shared/eval/score.py, stays above its floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"

pytestmark = pytest.mark.shared


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def seeds_result() -> dict[str, object]:
    if not (SHARED / "eval" / "seeds.gold.json").exists() or not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not here (it is not part of a user's clone)")
    seeds = _load(REPO / "eval" / "seeds.py", "fogwatch_eval_seeds")
    result, _rows = seeds.evaluate(SHARED)
    return result  # type: ignore[no-any-return]


def test_attribution_strict_f1(seeds_result: dict[str, object]) -> None:
    _p, _r, f1 = seeds_result["attribution_strict"]  # type: ignore[misc]
    assert f1 >= 0.90, seeds_result


def test_speaker_accuracy_on_matched(seeds_result: dict[str, object]) -> None:
    assert seeds_result["speaker_accuracy_on_matched"] >= 0.95, seeds_result  # type: ignore[operator]


def test_both_relays_found(seeds_result: dict[str, object]) -> None:
    assert seeds_result["via_recall"] == "2/2", seeds_result


def test_seed_rows_point_into_the_text() -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not here")
    seeds = _load(REPO / "eval" / "seeds.py", "fogwatch_eval_seeds")
    import json

    gold = json.loads((SHARED / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    texts = {a.id: a.text for a in seeds.seed_articles(SHARED, gold)}
    for row in seeds.seed_rows(SHARED, gold):
        if row["type"] == "attribution":
            assert texts[row["article"]][row["start"] : row["end"]] == row["text"]
