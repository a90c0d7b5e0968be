"""Shared fixtures: where the shared data lives, skipping cleanly when a clone has none."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the repository (gold files, seeds, datasets)."""
    if not (SHARED / "eval" / "seeds.gold.json").exists():
        pytest.skip("../shared is not here (it is not part of a user's clone)")
    return SHARED


@pytest.fixture(scope="session")
def shared_scorer(shared_dir: Path) -> ModuleType:
    """../shared/eval/score.py, the independent scorer, imported once from its path (never vendored)."""
    path = shared_dir / "eval" / "score.py"
    if not path.is_file():
        pytest.skip("../shared/eval/score.py is not here")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
