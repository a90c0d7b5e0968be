"""Gold records -> statements and conflicts -> export contract -> the shared scorer.

The gold's statements and conflicts are never read by the code under test: it must rebuild them
from the documents, attributions and figures alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from fogwatch.link.embeddings import EmbedFn
from fogwatch.link.matching import build_statements
from fogwatch.reconcile.conflicts import find_conflicts
from tests.golden.gold_records import contract_rows, gold_claims, model_embed

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared"
DEMO_GOLD = REPO / "tests" / "golden" / "demo.gold.json"
DEMO_DOCS = REPO / "examples" / "demo"


@pytest.fixture(scope="module")
def embed() -> EmbedFn:
    return model_embed()


def _run(
    gold_path: Path, docs: Path, embed: EmbedFn, scorer: ModuleType, tmp_path: Path
) -> tuple[dict[str, Any], list[Any]]:
    articles, claims = gold_claims(gold_path, docs)
    statements = build_statements(articles, claims, embed=embed)
    conflicts = find_conflicts(articles, claims, statements)
    rows = contract_rows(articles, claims, statements, conflicts)
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    reread = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return scorer.score(gold, reread), statements


@pytest.mark.shared
def test_seeds_statements_and_conflicts_score(
    embed: EmbedFn, shared_scorer: ModuleType, tmp_path: Path
) -> None:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not here")
    gold = SHARED / "eval" / "seeds.gold.json"
    scores, statements = _run(gold, SHARED / "seeds", embed, shared_scorer, tmp_path)
    assert scores["linking_pairs"][2] >= 0.9, scores["linking_pairs"]
    assert scores["origin_count_correct"] == "4/4"
    assert scores["conflicts_found"] == "2/2"
    assert all(s.independent_origins == 1 for s in statements)


@pytest.mark.shared
def test_demo_statements_and_conflicts_score(
    embed: EmbedFn, shared_scorer: ModuleType, tmp_path: Path
) -> None:
    if not DEMO_GOLD.is_file() or not DEMO_DOCS.is_dir():
        pytest.skip("the demo corpus is not here")
    scores, statements = _run(DEMO_GOLD, DEMO_DOCS, embed, shared_scorer, tmp_path)
    assert scores["linking_pairs"][2] >= 0.9, scores["linking_pairs"]
    assert scores["origin_count_correct"] == "10/10"
    assert scores["conflicts_found"] == "5/5"
    assert max(s.independent_origins for s in statements) == 2  # the displaced count, said twice


def test_statement_ids_do_not_depend_on_input_order(embed: EmbedFn) -> None:
    if not DEMO_GOLD.is_file() or not DEMO_DOCS.is_dir():
        pytest.skip("the demo corpus is not here")
    articles, claims = gold_claims(DEMO_GOLD, DEMO_DOCS)
    forward = build_statements(articles, claims, embed=embed)
    backward = build_statements(articles[::-1], claims[::-1], embed=embed)
    assert sorted(s.id for s in forward) == sorted(s.id for s in backward)
