"""The quality gate: no measured figure may fall below its floor in eval/baseline.json.

Seeds, PolNeAR, GVDB and MPQA need ../shared and skip without it; the demo gold is always here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def load_gate() -> Any:
    spec = importlib.util.spec_from_file_location("gate", REPO / "eval" / "gate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gate"] = module
    spec.loader.exec_module(module)
    return module


gate = load_gate()


@pytest.mark.parametrize("name", sorted(gate.MEASURES))
def test_quality_stays_above_floors(name: str) -> None:
    if not gate.available(name):
        pytest.skip(f"the data for {name} is not here (../shared is absent)")
    baseline = gate.load_baseline()
    measured = gate.MEASURES[name][0]()
    assert measured, "a measurement produced no figures"
    assert all(key in baseline["floors"] for key in measured), "every measured figure has a floor"
    assert gate.check(measured, baseline) == []


def test_gold_files_are_the_ones_the_floors_were_set_on() -> None:
    for relative, expected in gate.load_baseline()["gold_sha256"].items():
        path = (REPO.parent / relative) if relative.startswith("shared/") else REPO / relative
        if not path.exists():
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == expected, f"{relative} changed: re-check floors"


def test_check_flags_a_drop_beyond_the_tolerance() -> None:
    baseline = {"epsilon": 0.01, "floors": {"x": 0.9}}
    assert gate.check({"x": 0.895}, baseline) == []
    assert gate.check({"x": 0.85}, baseline) == ["x: 0.850 < floor 0.900"]
