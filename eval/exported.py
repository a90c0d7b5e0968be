"""What the evaluators share: write a data set as Fogwatch input files, run Fogwatch on them through
its public API and read back what `fogwatch export` writes.

Evaluators score these export rows and nothing else, so a number always describes what a user of
the export gets. Offsets in the rows point into the stored text (NFC, `\\n` line endings,
stripped); `offset_map` carries a data set's own offsets onto it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from fogwatch.api import run
from fogwatch.export.records import export_rows
from fogwatch.ledger import Ledger
from fogwatch.pipeline import STAGES

Row = dict[str, Any]


@dataclass(frozen=True)
class Document:
    """One input document: a file name, its text and its sidecar metadata."""

    name: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def write_article(folder: Path, name: str, text: str, meta: dict[str, str | None]) -> None:
    """`NAME.txt` with a `NAME.meta.json` sidecar holding the fields that are given (an empty
    title says the text has none, so its first line is not taken for one)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    given = {key: value for key, value in meta.items() if value is not None}
    (folder / f"{name}.meta.json").write_text(json.dumps(given), encoding="utf-8")


def write_documents(documents: Iterable[Document], folder: Path) -> None:
    """Each document as NAME.txt with its sidecar, the way ingest reads them."""
    for doc in documents:
        write_article(folder, doc.name, doc.text, {k: v for k, v in doc.meta.items() if v})


def run_and_export(
    folder: Path, db: Path, stages: Sequence[str] = STAGES, **settings: Any
) -> tuple[list[Row], dict[str, float]]:
    """Run the stages over the folder into a fresh ledger; the export rows (article texts
    included) and the seconds each stage took."""
    summary = run([str(folder)], str(db), stages=tuple(stages), **settings)
    ledger = Ledger(str(db))
    try:
        rows = list(export_rows(ledger, include_text=True))
    finally:
        ledger.close()
    return rows, {name: round(stats.seconds, 1) for name, stats in summary.stats.items()}


def articles_by_name(rows: list[Row], texts: dict[str, str]) -> dict[str, Row | None]:
    """The exported article row of each input file (name -> its text as written); a file whose text
    an earlier one already brought is stored once, so it gets that file's row; a file that was not
    stored (an empty page) gets None."""
    by_name = {Path(row["source"]).stem: row for row in rows if row["type"] == "article"}
    by_text = {texts[name]: row for name, row in by_name.items() if name in texts}
    return {name: by_name.get(name) or by_text.get(text) for name, text in texts.items()}


def tallies(rows: Sequence[Row]) -> dict[str, tuple[int, int]]:
    """(killed, injured) of each article's exported tally."""
    return {r["article"]: (r["killed"], r["injured"]) for r in rows if r["type"] == "tally"}


def count_scores(results: Sequence[Row], prefix: str = "") -> dict[str, float]:
    """Exact-match accuracy and mean absolute error of killed and injured counts against `gold_killed`
    and `gold_injured` (`prefix`: whose counts, "" for Fogwatch's)."""
    n = len(results) or 1
    killed, injured = f"{prefix}killed", f"{prefix}injured"
    return {
        "killed_accuracy": round(sum(r[killed] == r["gold_killed"] for r in results) / n, 3),
        "injured_accuracy": round(sum(r[injured] == r["gold_injured"] for r in results) / n, 3),
        "both_accuracy": round(
            sum(r[killed] == r["gold_killed"] and r[injured] == r["gold_injured"] for r in results) / n, 3),
        "killed_mae": round(sum(abs(r[killed] - r["gold_killed"]) for r in results) / n, 3),
        "injured_mae": round(sum(abs(r[injured] - r["gold_injured"]) for r in results) / n, 3),
    }


def offset_map(raw: str, stored: str) -> list[int]:
    """For each offset into the raw text (0..len), the offset of the same place in the stored text."""
    if stored in raw:  # only surrounding whitespace went
        shift = raw.index(stored)
        return [min(max(o - shift, 0), len(stored)) for o in range(len(raw) + 1)]
    out = [0] * (len(raw) + 1)
    for tag, i1, i2, j1, _j2 in SequenceMatcher(None, raw, stored, autojunk=False).get_opcodes():
        for o in range(i1, i2):
            out[o] = j1 + (o - i1 if tag == "equal" else 0)
    out[len(raw)] = len(stored)
    return out
