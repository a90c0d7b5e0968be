#!/usr/bin/env python3
"""Score the attributions `fogwatch export` writes against PolNeAR by source, cue and content spans.

Usage:
    python eval/polnear.py --split dev [--limit N] [--json OUT] [--data DIR] [--workdir DIR]

How Fogwatch is run. Each article is written as `NAME.txt` (the file as PolNeAR gives it) with a
`NAME.meta.json` sidecar (outlet, publication date and title from metadata.tsv); `fogwatch.api.run`
ingests and extracts the folder into a fresh ledger and the `attribution` rows of the export are
scored: content = `start`/`end`, cue = `cue_start`/`cue_end`, source = `source_start`/`source_end`.
The link stage is not run: it changes no span of an attribution row. Offsets in the export point
into the stored text (NFC, `\\n` line endings, stripped), so the gold spans are carried onto it
through a character alignment of the raw file with the exported text, and both sides are scored on
the stored text.

What is compared. Gold: every `E` event of the article's annotation file (articles annotated
twice are scored against the first file by name), with its Source, Cue and Content spans
(discontinuous spans are the union of their pieces). Predicted: every exported attribution;
pieces of one quotation split around a shared cue are one content, as PolNeAR annotates them.
The export holds only attributions whose speaker was named, resolved or described, so the
former `--sourceless` run (adding relations with no source, PolNeAR's Attribution-no-source)
and the `--attribution-only` parse cannot be reproduced from it and are gone.

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

Fogwatch runs with the `learned_cues` setting on (the tagger trained on PolNeAR's train split
adds the stances, beliefs and plans the rules miss; its rows have `extractor`
`fogwatch.attribution.tagger.v1`); `--rules-only` runs it at its default, the rules alone.

The naive baseline, scored the same way in the same run: in each sentence the first reporting
verb is the cue, the words just before it (else just after it) the source, and the rest of the
sentence the content.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from fogwatch.extract.nlp import ATTRIBUTION_WORDS

sys.path.insert(0, str(Path(__file__).resolve().parent))  # eval/ holds scripts, not a package
from exported import Row, articles_by_name, offset_map, run_and_export, write_article

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
    title: str | None = None


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
    """metadata.tsv rows by file name (publication date, publisher, title); "None" is no value."""
    path = data / "metadata.tsv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["filename"]: {k: v for k, v in row.items() if v and v != "None"}
                for row in csv.DictReader(handle, delimiter="\t")}


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
                row.get("title"),
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


def write_inputs(docs: Iterable[Document], folder: Path) -> None:
    """Each article as the file PolNeAR gives, with what metadata.tsv knows in its sidecar."""
    for doc in docs:
        write_article(folder, doc.name, doc.text,
                      {"outlet": doc.outlet, "published": doc.published, "title": doc.title})


def on_stored_text(doc: Document, stored: str) -> Document:
    """The document with its text and gold spans moved onto the text Fogwatch stored."""
    where = offset_map(doc.text, stored)

    def moved(spans: Spans) -> Spans:
        return tuple((where[start], where[end]) for start, end in spans)

    relations = [GoldRelation(moved(r.source), moved(r.cue), moved(r.content)) for r in doc.relations]
    return replace(doc, text=stored, relations=relations)


def exported_documents(docs: list[Document], rows: list[Row]) -> list[tuple[Document, list[Row]]]:
    """Each document on its stored text with its exported attribution rows, in text order."""
    articles = articles_by_name(rows, {doc.name: doc.text for doc in docs})
    found: dict[str, list[Row]] = {}
    for row in rows:
        if row["type"] == "attribution":
            found.setdefault(row["article"], []).append(row)
    out = []
    for doc in docs:
        article = articles[doc.name]
        attributions = sorted(found.get(article["id"], []), key=lambda r: (r["start"], r["end"]))
        out.append((on_stored_text(doc, article["text"]), attributions))
    return out


def predicted(rows: Iterable[Row]) -> list[GoldRelation]:
    """Exported attributions in gold shape; quotation pieces sharing a cue become one content."""
    merged: dict[tuple[int | None, int | None, int], GoldRelation] = {}
    for n, row in enumerate(rows):
        cue_start, cue_end = row["cue_start"], row["cue_end"]
        key = (cue_start, cue_end, n if cue_start is None else -1)
        source_start, source_end = row.get("source_start"), row.get("source_end")
        source = ((source_start, source_end),) if source_start is not None and source_end else ()
        cue = ((cue_start, cue_end),) if cue_start is not None and cue_end is not None else ()
        old = merged.get(key)
        content = ((row["start"], row["end"]),) + (old.content if old else ())
        merged[key] = GoldRelation(source or (old.source if old else ()), cue, content)
    return list(merged.values())


_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|according to|added|stated|announced|wrote|claimed|"
                        r"argued|warned|noted|explained|insisted|asked)\b")
_SENTENCE = re.compile(r"[^\n]+?(?:[.!?][\"”’]*(?=\s)|$)", re.M)
_WORDS_BEFORE = re.compile(r"(?:[\w.'’-]+\s+){1,4}$")  # up to four words, no punctuation between
_WORDS_AFTER = re.compile(r"\s*((?:[\w.'’-]+\s*){1,4}?)(?=[.,;!?]|$)")


def naive_relations(text: str) -> list[GoldRelation]:
    """The baseline: per sentence, its first reporting verb is the cue; the source is the (up to
    four) words just before it, else just after it ("..., said Ruiz."); the content is the rest of
    the sentence after the cue, else the sentence before the source or cue."""
    out = []
    for sentence in _SENTENCE.finditer(text):
        start, end = sentence.span()
        cue = _REPORTING.search(text, start, end)
        if cue is None:
            continue
        before = _WORDS_BEFORE.search(text[start:cue.start()])
        after = _WORDS_AFTER.match(text, cue.end(), end)
        if before:
            source, content = (start + before.start(), cue.start()), (cue.end(), end)
            if not _TOKEN.search(text, cue.end(), end):
                content = (start, source[0])
        else:
            source = after.span(1) if after and after.group(1) else (cue.end(), cue.end())
            content = (start, cue.start())
        out.append(GoldRelation((source,), ((cue.start(), cue.end()),), (content,)))
    return out


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


def _text(text: str, spans: Spans) -> str:
    return " ... ".join(text[start:end] for start, end in sorted(spans)) or "(none)"


def score_document(doc: Document, preds: list[GoldRelation], tally: Tally) -> list[dict[str, str]]:
    """Add one document's pairs to the tally; returns the content-matched relations whose source
    was missed (gold source, predicted source, gold content)."""
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
    misses = []
    for i, j in matched.items():
        gold, guess = doc.relations[i], preds[j]
        gs, ps = tokens(doc.text, gold.source), tokens(doc.text, guess.source)
        if (not gs and not ps) or (gs and ps and overlap(gs, ps) >= 0.5):
            good += 1
        if gs:
            right = bool(ps) and overlap(gs, ps) >= 0.5
            tally.add("source_accuracy_on_matched", int(right), 1, 1)
            if not right:
                misses.append({"document": doc.name, "gold": _text(doc.text, gold.source),
                               "predicted": _text(doc.text, guess.source),
                               "content": _text(doc.text, gold.content)[:160]})
    tally.add("relation.overlap50", good, len(pc), len(gc))
    speech = [i for i, r in enumerate(doc.relations) if is_speech_cue(doc.text, r.cue)]
    tally.add("speech_cue_recall.content50", sum(1 for i in speech if i in matched), 0, len(speech))
    return misses


def is_speech_cue(text: str, cue: Spans) -> bool:
    """Whether a gold cue is a reporting word of Fogwatch's lexicon, "according to" or a colon."""
    words = {w.lower() for start, end in cue for w in _TOKEN.findall(text[start:end])}
    return bool(words & ATTRIBUTION_WORDS) or any(":" in text[start:end] for start, end in cue)


def evaluate(
    data: Path, split: str, limit: int | None = None, *, workdir: Path | None = None,
    learned_cues: bool = True,
) -> dict[str, Any]:
    """Role-level P/R/F1 of Fogwatch's export and of the naive baseline over a split, with timing
    and the matched relations whose source Fogwatch got wrong."""
    docs = read_split(data, split, limit)
    with tempfile.TemporaryDirectory(prefix="polnear-") as scratch:
        where = workdir or Path(scratch)
        started = time.perf_counter()
        write_inputs(docs, where / "articles")
        rows, stages = run_and_export(where / "articles", where / "ledger.db", ("ingest", "extract"),
                                      learned_cues=learned_cues)
        seconds = time.perf_counter() - started
    tally, naive, misses = Tally(), Tally(), []
    for doc, attributions in exported_documents(docs, rows):
        misses.extend(score_document(doc, predicted(attributions), tally))
        score_document(doc, naive_relations(doc.text), naive)
    return {"split": split, "learned_cues": learned_cues,
            "documents": len(docs), "gold_relations": sum(len(d.relations) for d in docs),
            "seconds": round(seconds, 1), "stage_seconds": stages, "scores": tally.report(),
            "baseline": naive.report(), "source_misses": misses}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", type=Path, help="write the scores and the wrong sources here")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--workdir", type=Path, help="keep the input files and the ledger here")
    parser.add_argument("--rules-only", action="store_true", help="run without the learned_cues tagger")
    args = parser.parse_args(argv)
    if not (args.data / args.split / "text").is_dir():
        print(f"no PolNeAR split at {args.data / args.split}", file=sys.stderr)
        return 2
    result = evaluate(args.data, args.split, args.limit, workdir=args.workdir,
                      learned_cues=not args.rules_only)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"PolNeAR {result['split']}: {result['documents']} documents, {result['gold_relations']} gold "
          f"relations; Fogwatch ({'rules only' if args.rules_only else 'learned_cues on'}) run and export "
          f"{result['seconds']} s {result['stage_seconds']}")
    print(f"{'':32} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'pred':>6} {'gold':>6}   naive baseline: P R F1")
    for key, v in result["scores"].items():
        b = result["baseline"][key]
        if key.startswith("speech_cue_recall"):
            print(f"{key:32} {'':>6} {v['r']:6.3f} {'':>6} {v['tp']:6} {'':>6} {v['gold']:6}   "
                  f"{'':>6} {b['r']:6.3f}")
            continue
        print(f"{key:32} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['tp']:6} {v['pred']:6} "
              f"{v['gold']:6}   {b['p']:6.3f} {b['r']:6.3f} {b['f1']:6.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
