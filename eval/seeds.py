#!/usr/bin/env python3
"""Score attribution extraction on the seed articles with shared/eval/score.py.

Writes the export rows score.py reads (articles and attributions only), scores them and prints
score.py's attribution lines and its headline line. Usage:
    python eval/seeds.py [--shared DIR] [--json OUT] [--rows OUT.jsonl] [--show]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fogwatch.extract.attribution import extract_attributions
from fogwatch.extract.nlp import parse_articles
from fogwatch.model import Article, Attribution

DEFAULT_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ATTRIBUTION_KEYS = (
    "attribution_span", "attribution_strict", "speaker_accuracy_on_matched", "kind_accuracy_on_matched",
    "via_recall", "missed_attributions", "wrong_speaker",
)


def load_scorer(shared: Path) -> Callable[[dict[str, Any], list[dict[str, Any]]], dict[str, Any]]:
    """shared/eval/score.py's score(), imported from its path: the project never vendors it."""
    spec = importlib.util.spec_from_file_location("fogwatch_shared_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score  # type: ignore[no-any-return]


def seed_articles(shared: Path, gold: dict[str, Any] | None = None) -> list[Article]:
    """The seed files as Articles (id = file name without .txt), with the gold's published date."""
    published = {d["id"]: d.get("published") for d in (gold or {}).get("documents", [])}
    out = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        out.append(Article(id=path.stem, source=path.name, text=text, content_hash=digest,
                           published=published.get(path.stem)))
    return out


def attribution_row(a: Attribution) -> dict[str, Any]:
    """One attribution in the export format score.py reads."""
    return {
        "type": "attribution", "id": a.id, "article": a.article,
        "speaker": {"name": a.speaker.name, "type": a.speaker.type}, "kind": a.kind, "text": a.text,
        "start": a.start, "end": a.end, "cue": a.cue, "via": list(a.via), "said_on": a.said_on,
        "date_flags": list(a.date_flags),
    }


def seed_rows(shared: Path, gold: dict[str, Any]) -> list[dict[str, Any]]:
    """Article and attribution rows for every seed article."""
    articles = seed_articles(shared, gold)
    rows: list[dict[str, Any]] = [{"type": "article", "id": a.id, "source": a.source} for a in articles]
    for parsed in parse_articles(articles):
        rows.extend(attribution_row(a) for a in extract_attributions(parsed))
    return rows


def evaluate(shared: Path = DEFAULT_SHARED) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """score.py's figures for the attributions extracted from the seeds, and the rows scored."""
    gold = json.loads((shared / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    rows = seed_rows(shared, gold)
    return load_scorer(shared)(gold, [dict(r) for r in rows]), rows


def headline(result: dict[str, Any]) -> str:
    """score.py's last line, as it prints it."""
    return (
        f"att_F1={result['attribution_strict'][2]} fig_F1={result['figure_strict'][2]} "
        f"link_F1={result['linking_pairs'][2]} origins={result['origin_count_correct']} "
        f"conflicts={result['conflicts_found']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--json", type=Path, help="write the score dict here")
    parser.add_argument("--rows", type=Path, help="write the export rows here (JSONL)")
    parser.add_argument("--show", action="store_true", help="print every extracted attribution")
    args = parser.parse_args(argv)
    if not (args.shared / "eval" / "seeds.gold.json").exists():
        print(f"no gold at {args.shared}/eval/seeds.gold.json", file=sys.stderr)
        return 2
    result, rows = evaluate(args.shared)
    if args.show:
        for r in rows:
            if r["type"] == "attribution":
                print(f"{r['id']:28} {r['kind']:8} {r['speaker']['name']!s:32} via={r['via']} "
                      f"on={r['said_on']} cue={r['cue']!r}\n    {r['text'][:150]!r}"
                      + (f"\n    flags={r['date_flags']}" if r["date_flags"] else ""))
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    for key in ATTRIBUTION_KEYS:
        print(f"{key:32} {result[key]}")
    print(headline(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
