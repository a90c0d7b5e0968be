"""Run the whole pipeline over a gold file's documents in a fresh ledger and score the export."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fogwatch.errors import UsageError
from fogwatch.evaluate.metrics import score_export
from fogwatch.export import export_rows
from fogwatch.ledger import Ledger
from fogwatch.pipeline import LocalExecutor, Progress


def find_documents(gold_path: Path, gold: dict[str, Any], docs: Path | None) -> list[Path]:
    """The gold's document files.

    They are looked for in `docs`, beside the gold, or in a sibling folder named after its corpus.
    """
    candidates = [docs] if docs else [gold_path.parent, gold_path.parent.parent / gold.get("corpus", ""),
                                      gold_path.parent / "demo", gold_path.parents[2] / "examples" / "demo"]
    for folder in candidates:
        if folder is None or not folder.is_dir():
            continue
        present = (folder / d["file"] for d in gold["documents"] if (folder / d["file"]).exists())
        files = list(dict.fromkeys(present))
        if files and len({d["file"] for d in gold["documents"]}) == len(files):
            return files
    raise UsageError(
        f"cannot find the documents of {gold_path}",
        "give their folder with --docs DIR (the gold's `documents[].file` names must be in it)",
    )


def evaluate_gold(
    gold_path: Path, docs: Path | None = None, *, progress: Progress | None = None, **settings: Any
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Scores and the exported rows for a gold file, from a run in a temporary ledger."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    files = find_documents(gold_path, gold, docs)
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(str(Path(tmp) / "eval.db"))
        LocalExecutor(ledger, settings, progress).run([str(f) for f in files], command="eval")
        rows = list(export_rows(ledger))
        ledger.close()
    return score_export(gold, rows), rows
