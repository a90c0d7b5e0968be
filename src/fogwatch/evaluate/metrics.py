"""Score an export against a gold file (format: shared/eval/README.md).

The figures are the ones the shared scorer prints: attribution span and strict P/R/F1, speaker
and kind accuracy on matched items, relay recall, figure value and strict P/R/F1, pairwise
linking F1 across articles, origin counts and conflicts found.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations
from typing import Any

from fogwatch.evaluate.matching import fold, greedy_match, overlap_f1, speaker_matches

Row = dict[str, Any]


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1, rounded to three places."""
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def _document_of(article: Row, doc_ids: Sequence[str]) -> str | None:
    where = fold(article.get("source") or article.get("url") or "")
    return next((d for d in doc_ids if fold(d) in where), None)


def score_export(gold: dict[str, Any], rows: Sequence[Row]) -> dict[str, Any]:
    """Every headline figure for one export."""
    doc_ids = [d["id"] for d in gold["documents"]]
    article_doc = {r["id"]: _document_of(r, doc_ids) for r in rows if r.get("type") == "article"}
    by_type: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get("type") in {"attribution", "figure"} and article_doc.get(row.get("article")):
            by_type[row["type"]].append({**row, "_doc": article_doc[row["article"]]})
        elif row.get("type") in {"statement", "conflict"}:
            by_type[row["type"]].append(row)

    out: dict[str, Any] = {}
    att_pairs = _score_attributions(gold["attributions"], by_type["attribution"], out)
    fig_pairs = _score_figures(gold["figures"], by_type["figure"], out)
    gold_to_pred = {**att_pairs, **fig_pairs}
    _score_linking(gold, by_type["statement"], gold_to_pred, out)
    _score_conflicts(gold, by_type["conflict"], gold_to_pred, rows, article_doc, out)
    return out


def _score_attributions(golds: list[Row], preds: list[Row], out: dict[str, Any]) -> dict[str, str]:
    pairs = greedy_match(
        golds, preds,
        lambda g, p: overlap_f1(g["text"], p.get("text")) if g["doc"] == p["_doc"] else 0.0, 0.5,
    )
    gold_by_id = {g["id"]: g for g in golds}
    pred_by_id = {p["id"]: p for p in preds}
    right_speaker = [
        g for g, p in pairs.items() if speaker_matches(gold_by_id[g]["speaker"], pred_by_id[p].get("speaker"))
    ]
    right_kind = [
        g for g, p in pairs.items() if pred_by_id[p].get("kind") in (gold_by_id[g]["kind"], "mixed")
    ]
    relayed = [g for g in pairs if gold_by_id[g]["via"]]
    relays_found = [
        g for g in relayed
        if any(speaker_matches(v, x)
               for v in gold_by_id[g]["via"] for x in pred_by_id[pairs[g]].get("via") or [])
    ]
    out["attribution_span"] = prf(len(pairs), len(preds), len(golds))
    out["attribution_strict"] = prf(len(right_speaker), len(preds), len(golds))
    out["speaker_accuracy_on_matched"] = round(len(right_speaker) / len(pairs), 3) if pairs else 0.0
    out["kind_accuracy_on_matched"] = round(len(right_kind) / len(pairs), 3) if pairs else 0.0
    out["via_recall"] = f"{len(relays_found)}/{len(relayed)}"
    out["missed_attributions"] = [g["id"] for g in golds if g["id"] not in pairs]
    out["wrong_speaker"] = [(g, pred_by_id[pairs[g]].get("speaker")) for g in pairs if g not in right_speaker]
    return pairs


def _same_value(gold: Row, pred: Row) -> bool:
    try:
        return float(pred.get("value")) == float(gold["value"])  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def _score_figures(golds: list[Row], preds: list[Row], out: dict[str, Any]) -> dict[str, str]:
    def similarity(g: Row, p: Row) -> float:
        if g["doc"] != p["_doc"] or not _same_value(g, p):
            return 0.0
        return 0.3 + overlap_f1(g["text"], p.get("text"))

    pairs = greedy_match(golds, preds, similarity, 0.3)
    gold_by_id = {g["id"]: g for g in golds}
    pred_by_id = {p["id"]: p for p in preds}
    strict = []
    for g, p in pairs.items():
        G, P = gold_by_id[g], pred_by_id[p]
        if (P.get("counted") == G["counted"] and speaker_matches(G["source"], P.get("source"))
                and P.get("low") == G["low"] and P.get("high") == G["high"]):
            strict.append(g)
    out["figure_value"] = prf(len(pairs), len(preds), len(golds))
    out["figure_strict"] = prf(len(strict), len(preds), len(golds))
    out["figure_errors"] = [
        (g, {k: pred_by_id[pairs[g]].get(k) for k in ("counted", "source", "low", "high")})
        for g in pairs if g not in strict
    ]
    return pairs


def _score_linking(gold: dict[str, Any], statements: list[Row], gold_to_pred: dict[str, str],
                   out: dict[str, Any]) -> None:
    pred_statement: dict[str, str] = {}
    for st in statements:
        for member in st.get("members", []):
            pred_statement.setdefault(member, st["id"])
    item_doc = {g["id"]: g["doc"] for g in gold["attributions"] + gold["figures"]}
    gold_statement = {m: s["id"] for s in gold["statements"] for m in s["members"]}

    gold_pairs = {
        frozenset(pair) for s in gold["statements"] for pair in combinations(s["members"], 2)
        if item_doc[pair[0]] != item_doc[pair[1]]
    }

    pred_to_gold = {p: g for g, p in gold_to_pred.items()}
    grouped: dict[str, list[str]] = defaultdict(list)
    for member, sid in pred_statement.items():
        if member in pred_to_gold:
            grouped[sid].append(pred_to_gold[member])
    predicted_pairs = {
        frozenset(pair) for members in grouped.values() for pair in combinations(members, 2)
        if item_doc[pair[0]] != item_doc[pair[1]]
    }
    correct = [
        pair for pair in predicted_pairs
        if len({gold_statement.get(x) for x in pair}) == 1 and gold_statement.get(next(iter(pair)))
    ]
    # A correctly linked pair is both matched, cross-article and in one gold statement: a gold pair found.
    out["linking_pairs"] = prf(len(correct), len(predicted_pairs), len(gold_pairs))

    by_id = {s["id"]: s for s in statements}
    right = 0
    for s in gold["statements"]:
        sids = [pred_statement[gold_to_pred[m]] for m in s["members"]
                if m in gold_to_pred and gold_to_pred[m] in pred_statement]
        if not sids:
            continue
        # the statement most members landed in; on a tie the one holding the first member, so the
        # figure never depends on set order (the reference scorer's `max(set(...))` does)
        best = by_id.get(max(dict.fromkeys(sids), key=sids.count), {})
        same_count = best.get("independent_origins") == s["independent_origins"]
        if same_count and speaker_matches(s["origin"], best.get("origin")):
            right += 1
    out["origin_count_correct"] = f"{right}/{len(gold['statements'])}"


def _score_conflicts(gold: dict[str, Any], conflicts: list[Row], gold_to_pred: dict[str, str],
                     rows: Sequence[Row], article_doc: dict[str, str | None], out: dict[str, Any]) -> None:
    hits = 0
    for k in gold["conflicts"]:
        if "members" in k:
            wanted = [gold_to_pred.get(m) for m in k["members"]]
            if None in wanted:
                continue
            hits += any(c.get("kind") == k["kind"] and set(wanted) <= set(c.get("members", []))
                        for c in conflicts)
        else:
            in_doc = {r["id"] for r in rows if article_doc.get(r.get("article")) == k["doc"]}
            in_doc |= {a for a, d in article_doc.items() if d == k["doc"]}
            hits += any(c.get("kind") == k["kind"] and set(c.get("members", [])) & in_doc for c in conflicts)
    out["conflicts_found"] = f"{hits}/{len(gold['conflicts'])}"


def headline(scores: dict[str, Any]) -> str:
    """The one-line summary, in the shared scorer's wording."""
    return (
        f"att_F1={scores['attribution_strict'][2]} fig_F1={scores['figure_strict'][2]} "
        f"link_F1={scores['linking_pairs'][2]} origins={scores['origin_count_correct']} "
        f"conflicts={scores['conflicts_found']}"
    )
