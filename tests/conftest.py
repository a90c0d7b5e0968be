"""Shared fixtures: where the shared data lives, skipping cleanly when a clone has none."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the repository (gold files, seeds, datasets)."""
    if not (SHARED / "eval" / "seeds.gold.json").exists():
        pytest.skip("../shared is not here (it is not part of a user's clone)")
    return SHARED
