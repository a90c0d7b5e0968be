"""The settings table refuses typos and wrong types, and the README documents every setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogwatch.errors import UsageError
from fogwatch.settings import SETTINGS, defaults, parse_assignment, validate


def test_unknown_setting_is_an_error() -> None:
    with pytest.raises(UsageError, match="unknown setting 'max_byte'"):
        validate({"max_byte": 1})


def test_types_are_checked_and_ints_widen_to_floats() -> None:
    with pytest.raises(UsageError):
        validate({"parse_all": "yes"})
    assert validate({"near_duplicate_threshold": 1})["near_duplicate_threshold"] == 1.0
    assert validate({}) == defaults()


def test_parse_assignment() -> None:
    assert parse_assignment("max-bytes=10") == ("max_bytes", 10)
    assert parse_assignment("parse_all=true") == ("parse_all", True)
    with pytest.raises(UsageError):
        parse_assignment("batch_size=many")


def test_readme_documents_every_setting() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in readme]
    assert not missing, f"README lacks settings: {missing}"
