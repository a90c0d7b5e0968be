"""The one settings table: every knob Fogwatch has, its default and what it is for.

The CLI, the Python API and the `runs` table all read this table, and a test checks that the
README documents every row, so a setting cannot exist without being explained. Unknown names
are an error, so a typo never silently falls back to a default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fogwatch.errors import UsageError


@dataclass(frozen=True)
class Setting:
    """One configurable value."""

    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_bytes", 50_000_000,
            "Largest input file or download accepted, in bytes; larger ones are rejected."),
    Setting("near_duplicate_threshold", 0.8,
            "MinHash Jaccard similarity above which an article is recorded as a syndicated copy."),
    Setting("max_text_chars", 200_000,
            "Most characters of text one article may have; longer ones are rejected."),
    Setting("max_archive_bytes", 10_000_000_000,
            "Most bytes one WARC archive may inflate to; past it the archive is rejected "
            "(decompression bombs)."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL before rejecting it."),
    Setting("fetch_deadline", 60.0,
            "Most seconds one URL may take in all, redirects and download included."),
    Setting("allow_private", False,
            "Fetch URLs on loopback, private, link-local and multicast addresses (refused by default)."),
    Setting("parse_all", False, "Parse every sentence, not only those that can carry a claim (slower)."),
    Setting("learned_cues", False,
            "Also attribute stances, beliefs and plans (\"X opposes Y\", \"X's plan to ...\") that a model "
            "trained on PolNeAR finds where the rules find nothing; parses every sentence (slower)."),
    Setting("batch_size", 64, "Articles extracted per batch and per ledger transaction."),
    Setting("workers", 0, "Extraction processes, each loading spaCy once; 0 uses every core."),
    Setting("embeddings", True, "Use sentence embeddings to link paraphrased statements across articles."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def defaults() -> dict[str, Any]:
    """Every setting at its default."""
    return {s.name: s.default for s in SETTINGS}


def validate(values: dict[str, Any]) -> dict[str, Any]:
    """Merge values over the defaults, refusing unknown names and wrong types."""
    merged = defaults()
    for name, value in values.items():
        if name not in _BY_NAME:
            known = ", ".join(sorted(_BY_NAME))
            raise UsageError(f"unknown setting {name!r}; known settings: {known}")
        expected = type(_BY_NAME[name].default)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected):
            raise UsageError(f"setting {name!r} takes a {expected.__name__}, not {value!r}")
        merged[name] = value
    return merged


def parse_assignment(text: str) -> tuple[str, Any]:
    """Read `name=value` from the command line into a typed pair."""
    name, sep, raw = text.partition("=")
    name = name.strip().replace("-", "_")
    if not sep or name not in _BY_NAME:
        raise UsageError(f"expected NAME=VALUE with a known setting name, got {text!r}")
    expected = type(_BY_NAME[name].default)
    try:
        if expected is bool:
            lowered = raw.strip().lower()
            if lowered not in {"true", "false", "1", "0", "yes", "no"}:
                raise ValueError(raw)
            return name, lowered in {"true", "1", "yes"}
        return name, expected(raw.strip())
    except ValueError:
        raise UsageError(f"setting {name!r} takes a {expected.__name__}, not {raw!r}") from None
