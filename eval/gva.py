#!/usr/bin/env python3
"""Casualty counts and stories on the GVA long-tail corpus: real local news, many outlets per incident.

Each article (`../shared/datasets/gva_longtail/dev.docs.jsonl`, see its PROVENANCE.md) is written as
a file with a sidecar (url, outlet, date, title), `fogwatch run` reads the folder and the scores come
from its export: the killed and injured of each article's `tally` row against its incident's
`num_killed` / `num_injured` (exact match), the `story` rows against the incidents (B-cubed), and
articles per second end to end (run and export). Beside them, a naive baseline measured in the same
run: the regular expressions of `naive_counts.py` on the same text. The 162 articles whose incident
has no GVA record (`in_gva_frames` false) have no counts to compare, and are left out.
Usage:
    python eval/gva.py [--limit N] [--json OUT] [--data DIR] [--set NAME=VALUE ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/ holds scripts, not a package
from ecbplus import cluster_scores
from exported import Document, articles_by_name, count_scores, run_and_export, tallies, write_documents
from naive_counts import naive_counts

from fogwatch.settings import parse_assignment

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "gva_longtail"
_ARCHIVED = re.compile(r"^https?://web\.archive\.org/web/\d+[a-z_]*/", re.I)


@dataclass(frozen=True)
class GoldDoc:
    """One article with its incident's counts."""

    document: Document
    incident: str
    killed: int
    injured: int


def original_url(uri: str) -> str:
    """The page's own address inside an archive.org one."""
    return _ARCHIVED.sub("", uri)


def outlet_of(url: str) -> str:
    """The outlet's host name: "http://www.ktla.com:80/…" → "ktla.com"."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def document_of(row: dict[str, Any]) -> Document:
    """A GVA article as an input file with its sidecar."""
    url = original_url(row.get("uri") or "")
    meta = {"url": url, "outlet": outlet_of(url), "published": row.get("dct") or "",
            "title": row.get("title") or ""}
    return Document(f"gva_{row['incident_id']}_{row['doc_id'][:10]}", row.get("content") or "", meta)


def _incident_order(incident: str) -> str:
    """A deterministic, well-mixed order of incidents, for samples that keep each incident whole."""
    return hashlib.sha256(incident.encode("utf-8")).hexdigest()


def read_gold(data: Path, limit: int | None = None) -> list[GoldDoc]:
    """Every article with its incident's counts; with `limit`, whole incidents in hash order up to it."""
    with (data / "dev.incidents.jsonl").open(encoding="utf-8") as handle:
        incidents = {str(r["incident_uri"]): r for r in map(json.loads, handle)}
    with (data / "dev.docs.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    docs = [
        GoldDoc(document_of(r), str(r["incident_id"]), int(incidents[str(r["incident_id"])]["num_killed"]),
                int(incidents[str(r["incident_id"])]["num_injured"]))
        for r in rows if str(r["incident_id"]) in incidents
    ]
    if limit is None:
        return docs
    chosen: set[str] = set()
    count = 0
    for incident in sorted({d.incident for d in docs}, key=_incident_order):
        if count >= limit:
            break
        chosen.add(incident)
        count += sum(1 for d in docs if d.incident == incident)
    return [d for d in docs if d.incident in chosen]


def stored_ids(gold: Sequence[GoldDoc], rows: list[dict[str, Any]]) -> dict[str, str | None]:
    """The stored article id of each input document, None where it was not stored."""
    found = articles_by_name(rows, {d.document.name: d.document.text for d in gold})
    return {name: row["id"] if row else None for name, row in found.items()}


def story_scores(gold: Sequence[GoldDoc], rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    """B-cubed of the exported stories against incidents, over the stored articles (one per text)."""
    ids = stored_ids(gold, rows)
    incident: dict[str, str] = {}
    for doc in gold:
        article = ids[doc.document.name]
        if article is not None:
            incident.setdefault(article, doc.incident)
    story = {a: s["id"] for s in rows if s["type"] == "story" for a in s["articles"]}
    predicted = {a: story.get(a, f"alone:{a}") for a in incident}
    scores = cluster_scores(incident, predicted)
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in scores.items()}


def evaluate(gold: Sequence[GoldDoc], **settings: Any) -> dict[str, Any]:
    """Run Fogwatch on the articles, score the tallies and stories of its export, and the naive baseline."""
    with tempfile.TemporaryDirectory(prefix="gva-") as tmp:
        folder = Path(tmp) / "docs"
        write_documents((d.document for d in gold), folder)
        started = time.perf_counter()
        rows, _stages = run_and_export(folder, Path(tmp) / "ledger.db", **settings)
        seconds = time.perf_counter() - started
    ids, counts = stored_ids(gold, rows), tallies(rows)
    results = []
    for doc in gold:
        article = ids[doc.document.name]
        killed, injured = counts.get(article or "", (0, 0))
        title = doc.document.meta.get("title", "")
        naive_killed, naive_injured = naive_counts(f"{title}\n{doc.document.text}")
        results.append({
            "name": doc.document.name, "incident": doc.incident, "article": article,
            "gold_killed": doc.killed, "gold_injured": doc.injured, "killed": killed, "injured": injured,
            "naive_killed": naive_killed, "naive_injured": naive_injured,
        })
    stored = [r for r in results if r["article"] is not None]
    summary: dict[str, Any] = {
        "articles": len(results), "incidents": len({d.incident for d in gold}),
        "stored_articles": len(stored),
        **count_scores(results),
        **{f"naive_{k}": v for k, v in count_scores(results, "naive_").items()},
        **{f"stored_{k}": v for k, v in count_scores(stored).items()},
        **{f"story_{k}": v for k, v in story_scores(gold, rows).items()},
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(results) / seconds, 2) if seconds else 0.0,
    }
    return {"summary": summary, "articles": results}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, help="about this many articles, whole incidents in hash order")
    parser.add_argument("--json", type=Path, help="write per-article predictions here")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a Fogwatch setting, as `fogwatch run --set` takes it")
    args = parser.parse_args(argv)
    gold = read_gold(args.data, args.limit)
    report = evaluate(gold, **dict(parse_assignment(a) for a in args.set))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    summary = report["summary"]
    for key in ("articles", "incidents", "stored_articles"):
        print(f"{key:28} {summary[key]}")
    print(f"{'':28} {'fogwatch':>9} {'naive':>9}")
    for key in ("killed_accuracy", "injured_accuracy", "both_accuracy", "killed_mae", "injured_mae"):
        print(f"{key:28} {summary[key]:9.3f} {summary['naive_' + key]:9.3f}")
    counts = {k for k in summary if k.endswith(("_accuracy", "_mae")) and not k.startswith("stored_")}
    shown = {"articles", "incidents", "stored_articles"} | counts
    for key, value in summary.items():
        if key not in shown:
            print(f"{key:28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
