"""The quality gate: measured figures must not fall below the floors in eval/baseline.json.

    python eval/gate.py                 # measure and check every floor
    python eval/gate.py --only seeds    # one measurement group
    python eval/gate.py --update        # raise floors to what was just measured (never lowers them)
    python eval/gate.py --update --allow-regression   # also lower them, on purpose

Each floor has a small tolerance (`epsilon`) for noise. The gold files' SHA-256 are pinned, so a
changed gold file is noticed rather than silently moving the goalposts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
BASELINE = REPO / "eval" / "baseline.json"
sys.path.insert(0, str(REPO / "eval"))

Measure = Callable[[], dict[str, float]]


def _gold_scores(prefix: str, gold: Path, docs: Path | None) -> dict[str, float]:
    from fogwatch.evaluate.runner import evaluate_gold

    scores, _rows = evaluate_gold(gold, docs)
    linked, origins = scores["linking_pairs"], scores["origin_count_correct"]
    conflicts = scores["conflicts_found"]
    return {
        f"{prefix}.attribution_strict_f1": scores["attribution_strict"][2],
        f"{prefix}.speaker_accuracy": scores["speaker_accuracy_on_matched"],
        f"{prefix}.via_recall": _fraction(scores["via_recall"]),
        f"{prefix}.figure_strict_f1": scores["figure_strict"][2],
        f"{prefix}.linking_f1": linked[2],
        f"{prefix}.origins_correct": _fraction(origins),
        f"{prefix}.conflicts_found": _fraction(conflicts),
    }


def _fraction(text: str) -> float:
    found, total = (int(x) for x in text.split("/"))
    return found / total if total else 1.0


def measure_seeds() -> dict[str, float]:
    """The two real seed articles, scored against their gold."""
    return _gold_scores("seeds", SHARED / "eval" / "seeds.gold.json", SHARED / "seeds")


def measure_gva_gold() -> dict[str, float]:
    """25 real local news articles (11 shootings, two or three outlets each), scored against their gold."""
    return _gold_scores("gva_dev", SHARED / "eval" / "gva_dev.gold.json", SHARED / "eval" / "gva_dev")


def measure_demo() -> dict[str, float]:
    """The bundled demo corpus, scored against its gold."""
    return _gold_scores("demo", REPO / "tests" / "golden" / "demo.gold.json", REPO / "examples" / "demo")


def measure_polnear() -> dict[str, float]:
    """PolNeAR dev: source, cue and content F1 at >= 0.5 token overlap."""
    import polnear

    scores = polnear.evaluate(SHARED / "datasets" / "polnear" / "data", "dev")["scores"]
    return {f"polnear_dev.{role}_f1_overlap": scores[f"{role}.overlap50"]["f1"]  # type: ignore[index]
            for role in ("source", "cue", "content")}


def measure_gvdb() -> dict[str, float]:
    """GVDB dev: per-article exact accuracy of the numbers killed and injured."""
    import gvdb

    summary = gvdb.evaluate(list(gvdb.read_rows(SHARED / "datasets" / "gvdb" / "dev.tsv")))["summary"]
    return {"gvdb_dev.killed_accuracy": summary["killed_accuracy"],
            "gvdb_dev.injured_accuracy": summary["injured_accuracy"]}


def measure_mpqa() -> dict[str, float]:
    """MPQA 3.0 dev, from the export: speech events found, speaker accuracy and relay recall."""
    import mpqa

    scores = mpqa.evaluate(SHARED / "datasets" / "mpqa3" / "dev")["fogwatch"]
    return {"mpqa_dev.speech_events_found": scores["found_rate"],
            "mpqa_dev.speaker_accuracy": scores["speaker_accuracy"],
            "mpqa_dev.relay_recall": scores["relay_recall"]}


MEASURES: dict[str, tuple[Measure, Path | None]] = {
    "seeds": (measure_seeds, SHARED / "eval" / "seeds.gold.json"),
    "demo": (measure_demo, None),
    "gva_gold": (measure_gva_gold, SHARED / "eval" / "gva_dev.gold.json"),
    "polnear": (measure_polnear, SHARED / "datasets" / "polnear" / "data" / "dev"),
    "gvdb": (measure_gvdb, SHARED / "datasets" / "gvdb" / "dev.tsv"),
    "mpqa": (measure_mpqa, SHARED / "datasets" / "mpqa3" / "dev" / "annotations_flat.jsonl"),
}


def available(name: str) -> bool:
    """Whether a measurement's data is present (the shared folder is absent in a user's clone)."""
    _measure, needs = MEASURES[name]
    return needs is None or needs.exists()


def load_baseline() -> dict[str, Any]:
    """The stored floors, tolerance and gold hashes."""
    return json.loads(BASELINE.read_text(encoding="utf-8"))


def check(measured: dict[str, float], baseline: dict[str, Any]) -> list[str]:
    """Every floor that the measurement falls below, by more than the tolerance."""
    epsilon = baseline.get("epsilon", 0.01)
    failures = []
    for key, value in sorted(measured.items()):
        floor = baseline["floors"].get(key)
        if floor is not None and value < floor - epsilon:
            failures.append(f"{key}: {value:.3f} < floor {floor:.3f}")
    return failures


def gold_hash(path: Path) -> str:
    """SHA-256 of a gold file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description="Check quality floors.")
    parser.add_argument("--only", choices=sorted(MEASURES), action="append")
    parser.add_argument("--update", action="store_true", help="raise floors to the measured values")
    parser.add_argument("--allow-regression", action="store_true", help="with --update, also lower floors")
    args = parser.parse_args()
    baseline = load_baseline()
    measured: dict[str, float] = {}
    for name in args.only or sorted(MEASURES):
        if not available(name):
            print(f"skip {name}: its data is not here")
            continue
        measured.update(MEASURES[name][0]())
    for key, value in sorted(measured.items()):
        print(f"{key:45} {value:.3f}   floor {baseline['floors'].get(key, float('nan')):.3f}")
    failures = check(measured, baseline)
    if args.update:
        for key, value in measured.items():
            old = baseline["floors"].get(key)
            if old is None or value > old or args.allow_regression:
                baseline["floors"][key] = round(value, 3)
        BASELINE.write_text(json.dumps(baseline, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {BASELINE}")
        return 0
    for failure in failures:
        print("BELOW FLOOR", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
