#!/usr/bin/env python3
"""Train the attribution tagger (`fogwatch.extract.tagger`) on PolNeAR's train split.

Usage:
    python train/polnear_tagger.py [--data DIR] [--out FILE] [--hold-out N] [--cache FILE]
                                   [--cue-threshold P] [--argument-threshold P]

Every train article is split and parsed by Fogwatch's own pipeline (every sentence), so the
features are those the product sees. Gold relations come from the first annotation file of each
article, as `eval/polnear.py` reads them. The cue model learns which token heads a gold cue (the
verb, noun or adjective of the cue span whose parse head lies outside it); the argument model
learns, for each gold cue, which of its dependents covers the gold source or content (token F1
>= 0.5). Both are softmax regressions over hashed features, fitted by L-BFGS with an L2 penalty:
deterministic, so the same data gives the same weights.

`--hold-out N` leaves every Nth article out of training and writes those articles as a PolNeAR
split named `heldout` under `--heldout-dir`, so thresholds can be chosen with
`python eval/polnear.py --data DIR --split heldout` without ever looking at dev or test.
Dev and test are never read here.
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from spacy.tokens import Token

from fogwatch.extract import tagger
from fogwatch.extract.nlp import ParsedArticle, ParsedSentence, parse_articles
from fogwatch.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "eval"))
from polnear import DEFAULT_DATA, Document, GoldRelation, Spans, overlap, read_split

L2 = 1.0


def parse(docs: list[Document], cache: Path | None) -> list[ParsedArticle]:
    """Every sentence of every article parsed by the product's pipeline (cached as a pickle)."""
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            return pickle.load(handle)
    articles = [Article(doc.name, doc.name, doc.text, "") for doc in docs]
    parsed = list(parse_articles(articles, parse_all=True))
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump(parsed, handle)
    return parsed


def token_set(sentence: ParsedSentence, spans: Spans) -> set[int]:
    """Indices of the sentence's word tokens that overlap character spans."""
    out = set()
    for t in sentence.doc:
        if t.is_punct or t.is_space:
            continue
        a = sentence.start + t.idx
        b = a + len(t.text)
        if any(a < e and s < b for s, e in spans):
            out.add(t.i)
    return out


def cue_head(sentence: ParsedSentence, cue_tokens: set[int]) -> Token | None:
    """The cue span's head: a cue-able token of the span whose parse head lies outside it."""
    doc = sentence.doc
    able = [doc[i] for i in sorted(cue_tokens) if doc[i].pos_ in tagger.CUE_POS]
    outside = [t for t in able if t.head.i not in cue_tokens or t.head is t]
    return (outside or able or [None])[0]


def examples(parsed: list[ParsedArticle], docs: list[Document]):
    """(cue rows, cue labels, argument rows, argument labels) over the articles."""
    cue_rows, cue_y, arg_rows, arg_y = [], [], [], []
    for article, doc in zip(parsed, docs, strict=True):
        gold: dict[tuple[int, int], GoldRelation] = {}  # (sentence start, token) -> relation
        for rel in doc.relations:
            if not rel.cue or not rel.content:
                continue
            sentence = article.sentence_at(rel.cue[0][0])
            if sentence is None or sentence.doc is None:
                continue
            head = cue_head(sentence, token_set(sentence, rel.cue))
            if head is not None:
                gold[(sentence.start, head.i)] = rel
        for sentence in article.sentences:
            if sentence.doc is None:
                continue
            for token in tagger.cue_candidates(sentence.doc):
                rel = gold.get((sentence.start, token.i))
                cue_rows.append((tagger.hashed(tagger.cue_features(token)), tagger.vector(token)))
                cue_y.append(int(rel is not None))
                if rel is None:
                    continue
                source = token_set(sentence, rel.source)
                content = token_set(sentence, rel.content)
                for argument in tagger.argument_candidates(token):
                    start, end = tagger.argument_span(argument)
                    words = {i for i in range(start, end) if not sentence.doc[i].is_punct}
                    scores = (overlap(frozenset(words), frozenset(source)) if source else 0.0,
                              overlap(frozenset(words), frozenset(content)) if content else 0.0)
                    label = 0 if max(scores) < 0.5 else 1 + int(scores[1] > scores[0])
                    arg_rows.append((tagger.hashed(tagger.argument_features(token, argument)),
                                     tagger.vector(argument.token)))
                    arg_y.append(label)
    return cue_rows, np.array(cue_y), arg_rows, np.array(arg_y)


def matrix(rows: list[tuple[list[int], np.ndarray]]) -> csr_matrix:
    """Hashed features (value 1) in the first 2**HASH_BITS columns, the context vector after them."""
    width = 1 << tagger.HASH_BITS
    dense = np.arange(width, width + tagger.DENSE, dtype=np.int32)
    indptr = np.cumsum([0] + [len(hashed) + tagger.DENSE for hashed, _ in rows])
    indices = np.concatenate([np.concatenate([np.asarray(hashed, dtype=np.int32), dense])
                              for hashed, _ in rows])
    data = np.concatenate([np.concatenate([np.ones(len(hashed)), context]) for hashed, context in rows])
    return csr_matrix((data, indices, indptr), shape=(len(rows), width + tagger.DENSE))


def fit(x: csr_matrix, y: np.ndarray, classes: int, l2: float = L2) -> np.ndarray:
    """Softmax regression weights (features x classes) minimising log loss + l2/2 |W|^2."""
    onehot = np.zeros((len(y), classes))
    onehot[np.arange(len(y)), y] = 1.0
    xt = x.T.tocsr()

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(x.shape[1], classes)
        scores = x @ w
        scores -= scores.max(axis=1, keepdims=True)
        logz = np.log(np.exp(scores).sum(axis=1, keepdims=True))
        logp = scores - logz
        value = -(onehot * logp).sum() + 0.5 * l2 * (flat @ flat)
        grad = xt @ (np.exp(logp) - onehot) + l2 * w
        return value, grad.ravel()

    start = np.zeros(x.shape[1] * classes)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 250})
    print(f"{classes}-class fit: {result.nit} iterations, loss {result.fun:.1f} ({result.message})")
    return result.x.reshape(x.shape[1], classes).astype(np.float32)


def write_heldout(docs: list[Document], data: Path, folder: Path) -> None:
    """The held-out train articles as a PolNeAR split named `heldout` (links to the real files)."""
    for kind in ("text", "attributions"):
        (folder / "heldout" / kind).mkdir(parents=True, exist_ok=True)
    meta = data / "metadata.tsv"
    if meta.exists() and not (folder / "metadata.tsv").exists():
        (folder / "metadata.tsv").symlink_to(meta)
    for doc in docs:
        for src in [data / "train" / "text" / f"{doc.name}.txt",
                    *sorted((data / "train" / "attributions").glob(f"{doc.name}_*.ann"))]:
            link = folder / "heldout" / src.parent.name / src.name
            if not link.exists():
                link.symlink_to(src)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=tagger.WEIGHTS)
    parser.add_argument("--cache", type=Path, help="keep the parsed train articles here")
    parser.add_argument("--hold-out", type=int, default=0, help="leave every Nth article out")
    parser.add_argument("--heldout-dir", type=Path, help="write the held-out articles here as a split")
    # chosen on the held-out tenth of train (`--hold-out 10`): content F1 0.675 there; lower cue
    # and content thresholds add nothing, a lower source threshold trades relation F1 for content F1
    parser.add_argument("--cue-threshold", type=float, default=0.2)
    parser.add_argument("--argument-threshold", type=float, default=0.3)
    parser.add_argument("--source-threshold", type=float, default=0.1)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    docs = read_split(args.data, "train")
    parsed = parse(docs, args.cache)
    print(f"{len(docs)} train articles parsed in {time.perf_counter() - started:.0f} s")
    if args.hold_out:
        keep = [i for i in range(len(docs)) if i % args.hold_out != args.hold_out - 1]
        if args.heldout_dir:
            left_out = [doc for i, doc in enumerate(docs) if i % args.hold_out == args.hold_out - 1]
            write_heldout(left_out, args.data, args.heldout_dir)
        docs, parsed = [docs[i] for i in keep], [parsed[i] for i in keep]
    cue_rows, cue_y, arg_rows, arg_y = examples(parsed, docs)
    print(f"cue examples {len(cue_y)} ({cue_y.sum()} cues); argument examples {len(arg_y)} "
          f"({np.bincount(arg_y, minlength=3).tolist()} none/source/content)")
    cue = fit(matrix(cue_rows), cue_y, 2)
    argument = fit(matrix(arg_rows), arg_y, 3)
    width = 1 << tagger.HASH_BITS
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, cue=cue[:width].astype(np.float16), cue_dense=cue[width:],
                        argument=argument[:width].astype(np.float16), argument_dense=argument[width:],
                        cue_threshold=args.cue_threshold, argument_threshold=args.argument_threshold,
                        source_threshold=args.source_threshold)
    print(f"weights written to {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
