#!/usr/bin/env python3
"""Casualty counts on GVDB dev: how many people each article says were killed and injured.

GVDB (Pavlick et al. 2016) annotates each victim of a US shooting with its outcome; the gold
count per article is the number of victims whose outcome says killed, and injured-or-hospitalized.
Each article is written as a file (title on its first line, as GVDB's crawler printed it), Fogwatch
ingests and extracts them, and the counts are read from the `tally` rows of its export. Beside it,
a naive baseline: the first number word or digit before "killed"/"wounded" in the text.
Usage:
    python eval/gvdb.py [--limit N] [--json OUT] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/ holds scripts, not a package
from exported import Document, articles_by_name, count_scores, run_and_export, tallies, write_documents
from naive_counts import naive_counts

from fogwatch.settings import parse_assignment

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "gvdb"


@dataclass(frozen=True)
class GoldRow:
    """One GVDB article with its gold counts."""

    document: Document
    gvdb_id: str
    killed: int
    injured: int
    complete: bool = True  # every victim has an outcome, and the article has a victim section


def gold_counts(annotation: dict[str, Any]) -> tuple[int, int]:
    """Killed and injured-or-hospitalized victims in one GVDB annotation (FORMAT_readme.txt)."""
    victims = annotation.get("victim-section") or []
    killed = sum(1 for v in victims if "killed" in (v.get("victim-was") or []))
    injured = sum(
        1 for v in victims if {"injured", "hospitalized"} & set(v.get("victim-was") or [])
    )
    return killed, injured


def document_from_row(row: dict[str, str]) -> Document:
    """A document from a GVDB row; the crawler glued the title to the body, so we part them."""
    title = (row.get("Article title") or "").strip()
    text = row.get("Full text") or ""
    if title and text.startswith(title):
        text = title + "\n" + text[len(title):]
    meta = {"url": row.get("Article url") or "", "title": title}
    return Document(f"gvdb_{row['Article id']}", text, meta)


def read_rows(path: Path, limit: int | None = None) -> Iterator[GoldRow]:
    """GVDB rows from a tsv file."""
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle, delimiter="\t")):
            if limit is not None and n >= limit:
                return
            annotation = json.loads(row["Json"])
            killed, injured = gold_counts(annotation)
            victims = annotation.get("victim-section") or []
            complete = bool(victims) and all(v.get("victim-was") for v in victims)
            yield GoldRow(document_from_row(row), row["Article id"], killed, injured, complete)


def evaluate(rows: Sequence[GoldRow], **settings: Any) -> dict[str, Any]:
    """Run Fogwatch on every row, read each article's tally from the export, and score it and the baseline."""
    with tempfile.TemporaryDirectory(prefix="gvdb-") as tmp:
        folder = Path(tmp) / "docs"
        write_documents((r.document for r in rows), folder)
        exported, _stages = run_and_export(folder, Path(tmp) / "ledger.db", ("ingest", "extract"), **settings)
    stored = articles_by_name(exported, {r.document.name: r.document.text for r in rows})
    counts = tallies(exported)
    results: list[dict[str, Any]] = []
    for gold in rows:
        article = stored[gold.document.name]
        killed, injured = counts.get(article["id"], (0, 0)) if article else (0, 0)
        naive_killed, naive_injured = naive_counts(gold.document.text)
        results.append({
            "gvdb_id": gold.gvdb_id, "gold_killed": gold.killed, "gold_injured": gold.injured,
            "complete": gold.complete, "killed": killed, "injured": injured,
            "naive_killed": naive_killed, "naive_injured": naive_injured,
        })
    complete = [r for r in results if r["complete"]]
    summary = {
        "articles": len(results),
        **count_scores(results),
        "complete_articles": len(complete),
        **{f"complete_{k}": v for k, v in count_scores(complete).items()},
        **{f"naive_{k}": v for k, v in count_scores(results, "naive_").items()},
    }
    return {"summary": summary, "articles": results}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="write per-article predictions here")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a Fogwatch setting, as `fogwatch run --set` takes it")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = list(read_rows(args.data / f"{args.split}.tsv", args.limit))
    report = evaluate(rows, **dict(parse_assignment(a) for a in args.set))
    report["summary"]["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    for key, value in report["summary"].items():
        print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
