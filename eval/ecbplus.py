#!/usr/bin/env python3
"""Story clustering and cross-document figure linking on ECB+ (topics 1-35), from `fogwatch export`.

ECB+ (Cybulska & Vossen 2014) gives each topic two sub-topics: the original ECB event (``*ecb.xml``)
and a different but similar one (``*ecbplus.xml``): two shootings, two earthquakes. The sub-topic is
the story, so clustering all documents of the chosen topics together and scoring against
(topic, sub-topic) measures whether stories separate similar events, not just topics.

Usage:
    python eval/ecbplus.py [--split train|dev|all|every] [--topics 3,8] [--no-figures] [--hashed]
                           [--json OUT] [--data DIR] [--workdir DIR]

How Fogwatch is run. Each run writes its documents as `NAME.txt` files with a `NAME.meta.json`
sidecar (url, title, published as below; an ``*ecb.xml`` text gets an empty title, for it has
none) and runs Fogwatch on the folder through ``fogwatch.api.run`` into a fresh ledger; only the
export rows are scored. Section a runs ingest and link (stories depend on the articles alone, so
extraction is skipped); section b runs every stage. ``--hashed`` runs with ``embeddings=False``.
Fogwatch orders the ledger's articles by date and id, not in the order below, and marks
syndicated near-copies, so its stories can differ a little from clustering the list directly.

Documents are read by ``ecbplus_reader.py``.

a. Stories: B-cubed P/R/F1, adjusted Rand index, purity, cluster counts, and the separation error:
within each topic, the share of (ecb, ecbplus) pairs put in one story. ``every`` (the default) runs
train, dev and all 1-35 as three separate clusterings. Only train topics tuned stories.py. The
naive baseline beside it: TF-IDF cosine of whole texts, documents joined (single link) above a
threshold chosen on the train topics.

b. Shooting topics 3, 8, 16, 18, 22, 33 of the widest run: Fogwatch run over them together; its
exported figures, statements and conflicts are scored, with the stories of the widest run. A
figure's gold event is the CROSS_DOC_COREF instance of the casualty action (killed, shot,
wounded...) annotated nearest it in its sentence; where there is none (ECB+ annotates only some
sentences) the sub-topic's seminal event stands in, which is wrong for background figures ("in
February a gunman killed five"). Cross-document figure pairs are scored with two predictors (same
Fogwatch statement; same predicted story and same ``counted``) and a naive one (same ``counted``
and value) against three golds (that event; the same among figures with an instance; sub-topic
and ``counted``). Figure conflicts (export ``subkind`` ``figure``, ``counted_drift``) and the
pairs of differing figures inside them (one conflict may group many sides) are classed across
sub-topics / across annotated events of one sub-topic / within one event, and by whether the
figures lie in one predicted story or two (what a story-aware reconciler would keep).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/ holds scripts, not a package
from ecbplus_reader import Document, read_topics
from exported import Row, articles_by_name, offset_map, run_and_export, write_article

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "ecbplus"
TRAIN = (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)
DEV = (2, 5, 12, 18, 21, 23, 34, 35)
SPLITS = {"train": TRAIN, "dev": DEV, "all": tuple(sorted(TRAIN + DEV))}
SHOOTINGS = (3, 8, 16, 18, 22, 33)
FIGURE_CONFLICTS = ("figure", "counted_drift")
NAIVE_THRESHOLD = 0.25  # the best B-cubed F1 on the train topics



class ExportedFigure(NamedTuple):
    """The fields of an exported figure row that the scores read; ``article`` is the document name."""

    id: str
    article: str
    start: int
    end: int
    counted: str
    value: float
    low: float | None
    high: float | None


def _pairs(n: int) -> float:
    return n * (n - 1) / 2


def cluster_scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    """B-cubed P/R/F1, adjusted Rand index and purity of a predicted partition (item -> label each)."""
    items = sorted(gold)
    gold_size = Counter(gold[i] for i in items)
    pred_size = Counter(predicted[i] for i in items)
    both = Counter((gold[i], predicted[i]) for i in items)
    n = len(items)
    precision = sum(both[(gold[i], predicted[i])] / pred_size[predicted[i]] for i in items) / n
    recall = sum(both[(gold[i], predicted[i])] / gold_size[gold[i]] for i in items) / n
    index = sum(_pairs(c) for c in both.values())
    rows, cols = sum(_pairs(c) for c in gold_size.values()), sum(_pairs(c) for c in pred_size.values())
    expected = rows * cols / _pairs(n) if n > 1 else 0.0
    top = (rows + cols) / 2
    ari = (index - expected) / (top - expected) if top != expected else 1.0
    purity = sum(max(c for (_, p), c in both.items() if p == q) for q in pred_size) / n
    return {"b3_precision": precision, "b3_recall": recall,
            "b3_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "ari": ari, "purity": purity,
            "predicted_clusters": len(pred_size), "gold_clusters": len(gold_size)}


def separation_error(docs: Sequence[Document], predicted: dict[str, str]) -> float:
    """Within each topic, the share of (ecb, ecbplus) document pairs put in one story."""
    pairs = [(a, b) for a, b in combinations(docs, 2) if a.topic == b.topic and a.subtopic != b.subtopic]
    return sum(predicted[a.name] == predicted[b.name] for a, b in pairs) / len(pairs) if pairs else 0.0


def story_report(docs: Sequence[Document], predicted: dict[str, str]) -> dict[str, float]:
    """Section a: predicted stories (document name -> story) scored against (topic, sub-topic)."""
    gold = {doc.name: doc.story for doc in docs}
    return {"documents": len(docs), **cluster_scores(gold, predicted),
            "separation_error": separation_error(docs, predicted)}


def write_inputs(docs: Iterable[Document], folder: Path) -> None:
    """Each document as a text file with its url, title (empty for an ``*ecb.xml`` text) and date."""
    for doc in docs:
        a = doc.article
        meta = {"url": a.url, "title": a.title or "", "published": a.published}
        write_article(folder, doc.name, a.text, meta)


def on_stored_text(doc: Document, stored: str) -> Document:
    """The document with its text, lines and mentions moved onto the text Fogwatch stored."""
    if stored == doc.article.text:
        return doc
    where = offset_map(doc.article.text, stored)
    lines = tuple((where[start], where[end]) for start, end in doc.lines)
    actions = tuple(m._replace(start=where[m.start], end=where[m.end]) for m in doc.actions)
    return replace(doc, article=replace(doc.article, text=stored), lines=lines, actions=actions)


def run_fogwatch(docs: Sequence[Document], workdir: Path, stages: tuple[str, ...],
                 embeddings: bool) -> tuple[list[Row], dict[str, Row], dict[str, float]]:
    """Fogwatch over the documents in a fresh ledger: its export rows, the article rows by document
    name and the seconds each stage took."""
    write_inputs(docs, workdir / "articles")
    rows, seconds = run_and_export(workdir / "articles", workdir / "ledger.db", stages, embeddings=embeddings)
    return rows, articles_by_name(rows, {d.name: d.article.text for d in docs}), seconds


def exported_stories(rows: Iterable[Row], articles: dict[str, Row]) -> dict[str, str]:
    """Document name -> id of its exported story."""
    story = {a: row["id"] for row in rows if row["type"] == "story" for a in row["articles"]}
    return {doc: story[row["id"]] for doc, row in articles.items()}


_WORD = re.compile(r"[a-z]{3,}")


def naive_stories(docs: Sequence[Document], threshold: float = NAIVE_THRESHOLD) -> dict[str, str]:
    """The baseline: TF-IDF vectors of whole texts, documents joined when their cosine passes the
    threshold, stories the connected groups."""
    counts = [Counter(_WORD.findall(d.article.text.lower())) for d in docs]
    vocabulary = {w: i for i, w in enumerate(sorted({w for c in counts for w in c}))}
    vectors = np.zeros((len(docs), len(vocabulary)), dtype=np.float32)
    for i, c in enumerate(counts):
        for word, n in c.items():
            vectors[i, vocabulary[word]] = 1 + np.log(n)
    vectors *= np.log(len(docs) / (vectors > 0).sum(axis=0))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    group = list(range(len(docs)))

    def root(i: int) -> int:
        while group[i] != i:
            i = group[i]
        return i

    for i, j in zip(*np.nonzero(np.triu(vectors @ vectors.T, 1) > threshold), strict=True):
        group[root(int(i))] = root(int(j))
    return {d.name: str(root(i)) for i, d in enumerate(docs)}


_CASUALTY = re.compile(r"kill|shoot|shot|gun|wound|injur|hurt|die|dead|death|murder|slay|slain|fire|attack"
                       r"|massacre|bomb|blast|explo|stab|victim|fatal", re.I)


def gold_event(doc: Document, figure: ExportedFigure) -> tuple[str, bool]:
    """The gold event of a figure and whether it came from an annotated instance (not the fallback).

    The instance is that of the casualty action (killed, shot, wounded...) nearest the figure in its
    line; figures in lines with none (ECB+ annotates only some sentences) fall back to the sub-topic.
    """
    line = next((n for n, (start, end) in enumerate(doc.lines) if start <= figure.start < end), -1)
    text = doc.article.text
    near = [m for m in doc.actions if m.line == line and m.instance and _CASUALTY.search(text[m.start:m.end])]
    if not near:
        return f"seminal {doc.story}", False
    best = min(near, key=lambda m: (max(m.start - figure.end, figure.start - m.end, 0), m.start))
    return str(best.instance), True


def pair_scores(labels: dict[str, str], predicted: dict[str, str], doc_of: dict[str, str],
                keep: Iterable[str] | None = None) -> dict[str, float]:
    """Pairwise P/R/F1 over pairs of figures in different documents: gold = same label."""
    ids = sorted(labels if keep is None else keep)
    pairs = [(a, b) for a, b in combinations(ids, 2) if doc_of[a] != doc_of[b]]
    gold = {(a, b) for a, b in pairs if labels[a] == labels[b]}
    guess = {(a, b) for a, b in pairs if predicted[a] == predicted[b]}
    precision = len(gold & guess) / len(guess) if guess else 0.0
    recall = len(gold & guess) / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "gold_pairs": len(gold),
            "predicted_pairs": len(guess)}


def figure_report(docs: Sequence[Document], story_of: dict[str, str], workdir: Path,
                  embeddings: bool) -> dict[str, Any]:
    """Section b: Fogwatch over the shooting documents together; its exported figures, statements and
    conflicts scored against gold events (``story_of``: document name -> story of the widest run)."""
    stages = ("ingest", "extract", "link", "reconcile")
    rows, articles, seconds = run_fogwatch(docs, workdir, stages, embeddings)
    name = {row["id"]: doc for doc, row in articles.items()}
    by_name = {d.name: on_stored_text(d, articles[d.name]["text"]) for d in docs}
    figures = {r["id"]: ExportedFigure(r["id"], name[r["article"]], r["start"], r["end"], r["counted"],
                                       r["value"], r["low"], r["high"])
               for r in rows if r["type"] == "figure"}
    doc_of = {f.id: f.article for f in figures.values()}
    found = {fid: gold_event(by_name[f.article], f) for fid, f in figures.items()}
    event = {fid: label for fid, (label, _) in found.items()}
    annotated = [fid for fid, (_, known) in found.items() if known]
    in_statement = {m: r["id"] for r in rows if r["type"] == "statement" for m in r["members"]}
    statement = {fid: in_statement.get(fid, fid) for fid in figures}
    story_counted = {fid: f"{story_of.get(f.article)}|{f.counted}" for fid, f in figures.items()}
    naive = {fid: f"{f.counted}|{f.value}|{f.low}|{f.high}" for fid, f in figures.items()}
    predictors = {"same statement": statement, "same story + counted": story_counted,
                  "naive: same counted + value": naive}
    subtopic_counted = {fid: f"{by_name[f.article].story}|{f.counted}" for fid, f in figures.items()}
    golds = {"event (instance, else sub-topic)": (event, None),
             "event, annotated figures only": (event, annotated),
             "sub-topic + counted": (subtopic_counted, None)}
    linking = {f"{gold} / {name}": pair_scores(labels, predicted, doc_of, keep)
               for gold, (labels, keep) in golds.items() for name, predicted in predictors.items()}
    conflicts = [r for r in rows if r["type"] == "conflict"]
    return {"documents": len(docs), "figures": len(figures), "annotated_figures": len(annotated),
            "per_topic": _per_topic(docs, figures.values()), "linking": linking,
            "conflicts": _conflicts(conflicts, figures, by_name, event, story_of),
            "extract_seconds": seconds.get("extract"), "link_seconds": seconds.get("link")}


def _per_topic(docs: Sequence[Document], figures: Iterable[ExportedFigure]) -> dict[int, dict[str, int]]:
    topic = {d.name: d.topic for d in docs}
    found = Counter((topic[f.article], f.counted) for f in figures)
    return {t: {c: n for (u, c), n in sorted(found.items()) if u == t} for t in sorted(set(topic.values()))}


def _where(members: Sequence[ExportedFigure], docs: dict[str, Document], event: dict[str, str]) -> str:
    """Whether figures belong to different sub-topics, different annotated events of one, or one event."""
    instances = {event[f.id] for f in members if not event[f.id].startswith("seminal ")}
    return ("across sub-topics" if len({docs[f.article].story for f in members}) > 1
            else "across events of one sub-topic" if len(instances) > 1 else "within one event")


def _conflicts(conflicts: Iterable[Row], figures: dict[str, ExportedFigure], docs: dict[str, Document],
               event: dict[str, str], story_of: dict[str, str]) -> dict[str, Any]:
    """Figure conflicts, and the pairs of differing figures inside them (a conflict may group many
    sides), by where their gold events lie; how many span predicted stories; a few examples."""
    classes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    pairs: Counter[str] = Counter()
    across_stories = 0
    for conflict in conflicts:
        members = [figures[m] for m in conflict["members"] if m in figures]
        if conflict["subkind"] not in FIGURE_CONFLICTS or not members:
            continue
        for f, g in combinations(members, 2):
            if f.article != g.article and (f.value, f.low, f.high) != (g.value, g.low, g.high):
                split = "two stories" if story_of.get(f.article) != story_of.get(g.article) else "one story"
                pairs[f"{_where((f, g), docs, event)}, {split}"] += 1
        across_stories += len({story_of.get(f.article) for f in members}) > 1
        classes[_where(members, docs, event)].append({
            "kind": conflict["subkind"], "why": conflict["why"],
            "figures": [f"{f.article}: {_context(docs[f.article], f)}" for f in members]})
    return {"counts": {k: len(v) for k, v in sorted(classes.items())},
            "figure_pairs": dict(sorted(pairs.items())), "spanning_predicted_stories": across_stories,
            "examples": {k: v[:4] for k, v in sorted(classes.items())}}


def _context(doc: Document, figure: ExportedFigure, width: int = 50) -> str:
    """The figure in brackets with some of its line either side."""
    start, end = next(((s, e) for s, e in doc.lines if s <= figure.start < e), (figure.start, figure.end))
    text = doc.article.text
    before = text[max(start, figure.start - width):figure.start]
    return f"...{before}[{text[figure.start:figure.end]}]{text[figure.end:min(end, figure.end + width)]}..."


def evaluate(data: Path, runs: dict[str, Sequence[int]], *, figures: bool = True, embeddings: bool = True,
             workdir: Path | None = None) -> dict[str, Any]:
    """Section a for each named run of topics; section b on the shooting topics of the widest run."""
    report: dict[str, Any] = {"stories": {}, "baseline": {}}
    widest: tuple[list[Document], dict[str, str]] = ([], {})
    with tempfile.TemporaryDirectory(prefix="ecbplus-") as scratch:
        where = workdir or Path(scratch)
        for name, topics in runs.items():
            started = time.perf_counter()
            docs = read_topics(data, topics)
            rows, articles, _ = run_fogwatch(docs, where / name, ("ingest", "link"), embeddings)
            stories = exported_stories(rows, articles)
            report["stories"][name] = {**story_report(docs, stories),
                                       "seconds": round(time.perf_counter() - started, 1)}
            report["baseline"][name] = story_report(docs, naive_stories(docs))
            if len(docs) > len(widest[0]):
                widest = (docs, stories)
        shooting = [d for d in widest[0] if d.topic in SHOOTINGS]
        if figures and shooting:
            report["figures"] = figure_report(shooting, widest[1], where / "shootings", embeddings)
    return report


def _print(report: dict[str, Any]) -> None:
    print("a. story clustering (all documents of the topics clustered together; gold = topic + sub-topic)")
    print(f"{'run':8} {'docs':>5} {'gold':>5} {'pred':>5} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} "
          f"{'ARI':>6} {'purity':>6} {'sep.err':>7} {'secs':>5}")
    for name, r in report["stories"].items():
        for label, row in ((name, r), ("  naive", report["baseline"][name])):
            print(f"{label:8} {row['documents']:5} {row['gold_clusters']:5} {row['predicted_clusters']:5} "
                  f"{row['b3_precision']:6.3f} {row['b3_recall']:6.3f} {row['b3_f1']:6.3f} {row['ari']:6.3f} "
                  f"{row['purity']:6.3f} {row['separation_error']:7.3f} {row.get('seconds', 0.0):5.1f}")
    if "figures" not in report:
        return
    f = report["figures"]
    print(f"\nb. shooting topics: {f['documents']} documents, {f['figures']} figures "
          f"({f['annotated_figures']} beside an annotated casualty action); "
          f"extract {f['extract_seconds']} s, link {f['link_seconds']} s")
    for topic, counts in f["per_topic"].items():
        kinds = ", ".join(f"{k} {v}" for k, v in counts.items())
        print(f"  topic {topic:2}: {sum(counts.values()):3} figures  {kinds}")
    print(f"\n  {'cross-document figure pairs: gold / predicted':58} {'P':>6} {'R':>6} {'F1':>6} "
          f"{'gold':>6} {'pred':>6}")
    for name, s in f["linking"].items():
        print(f"  {name:58} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{s['gold_pairs']:6} {s['predicted_pairs']:6}")
    c = f["conflicts"]
    print(f"\n  figure conflicts: {c['counts']}; in more than one predicted story: "
          f"{c['spanning_predicted_stories']}\n  differing figure pairs inside them: {c['figure_pairs']}")
    for kind, example in ((k, e) for k, examples in c["examples"].items() for e in examples[:3]):
        print(f"    [{kind}] {example['why']}\n" + "\n".join(f"        {t}" for t in example["figures"][:4]))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--split", choices=("train", "dev", "all", "every"), default="every",
                        help="topics to cluster together; 'every' reports train, dev and all (default)")
    parser.add_argument("--topics", help="comma-separated topics, clustered together (overrides --split)")
    parser.add_argument("--no-figures", action="store_true", help="skip section b (no spaCy parsing)")
    parser.add_argument("--hashed", action="store_true", help="hashed words instead of the MiniLM model")
    parser.add_argument("--json", type=Path, help="write the whole report here")
    parser.add_argument("--workdir", type=Path, help="keep each run's input files and ledger here")
    args = parser.parse_args(argv)
    chosen = dict(SPLITS) if args.split == "every" else {args.split: SPLITS[args.split]}
    runs = {"topics": tuple(int(t) for t in args.topics.split(","))} if args.topics else chosen
    started = time.perf_counter()
    report = evaluate(args.data, runs, figures=not args.no_figures, embeddings=not args.hashed,
                      workdir=args.workdir)
    report["seconds"] = round(time.perf_counter() - started, 1)
    _print(report)
    print(f"\nwall time {report['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
