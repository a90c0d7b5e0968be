#!/usr/bin/env python3
"""Score figure extraction on the seed articles against shared/eval/seeds.gold.json.

Attributions come from the real extractor when it exists (``--attributions real``) or from a
stand-in built from the gold attributions (``--attributions gold``), so figures can be judged on
their own before the attribution stage lands. Usage:
    python eval/seeds_figures.py [--shared DIR] [--attributions gold|real] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fogwatch.extract.figures import extract_figures
from fogwatch.extract.nlp import ParsedArticle, parse_articles
from fogwatch.model import Attribution, Figure, Speaker

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling evaluator, when loaded by path
from seeds import DEFAULT_SHARED, load_scorer, seed_articles  # found through the path above

AttributionSource = Callable[[ParsedArticle], Sequence[Attribution]]


def gold_attributions(gold: dict[str, Any]) -> AttributionSource:
    """A stand-in attribution stage that returns the gold attributions, located in the text."""

    def attributions(parsed: ParsedArticle) -> list[Attribution]:
        article = parsed.article
        out = []
        for g in gold["attributions"]:
            if g["doc"] != article.id:
                continue
            start = article.text.find(g["text"])
            if start < 0:
                continue
            speaker = Speaker(g["speaker"], g["speaker_type"], mention=g["speaker"] or "")
            out.append(Attribution(
                id=g["id"], article=article.id, kind=g["kind"], text=g["text"], start=start,
                end=start + len(g["text"]), speaker=speaker, cue=g.get("cue"), via=tuple(g["via"]),
                said_on=g.get("said_on"),
            ))
        return out

    return attributions


def real_attributions() -> AttributionSource:
    """The project's own attribution extractor."""
    from fogwatch.extract.attribution import extract_attributions

    return extract_attributions  # type: ignore[no-any-return]


def figure_row(figure: Figure) -> dict[str, Any]:
    """A figure in the export contract's shape (shared/eval/README.md)."""
    row = asdict(figure)
    row["type"] = "figure"
    row["via"] = list(figure.via)
    row["window"] = asdict(figure.window) if figure.window else None
    return row


def run(shared: Path, attributions: AttributionSource) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Export rows for the seeds and their score."""
    gold = json.loads((shared / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    rows: list[dict[str, Any]] = []
    for parsed in parse_articles(seed_articles(shared)):
        article = parsed.article
        rows.append({"type": "article", "id": article.id, "source": article.source})
        rows.extend(figure_row(f) for f in extract_figures(parsed, attributions(parsed)))
    return rows, load_scorer(shared)(gold, [dict(r) for r in rows])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--attributions", choices=("gold", "real"), default="gold")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--show", action="store_true", help="print every extracted figure")
    args = parser.parse_args(argv)
    gold = json.loads((args.shared / "eval" / "seeds.gold.json").read_text(encoding="utf-8"))
    source = gold_attributions(gold) if args.attributions == "gold" else real_attributions()
    rows, scores = run(args.shared, source)
    if args.show:
        for row in rows:
            if row["type"] == "figure":
                keys = ("id", "text", "value", "low", "high", "qualifier", "counted", "subject", "place",
                        "window", "source", "via", "attribution", "part_of")
                print(json.dumps({k: row[k] for k in keys}, ensure_ascii=False))
    for key in ("figure_value", "figure_strict", "figure_errors"):
        print(f"{key:20} {scores[key]}")
    print(f"fig_F1={scores['figure_strict'][2]} attributions={args.attributions}")
    if args.json:
        args.json.write_text(json.dumps({"scores": scores, "rows": rows}, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
