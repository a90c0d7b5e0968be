#!/usr/bin/env python3
"""Story clustering and cross-document figure linking on ECB+ (topics 1-35).

ECB+ (Cybulska & Vossen 2014) gives each topic two sub-topics: the original ECB event (``*ecb.xml``)
and a different but similar one (``*ecbplus.xml``): two shootings, two earthquakes. The sub-topic is
the story, so clustering all documents of the chosen topics together and scoring against
(topic, sub-topic) measures whether stories separate similar events, not just topics.

Usage:
    python eval/ecbplus.py [--split train|dev|all|every] [--topics 3,8] [--no-figures] [--hashed]
                           [--json OUT] [--data DIR]

Documents: one sentence per line, lightly detokenised (Fogwatch reads prose); each token keeps its
span. Sentence 0 of an ``*ecbplus.xml`` is its URL, sentence 1 its title; ``published`` is the first
full date on a short line under the title, else the URL's date. ``*ecb.xml`` texts have neither.

a. Stories: B-cubed P/R/F1, adjusted Rand index, purity, cluster counts, and the separation error:
within each topic, the share of (ecb, ecbplus) pairs put in one story. ``every`` (the default) runs
train, dev and all 1-35 as three separate clusterings. Only train topics tuned stories.py.

b. Shooting topics 3, 8, 16, 18, 22, 33 of the widest run: extraction and ``link_corpus`` over them
together. A figure's gold event is the CROSS_DOC_COREF instance of the casualty action (killed, shot,
wounded...) annotated nearest it in its sentence; where there is none (ECB+ annotates only some
sentences) the sub-topic's seminal event stands in, which is wrong for background figures ("in
February a gunman killed five"). Cross-document figure pairs are scored with two predictors (same
Fogwatch statement; same predicted story and same ``counted``) against three golds (that event; the
same among figures with an instance; sub-topic and ``counted``). Figure conflicts (``figure``,
``counted_drift``) and the pairs of differing figures inside them (one conflict may group many sides)
are classed across sub-topics / across annotated events of one sub-topic / within one event, and by
whether the figures lie in one predicted story or two (what a story-aware reconciler would keep).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from fogwatch.extract.dates import find_day_mentions
from fogwatch.link.embeddings import EmbedFn, embed, hashed_embed
from fogwatch.link.stories import cluster_stories
from fogwatch.model import Article, ArticleClaims, Figure, Story

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "ecbplus"
TRAIN = (1, 3, 4, 6, 7, 8, 9, 10, 11, 13, 14, 16, 19, 20, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)
DEV = (2, 5, 12, 18, 21, 23, 34, 35)
SPLITS = {"train": TRAIN, "dev": DEV, "all": tuple(sorted(TRAIN + DEV))}
SHOOTINGS = (3, 8, 16, 18, 22, 33)
FIGURE_CONFLICTS = ("figure", "counted_drift")

_TIGHT_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'re", "'ve", "'ll", "'d", "'m",
                 "n't", "'", "’", "”", "…"}
_TIGHT_AFTER = {"(", "[", "{", "$", "#", "“"}
_CLITICS = {"s", "t", "ll", "re", "ve", "d", "m"}  # "can ’ t", "Comeaux ’ s"
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)/")


class Mention(NamedTuple):
    """One annotated event mention: its character span, line and cross-document instance (or None)."""

    start: int
    end: int
    line: int
    instance: str | None


@dataclass(frozen=True)
class Document:
    """One ECB+ document as an Article, with its gold story and event mentions."""

    name: str
    topic: int
    subtopic: str  # "ecb" or "ecbplus"
    article: Article
    lines: tuple[tuple[int, int], ...]  # character span of each sentence (line) of the text
    actions: tuple[Mention, ...]

    @property
    def story(self) -> str:
        return f"{self.topic}{self.subtopic}"


def _joins(raw: str, prev: str, nxt: str, hyphens: bool) -> bool:
    """Whether a token was written without spaces on either side: "11/30/09", "$30,000", "U.S.",
    "can’t", and where the tokeniser split hyphenated words (``hyphens``) "37-year-old"."""
    digits = prev[-1:].isdigit() and nxt[:1].isdigit()
    if digits and (raw in ("-", "/", ":", ".") or (raw == "," and len(nxt) == 3 and nxt.isdigit())):
        return True
    if raw == "." and len(prev) == 1 and prev.isalpha() and len(nxt) == 1 and nxt.isalpha():
        return True
    if raw == "’":
        return nxt.lower() in _CLITICS
    return hyphens and raw == "-" and (prev[-1:].islower() or prev[-1:].isdigit()) and (
        nxt[:1].islower() or nxt[:1].isdigit())


def _detokenise(tokens: Sequence[str], hyphens: bool) -> tuple[str, list[tuple[int, int]]]:
    """One sentence of tokens as prose, with each token's span in it; ``hyphens``: the tokeniser
    split hyphenated words (ECB+ did, ECB did not)."""
    text, spans, quotes, glue = "", [], 0, False
    for i, raw in enumerate(tokens):
        quote = raw in ("``", "''", '"')
        opening = raw == "``" or (raw == '"' and quotes % 2 == 0)
        quotes += raw == '"'
        token = '"' if quote else raw
        joiner = _joins(raw, tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else "",
                        hyphens)
        if text and not (glue or joiner or raw in _TIGHT_BEFORE or (quote and not opening)):
            text += " "
        spans.append((len(text), len(text) + len(token)))
        text += token
        glue = joiner or raw in _TIGHT_AFTER or (quote and opening)
    return text, spans


def _published(lines: Sequence[str], url: str | None) -> str | None:
    """The first full date on a short line (a dateline) among the four under the title, else the date in
    the URL path. Only ``*ecbplus.xml`` pages have a title and dateline; an ``*ecb.xml`` text starts
    with its lead, whose dates are the event's, so those get none."""
    for line in lines[1:5]:
        if len(line.split()) > 12:
            continue
        for mention in find_day_mentions(line, None):
            if mention.explicit and mention.date is not None:
                return mention.date.isoformat()
    found = _URL_DATE.search(url or "")
    try:
        return date(*(int(g) for g in found.groups())).isoformat() if found else None
    except ValueError:
        return None


def read_document(path: Path) -> Document:
    """One CROMER XML file as a Document (see the module docstring for how the text is rebuilt)."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence") or 0)].append((token.get("t_id") or "", token.text or ""))
    plus = path.name.endswith("ecbplus.xml")
    url: str | None = None
    texts: list[str] = []
    lines: list[tuple[int, int]] = []
    where: dict[str, tuple[int, int, int]] = {}  # t_id -> start, end, line
    offset = 0
    for number in sorted(sentences):
        ids, words = zip(*sentences[number], strict=True)
        if plus and number == 0:
            url = "".join(words)
            continue
        text, spans = _detokenise(words, plus)
        for t_id, (start, end) in zip(ids, spans, strict=True):
            where[t_id] = (offset + start, offset + end, len(lines))
        lines.append((offset, offset + len(text)))
        texts.append(text)
        offset += len(text) + 1
    body = "\n".join(texts)
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    topic = int(path.parent.name)
    article = Article(id=path.stem, source=f"ecbplus/{topic}/{path.name}", text=body, content_hash=digest,
                      url=url, title=texts[0] if plus and texts else None,
                      published=_published(texts, url) if plus else None)
    return Document(path.stem, topic, "ecbplus" if plus else "ecb", article, tuple(lines),
                    _actions(root, where))


def _actions(root: ET.Element, where: dict[str, tuple[int, int, int]]) -> tuple[Mention, ...]:
    """ACTION_OCCURRENCE mentions with their CROSS_DOC_COREF instance (None for singletons)."""
    instance: dict[str, str] = {}
    for relation in root.iter("CROSS_DOC_COREF"):
        for source in relation.iter("source"):
            instance[source.get("m_id") or ""] = relation.get("note") or ""
    found: list[Mention] = []
    for markable in root.iter("ACTION_OCCURRENCE"):
        tokens = (anchor.get("t_id") or "" for anchor in markable.iter("token_anchor"))
        anchors = [where[t] for t in tokens if t in where]
        if anchors:
            found.append(Mention(min(a[0] for a in anchors), max(a[1] for a in anchors), anchors[0][2],
                                 instance.get(markable.get("m_id") or "") or None))
    return tuple(sorted(found, key=lambda m: (m.start, m.end)))


def read_topics(data: Path, topics: Iterable[int]) -> list[Document]:
    """Every document of the topics, in topic order, then ecb before ecbplus, then by number."""
    def order(path: Path) -> tuple[bool, int]:
        return path.name.endswith("ecbplus.xml"), int(re.sub(r"\D", "", path.name.split("_")[1]) or 0)

    folders = [data / "ECB+" / str(t) for t in topics]
    return [read_document(p) for folder in folders for p in sorted(folder.glob("*.xml"), key=order)]


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


def story_report(docs: Sequence[Document], stories: Sequence[Story]) -> dict[str, float]:
    """Section a: the predicted stories scored against (topic, sub-topic)."""
    predicted = {article: story.id for story in stories for article in story.articles}
    gold = {doc.name: doc.story for doc in docs}
    return {"documents": len(docs), **cluster_scores(gold, predicted),
            "separation_error": separation_error(docs, predicted)}


_CASUALTY = re.compile(r"kill|shoot|shot|gun|wound|injur|hurt|die|dead|death|murder|slay|slain|fire|attack"
                       r"|massacre|bomb|blast|explo|stab|victim|fatal", re.I)


def gold_event(doc: Document, figure: Figure) -> tuple[str, bool]:
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


def figure_report(docs: Sequence[Document], stories: Sequence[Story], embeddings: bool) -> dict[str, Any]:
    """Section b: extract and link the shooting documents together, then score figures against gold events."""
    from fogwatch.extract import extract_claims
    from fogwatch.extract.nlp import parse_articles
    from fogwatch.link import link_corpus

    started = time.perf_counter()
    claims: list[ArticleClaims] = [extract_claims(p) for p in parse_articles([d.article for d in docs])]
    extracted = time.perf_counter()
    result = link_corpus([d.article for d in docs], claims, embeddings=embeddings)
    linked = time.perf_counter()
    by_name = {d.name: d for d in docs}
    figures = {f.id: f for c in claims for f in c.figures}
    doc_of = {f.id: f.article for f in figures.values()}
    found = {fid: gold_event(by_name[f.article], f) for fid, f in figures.items()}
    event = {fid: label for fid, (label, _) in found.items()}
    annotated = [fid for fid, (_, known) in found.items() if known]
    in_statement = {m: s.id for s in result.statements for m in s.members}
    statement = {fid: in_statement.get(fid, fid) for fid in figures}
    story_of = {a: s.id for s in stories for a in s.articles}
    story_counted = {fid: f"{story_of.get(f.article)}|{f.counted}" for fid, f in figures.items()}
    predictors = {"same statement": statement, "same story + counted": story_counted}
    subtopic_counted = {fid: f"{by_name[f.article].story}|{f.counted}" for fid, f in figures.items()}
    golds = {"event (instance, else sub-topic)": (event, None),
             "event, annotated figures only": (event, annotated),
             "sub-topic + counted": (subtopic_counted, None)}
    linking = {f"{gold} / {name}": pair_scores(labels, predicted, doc_of, keep)
               for gold, (labels, keep) in golds.items() for name, predicted in predictors.items()}
    return {"documents": len(docs), "figures": len(figures), "annotated_figures": len(annotated),
            "per_topic": _per_topic(docs, figures.values()), "linking": linking,
            "conflicts": _conflicts(result.conflicts, figures, by_name, event, story_of),
            "extract_seconds": round(extracted - started, 1), "link_seconds": round(linked - extracted, 1)}


def _per_topic(docs: Sequence[Document], figures: Iterable[Figure]) -> dict[int, dict[str, int]]:
    topic = {d.name: d.topic for d in docs}
    found = Counter((topic[f.article], f.counted) for f in figures)
    return {t: {c: n for (u, c), n in sorted(found.items()) if u == t} for t in sorted(set(topic.values()))}


def _where(members: Sequence[Figure], docs: dict[str, Document], event: dict[str, str]) -> str:
    """Whether figures belong to different sub-topics, different annotated events of one, or one event."""
    instances = {event[f.id] for f in members if not event[f.id].startswith("seminal ")}
    return ("across sub-topics" if len({docs[f.article].story for f in members}) > 1
            else "across events of one sub-topic" if len(instances) > 1 else "within one event")


def _conflicts(conflicts: Iterable[Any], figures: dict[str, Figure], docs: dict[str, Document],
               event: dict[str, str], story_of: dict[str, str]) -> dict[str, Any]:
    """Figure conflicts, and the pairs of differing figures inside them (a conflict may group many
    sides), by where their gold events lie; how many span predicted stories; a few examples."""
    classes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    pairs: Counter[str] = Counter()
    across_stories = 0
    for conflict in conflicts:
        members = [figures[m] for m in conflict.members if m in figures]
        if conflict.kind not in FIGURE_CONFLICTS or not members:
            continue
        for f, g in combinations(members, 2):
            if f.article != g.article and (f.value, f.low, f.high) != (g.value, g.low, g.high):
                split = "two stories" if story_of.get(f.article) != story_of.get(g.article) else "one story"
                pairs[f"{_where((f, g), docs, event)}, {split}"] += 1
        across_stories += len({story_of.get(f.article) for f in members}) > 1
        classes[_where(members, docs, event)].append({"kind": conflict.kind, "why": conflict.why, "figures": [
            f"{f.article}: {_context(docs[f.article], f)}" for f in members]})
    return {"counts": {k: len(v) for k, v in sorted(classes.items())},
            "figure_pairs": dict(sorted(pairs.items())), "spanning_predicted_stories": across_stories,
            "examples": {k: v[:4] for k, v in sorted(classes.items())}}


def _context(doc: Document, figure: Figure, width: int = 50) -> str:
    """The figure in brackets with some of its line either side."""
    start, end = next(((s, e) for s, e in doc.lines if s <= figure.start < e), (figure.start, figure.end))
    text = doc.article.text
    before = text[max(start, figure.start - width):figure.start]
    return f"...{before}[{text[figure.start:figure.end]}]{text[figure.end:min(end, figure.end + width)]}..."


def _memo(base: EmbedFn) -> EmbedFn:
    """The embedding function with a cache, so train, dev and all embed each lead once."""
    seen: dict[str, Any] = {}

    def cached(texts: Sequence[str]) -> Any:
        missing = list(dict.fromkeys(t for t in texts if t not in seen))
        if missing:
            seen.update(zip(missing, base(missing), strict=True))
        return np.stack([seen[t] for t in texts]) if texts else base(texts)

    return cached


def evaluate(data: Path, runs: dict[str, Sequence[int]], *, figures: bool = True,
             embeddings: bool = True) -> dict[str, Any]:
    """Section a for each named run of topics; section b on the shooting topics of the widest run."""
    cached = _memo(embed if embeddings else hashed_embed)
    report: dict[str, Any] = {"stories": {}}
    widest: tuple[list[Document], list[Story]] = ([], [])
    for name, topics in runs.items():
        started = time.perf_counter()
        docs = read_topics(data, topics)
        stories = cluster_stories([d.article for d in docs], embed=cached)
        report["stories"][name] = {**story_report(docs, stories),
                                   "seconds": round(time.perf_counter() - started, 1)}
        if len(docs) > len(widest[0]):
            widest = (docs, stories)
    shooting = [d for d in widest[0] if d.topic in SHOOTINGS]
    if figures and shooting:
        report["figures"] = figure_report(shooting, widest[1], embeddings)
    return report


def _print(report: dict[str, Any]) -> None:
    print("a. story clustering (all documents of the topics clustered together; gold = topic + sub-topic)")
    print(f"{'run':8} {'docs':>5} {'gold':>5} {'pred':>5} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} "
          f"{'ARI':>6} {'purity':>6} {'sep.err':>7} {'secs':>5}")
    for name, r in report["stories"].items():
        print(f"{name:8} {r['documents']:5} {r['gold_clusters']:5} {r['predicted_clusters']:5} "
              f"{r['b3_precision']:6.3f} {r['b3_recall']:6.3f} {r['b3_f1']:6.3f} {r['ari']:6.3f} "
              f"{r['purity']:6.3f} {r['separation_error']:7.3f} {r['seconds']:5.1f}")
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
    args = parser.parse_args(argv)
    chosen = dict(SPLITS) if args.split == "every" else {args.split: SPLITS[args.split]}
    runs = {"topics": tuple(int(t) for t in args.topics.split(","))} if args.topics else chosen
    started = time.perf_counter()
    report = evaluate(args.data, runs, figures=not args.no_figures, embeddings=not args.hashed)
    report["seconds"] = round(time.perf_counter() - started, 1)
    _print(report)
    print(f"\nwall time {report['seconds']} s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
