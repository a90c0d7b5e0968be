#!/usr/bin/env python3
"""Score attribution extraction on PolNeAR (brat standoff) by source, cue and content spans.

Usage:
    python eval/polnear.py --split dev [--limit N] [--json OUT] [--sourceless] [--data DIR]

What is compared. Gold: every `E` event of the article's annotation file (articles annotated
twice are scored against the first file by name), with its Source, Cue and Content spans
(discontinuous spans are the union of their pieces). Predicted: the relations behind
`extract_attributions` (same filter: a named, unnamed or resolved speaker), with the source
words' span; pieces of one quotation split around a shared cue are one content, as PolNeAR
annotates them. `--sourceless` adds the relations whose source could not be named, which
PolNeAR annotates as Attribution-no-source.

How spans match. A span is its set of word tokens (runs of letters and digits) with their
character positions; punctuation and quotation marks never count, nor a content's leading
"that". Each role (source, cue, content) is scored on its own: gold and predicted spans are
paired one-to-one, greedily by score, and
- exact: the two token sets are identical;
- overlap: token F1 between the two position sets is >= 0.5 (0.3 also reported).
Precision = pairs / predicted spans, recall = pairs / gold spans. `relation` pairs whole
attributions: content overlap >= 0.5 and source overlap >= 0.5 (or neither has a source).
`source_accuracy_on_matched` is the share of content-matched gold relations with a source
whose predicted source overlaps it (>= 0.5) — the speaker accuracy figure other systems report.
`speech_cue_recall.content50` is content recall (>= 0.5) over the gold relations whose cue is a
reporting word of Fogwatch's lexicon, "according to" or a colon: the part of PolNeAR that
Fogwatch aims at (PolNeAR also annotates stances like "supports", "wants", "is expected").
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from fogwatch.extract.attribution import Relation, extract_relations
from fogwatch.extract.nlp import ATTRIBUTION_WORDS, is_attribution_candidate, parse_articles
from fogwatch.model import Article

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "polnear" / "data"
ROLES = ("source", "cue", "content")
Spans = tuple[tuple[int, int], ...]
_TOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class GoldRelation:
    """One PolNeAR attribution: its spans per role (source may be empty)."""

    source: Spans
    cue: Spans
    content: Spans


@dataclass
class Document:
    """One PolNeAR article and its gold relations."""

    name: str
    text: str
    relations: list[GoldRelation] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None


def _spans(field_text: str) -> Spans:
    """'12 20;25 30' -> ((12, 20), (25, 30))."""
    out = []
    for piece in field_text.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return tuple(out)


def read_ann(ann: str) -> list[GoldRelation]:
    """The attribution events of a brat .ann file."""
    spans: dict[str, tuple[str, Spans]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and " " in parts[1]:
            label, where = parts[1].split(" ", 1)
            spans[parts[0]] = (label, _spans(where))
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for event in events:
        got = {role: spans[event[name]][1] for name, role in (("Source", "source"), ("Cue", "cue"),
               ("Content", "content")) if name in event and event[name] in spans}
        if "content" in got or "cue" in got:
            out.append(GoldRelation(got.get("source", ()), got.get("cue", ()), got.get("content", ())))
    return out


def read_metadata(data: Path) -> dict[str, dict[str, str]]:
    """metadata.tsv rows by file name (publication date, publisher)."""
    path = data / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def read_split(data: Path, split: str, limit: int | None = None) -> list[Document]:
    """The documents of a split, one annotation file each (the first by name)."""
    meta = read_metadata(data)
    docs = []
    for txt in sorted((data / split / "text").glob("*.txt")):
        anns = sorted((data / split / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        row = meta.get(txt.stem, {})
        docs.append(
            Document(
                txt.stem,
                txt.read_text(encoding="utf-8"),
                read_ann(anns[0].read_text(encoding="utf-8")),
                row.get("publication_date"),
                row.get("publisher"),
            )
        )
        if limit and len(docs) >= limit:
            break
    return docs


def tokens(text: str, spans: Spans, *, content: bool = False) -> frozenset[int]:
    """The start offsets of the word tokens inside spans (a content's leading "that" dropped)."""
    found: list[int] = []
    words: list[str] = []
    for start, end in sorted(spans):
        for m in _TOKEN.finditer(text, start, end):
            found.append(m.start())
            words.append(m.group().lower())
    if content and words and words[0] == "that":
        found = found[1:]
    return frozenset(found)


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Token F1 between two position sets."""
    common = len(a & b)
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def pair(gold: list[frozenset[int]], pred: list[frozenset[int]], threshold: float) -> dict[int, int]:
    """Greedy one-to-one pairing by score; threshold 1.0 means identical sets."""
    scored = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            s = 1.0 if g == p else overlap(g, p) if threshold < 1.0 else 0.0
            if s >= threshold and s > 0:
                scored.append((s, i, j))
    scored.sort(key=lambda x: -x[0])
    used_g, used_p, out = set(), set(), {}
    for _, i, j in scored:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out[i] = j
    return out


def predicted(relations: Iterable[Relation], *, sourceless: bool) -> list[GoldRelation]:
    """Predicted relations in gold shape; quotation pieces sharing a cue become one content."""
    merged: dict[tuple[int | None, int | None, int], GoldRelation] = {}
    for n, rel in enumerate(relations):
        if rel.speaker is None and not sourceless:
            continue
        key = (rel.cue_start, rel.cue_end, n if rel.cue_start is None else -1)
        source = (
            ((rel.source_start, rel.source_end),) if rel.source_start is not None and rel.source_end else ()
        )
        cue = ((rel.cue_start, rel.cue_end),) if rel.cue_start is not None and rel.cue_end is not None else ()
        old = merged.get(key)
        content = ((rel.start, rel.end),) + (old.content if old else ())
        merged[key] = GoldRelation(source or (old.source if old else ()), cue, content)
    return list(merged.values())


def prf(tp: int, npred: int, ngold: int) -> dict[str, float]:
    """Precision, recall and F1, rounded to 3 places."""
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 3), "r": round(r, 3), "f1": round(f, 3), "tp": tp, "pred": npred, "gold": ngold}


@dataclass
class Tally:
    """Counts summed over documents."""

    counts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, key: str, tp: int, npred: int, ngold: int) -> None:
        c = self.counts.setdefault(key, [0, 0, 0])
        c[0] += tp
        c[1] += npred
        c[2] += ngold

    def report(self) -> dict[str, dict[str, float]]:
        return {k: prf(*v) for k, v in sorted(self.counts.items())}


def score_document(doc: Document, preds: list[GoldRelation], tally: Tally) -> None:
    """Add one document's pairs to the tally."""
    for role in ROLES:
        g = [tokens(doc.text, getattr(r, role), content=role == "content") for r in doc.relations
             if getattr(r, role)]
        p = list(dict.fromkeys(tokens(doc.text, getattr(r, role), content=role == "content") for r in preds
                               if getattr(r, role)))
        g = [x for x in g if x]
        p = [x for x in p if x]
        for name, threshold in (("exact", 1.0), ("overlap50", 0.5), ("overlap30", 0.3)):
            tally.add(f"{role}.{name}", len(pair(g, p, threshold)), len(p), len(g))
    gc = [tokens(doc.text, r.content, content=True) for r in doc.relations]
    pc = [tokens(doc.text, r.content, content=True) for r in preds]
    matched = pair(gc, pc, 0.5)
    good = 0
    with_source = 0
    for i, j in matched.items():
        gs = tokens(doc.text, doc.relations[i].source)
        ps = tokens(doc.text, preds[j].source)
        if (not gs and not ps) or (gs and ps and overlap(gs, ps) >= 0.5):
            good += 1
        if gs:
            with_source += 1
            tally.add("source_accuracy_on_matched", int(bool(ps) and overlap(gs, ps) >= 0.5), 1, 1)
    tally.add("relation.overlap50", good, len(pc), len(gc))
    speech = [i for i, r in enumerate(doc.relations) if is_speech_cue(doc.text, r.cue)]
    tally.add("speech_cue_recall.content50", sum(1 for i in speech if i in matched), 0, len(speech))
    del with_source


def is_speech_cue(text: str, cue: Spans) -> bool:
    """Whether a gold cue is a reporting word of Fogwatch's lexicon, "according to" or a colon."""
    words = {w.lower() for start, end in cue for w in _TOKEN.findall(text[start:end])}
    return bool(words & ATTRIBUTION_WORDS) or any(":" in text[start:end] for start, end in cue)


def articles(docs: list[Document]) -> Iterator[Article]:
    """PolNeAR documents as Articles (publication date and publisher from metadata.tsv)."""
    for d in docs:
        digest = hashlib.sha256(d.text.encode("utf-8")).hexdigest()
        yield Article(id=d.name, source=f"polnear/{d.name}.txt", text=d.text, content_hash=digest,
                      outlet=d.outlet, published=d.published)


def evaluate(
    data: Path,
    split: str,
    limit: int | None = None,
    *,
    sourceless: bool = False,
    attribution_only: bool = False,
) -> dict[str, object]:
    """Role-level P/R/F1 over a split, with timing; `attribution_only` parses only the sentences
    that can hold a cue (what an attribution-only run needs) instead of the shared selection."""
    docs = read_split(data, split, limit)
    tally = Tally()
    started = time.perf_counter()
    select = is_attribution_candidate if attribution_only else None
    for doc, parsed in zip(docs, parse_articles(articles(docs), select=select), strict=True):
        score_document(doc, predicted(extract_relations(parsed), sourceless=sourceless), tally)
    seconds = time.perf_counter() - started
    return {"split": split, "documents": len(docs), "gold_relations": sum(len(d.relations) for d in docs),
            "seconds": round(seconds, 1), "sourceless": sourceless, "scores": tally.report()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sourceless", action="store_true", help="also score relations without a source")
    parser.add_argument(
        "--attribution-only", action="store_true", help="parse only sentences that can hold a cue"
    )
    args = parser.parse_args(argv)
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR split at {args.data / args.split}", file=sys.stderr)
        return 2
    result = evaluate(args.data, args.split, args.limit, sourceless=args.sourceless,
                      attribution_only=args.attribution_only)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"PolNeAR {result['split']}: {result['documents']} documents, {result['gold_relations']} gold "
          f"relations, {result['seconds']} s")
    print(f"{'':32} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}")
    for key, v in result["scores"].items():  # type: ignore[union-attr]
        if key.startswith("speech_cue_recall"):
            print(f"{key:32} {'':>6} {v['r']:6.3f} {'':>6} {v['tp']:6} {'':>6} {v['gold']:6}")
            continue
        print(f"{key:32} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp']:6} {v['pred']:6} {v['gold']:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
