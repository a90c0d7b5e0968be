#!/usr/bin/env python3
"""Casualty counts on GVDB dev: how many people each article says were killed and injured.

GVDB (Pavlick et al. 2016) annotates each victim of a US shooting with its outcome; the gold
count per article is the number of victims whose outcome says killed, and injured-or-hospitalized.
We run the figure extractor and read the counts from it, and, because local news rarely writes
"1 killed", also from the victims it names ("a man was shot and killed"): see ``gvdb_victims.py``.
Usage:
    python eval/gvdb.py [--limit N] [--json OUT] [--data DIR]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from fogwatch.extract.figures import extract_figures
from fogwatch.extract.nlp import parse_articles
from fogwatch.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/ holds scripts, not a package
from gvdb_victims import Counts, count_victims

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "gvdb"


@dataclass(frozen=True)
class GoldRow:
    """One GVDB article with its gold counts."""

    article: Article
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


def article_from_row(row: dict[str, str]) -> Article:
    """An Article from a GVDB row; the crawler glued the title to the body, so we part them."""
    title = (row.get("Article title") or "").strip()
    text = row.get("Full text") or ""
    if title and text.startswith(title):
        text = title + "\n" + text[len(title):]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Article(id=digest[:16], source=row.get("Article url") or "", text=text, content_hash=digest,
                   url=row.get("Article url") or None, title=title or None)


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
            yield GoldRow(article_from_row(row), row["Article id"], killed, injured, complete)


def _attribution_stage(kind: str) -> Any:
    """The attribution stage to run before figures: the project's own, or none (counts do not need it)."""
    if kind == "none":
        return lambda parsed: []
    from fogwatch.extract.attribution import extract_attributions

    return extract_attributions


def evaluate(rows: Sequence[GoldRow], attribution_stage: str = "real") -> dict[str, Any]:
    """Predict counts for every row and score exact match and mean absolute error."""
    attributions = _attribution_stage(attribution_stage)
    by_id = {r.article.id: r for r in rows}
    results: list[dict[str, Any]] = []
    for parsed in parse_articles([r.article for r in rows], parse_all=True):
        gold = by_id[parsed.article.id]
        figures = extract_figures(parsed, attributions(parsed), include_headline=True)
        counts: Counts = count_victims(parsed, figures)
        results.append({
            "gvdb_id": gold.gvdb_id, "gold_killed": gold.killed, "gold_injured": gold.injured,
            "complete": gold.complete,
            "killed": counts.killed, "injured": counts.injured, "why": counts.why,
            "figures": [asdict(f) for f in figures],
        })
    complete = [r for r in results if r["complete"]]
    summary = {
        "articles": len(results),
        **_scores(results),
        "complete_articles": len(complete),
        **{f"complete_{k}": v for k, v in _scores(complete).items()},
    }
    return {"summary": summary, "articles": results}


def _scores(results: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Exact-match accuracy and mean absolute error of killed and injured counts."""
    n = len(results) or 1
    return {
        "killed_accuracy": round(sum(r["killed"] == r["gold_killed"] for r in results) / n, 3),
        "injured_accuracy": round(sum(r["injured"] == r["gold_injured"] for r in results) / n, 3),
        "both_accuracy": round(
            sum(r["killed"] == r["gold_killed"] and r["injured"] == r["gold_injured"] for r in results) / n, 3
        ),
        "killed_mae": round(sum(abs(r["killed"] - r["gold_killed"]) for r in results) / n, 3),
        "injured_mae": round(sum(abs(r["injured"] - r["gold_injured"]) for r in results) / n, 3),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="write per-article predictions here")
    parser.add_argument("--attributions", choices=("real", "none"), default="real")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    rows = list(read_rows(args.data / f"{args.split}.tsv", args.limit))
    report = evaluate(rows, args.attributions)
    report["summary"]["seconds"] = round(time.perf_counter() - started, 1)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    for key, value in report["summary"].items():
        print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
