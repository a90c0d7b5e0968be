"""`fogwatch eval`: run the pipeline over a gold file's documents and print the scores."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from fogwatch.cli.console import RichProgress, console


def eval_command(
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A *.gold.json file.")],
    docs: Annotated[Path | None, typer.Option(help="Folder holding the gold's documents.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores as JSON.")] = None,
    export: Annotated[Path | None, typer.Option(help="Also write the scored JSONL export here.")] = None,
) -> None:
    """Score Fogwatch against gold annotations (same figures as shared/eval/score.py)."""
    from fogwatch.evaluate.metrics import headline  # loaded by this command only: every command starts faster
    from fogwatch.evaluate.runner import evaluate_gold
    from fogwatch.export import write_jsonl_file

    progress = RichProgress()
    try:
        scores, rows = evaluate_gold(gold, docs, progress=progress)
    finally:
        progress.close()
    for key, value in scores.items():
        console.print(f"{key:32} {value}", markup=False)
    console.print(headline(scores), markup=False)
    if json_out:
        json_out.write_text(json.dumps(scores, indent=1, default=str), encoding="utf-8")
    if export:
        write_jsonl_file(rows, export)
