"""Run Fogwatch on a data set's documents as a user would, and read back what its export says.

Evaluators write each document as a `.txt` file with a `.meta.json` sidecar (url, outlet, date,
title), run the pipeline through the public API, export JSON Lines and score those rows: what is
measured is what `fogwatch run` and `fogwatch export` produce, not a private path through the code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import fogwatch
from fogwatch.export import export_rows, write_jsonl_file
from fogwatch.ingest import content_hash
from fogwatch.ledger import Ledger


@dataclass(frozen=True)
class Document:
    """One input document: a file name, its text and its sidecar metadata."""

    name: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


def safe_name(text: str) -> str:
    """A file name from an id ("gvdb_12", "gva_96792_a5fd27")."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text)[:120]


def write_documents(documents: Iterable[Document], folder: Path) -> None:
    """Each document as NAME.txt with NAME.meta.json beside it, the way ingest reads sidecars."""
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        (folder / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
        meta = {k: v for k, v in doc.meta.items() if v}
        if meta:
            (folder / f"{doc.name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")


def run_and_export(
    folder: Path, workdir: Path, stages: Sequence[str] | None = None, **settings: Any
) -> list[dict[str, Any]]:
    """Run the pipeline on a folder into a fresh ledger, export JSON Lines, and return its rows."""
    db = workdir / "ledger.db"
    for stale in workdir.glob("ledger.db*"):
        stale.unlink()
    kwargs: dict[str, Any] = dict(settings)
    if stages is not None:
        kwargs["stages"] = tuple(stages)
    fogwatch.run([str(folder)], db=str(db), **kwargs)
    out = workdir / "export.jsonl"
    ledger = Ledger(str(db))
    try:
        write_jsonl_file(export_rows(ledger), out)
    finally:
        ledger.close()
    with out.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def article_of(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Stored article id by content hash: a document whose text was already stored maps to that article."""
    return {r["content_hash"]: r["id"] for r in rows if r["type"] == "article"}


def document_hash(doc: Document) -> str:
    """The content hash ingest gives a document's text."""
    return content_hash(doc.text)


def tallies(rows: Sequence[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """(killed, injured) of each article's exported tally."""
    return {r["article"]: (r["killed"], r["injured"]) for r in rows if r["type"] == "tally"}
